package io.trustgate.firewall;

import io.trustgate.api.Category;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanText;
import io.trustgate.api.Scanner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Flags texts about topics the operator has banned (medical advice, weapons, a competitor), each topic described in
 * one or more plain sentences, by the meaning of the text rather than by its words.
 *
 * <p><b>Threat.</b> Off-policy use of an assistant, in a request (the user asks about a banned topic) or in a
 * response (the model talks about one anyway). Not an OWASP LLM Top 10 item of its own; it backs LLM06-style scope
 * limits and an operator's content policy.
 *
 * <p><b>How.</b> Each topic's description is embedded once, at construction, with all-MiniLM-L6-v2
 * ({@link Embedder#miniLm()}). The scanned text (its normalised form) is cut into sentences (a sentence longer than
 * about 100 tokens is cut at spaces, see {@link TextWindows}), each embedded; decoded runs (base64, hex, rot13) are embedded too. A
 * topic's similarity is the highest cosine between any sentence and its description or one of the description's
 * sentences, mapped to a score: cosine
 * {@value #COS_FLOOR} or less is 0, {@value #COS_AT_HALF} is 0.5 (the chain's default threshold, chosen on
 * Do-Not-Answer questions against benign prompts, see {@code BannedTopicsEvalTest} and docs/firewall-embeddings.md),
 * 1 is 1, linear in between. One finding per topic scoring at least {@value #REPORT_FLOOR}, typed with the topic's
 * name upper-cased, on the span of its best sentence.
 *
 * <p><b>Cost.</b> One embedding per sentence (and per decoded run): 1-5 ms for a one-sentence prompt, some 20-60 ms
 * for 2 KB of prose on this 2-core machine (see docs/firewall-embeddings.md), plus a one-off model load of about 1 s
 * per process; a dot product per sentence and topic part. Topic descriptions are embedded once, at construction.
 * Linear in the text, but heavy: a 4 MiB body would take minutes, so a scan embeds at most {@code max-sentences}
 * sentences (default {@value #DEFAULT_MAX_SENTENCES}, 17-100 KB of text) and fails on a longer text: a blocking
 * rule then blocks it (fail closed), a flagging rule records the failure. Thread-safe.
 *
 * <p><b>Limits.</b> Similarity is not intent: a question that merely mentions a topic's words in another sense
 * ("kill a Python process") can score high, and a request phrased far from the description can score low; the
 * quality depends on the descriptions the operator writes. English only in practice (the model was trained on
 * English). Sentences are judged one by one, so a topic that only shows across sentences ("I need the parts. For a bomb.")
 * scores lower.
 */
public final class BannedTopicsScanner implements Scanner {
    static final String NAME = "banned-topics";
    /** Cosines at or below this score 0. */
    public static final double COS_FLOOR = 0.25;
    /** The cosine that scores 0.5, the chain's default threshold. */
    public static final double COS_AT_HALF = 0.45;
    /** Findings below this score are not reported. */
    public static final double REPORT_FLOOR = 0.2;

    /** Sentences longer than this (about 100 tokens) are cut at spaces. */
    static final int WINDOW_CHARS = 400;

    private static final int MAX_DECODED = 8;

    /** Default of {@code max-sentences}: 17-100 KB of text, p50 1.1-4.1 s on this 2-core machine (JMH EmbeddingBenchmark). */
    public static final int DEFAULT_MAX_SENTENCES = 256;

    private final Embedder embedder;
    private final int maxSentences;
    private final Map<String, List<float[]>> topics;

    /**
     * A scanner for these topics.
     *
     * @param topics topic name to description (one or more sentences); not empty, no blank name or description
     */
    public BannedTopicsScanner(Map<String, String> topics) {
        this(topics, DEFAULT_MAX_SENTENCES);
    }

    /**
     * A scanner for these topics that embeds at most {@code maxSentences} sentences per text.
     *
     * @param topics as {@link #BannedTopicsScanner(Map)}
     * @param maxSentences the most sentences (and decoded runs' sentences) one scan embeds; a text with more fails
     *     the scan, so that a blocking rule blocks it rather than let what lies past the bound go unread
     */
    public BannedTopicsScanner(Map<String, String> topics, int maxSentences) {
        this(topics, maxSentences, Embedder.miniLm());
    }

    BannedTopicsScanner(Map<String, String> topics, Embedder embedder) {
        this(topics, DEFAULT_MAX_SENTENCES, embedder);
    }

    BannedTopicsScanner(Map<String, String> topics, int maxSentences, Embedder embedder) {
        if (maxSentences < 1) {
            throw new ScannerOptions.Invalid("max-sentences", "must be at least 1, was " + maxSentences);
        }
        this.maxSentences = maxSentences;
        if (topics.isEmpty()) {
            throw new ScannerOptions.Invalid("topics", "name at least one topic with a description");
        }
        this.embedder = embedder;
        Map<String, List<float[]>> m = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : topics.entrySet()) {
            String type = typeOf(e.getKey());
            if (type.isEmpty()) {
                throw new ScannerOptions.Invalid("topics", "a topic name is blank");
            }
            if (e.getValue().isBlank()) {
                throw new ScannerOptions.Invalid("topics", "topic '" + e.getKey() + "' has no description");
            }
            if (m.put(type, embedParts(e.getValue().strip())) != null) {
                throw new ScannerOptions.Invalid("topics", "two topics are named '" + type + "'");
            }
        }
        this.topics = Map.copyOf(m);
    }

    /** The description as a whole and each of its sentences: a short question is closer to one sentence. */
    private List<float[]> embedParts(String description) {
        List<float[]> out = new ArrayList<>();
        out.add(embedder.embed(description));
        List<TextWindows.Span> sentences = TextWindows.sentences(description, WINDOW_CHARS);
        if (sentences.size() > 1) {
            for (TextWindows.Span s : sentences) {
                out.add(embedder.embed(description.substring(s.start(), s.end())));
            }
        }
        return List.copyOf(out);
    }

    /** The finding type of a topic name: upper-case, runs of other chars than letters and digits as one '_'. */
    static String typeOf(String name) {
        return name.strip()
                .toUpperCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", "_")
                .replaceAll("^_|_$", "");
    }

    /** Maps a cosine to a score in [0, 1] (see the class comment). */
    public static double score(double cosine) {
        if (cosine <= COS_FLOOR) {
            return 0;
        }
        if (cosine <= COS_AT_HALF) {
            return 0.5 * (cosine - COS_FLOOR) / (COS_AT_HALF - COS_FLOOR);
        }
        return Math.min(1, 0.5 + 0.5 * (cosine - COS_AT_HALF) / (1 - COS_AT_HALF));
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The highest cosine of each topic over the text's sentences (for evaluation). */
    Map<String, Double> similarities(ScanText text) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Best b : best(text).values()) {
            out.put(b.type, b.cosine);
        }
        return out;
    }

    @Override
    public List<Finding> scan(ScanText text) {
        List<Finding> out = new ArrayList<>();
        for (Best b : best(text).values()) {
            double s = score(b.cosine);
            if (s >= REPORT_FLOOR) {
                out.add(new Finding(NAME, Category.BANNED_TOPIC, b.type, s, b.start, b.end));
            }
        }
        return out;
    }

    private static final class Best {
        final String type;
        double cosine = -1;
        int start;
        int end;

        Best(String type) {
            this.type = type;
        }
    }

    private Map<String, Best> best(ScanText text) {
        Map<String, Best> best = new LinkedHashMap<>();
        for (String t : topics.keySet()) {
            best.put(t, new Best(t));
        }
        String n = text.normalized();
        // sentence by sentence: a banned question inside a longer text is not diluted by its neighbours
        List<TextWindows.Span> sentences = TextWindows.sentences(n, WINDOW_CHARS);
        List<ScanText.Decoded> decoded =
                text.decoded().subList(0, Math.min(MAX_DECODED, text.decoded().size()));
        List<List<TextWindows.Span>> decodedSentences = new ArrayList<>();
        int count = sentences.size();
        for (ScanText.Decoded d : decoded) {
            List<TextWindows.Span> ds = TextWindows.sentences(d.text(), WINDOW_CHARS);
            decodedSentences.add(ds);
            count += ds.size();
        }
        if (count > maxSentences) {
            // counted before any is embedded: the bound caps the cost, and the failure (never the text) is reported
            throw new IllegalStateException(NAME + ": the text has " + count + " sentences, more than max-sentences "
                    + maxSentences + "; raise max-sentences to scan longer texts");
        }
        for (TextWindows.Span w : sentences) {
            float[] v = embedder.embed(n.substring(w.start(), w.end()));
            update(best, v, text.toOriginal(w.start()), text.toOriginal(w.end()));
        }
        for (int k = 0; k < decoded.size(); k++) {
            ScanText.Decoded d = decoded.get(k);
            for (TextWindows.Span w : decodedSentences.get(k)) {
                update(best, embedder.embed(d.text().substring(w.start(), w.end())), d.start(), d.end());
            }
        }
        return best;
    }

    private void update(Map<String, Best> best, float[] v, int start, int end) {
        for (Map.Entry<String, List<float[]>> t : topics.entrySet()) {
            double c = -1;
            for (float[] part : t.getValue()) {
                c = Math.max(c, Embedder.cosine(v, part));
            }
            Best b = best.get(t.getKey());
            if (c > b.cosine) {
                b.cosine = c;
                b.start = start;
                b.end = end;
            }
        }
    }
}
