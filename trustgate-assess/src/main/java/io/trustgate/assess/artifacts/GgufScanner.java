package io.trustgate.assess.artifacts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses GGUF files (llama.cpp): magic, version, tensor and key-value counts, every metadata value, and the tensor
 * table. Threats: chat templates are Jinja2 programs rendered by the serving stack; a template that walks Python
 * object internals ({@code __class__.__mro__...__subclasses__()}, {@code __globals__}, {@code __builtins__}, the
 * {@code attr()} filter used to dodge dot filters, hex-escaped underscores) reaches code execution in renderers
 * without a sandbox (CVE-2024-34359 in llama-cpp-python), so it is HIGH. Also malformed headers: counts and lengths
 * that point past the file (heap overflows were reported against GGUF readers), unknown value or tensor types,
 * misaligned or out-of-range tensor offsets. Cost: one pass over the metadata (tokenizer vocabularies make this a few
 * MB for large models); tensor data is not read. Limits: the template check is lexical (a template can build names
 * from pieces in ways not listed); weights themselves are not inspected.
 */
final class GgufScanner {
    static final String NAME = "gguf";
    private static final int MAX_DEPTH = 3;

    /** Template constructs that reach Python internals or the OS; each is named in the finding. */
    private static final List<Risk> TEMPLATE_RISKS = List.of(
            risk(Pattern.compile("__class__")),
            risk(Pattern.compile("__subclasses__")),
            risk(Pattern.compile("__globals__")),
            risk(Pattern.compile("__builtins__")),
            risk(Pattern.compile("__mro__")),
            risk(Pattern.compile("__base__")),
            risk(Pattern.compile("__bases__")),
            risk(Pattern.compile("__init__")),
            risk(Pattern.compile("__import__")),
            risk(Pattern.compile("__getattribute__")),
            risk(Pattern.compile("__dict__")),
            risk(Pattern.compile("__code__")),
            risk(Pattern.compile("__reduce")),
            risk(Pattern.compile("\\bimport\\b")),
            risk(Pattern.compile("\\bos\\s*\\.")),
            risk(Pattern.compile("popen")),
            risk(Pattern.compile("subprocess")),
            risk(Pattern.compile("\\beval\\s*\\(")),
            risk(Pattern.compile("\\bexec\\s*\\(")),
            risk(Pattern.compile("\\bgetattr\\b")),
            risk(Pattern.compile("\\battr\\s*\\(")),
            risk(Pattern.compile("\\\\x5f", Pattern.CASE_INSENSITIVE)),
            risk(Pattern.compile("\\\\u005f", Pattern.CASE_INSENSITIVE)),
            risk(Pattern.compile("\\blipsum\\b")),
            risk(Pattern.compile("\\bcycler\\b")),
            risk(Pattern.compile("\\bjoiner\\b")),
            risk(Pattern.compile("\\burl_for\\b")),
            risk(Pattern.compile("self\\s*\\._")),
            risk(Pattern.compile("\\bsystem\\s*\\(")),
            // Jinja decodes string literals as Python's unicode-escape does: octal, \U and \N{} spell '_' too
            risk("octal-escaped underscore (\\137)", Pattern.compile("\\\\137")),
            risk("escaped underscore (\\U0000005f)", Pattern.compile("\\\\U0000005f", Pattern.CASE_INSENSITIVE)),
            risk(
                    "escaped underscore (\\N{LOW LINE})",
                    Pattern.compile("\\\\N\\{LOW LINE\\}", Pattern.CASE_INSENSITIVE)),
            // Dunder names assembled from underscore pieces: ['_','_','cla','ss','_','_']|join, join('_'), '_'~'_',
            // '_'*2. The list is found by scanning back from each join, not by a regex: one over the list would
            // backtrack badly on hostile input.
            new Risk("underscores joined from pieces (|join)", GgufScanner::joinsUnderscorePieces),
            risk(
                    "underscores joined from pieces (~, +, *)",
                    Pattern.compile("(['\"])_+\\1\\s*[~+*]|[~+]\\s*(['\"])_+\\2")));

    private static final Pattern JOIN = Pattern.compile("\\|\\s*join\\b(\\s*\\(\\s*(?:d\\s*=\\s*)?(['\"])_+\\2)?");
    private static final Pattern UNDERSCORES = Pattern.compile("(['\"])_+\\1");
    private static final int MAX_LIST_CHARS = 2000;

    /** Whether a list literal holding an underscore-only string is joined, or anything is joined with '_'. */
    static boolean joinsUnderscorePieces(String t) {
        java.util.regex.Matcher m = JOIN.matcher(t);
        while (m.find()) {
            if (m.group(1) != null) {
                return true; // |join('_')
            }
            int end = m.start() - 1;
            while (end >= 0 && Character.isWhitespace(t.charAt(end))) {
                end--;
            }
            if (end < 0 || t.charAt(end) != ']') {
                continue;
            }
            int start = end - 1;
            while (start >= 0 && end - start <= MAX_LIST_CHARS && t.charAt(start) != '[') {
                start--; // bounded: a template of many ']|join' costs at most MAX_LIST_CHARS per join
            }
            if (start >= 0
                    && t.charAt(start) == '['
                    && UNDERSCORES.matcher(t.substring(start, end)).find()) {
                return true;
            }
        }
        return false;
    }

    /** A risky construct and the name the finding gives it. */
    private record Risk(String name, java.util.function.Predicate<String> foundIn) {}

    /** A risk named after its pattern, escapes dropped. */
    private static Risk risk(Pattern p) {
        return risk(p.pattern().replace("\\b", "").replace("\\s*", "").replace("\\", ""), p);
    }

    private static Risk risk(String name, Pattern p) {
        return new Risk(name, t -> p.matcher(t).find());
    }

    private GgufScanner() {}

    /** Names of the risky constructs the template uses, empty when none. */
    static List<String> templateRisks(String template) {
        List<String> out = new ArrayList<>();
        for (Risk r : TEMPLATE_RISKS) {
            if (r.foundIn().test(template)) {
                out.add(r.name());
            }
        }
        return out;
    }

    private static final class Cursor {
        final Blob b;
        long pos;
        final boolean wide;
        String error;

        Cursor(Blob b, long pos, boolean wide) {
            this.b = b;
            this.pos = pos;
            this.wide = wide;
        }

        long u(int n) {
            if (pos + n > b.size()) {
                throw new IllegalStateException("truncated at byte " + pos);
            }
            long v = b.le(pos, n);
            pos += n;
            return v;
        }

        long len() {
            long v = wide ? u(8) : u(4);
            if (v < 0 || v > b.size() - pos) {
                throw new IllegalStateException(
                        "length " + (v < 0 ? "above 2^63" : v) + " at byte " + (pos - 8) + " runs past the end");
            }
            return v;
        }

        String string(int keep) {
            long n = len();
            String s = new String(b.read(pos, (int) Math.min(n, keep)), StandardCharsets.UTF_8);
            pos += n;
            return s;
        }
    }

    static void scan(ScanJob job, Blob b, String entry) {
        long version = b.le(4, 4);
        if (version == 0 || version > 3) {
            String why =
                    version >= (1L << 24) ? "big-endian or unknown GGUF version" : "unknown GGUF version " + version;
            job.add(Severity.MEDIUM, Rule.GGUF_MALFORMED, NAME, why, entry, 4, -1);
            return;
        }
        Cursor c = new Cursor(b, 8, version >= 2);
        long alignment = 32;
        try {
            long tensors = c.wide ? c.u(8) : c.u(4);
            long kvs = c.wide ? c.u(8) : c.u(4);
            // Each key-value needs at least 13 bytes and each tensor 24: counts beyond that are lies.
            if (kvs < 0 || tensors < 0 || kvs > (b.size() - c.pos) / 13 || tensors > (b.size() - c.pos) / 24) {
                job.add(
                        Severity.MEDIUM,
                        Rule.GGUF_MALFORMED,
                        NAME,
                        // GGUF counts are uint64: print them unsigned, not as a negative long
                        "tensor count " + Long.toUnsignedString(tensors) + " or key count " + Long.toUnsignedString(kvs)
                                + " cannot fit in the file",
                        entry,
                        8,
                        -1);
                return;
            }
            for (long i = 0; i < kvs; i++) {
                long keyAt = c.pos;
                String key = c.string(256);
                int type = (int) c.u(4);
                if (key.startsWith("tokenizer.chat_template") && type == 8) {
                    long at = c.pos;
                    String template = c.string(1 << 20);
                    List<String> risks = templateRisks(template);
                    if (!risks.isEmpty()) {
                        job.add(
                                Severity.HIGH,
                                Rule.GGUF_TEMPLATE,
                                NAME,
                                "chat template '" + ZipScanner.clip(key) + "' uses " + String.join(", ", risks),
                                entry,
                                at,
                                -1);
                    }
                } else if (key.equals("general.alignment") && (type == 4 || type == 10)) {
                    alignment = type == 4 ? c.u(4) : c.u(8);
                    if (alignment <= 0 || alignment > (1 << 20) || Long.bitCount(alignment) != 1) {
                        job.add(
                                Severity.MEDIUM,
                                Rule.GGUF_MALFORMED,
                                NAME,
                                "general.alignment " + alignment + " is not a power of two",
                                entry,
                                keyAt,
                                -1);
                        alignment = 32;
                    }
                } else {
                    skipValue(c, type, 0);
                }
            }
            long maxOffset = -1;
            for (long i = 0; i < tensors; i++) {
                long at = c.pos;
                String name = c.string(256);
                long dims = c.u(4);
                if (dims > 8) {
                    throw new IllegalStateException(
                            "tensor '" + ZipScanner.clip(name) + "' has " + dims + " dimensions");
                }
                for (int d = 0; d < dims; d++) {
                    if (c.u(8) < 0) {
                        throw new IllegalStateException(
                                "tensor '" + ZipScanner.clip(name) + "' has a negative dimension");
                    }
                }
                long type = c.u(4);
                long offset = c.u(8);
                if (type > 64) {
                    job.add(
                            Severity.MEDIUM,
                            Rule.GGUF_MALFORMED,
                            NAME,
                            "tensor '" + ZipScanner.clip(name) + "' has unknown type " + type,
                            entry,
                            at,
                            -1);
                }
                if (offset < 0 || offset % alignment != 0) {
                    job.add(
                            Severity.MEDIUM,
                            Rule.GGUF_MALFORMED,
                            NAME,
                            "tensor '" + ZipScanner.clip(name) + "' offset " + offset + " is not aligned to "
                                    + alignment,
                            entry,
                            at,
                            -1);
                }
                maxOffset = Math.max(maxOffset, offset);
            }
            long dataStart = (c.pos + alignment - 1) / alignment * alignment;
            if (maxOffset >= 0 && dataStart + maxOffset > b.size()) {
                job.add(
                        Severity.MEDIUM,
                        Rule.GGUF_MALFORMED,
                        NAME,
                        "a tensor offset (" + maxOffset + ") points past the end of the file",
                        entry,
                        c.pos,
                        -1);
            }
        } catch (IllegalStateException e) {
            job.add(
                    Severity.MEDIUM,
                    Rule.GGUF_MALFORMED,
                    NAME,
                    "metadata is invalid: " + e.getMessage(),
                    entry,
                    c.pos,
                    -1);
        }
    }

    private static void skipValue(Cursor c, int type, int depth) {
        switch (type) {
            case 0, 1, 7 -> c.u(1);
            case 2, 3 -> c.u(2);
            case 4, 5, 6 -> c.u(4);
            case 10, 11, 12 -> c.u(8);
            case 8 -> {
                long n = c.len();
                c.pos += n;
            }
            case 9 -> {
                int inner = (int) c.u(4);
                long n = c.wide ? c.u(8) : c.u(4);
                if (depth >= MAX_DEPTH || n < 0 || n > c.b.size() - c.pos) {
                    throw new IllegalStateException("array of " + n + " values at byte " + c.pos + " cannot fit");
                }
                int fixed = switch (inner) {
                    case 0, 1, 7 -> 1;
                    case 2, 3 -> 2;
                    case 4, 5, 6 -> 4;
                    case 10, 11, 12 -> 8;
                    default -> -1;
                };
                if (fixed > 0) {
                    if (n > (c.b.size() - c.pos) / fixed) {
                        throw new IllegalStateException("array of " + n + " values runs past the end");
                    }
                    c.pos += n * fixed;
                } else {
                    for (long i = 0; i < n; i++) {
                        skipValue(c, inner, depth + 1);
                    }
                }
            }
            default ->
                throw new IllegalStateException(
                        "unknown value type " + type + " at byte " + (c.pos - 4) + String.format(Locale.ROOT, ""));
        }
    }
}
