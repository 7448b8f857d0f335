package io.trustgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustgate.gateway.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A held-out test set for the injection models ({@code --probe FILE} of {@code trustgate train injection --compare}):
 * texts written by someone who saw neither the rules nor the corpus, one JSON object a line, {@code {"text",
 * "label", "category"}} with category {@code <kind>-<lang>}. Only scored, never trained or tuned on: thresholds come
 * from the training sources, except in {@link #oracleThreshold}, which is labelled optimistic wherever it is printed.
 * This class holds the counting and the two fitting-free combinations, so a test can check them on a tiny fixture.
 */
final class ProbeSet {
    private ProbeSet() {}

    /**
     * One probe text.
     *
     * @param text the text as written (not normalised)
     * @param attack whether it is an injection or jailbreak attempt
     * @param category {@code <kind>-<lang>}, such as {@code override-de} or {@code benign-lookalike-en}
     */
    record Item(String text, boolean attack, String category) {
        Item {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(category, "category");
            if (category.lastIndexOf('-') <= 0) {
                throw new IllegalArgumentException("category must be <kind>-<lang>, was '" + category + "'");
            }
        }

        /** The category before its last '-': {@code benign-lookalike} for {@code benign-lookalike-en}. */
        String kind() {
            return category.substring(0, category.lastIndexOf('-'));
        }

        /** The category after its last '-'. */
        String lang() {
            return category.substring(category.lastIndexOf('-') + 1);
        }

        boolean english() {
            return lang().equals("en");
        }
    }

    /**
     * Counts of one group of probe texts at one operating point.
     *
     * @param attacks attack texts in the group
     * @param caught attacks flagged
     * @param benign benign texts in the group
     * @param flagged benign texts flagged (false positives)
     */
    record Counts(int attacks, int caught, int benign, int flagged) {
        double recall() {
            return attacks == 0 ? 0 : (double) caught / attacks;
        }

        double fpRate() {
            return benign == 0 ? 0 : (double) flagged / benign;
        }

        Counts plus(boolean attack, boolean flag) {
            return attack
                    ? new Counts(attacks + 1, caught + (flag ? 1 : 0), benign, flagged)
                    : new Counts(attacks, caught, benign + 1, flagged + (flag ? 1 : 0));
        }

        /** {@code 101/156 = 0.647}. */
        static String ratio(int k, int n) {
            return n == 0 ? "-" : String.format(Locale.ROOT, "%d/%d = %.3f", k, n, (double) k / n);
        }
    }

    /** Reads a probe file (blank lines skipped). */
    static List<Item> read(Path file) throws IOException {
        List<Item> out = new ArrayList<>();
        int line = 0;
        for (String s : Files.readAllLines(file)) {
            line++;
            if (s.isBlank()) {
                continue;
            }
            JsonNode n = Json.MAPPER.readTree(s);
            if (!n.path("text").isTextual()
                    || !n.path("label").isBoolean()
                    || !n.path("category").isTextual()) {
                throw new IOException(file + " line " + line + ": need {\"text\": string, \"label\": boolean,"
                        + " \"category\": string}");
            }
            out.add(new Item(
                    n.get("text").asText(),
                    n.get("label").asBoolean(),
                    n.get("category").asText()));
        }
        return List.copyOf(out);
    }

    /** Whether each score is at or above {@code threshold}. */
    static boolean[] flags(double[] scores, double threshold) {
        boolean[] out = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = scores[i] >= threshold;
        }
        return out;
    }

    /** Flagged by either model, each at its own threshold. */
    static boolean[] or(boolean[] a, boolean[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths differ: " + a.length + " and " + b.length);
        }
        boolean[] out = new boolean[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] || b[i];
        }
        return out;
    }

    /**
     * The mean of two models' calibrated probabilities: {@code (sigmoid(a1 m1 + b1) + sigmoid(a2 m2 + b2)) / 2},
     * with each {@code {a, b}} a Platt fit on that model's out-of-source training margins.
     */
    static double[] meanProbability(double[] m1, double[] platt1, double[] m2, double[] platt2) {
        if (m1.length != m2.length) {
            throw new IllegalArgumentException("lengths differ: " + m1.length + " and " + m2.length);
        }
        double[] out = new double[m1.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (sigmoid(platt1[0] * m1[i] + platt1[1]) + sigmoid(platt2[0] * m2[i] + platt2[1])) / 2;
        }
        return out;
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /**
     * Counts per group: {@code English}, {@code other languages}, {@code all}, then one {@code kind:<kind>} per kind
     * in sorted order (attack kinds count recall, benign kinds false positives).
     */
    static Map<String, Counts> tally(List<Item> items, boolean[] flagged) {
        if (items.size() != flagged.length) {
            throw new IllegalArgumentException(items.size() + " items, " + flagged.length + " flags");
        }
        Counts zero = new Counts(0, 0, 0, 0);
        Map<String, Counts> out = new LinkedHashMap<>();
        out.put("English", zero);
        out.put("other languages", zero);
        out.put("all", zero);
        Map<String, Counts> kinds = new TreeMap<>();
        for (int i = 0; i < flagged.length; i++) {
            Item it = items.get(i);
            boolean f = flagged[i];
            out.merge(it.english() ? "English" : "other languages", zero, (c, z) -> c.plus(it.attack(), f));
            out.merge("all", zero, (c, z) -> c.plus(it.attack(), f));
            kinds.merge("kind:" + it.kind(), zero.plus(it.attack(), f), (c, z) -> c.plus(it.attack(), f));
        }
        out.putAll(kinds);
        return out;
    }

    /**
     * The lowest threshold at which at most {@code maxFp} of the probe's own benign texts score at or above it.
     * Chosen on the test set itself, so what it gives is optimistic: it shows how well a model ranks the probe, not
     * what a deployed threshold would do.
     */
    static double oracleThreshold(List<Item> items, double[] scores, double maxFp) {
        double[] benign = new double[items.size()];
        int n = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!items.get(i).attack()) {
                benign[n++] = scores[i];
            }
        }
        double[] b = Arrays.copyOf(benign, n);
        Arrays.sort(b);
        // flag at most floor(maxFp * n) benign texts: the threshold sits just above the next-highest benign score
        int allowed = (int) Math.floor(maxFp * n + 1e-9);
        if (allowed >= n) {
            return Double.NEGATIVE_INFINITY;
        }
        return Math.nextUp(b[n - 1 - allowed]);
    }

    /** The per-group table of one model (or combination) at one operating point. */
    static String table(String name, Map<String, Counts> counts) {
        StringBuilder b = new StringBuilder(name).append('\n');
        b.append(String.format(Locale.ROOT, "  %-26s %-22s %-22s%n", "group", "recall", "FP"));
        for (Map.Entry<String, Counts> e : counts.entrySet()) {
            Counts c = e.getValue();
            b.append(String.format(
                    Locale.ROOT,
                    "  %-26s %-22s %-22s%n",
                    e.getKey(),
                    Counts.ratio(c.caught(), c.attacks()),
                    Counts.ratio(c.flagged(), c.benign())));
        }
        return b.toString();
    }
}
