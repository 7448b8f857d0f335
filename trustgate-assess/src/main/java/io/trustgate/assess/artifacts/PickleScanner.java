package io.trustgate.assess.artifacts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads pickle streams (protocols 0 to 5) opcode by opcode, without unpickling, and reports the callables they import
 * and call. Threat: a pickle is a program; {@code GLOBAL}/{@code STACK_GLOBAL}/{@code INST} import any callable and
 * {@code REDUCE}/{@code OBJ}/{@code INST} call it, so loading a model file runs code (OWASP LLM03 supply chain).
 * The reader keeps a symbolic stack and memo so that STACK_GLOBAL names built from strings stored and fetched through
 * the memo (BINPUT/BINGET/MEMOIZE) are resolved, reads every pickle in a concatenation (legacy PyTorch files hold
 * five; an attacker can append one), and reports truncated or invalid streams instead of failing. Cost: one pass,
 * linear in the stream, O(stack + memo) memory, both capped. Limits: the allow-list decides; a safe callable used in
 * an unexpected way is not flagged, an unknown harmless one is (MEDIUM or HIGH). Values computed at load time are not
 * evaluated, so a callable obtained from another call is reported as a dynamic call rather than by name.
 */
final class PickleScanner {
    static final String NAME = "pickle";
    private static final Pattern DOTTED = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
    private static final int MAX_LINE = 1 << 16;
    private static final int MAX_STACK = 1 << 20;
    private static final int MAX_MEMO = 4 << 20;
    /** Memo keys below this live in an array (at most 128 MiB of references, grown on demand). */
    private static final int ARRAY_MEMO = 16 << 20;

    private static final Object MARK = new Object();
    private static final Object ANY = new Object();

    /** A string pushed on the stack (module or name candidates). */
    private record Str(String s) {}

    /** A callable imported by GLOBAL, STACK_GLOBAL or INST. */
    private static final class Glob {
        final String module;
        final String name;
        final long offset;
        final long index;
        boolean called;
        boolean built;
        boolean mutated;

        Glob(String module, String name, long offset, long index) {
            this.module = module;
            this.name = name;
            this.offset = offset;
            this.index = index;
        }
    }

    /** The result of calling something: remembers what was called, for dynamic-call reporting. */
    private record Result(Object origin) {}

    private PickleScanner() {}

    /**
     * True when the bytes are a pickle from their first byte: a PROTO 2-5 header, or a trial parse without one.
     * PROTO is optional in every protocol (Python's unpickler accepts any opcode first), so recognition never
     * depends on it.
     */
    static boolean sniff(Blob b) {
        int b0 = b.u8(0);
        int b1 = b.u8(1);
        if (b0 == 0x80 && b1 >= 2 && b1 <= 5) {
            return true;
        }
        return trial(b) != null;
    }

    /**
     * Parses from offset 0 with a throw-away job and returns its findings when the bytes are a pickle, else null. A
     * pickle: the parse reaches STOP (with a value on the stack, as Python requires), or reads the trial budget
     * without an error, or meets a callable worth HIGH or more before it fails (Python has run it by then).
     */
    private static List<ArtifactFinding> trial(Blob b) {
        int b0 = b.u8(0);
        if (b0 < 0 || b0 == '.') {
            return null;
        }
        ScanJob probe = new ScanJob("", TRIAL_LIMITS);
        Reader r = new Reader(probe, b, "", false);
        long end = r.pickle(0);
        List<ArtifactFinding> found = probe.findings();
        boolean pickle = end == -2
                || r.error.equals(OPCODE_LIMIT)
                || found.stream().anyMatch(f -> f.severity().atLeast(Severity.HIGH));
        return pickle ? found : null;
    }

    /** The trial parse reads at most this many opcodes: enough to tell a pickle from noise, cheap on any file. */
    private static final ScanLimits TRIAL_LIMITS = new ScanLimits(1, 1, 2, 1, 1, 1_000_000, 1);

    private static final String OPCODE_LIMIT = "opcode limit reached";

    /** True when the first opcode is plausible for a protocol 0/1 pickle (used with a pickle-like file name). */
    static boolean plausible(Blob b) {
        int b0 = b.u8(0);
        return b0 == 0x80 || (b0 >= 0 && OPENERS.indexOf(b0) >= 0);
    }

    private static final String OPENERS = "(]}c)NIFLSViKJMXqpgh";

    /**
     * Scans every pickle in the blob from offset 0. Strict mode reports malformed streams; weak mode (used when only
     * the header suggested a pickle, e.g. raw tensor data) reports only callables with valid dotted names.
     *
     * @return the number of complete pickles read
     */
    static int scan(ScanJob job, Blob data, String entry, boolean strict) {
        Reader r = new Reader(job, data, entry, strict);
        long pos = 0;
        int complete = 0;
        while (pos < data.size() && complete < 10_000) {
            long end = r.pickle(pos);
            if (end == -2) {
                end = r.end;
            }
            if (end < 0) {
                if (strict && (complete == 0 || r.reported > 0)) {
                    job.add(
                            Severity.MEDIUM,
                            Rule.PICKLE_MALFORMED,
                            NAME,
                            (complete == 0 ? "pickle" : "pickle #" + (complete + 1)) + " is invalid: " + r.error,
                            entry,
                            r.errorAt,
                            r.errorIndex);
                }
                break;
            }
            complete++;
            pos = end;
            // Legacy PyTorch files carry raw tensor bytes after their pickles: stop where no pickle starts.
            Blob rest = data.slice(pos, data.size() - pos);
            if (!(rest.u8(0) == 0x80 && rest.u8(1) >= 0 && rest.u8(1) <= 5) && !sniff(rest)) {
                break;
            }
        }
        return complete;
    }

    /**
     * Finds pickles embedded at any offset (PROTO 2-5 headers) and reports unsafe callables only. The start of the
     * data (where a caller knows something begins: bytes after the last tensor, after an array) is also tried
     * without a header, since PROTO is optional.
     */
    static void carve(ScanJob job, Blob data, String entry) {
        if (!(data.u8(0) == 0x80 && data.u8(1) >= 2 && data.u8(1) <= 5)) {
            List<ArtifactFinding> found = trial(data);
            if (found != null) {
                embedded(job, found, entry, 0);
            }
        }
        long n = Math.min(data.size(), 256L << 20);
        int tries = 0;
        for (long p = 0; p + 2 < n && tries < 2_000; p++) {
            if (data.u8(p) == 0x80) {
                int v = data.u8(p + 1);
                if (v >= 2 && v <= 5) {
                    tries++;
                    ScanJob probe = new ScanJob(job.file, job.limits);
                    Reader r = new Reader(probe, data.slice(p, data.size() - p), entry, false);
                    r.pickle(0);
                    embedded(job, probe.findings(), entry, p);
                }
            }
        }
    }

    private static void embedded(ScanJob job, List<ArtifactFinding> found, String entry, long p) {
        for (ArtifactFinding f : found) {
            if (f.rule() == Rule.PICKLE_UNSAFE_GLOBAL || f.rule() == Rule.PICKLE_DYNAMIC_CALL) {
                job.add(
                        f.severity(),
                        Rule.PICKLE_EMBEDDED,
                        NAME,
                        "embedded pickle at byte " + p + ": " + f.reason(),
                        entry,
                        p,
                        -1);
            }
        }
    }

    /** Reads one pickle; keeps the error of the last failure. */
    private static final class Reader {
        private final ScanJob job;
        private final Blob d;
        private final String entry;
        private final boolean strict;
        String error = "";
        long errorAt = -1;
        long errorIndex = -1;
        long end;
        int reported;

        Reader(ScanJob job, Blob d, String entry, boolean strict) {
            this.job = job;
            this.d = d;
            this.entry = entry;
            this.strict = strict;
        }

        private long fail(String why, long at, long index) {
            error = why;
            errorAt = at;
            errorIndex = index;
            return -1;
        }

        /**
         * Reads one pickle starting at start. Returns -2 with {@link #end} set when it reached STOP, -1 when invalid
         * (findings for the callables seen so far are still reported).
         */
        long pickle(long start) {
            List<Object> stack = new ArrayList<>();
            List<Integer> marks = new ArrayList<>();
            // The memo keeps only values that matter (strings, callables, call results); the keys of the rest are
            // remembered so that GET of a defined key stays valid. Python's memo is unbounded: large pickles of
            // plain data have millions of entries.
            Map<Long, Object> memo = new HashMap<>();
            Object[][] memoArr = {new Object[1024]};
            java.util.BitSet defined = new java.util.BitSet();
            java.util.Set<Long> definedLarge = new java.util.HashSet<>();
            long memoCount = 0;
            Map<String, Glob> globals = new LinkedHashMap<>();
            List<long[]> dynamicCalls = new ArrayList<>();
            long pos = start;
            long index = 0;
            long result;
            long size = d.size();
            long budget = job == null ? 1_000_000 : job.limits.maxOpcodes() - job.opcodes;
            try {
                while (true) {
                    if (index >= budget) {
                        result = fail(OPCODE_LIMIT, pos, index);
                        break;
                    }
                    int op = d.u8(pos);
                    long opAt = pos;
                    if (op < 0) {
                        result = fail("truncated: no STOP opcode", pos, index);
                        break;
                    }
                    pos++;
                    if (stack.size() > MAX_STACK || memo.size() > MAX_MEMO || memoCount > MAX_MEMO * 4L) {
                        result = fail("stack or memo too large", opAt, index);
                        break;
                    }
                    String err = null;
                    switch (op) {
                        case '(' -> {
                            marks.add(stack.size());
                            stack.add(MARK);
                        }
                        case '.' -> {
                            end = pos;
                            result = -2;
                            report(globals, dynamicCalls);
                            if (job != null) {
                                job.opcodes += index + 1;
                            }
                            return result;
                        }
                        case '0' -> err = pop(stack, marks, 1);
                        case '1' -> err = popMark(stack, marks) < 0 ? "POP_MARK without MARK" : null;
                        case '2' -> {
                            if (stack.isEmpty()) {
                                err = "DUP on empty stack";
                            } else {
                                stack.add(stack.get(stack.size() - 1));
                            }
                        }
                        case 'F', 'I', 'L', 'P' -> {
                            long e = lineEnd(pos);
                            if (e < 0) {
                                err = "unterminated line argument";
                            } else {
                                pos = e + 1;
                                stack.add(ANY);
                            }
                        }
                        case 'S', 'V' -> {
                            long e = lineEnd(pos);
                            if (e < 0) {
                                err = "unterminated string";
                            } else {
                                String s = d.ascii(pos, (int) (e - pos));
                                if (op == 'S' && s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"')) {
                                    s = s.substring(1, s.length() - 1);
                                }
                                // Decoded as pickle does, so o\u0073 and o\x73 are the "os" Python imports.
                                s = op == 'S' ? escapeDecode(s) : rawUnicodeEscape(s);
                                pos = e + 1;
                                stack.add(new Str(s));
                            }
                        }
                        case 'J' -> {
                            pos += 4;
                            stack.add(ANY);
                        }
                        case 'G' -> {
                            pos += 8;
                            stack.add(ANY);
                        }
                        case 'K' -> {
                            pos += 1;
                            stack.add(ANY);
                        }
                        case 'M' -> {
                            pos += 2;
                            stack.add(ANY);
                        }
                        case 0x8a, 0x8b -> {
                            long n = d.le(pos, op == 0x8a ? 1 : 4);
                            pos += op == 0x8a ? 1 : 4;
                            if (n < 0 || n > size - pos) {
                                err = "LONG length beyond the data";
                            } else {
                                pos += n;
                                stack.add(ANY);
                            }
                        }
                        case 'T', 'U', 'X', 0x8c, 0x8d, 'B', 'C', 0x8e, 0x96 -> {
                            int w = switch (op) {
                                case 'U', 0x8c, 'C' -> 1;
                                case 0x8d, 0x8e, 0x96 -> 8;
                                default -> 4;
                            };
                            long n = d.le(pos, w);
                            pos += w;
                            if (n < 0 || n > size - pos) {
                                err = "string length " + n + " beyond the data";
                            } else {
                                boolean text = op == 'T' || op == 'U' || op == 'X' || op == 0x8c || op == 0x8d;
                                if (text && n <= 4096) {
                                    byte[] raw = d.read(pos, (int) n);
                                    stack.add(new Str(new String(
                                            raw,
                                            op == 'T' || op == 'U'
                                                    ? StandardCharsets.ISO_8859_1
                                                    : StandardCharsets.UTF_8)));
                                } else {
                                    stack.add(ANY);
                                }
                                pos += n;
                            }
                        }
                        case 'N', 0x88, 0x89, ']', ')', '}', 0x8f, 0x97 -> stack.add(ANY);
                        case 0x98 -> err = stack.isEmpty() ? "READONLY_BUFFER on empty stack" : null;
                        case 'a' -> err = pop(stack, marks, 1);
                        case 's' -> err = pop(stack, marks, 2);
                        case 'e', 'u', 0x90 -> err = popMark(stack, marks) < 0 ? "missing MARK" : null;
                        case 'l', 't', 'd', 0x91 -> {
                            if (popMark(stack, marks) < 0) {
                                err = "missing MARK";
                            } else {
                                stack.add(ANY);
                            }
                        }
                        case 0x85, 0x86, 0x87 -> {
                            err = pop(stack, marks, op - 0x84);
                            if (err == null) {
                                stack.add(ANY);
                            }
                        }
                        case 'c', 'i' -> {
                            long e1 = lineEnd(pos);
                            long e2 = e1 < 0 ? -1 : lineEnd(e1 + 1);
                            if (e2 < 0) {
                                err = "unterminated GLOBAL/INST argument";
                            } else {
                                String module = d.ascii(pos, (int) (e1 - pos));
                                String name = d.ascii(e1 + 1, (int) (e2 - e1 - 1));
                                pos = e2 + 1;
                                Glob g = global(globals, module, name, opAt, index);
                                if (op == 'i') {
                                    if (popMark(stack, marks) < 0) {
                                        err = "INST without MARK";
                                    } else {
                                        if (g != null) {
                                            g.called = true;
                                        }
                                        stack.add(new Result(g == null ? ANY : g));
                                    }
                                } else {
                                    stack.add(g == null ? ANY : g);
                                }
                            }
                        }
                        case 0x93 -> {
                            if (stack.size() < 2 || top(stack, 0) == MARK || top(stack, 1) == MARK) {
                                err = "STACK_GLOBAL needs two values";
                            } else {
                                Object name = stack.remove(stack.size() - 1);
                                Object module = stack.remove(stack.size() - 1);
                                if (module instanceof Str m && name instanceof Str n) {
                                    Glob g = global(globals, m.s(), n.s(), opAt, index);
                                    stack.add(g == null ? ANY : g);
                                } else {
                                    // A name the reader could not resolve is reported: loaders resolve it at run time.
                                    if (strict || job == null) {
                                        Glob g = global(globals, "?", "(unresolved STACK_GLOBAL)", opAt, index);
                                        stack.add(g == null ? ANY : g);
                                    } else {
                                        stack.add(ANY);
                                    }
                                }
                            }
                        }
                        case 'R' -> {
                            if (stack.size() < 2 || top(stack, 0) == MARK || top(stack, 1) == MARK) {
                                err = "REDUCE needs two values";
                            } else {
                                stack.remove(stack.size() - 1);
                                Object f = stack.remove(stack.size() - 1);
                                called(f, opAt, index, dynamicCalls);
                                stack.add(new Result(f));
                            }
                        }
                        case 'b' -> {
                            if (stack.size() < 2 || top(stack, 0) == MARK) {
                                err = "BUILD needs two values";
                            } else {
                                stack.remove(stack.size() - 1);
                                if (top(stack, 0) instanceof Result res && res.origin() instanceof Glob g) {
                                    g.built = true;
                                } else if (top(stack, 0) instanceof Glob g) {
                                    // BUILD on an imported module or class rewrites its attributes for later lookups.
                                    g.mutated = true;
                                }
                            }
                        }
                        case 'o' -> {
                            int m = popMarkKeep(stack, marks);
                            if (m < 0 || stack.size() <= m) {
                                err = "OBJ without class";
                            } else {
                                Object cls = stack.get(m);
                                while (stack.size() > m) {
                                    stack.remove(stack.size() - 1);
                                }
                                called(cls, opAt, index, dynamicCalls);
                                stack.add(new Result(cls));
                            }
                        }
                        case 0x81, 0x92 -> {
                            int n = op == 0x81 ? 2 : 3;
                            if (stack.size() < n) {
                                err = "NEWOBJ needs " + n + " values";
                            } else {
                                Object cls = top(stack, n - 1);
                                err = pop(stack, marks, n);
                                if (cls instanceof Glob g) {
                                    g.built = true;
                                }
                                stack.add(new Result(cls));
                            }
                        }
                        case 0x82, 0x83, 0x84 -> {
                            int w = op == 0x82 ? 1 : op == 0x83 ? 2 : 4;
                            long code = d.le(pos, w);
                            pos += w;
                            if (job != null) {
                                job.add(
                                        Severity.HIGH,
                                        Rule.PICKLE_EXTENSION,
                                        NAME,
                                        "extension code " + code + " names a callable registered at load time",
                                        entry,
                                        opAt,
                                        index);
                                reported++;
                            }
                            stack.add(ANY);
                        }
                        case 'Q' -> {
                            err = pop(stack, marks, 1);
                            if (err == null) {
                                stack.add(ANY);
                            }
                        }
                        case 'p', 'q', 'r', 0x94 -> {
                            long key;
                            if (op == 'p') {
                                long e = lineEnd(pos);
                                if (e < 0) {
                                    err = "unterminated PUT";
                                    break;
                                }
                                key = parseLong(d.ascii(pos, (int) (e - pos)));
                                pos = e + 1;
                            } else if (op == 0x94) {
                                key = memoCount;
                            } else {
                                key = d.le(pos, op == 'q' ? 1 : 4);
                                pos += op == 'q' ? 1 : 4;
                            }
                            if (stack.isEmpty() || top(stack, 0) == MARK) {
                                err = "memo store from empty stack";
                            } else {
                                boolean fresh = key >= 0 && key < Integer.MAX_VALUE
                                        ? !defined.get((int) key)
                                        : definedLarge.size() < MAX_MEMO && definedLarge.add(key);
                                if (key >= 0 && key < Integer.MAX_VALUE) {
                                    defined.set((int) key);
                                }
                                if (fresh) {
                                    memoCount++;
                                }
                                Object v = top(stack, 0);
                                if (v instanceof Str str && str.s().length() > 256) {
                                    v = ANY;
                                }
                                if (key >= 0 && key < ARRAY_MEMO) {
                                    // Keys are nearly always 0, 1, 2...: an array beats boxing every key.
                                    int k = (int) key;
                                    if (k >= memoArr[0].length) {
                                        memoArr[0] = java.util.Arrays.copyOf(
                                                memoArr[0],
                                                Math.min(ARRAY_MEMO, Math.max(k + 1, memoArr[0].length * 2)));
                                    }
                                    memoArr[0][k] = v == ANY ? null : v;
                                } else if (v == ANY) {
                                    memo.remove(key);
                                } else {
                                    memo.put(key, v);
                                }
                            }
                        }
                        case 'g', 'h', 'j' -> {
                            long key;
                            if (op == 'g') {
                                long e = lineEnd(pos);
                                if (e < 0) {
                                    err = "unterminated GET";
                                    break;
                                }
                                key = parseLong(d.ascii(pos, (int) (e - pos)));
                                pos = e + 1;
                            } else {
                                key = d.le(pos, op == 'h' ? 1 : 4);
                                pos += op == 'h' ? 1 : 4;
                            }
                            boolean isDefined = key >= 0 && key < Integer.MAX_VALUE
                                    ? defined.get((int) key)
                                    : definedLarge.contains(key);
                            if (!isDefined) {
                                err = "memo key " + key + " not defined";
                            } else {
                                Object v;
                                if (key >= 0 && key < ARRAY_MEMO) {
                                    v = key < memoArr[0].length ? memoArr[0][(int) key] : null;
                                } else {
                                    v = memo.get(key);
                                }
                                stack.add(v == null ? ANY : v);
                            }
                        }
                        case 0x80 -> {
                            int v = d.u8(pos);
                            pos++;
                            if (v < 0 || v > 5) {
                                err = "unsupported protocol " + v;
                            }
                        }
                        case 0x95 -> {
                            long n = d.le(pos, 8);
                            pos += 8;
                            if (n < 0 || n > size - pos) {
                                err = "FRAME length " + n + " beyond the data";
                            }
                        }
                        default -> err = String.format("unknown opcode 0x%02x", op);
                    }
                    if (pos > size) {
                        err = "truncated argument";
                    }
                    if (err != null) {
                        result = fail(err, opAt, index);
                        break;
                    }
                    index++;
                }
            } catch (RuntimeException e) {
                // Bounded structures only; any surprise in the reader is a malformed stream, never a crash.
                result = fail("reader error " + e.getClass().getSimpleName(), pos, index);
            }
            report(globals, dynamicCalls);
            if (job != null) {
                job.opcodes += index + 1;
            }
            return result;
        }

        private Glob global(Map<String, Glob> globals, String module, String name, long at, long index) {
            if (!strict
                    && job != null
                    && !(DOTTED.matcher(module).matches()
                            && DOTTED.matcher(name).matches())) {
                return null;
            }
            String m = module.length() > 200 ? module.substring(0, 200) + "..." : module;
            String n = name.length() > 200 ? name.substring(0, 200) + "..." : name;
            return globals.computeIfAbsent(m + "\u0000" + n, k -> new Glob(m, n, at, index));
        }

        private void called(Object f, long at, long index, List<long[]> dynamicCalls) {
            if (f instanceof Glob g) {
                g.called = true;
            } else if (f instanceof Result) {
                dynamicCalls.add(new long[] {at, index});
            }
        }

        private void report(Map<String, Glob> globals, List<long[]> dynamicCalls) {
            if (job == null) {
                return;
            }
            for (Glob g : globals.values()) {
                String what = g.module + "." + g.name;
                if (g.mutated) {
                    job.add(
                            Severity.CRITICAL,
                            Rule.PICKLE_GLOBAL_STATE,
                            NAME,
                            "BUILD rewrites attributes of the imported " + what
                                    + " (later imports see attacker values)",
                            entry,
                            g.offset,
                            g.index);
                    reported++;
                }
                switch (PickleGlobals.classify(g.module, g.name)) {
                    case SAFE -> {}
                    case UNSAFE -> {
                        job.add(
                                Severity.CRITICAL,
                                Rule.PICKLE_UNSAFE_GLOBAL,
                                NAME,
                                "imports " + what + (g.called ? " and calls it" : ""),
                                entry,
                                g.offset,
                                g.index);
                        reported++;
                    }
                    case UNKNOWN -> {
                        job.add(
                                g.called ? Severity.HIGH : Severity.MEDIUM,
                                Rule.PICKLE_UNKNOWN_GLOBAL,
                                NAME,
                                (g.called ? "calls " : "imports ") + what + " (not on the allow-list)",
                                entry,
                                g.offset,
                                g.index);
                        reported++;
                    }
                }
            }
            globals.clear();
            if (!dynamicCalls.isEmpty()) {
                long[] first = dynamicCalls.get(0);
                job.add(
                        Severity.HIGH,
                        Rule.PICKLE_DYNAMIC_CALL,
                        NAME,
                        dynamicCalls.size() + " call(s) of a value returned by another call (gadget chain)",
                        entry,
                        first[0],
                        first[1]);
                reported++;
                dynamicCalls.clear();
            }
        }

        private long lineEnd(long from) {
            long lim = Math.min(d.size(), from + MAX_LINE);
            for (long p = from; p < lim; p++) {
                if (d.u8(p) == '\n') {
                    return p;
                }
            }
            return -1;
        }
    }

    private static Object top(List<Object> stack, int k) {
        return stack.get(stack.size() - 1 - k);
    }

    private static String pop(List<Object> stack, List<Integer> marks, int n) {
        for (int i = 0; i < n; i++) {
            if (stack.isEmpty()) {
                return "stack underflow";
            }
            Object o = stack.remove(stack.size() - 1);
            if (o == MARK) {
                if (n > 1) {
                    return "MARK where a value was expected";
                }
                marks.remove(marks.size() - 1);
            }
        }
        return null;
    }

    /** Pops down to and including the last MARK; returns the stack size after, or -1 without a MARK. */
    private static int popMark(List<Object> stack, List<Integer> marks) {
        int m = popMarkKeep(stack, marks);
        if (m < 0) {
            return -1;
        }
        while (stack.size() > m) {
            stack.remove(stack.size() - 1);
        }
        return m;
    }

    /** Removes the last MARK (keeping the values above it in place); returns where it was, or -1. */
    private static int popMarkKeep(List<Object> stack, List<Integer> marks) {
        if (marks.isEmpty()) {
            return -1;
        }
        int m = marks.remove(marks.size() - 1);
        if (m >= stack.size() || stack.get(m) != MARK) {
            return -1;
        }
        stack.remove(m);
        return m;
    }

    /**
     * Python's {@code codecs.escape_decode}, which pickle applies to STRING ({@code S}) operands: {@code \\xhh},
     * octal, and the one-letter escapes; an unknown escape keeps its backslash, a bad {@code \\x} keeps the text (the
     * loader fails on it, so the name does not matter).
     */
    static String escapeDecode(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder o = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                o.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case '\n' -> {}
                case '\\', '\'', '"' -> o.append(n);
                case 'a' -> o.append('\u0007');
                case 'b' -> o.append('\b');
                case 'f' -> o.append('\f');
                case 'n' -> o.append('\n');
                case 'r' -> o.append('\r');
                case 't' -> o.append('\t');
                case 'v' -> o.append('\u000b');
                case 'x' -> {
                    int v = i + 2 < s.length() ? hex(s, i + 1, 2) : -1;
                    if (v < 0) {
                        return s;
                    }
                    o.append((char) v);
                    i += 2;
                }
                default -> {
                    if (n >= '0' && n <= '7') {
                        int v = n - '0';
                        for (int k = 0; k < 2 && i + 1 < s.length(); k++) {
                            char m = s.charAt(i + 1);
                            if (m < '0' || m > '7') {
                                break;
                            }
                            v = v * 8 + (m - '0');
                            i++;
                        }
                        o.append((char) (v & 0xff));
                    } else {
                        o.append('\\').append(n);
                    }
                }
            }
        }
        return o.toString();
    }

    /**
     * Python's {@code raw-unicode-escape} decoding, which pickle applies to UNICODE ({@code V}) operands: only
     * {@code \\uXXXX} and {@code \\UXXXXXXXX} are escapes; every other byte is its Latin-1 character.
     */
    static String rawUnicodeEscape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder o = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == 'U')) {
                int w = s.charAt(i + 1) == 'u' ? 4 : 8;
                int v = i + 1 + w < s.length() ? hex(s, i + 2, w) : -1;
                if (v < 0 || !Character.isValidCodePoint(v)) {
                    return s; // Python refuses the stream: keep the literal text
                }
                o.appendCodePoint(v);
                i += 1 + w;
            } else {
                o.append(c);
            }
        }
        return o.toString();
    }

    /** The value of n hex digits at from, or -1. */
    private static int hex(String s, int from, int n) {
        long v = 0;
        for (int k = from; k < from + n; k++) {
            int h = Character.digit(s.charAt(k), 16);
            if (h < 0) {
                return -1;
            }
            v = v * 16 + h;
        }
        return v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
