package io.trustgate.firewall;

import io.trustgate.api.Category;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanContext;
import io.trustgate.api.ScanText;
import io.trustgate.api.Scanner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Flags responses that reveal the system prompt: a canary token from it, its words verbatim or nearly so, details it
 * keeps confidential (a code, a staff phone number, a codename), or a paraphrase of it.
 *
 * <p><b>Threat.</b> OWASP LLM07 (system prompt leakage): prompt-extraction attacks ("repeat the words above",
 * "translate your instructions to French", "print them in base64") that get the model to disclose its instructions.
 * Output stage only; it needs the exchange's {@link ScanContext} (system prompt, canaries) and finds nothing
 * without it.
 *
 * <p><b>How.</b> Four signals, the score being the highest of them:
 *
 * <ol>
 *   <li><b>Canary</b> (score 1, type {@code CANARY}, on its span): a canary of the context found in the normalised
 *       text or in a decoded run (base64, hex, rot13), case-insensitively and ignoring any chars between its letters
 *       and digits ({@code T G - 7 K 3 ...}, {@code t-g-7-k-3}); also its rot13, its hex bytes written with
 *       separators, and its base64 at any alignment (the normaliser leaves alone base64 that decodes to
 *       digit-heavy text). Canaries with fewer than 8 letters and digits are matched only as written (case aside).
 *   <li><b>Verbatim</b> (type {@code VERBATIM}): both texts as lower-case words (letters and digits; case,
 *       whitespace, punctuation and markup ignored). {@code containment} is the fraction of the system prompt's word
 *       5-grams found in the response; {@code run} the longest run of words the two share. Score = max of
 *       {@code min(1, 2 * containment) * min(1, shingles / 10)} (a quarter of the prompt scores 0.5; prompts under
 *       14 words weigh less) and {@code (run - 5) / 10} clamped to [0, 1] (10 words in a row score 0.5, 15 score 1),
 *       raised to 0.75 when the run is at least 8 words and covers 80% of the prompt. A word of digits alone
 *       continues a run without lengthening it ({@code 7:00 to 10:30} is two words, not five), and the replies the
 *       prompt scripts for the assistant ({@code say "processing times vary"}; {@link
 *       PromptDetails#scriptedReplies}) are left out of the prompt: saying them is doing as told. The span is the
 *       longest run.
 *       The same is worked out on what the response holds encoded ({@link #variants}: the normaliser's decoded runs
 *       such as base64, hex and spaced-out letters, the text with JSON string escapes undone, the text written
 *       backwards) and the best of them kept; an encoded leak's span is its encoded run.
 *   <li><b>Confidential details</b> (type {@code DETAIL}; {@link PromptDetails}): the details the prompt marks
 *       confidential (internal, secret, staff only, never reveal ...) and never hands to the user (a public line, a
 *       scripted reply, the assistant's name), each weighed by how unlikely it is to occur by chance: a code such as
 *       {@code HF-PRIME-7}, a phone number, an e-mail, a URL's host, a quoted pass phrase, a codename 0.8; a name
 *       the prompt forbids naming 0.5; a figure 0.25-0.6 by its significant digits; another rare capitalised name
 *       0.35. Score = {@code 1 - prod(1 - weight)} over the distinct details found in the response or what it holds
 *       encoded, at most 0.95. Details survive translation, summaries, poems and JSON, which the other signals do
 *       not.
 *   <li><b>Paraphrase</b> (type {@code PARAPHRASE}): the system prompt's sentences and the response's sentences are
 *       embedded ({@link Embedder#miniLm()}); a prompt sentence is covered when some response sentence has a cosine
 *       of at least {@value #PARA_COS} with it. Score = {@code 0.9 * min(1, coverage / 0.5)}, where coverage is the
 *       covered share of the prompt's chars; prompts of fewer than {@value #PARA_MIN_SENTENCES} sentences need a
 *       cosine of {@value #PARA_COS_SHORT}. Never above 0.9: a paraphrase is evidence, not proof. Skipped when the
 *       verbatim score is already 0.9 or more, and for prompts under {@value #PARA_MIN_WORDS} words.
 * </ol>
 *
 * <p><b>Cost.</b> Canaries, details and verbatim overlap: linear in the texts (the prompt's details are read once per
 * distinct prompt, {@value #CACHE_SIZE} kept), plus a words-by-words table for the longest run
 * (bounded: the first {@value #MAX_PROMPT_WORDS} prompt words and {@value #MAX_RESPONSE_WORDS} response words, the
 * decoded, unescaped and reversed copies counted in that budget).
 * Paraphrase: one embedding per response sentence (about 1-3 ms each here; at most {@value #MAX_SENTENCES}) and per
 * prompt sentence, the prompt's being cached per distinct prompt ({@value #CACHE_SIZE} kept). Thread-safe.
 *
 * <p><b>Limits.</b> A leak in another language or heavily summarised is missed by the verbatim signal and often by
 * the paraphrase one (the model is English); only its confidential details, when it keeps them, give it away. A
 * disclosed rule with no distinctive detail in it ("we get a cut from that taxi firm") is missed, and so is a detail
 * the prompt does not mark confidential in words the reader knows ("keep this between us"). A response that names a
 * marked detail for an innocent reason is flagged when the detail weighs 0.5 or more or comes with another. Encodings
 * the normaliser does not decode (base64 broken by spaces, nested encodings, ciphers other than those it knows) hide
 * the prompt's words, though not a canary's hex or rot13. A response that legitimately quotes text also found in the
 * system prompt (a shared FAQ) is flagged. Streaming responses are judged on the text scanned, not on what was
 * already sent.
 */
public final class SystemPromptLeakScanner implements Scanner {
    static final String NAME = "system-prompt-leak";
    /** Findings below this score are not reported. */
    public static final double REPORT_FLOOR = 0.2;

    static final int SHINGLE = 5;
    static final double PARA_COS = 0.7;
    static final double PARA_COS_SHORT = 0.8;
    static final int PARA_MIN_SENTENCES = 3;
    static final int PARA_MIN_WORDS = 12;
    static final int MAX_PROMPT_WORDS = 4000;
    static final int MAX_RESPONSE_WORDS = 20000;
    static final int MAX_SENTENCES = 64;
    static final int CACHE_SIZE = 32;
    private static final int MIN_FUZZY_CANARY = 8;
    private static final int SENTENCE_CHARS = 400;

    private final Embedder embedder;
    private final Map<String, PromptDetails> detailCache =
            Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, PromptDetails> e) {
                    return size() > CACHE_SIZE;
                }
            });
    private final Map<String, List<float[]>> promptCache =
            Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<float[]>> e) {
                    return size() > CACHE_SIZE;
                }
            });

    public SystemPromptLeakScanner() {
        this(Embedder.miniLm());
    }

    SystemPromptLeakScanner(Embedder embedder) {
        this.embedder = embedder;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Without a context there is no prompt to leak. */
    @Override
    public List<Finding> scan(ScanText text) {
        return List.of();
    }

    @Override
    public List<Finding> scan(ScanText text, ScanContext context) {
        List<Finding> out = new ArrayList<>();
        for (String canary : context.canaries()) {
            findCanary(text, canary).ifPresent(out::add);
        }
        if (context.systemPrompt().isPresent() && !context.systemPrompt().get().isBlank()) {
            String prompt = context.systemPrompt().get();
            Words promptWords = Words.of(prompt, MAX_PROMPT_WORDS);
            List<Variant> variants = variants(text, new HashSet<>(promptWords.words()), MAX_RESPONSE_WORDS);
            Finding verbatim =
                    verbatim(variants, text, promptWords.without(details(prompt).scriptedReplies()));
            Finding best = verbatim;
            Finding detail = detail(variants, text, prompt);
            if (detail.score() > best.score()) {
                best = detail;
            }
            // a prompt of a few words ("You are a helpful assistant.") has nothing to paraphrase worth flagging
            if (verbatim.score() < 0.9 && Words.of(prompt, PARA_MIN_WORDS).size() >= PARA_MIN_WORDS) {
                Finding para = paraphrase(text, prompt);
                if (para.score() > best.score()) {
                    best = para;
                }
            }
            if (best.score() >= REPORT_FLOOR) {
                out.add(best);
            }
        }
        return out;
    }

    // ---- canaries

    /** Lower-case letters and digits of a string, with the index in the string each came from. */
    private record Folded(String chars, int[] at) {
        static Folded of(String s) {
            StringBuilder b = new StringBuilder(s.length());
            int[] at = new int[s.length() + 1];
            int k = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isLetterOrDigit(c)) {
                    b.append(Character.toLowerCase(c));
                    at[k++] = i;
                }
            }
            at[k] = s.length();
            return new Folded(b.toString(), at);
        }
    }

    private static Optional<Finding> findCanary(ScanText text, String canary) {
        String key = Folded.of(canary).chars();
        if (key.isEmpty()) {
            return Optional.empty();
        }
        if (key.length() < MIN_FUZZY_CANARY) {
            String c = canary.toLowerCase(Locale.ROOT);
            int i = text.normalized().toLowerCase(Locale.ROOT).indexOf(c);
            if (i >= 0) {
                return Optional.of(canaryFinding(text.toOriginal(i), text.toOriginal(i + c.length())));
            }
            for (ScanText.Decoded d : text.decoded()) {
                if (d.text().toLowerCase(Locale.ROOT).contains(c)) {
                    return Optional.of(canaryFinding(d.start(), d.end()));
                }
            }
            return Optional.empty();
        }
        // the key, its rot13 and its bytes in hex, all looked for with separators ignored
        List<String> forms = List.of(key, rot13(key), hex(canary));
        Folded n = Folded.of(text.normalized());
        for (String f : forms) {
            int i = n.chars().indexOf(f);
            if (i >= 0) {
                int start = n.at()[i];
                int end = n.at()[i + f.length() - 1] + 1;
                return Optional.of(canaryFinding(text.toOriginal(start), text.toOriginal(end)));
            }
        }
        // base64 the normaliser did not decode (it skips runs that do not look like text): the canary's own base64
        // at each of the three byte alignments, standard and URL-safe
        for (String b64 : base64Forms(canary)) {
            int i = text.normalized().indexOf(b64);
            if (i >= 0) {
                return Optional.of(canaryFinding(text.toOriginal(i), text.toOriginal(i + b64.length())));
            }
        }
        for (ScanText.Decoded d : text.decoded()) {
            String dec = Folded.of(d.text()).chars();
            for (String f : forms) {
                if (dec.contains(f)) {
                    return Optional.of(canaryFinding(d.start(), d.end()));
                }
            }
        }
        return Optional.empty();
    }

    private static Finding canaryFinding(int start, int end) {
        return new Finding(NAME, Category.SYSTEM_PROMPT_LEAK, "CANARY", 1.0, start, Math.max(start, end));
    }

    /** The base64 chars that depend on the canary's bytes alone, for each alignment of them in a longer input. */
    static List<String> base64Forms(String canary) {
        byte[] c = canary.getBytes(StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            byte[] padded = new byte[k + c.length];
            System.arraycopy(c, 0, padded, k, c.length);
            String b = Base64.getEncoder().withoutPadding().encodeToString(padded);
            int from = (8 * k + 5) / 6;
            int to = 8 * (k + c.length) / 6;
            String inner = b.substring(from, Math.min(to, b.length()));
            out.add(inner);
            out.add(inner.replace('+', '-').replace('/', '_'));
        }
        return out;
    }

    private static String rot13(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            if (c[i] >= 'a' && c[i] <= 'z') {
                c[i] = (char) ('a' + (c[i] - 'a' + 13) % 26);
            }
        }
        return new String(c);
    }

    private static String hex(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            b.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return b.toString();
    }

    // ---- verbatim

    /** The words of a text, lower-cased, with their spans in it. */
    record Words(List<String> words, int[] starts, int[] ends) {
        static Words of(String s, int max) {
            List<String> w = new ArrayList<>();
            List<int[]> spans = new ArrayList<>();
            int i = 0;
            int n = s.length();
            while (i < n && w.size() < max) {
                while (i < n && !Character.isLetterOrDigit(s.charAt(i))) {
                    i++;
                }
                int st = i;
                while (i < n && Character.isLetterOrDigit(s.charAt(i))) {
                    i++;
                }
                if (i > st) {
                    w.add(s.substring(st, i).toLowerCase(Locale.ROOT));
                    spans.add(new int[] {st, i});
                }
            }
            int[] a = new int[spans.size()];
            int[] b = new int[spans.size()];
            for (int k = 0; k < a.length; k++) {
                a[k] = spans.get(k)[0];
                b[k] = spans.get(k)[1];
            }
            return new Words(w, a, b);
        }

        int size() {
            return words.size();
        }

        /**
         * These words with those inside the given spans replaced by words no text holds, so that no run or 5-gram
         * goes through them.
         */
        Words without(List<int[]> spans) {
            if (spans.isEmpty()) {
                return this;
            }
            List<String> w = new ArrayList<>(words);
            for (int[] span : spans) {
                for (int k = 0; k < w.size(); k++) {
                    if (starts[k] >= span[0] && ends[k] <= span[1]) {
                        w.set(k, "\0" + k);
                    }
                }
            }
            return new Words(w, starts, ends);
        }

        /** The number of words of a text, as {@link #of} would cut them. */
        static int count(String s) {
            int n = 0;
            boolean in = false;
            for (int i = 0; i < s.length(); i++) {
                boolean w = Character.isLetterOrDigit(s.charAt(i));
                n += w && !in ? 1 : 0;
                in = w;
            }
            return n;
        }
    }

    /**
     * The verbatim-overlap figures of a response against a prompt (for tests and evaluation): {@code run} counts the
     * words with a letter in the longest shared run, {@code runWords} all its words, ending at {@code runEnd}.
     */
    record Overlap(double containment, int shingles, int run, int runWords, int runEnd, int promptWords) {
        double score() {
            double c = Math.min(1, 2 * containment) * Math.min(1, shingles / 10.0);
            double r = Math.max(0, Math.min(1, (run - 5) / 10.0));
            if (run >= 8 && run >= 0.8 * promptWords) {
                r = Math.max(r, 0.75);
            }
            return Math.max(c, r);
        }
    }

    static Overlap overlap(Words p, Words r) {
        int n = Math.min(SHINGLE, p.size());
        if (n == 0 || r.size() < n) {
            return new Overlap(0, 0, 0, 0, 0, p.size());
        }
        Set<String> promptShingles = new HashSet<>();
        for (int i = 0; i + n <= p.size(); i++) {
            promptShingles.add(String.join(" ", p.words().subList(i, i + n)));
        }
        Set<String> found = new HashSet<>();
        for (int i = 0; i + n <= r.size(); i++) {
            String s = String.join(" ", r.words().subList(i, i + n));
            if (promptShingles.contains(s)) {
                found.add(s);
            }
        }
        // longest common run of words: a table over prompt words, one row per response word
        Map<String, Integer> ids = new HashMap<>();
        int[] pid = new int[p.size()];
        for (int i = 0; i < pid.length; i++) {
            pid[i] = ids.computeIfAbsent(p.words().get(i), k -> ids.size());
        }
        // a word of digits alone continues a run but does not lengthen it: "from 7:00 to 10:30" is five words
        int[] prev = new int[p.size() + 1];
        int[] cur = new int[p.size() + 1];
        int[] prevLen = new int[p.size() + 1];
        int[] curLen = new int[p.size() + 1];
        int best = 0;
        int bestLen = 0;
        int bestEnd = 0;
        for (int j = 0; j < r.size(); j++) {
            String w = r.words().get(j);
            Integer id = ids.get(w);
            int weight = hasLetter(w) ? 1 : 0;
            for (int i = 1; i <= p.size(); i++) {
                boolean same = id != null && pid[i - 1] == id;
                cur[i] = same ? prev[i - 1] + weight : 0;
                curLen[i] = same ? prevLen[i - 1] + 1 : 0;
                if (cur[i] > best || (cur[i] == best && best > 0 && curLen[i] > bestLen)) {
                    best = cur[i];
                    bestLen = curLen[i];
                    bestEnd = j + 1;
                }
            }
            int[] t = prev;
            prev = cur;
            cur = t;
            t = prevLen;
            prevLen = curLen;
            curLen = t;
        }
        return new Overlap(
                (double) found.size() / promptShingles.size(), promptShingles.size(), best, bestLen, bestEnd, p.size());
    }

    private static boolean hasLetter(String w) {
        for (int i = 0; i < w.length(); i++) {
            if (Character.isLetter(w.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The texts the content checks read: the normalised text; a copy with JSON string escapes undone (a prompt
     * dumped as a JSON string has {@code \\n} glued to its words); the whole text written backwards, when the
     * normaliser found a reversed run in it (its decoder keeps only runs of words it knows, and a reversed prompt is
     * full of names and numbers); and the decoded runs (base64, hex, spaced-out letters...), a spaced-out run that
     * lost its word breaks ({@code N-E-V-E-R-R-E-V-E-A-L}) being cut back into words of the prompt. Each comes with
     * the span of the original it stands for (the whole text for the first three). All of them together hold at most
     * {@code maxWords} words: past that, runs are dropped.
     */
    record Variant(String text, boolean decoded, int start, int end) {}

    static List<Variant> variants(ScanText text, Set<String> promptWords, int maxWords) {
        List<Variant> out = new ArrayList<>();
        String n = text.normalized();
        int end = text.original().length();
        out.add(new Variant(n, false, 0, end));
        int words = Words.count(n);
        String u = unescapeJson(n);
        if (!u.equals(n)) {
            out.add(new Variant(u, true, 0, end));
            words += Words.count(u);
        }
        boolean reversed = false;
        for (ScanText.Decoded d : text.decoded()) {
            reversed |= d.encoding().equals("reversed");
        }
        if (reversed && words * 2 <= maxWords) {
            out.add(new Variant(new StringBuilder(n).reverse().toString(), true, 0, end));
            words *= 2;
        }
        for (ScanText.Decoded d : text.decoded()) {
            String t = d.encoding().equals("spaced") ? segment(d.text(), promptWords) : d.text();
            int w = Words.count(t);
            if (words + w > maxWords) {
                break;
            }
            words += w;
            out.add(new Variant(t, true, d.start(), d.end()));
        }
        return out;
    }

    /** The longest word {@link #segment} looks for. */
    private static final int MAX_SEGMENT_WORD = 24;

    /**
     * A text whose letters ran together cut into words of the prompt where it can be: each run of 12 or more letters
     * and digits is split into the fewest prompt words that spell it (a char no prompt word covers stays on its own).
     * Linear in the run (times {@value #MAX_SEGMENT_WORD}).
     */
    static String segment(String s, Set<String> vocabulary) {
        StringBuilder out = new StringBuilder(s.length() + s.length() / 4);
        int i = 0;
        while (i < s.length()) {
            int j = i;
            while (j < s.length() && Character.isLetterOrDigit(s.charAt(j))) {
                j++;
            }
            if (j - i >= 12) {
                out.append(segmentRun(s.substring(i, j).toLowerCase(Locale.ROOT), vocabulary));
            } else {
                out.append(s, i, j);
            }
            if (j < s.length()) {
                out.append(s.charAt(j));
            }
            i = j + 1;
        }
        return out.toString();
    }

    private static String segmentRun(String run, Set<String> vocabulary) {
        int n = run.length();
        int[] cost = new int[n + 1]; // fewest pieces spelling run[0, i): a prompt word costs 1, a stray char 3
        int[] from = new int[n + 1];
        Arrays.fill(cost, Integer.MAX_VALUE);
        cost[0] = 0;
        for (int i = 0; i < n; i++) {
            if (cost[i] == Integer.MAX_VALUE) {
                continue;
            }
            if (cost[i] + 3 < cost[i + 1]) {
                cost[i + 1] = cost[i] + 3;
                from[i + 1] = i;
            }
            for (int k = i + 1; k <= Math.min(n, i + MAX_SEGMENT_WORD); k++) {
                if (cost[i] + 1 < cost[k] && vocabulary.contains(run.substring(i, k))) {
                    cost[k] = cost[i] + 1;
                    from[k] = i;
                }
            }
        }
        List<String> pieces = new ArrayList<>();
        for (int k = n; k > 0; k = from[k]) {
            pieces.add(run.substring(from[k], k));
        }
        Collections.reverse(pieces);
        return String.join(" ", pieces);
    }

    /** The text with JSON string escapes ({@code \\n \\t \\" \\\\ \\/ \\uXXXX}) replaced by what they stand for. */
    static String unescapeJson(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                b.append(c);
                continue;
            }
            char e = s.charAt(i + 1);
            switch (e) {
                case 'n', 'r' -> b.append('\n');
                case 't' -> b.append('\t');
                case '"', '\\', '/' -> b.append(e);
                case 'u' -> {
                    if (i + 6 <= s.length() && isHex4(s, i + 2)) {
                        b.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                        i += 4;
                    } else {
                        b.append(c).append(e);
                    }
                }
                default -> b.append(c).append(e);
            }
            i++;
        }
        return b.toString();
    }

    private static boolean isHex4(String s, int from) {
        for (int i = from; i < from + 4; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static Finding verbatim(List<Variant> variants, ScanText text, Words p) {
        Finding best = null;
        for (Variant v : variants) {
            Words r = Words.of(v.text(), MAX_RESPONSE_WORDS);
            Overlap o = overlap(p, r);
            double s = o.score();
            if (best != null && s <= best.score()) {
                continue;
            }
            // in the text itself the span is the longest run; in a decoded run, the encoded run
            int start = v.decoded() ? v.start() : 0;
            int end = v.decoded() ? v.end() : 0;
            if (!v.decoded() && o.runWords() > 0) {
                start = text.toOriginal(r.starts()[o.runEnd() - o.runWords()]);
                end = text.toOriginal(r.ends()[o.runEnd() - 1]);
            }
            best = new Finding(NAME, Category.SYSTEM_PROMPT_LEAK, "VERBATIM", s, start, Math.max(start, end));
        }
        return best;
    }

    // ---- confidential details

    private PromptDetails details(String prompt) {
        PromptDetails d = detailCache.get(prompt);
        if (d == null) {
            d = PromptDetails.of(prompt);
            detailCache.put(prompt, d);
        }
        return d;
    }

    private Finding detail(List<Variant> variants, ScanText text, String prompt) {
        List<String> texts = new ArrayList<>(variants.size());
        for (Variant v : variants) {
            texts.add(v.text());
        }
        PromptDetails.Match m = details(prompt).match(texts);
        int start = 0;
        int end = 0;
        if (m.text() == 0) {
            start = text.toOriginal(m.start());
            end = text.toOriginal(m.end());
        } else if (m.text() > 0) {
            start = variants.get(m.text()).start();
            end = variants.get(m.text()).end();
        }
        return new Finding(NAME, Category.SYSTEM_PROMPT_LEAK, "DETAIL", m.score(), start, Math.max(start, end));
    }

    // ---- paraphrase

    private List<float[]> promptVectors(String prompt, List<TextWindows.Span> sentences) {
        List<float[]> v = promptCache.get(prompt);
        if (v == null) {
            List<float[]> m = new ArrayList<>();
            for (TextWindows.Span s : sentences) {
                m.add(embedder.embed(prompt.substring(s.start(), s.end())));
            }
            v = List.copyOf(m);
            promptCache.put(prompt, v);
        }
        return v;
    }

    /** The share of the prompt's chars in sentences some response sentence is close to, and where those are. */
    record Coverage(double coverage, int start, int end) {}

    Coverage coverage(ScanText text, String prompt) {
        List<TextWindows.Span> ps = TextWindows.sentences(prompt, SENTENCE_CHARS);
        if (ps.isEmpty()) {
            return new Coverage(0, 0, 0);
        }
        List<float[]> pv = promptVectors(prompt, ps);
        String n = text.normalized();
        List<TextWindows.Span> rs = TextWindows.sentences(n, SENTENCE_CHARS);
        if (rs.size() > MAX_SENTENCES) {
            rs = rs.subList(0, MAX_SENTENCES);
        }
        double need = ps.size() < PARA_MIN_SENTENCES ? PARA_COS_SHORT : PARA_COS;
        double[] bestCos = new double[ps.size()];
        int from = Integer.MAX_VALUE;
        int to = 0;
        for (TextWindows.Span s : rs) {
            float[] v = embedder.embed(n.substring(s.start(), s.end()));
            boolean hit = false;
            for (int i = 0; i < pv.size(); i++) {
                double c = Embedder.cosine(v, pv.get(i));
                bestCos[i] = Math.max(bestCos[i], c);
                hit |= c >= need;
            }
            if (hit) {
                from = Math.min(from, s.start());
                to = Math.max(to, s.end());
            }
        }
        int covered = 0;
        int total = 0;
        for (int i = 0; i < ps.size(); i++) {
            int len = ps.get(i).end() - ps.get(i).start();
            total += len;
            if (bestCos[i] >= need) {
                covered += len;
            }
        }
        return from > to
                ? new Coverage(0, 0, 0)
                : new Coverage((double) covered / total, text.toOriginal(from), text.toOriginal(to));
    }

    private Finding paraphrase(ScanText text, String prompt) {
        Coverage c = coverage(text, prompt);
        double s = 0.9 * Math.min(1, c.coverage() / 0.5);
        return new Finding(NAME, Category.SYSTEM_PROMPT_LEAK, "PARAPHRASE", s, c.start(), Math.max(c.start(), c.end()));
    }
}
