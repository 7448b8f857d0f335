package io.trustgate.app;

import io.trustgate.api.ScanText;
import io.trustgate.firewall.Embedder;
import io.trustgate.firewall.Scanners;
import io.trustgate.firewall.learn.CrossSource;
import io.trustgate.firewall.learn.CrossSource.Sample;
import io.trustgate.firewall.learn.DenseHead;
import io.trustgate.firewall.learn.EmbeddingFeaturizer;
import io.trustgate.firewall.learn.Featurizer;
import io.trustgate.firewall.learn.LinearModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code --probe} part of {@code trustgate train injection --compare}: each compared model fitted on every
 * training sample (same features, trainer and weighting as in the comparison), put at the operating point the
 * comparison chose for it (2% mean FP on the benign sources' out-of-source scores), and run over a held-out probe
 * ({@link ProbeSet}) that no threshold or weight has seen. Two combinations that need no fitting on the probe are
 * scored too: either model flagging (OR, each at its own threshold), and the mean of the two Platt probabilities at
 * a threshold chosen by the same 2% rule on the training out-of-source scores. A last table picks thresholds on the
 * probe's own benign texts (labelled optimistic): it shows how well each model ranks the probe, whatever its
 * calibration.
 *
 * <p>A probe text is scored as the shipped scanner scores a prompt: normalised by the firewall's normaliser, then
 * the highest score over the normalised text and the normaliser's decoded runs; the n-gram model takes its own
 * windows and paragraphs of each, the embedding head the embedder's windows of each.
 */
final class ProbeRun {
    private final List<Sample> samples;
    private final CrossSource ngrams;
    private final CrossSource dense;
    private final double[] m1;
    private final double[] m2;
    private final double t1;
    private final double t2;
    private final double t3;

    /**
     * @param samples the training samples
     * @param ngrams the comparison's n-gram cross-source run (it featurized the samples)
     * @param dense the comparison's embedding cross-source run (its vectors)
     * @param m1 n-gram out-of-source margins
     * @param m2 embedding out-of-source margins
     * @param t1 the n-gram margin threshold the comparison chose
     * @param t2 the embedding margin threshold
     * @param t3 the stacked margin threshold
     */
    ProbeRun(
            List<Sample> samples,
            CrossSource ngrams,
            CrossSource dense,
            double[] m1,
            double[] m2,
            double t1,
            double t2,
            double t3) {
        this.samples = samples;
        this.ngrams = ngrams;
        this.dense = dense;
        this.m1 = m1;
        this.m2 = m2;
        this.t1 = t1;
        this.t2 = t2;
        this.t3 = t3;
    }

    /** What {@link #evaluate} gives: the probe's per-model scores and flags, and the thresholds used. */
    record Result(
            Map<String, double[]> scores,
            Map<String, Double> thresholds,
            Map<String, boolean[]> flags,
            String trainingNotes) {}

    /** The probe texts normalised as the scanner sees them: the normalised text, then its decoded runs. */
    static List<List<String>> views(List<ProbeSet.Item> items) {
        return items.stream()
                .map(it -> {
                    ScanText t = Scanners.normalizer().normalize(it.text(), ScanText.Stage.INPUT);
                    List<String> v = new java.util.ArrayList<>();
                    v.add(t.normalized());
                    t.decoded().forEach(d -> v.add(d.text()));
                    return List.copyOf(v);
                })
                .toList();
    }

    /** Fits the full models, scores the probe, applies the thresholds. */
    Result evaluate(List<ProbeSet.Item> items, Embedder embedder) {
        List<List<String>> views = views(items);
        long t0 = System.nanoTime();
        LinearModel full1 = ngrams.train(i -> true);
        double fit1 = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        DenseHead full2 = dense.trainDense(i -> true);
        double fit2 = (System.nanoTime() - t0) / 1e9;
        double[] stack = SemanticComparison.fitStack(samples, m1, m2, "");
        double[] platt1 = ngrams.platt(m1);
        double[] platt2 = ngrams.platt(m2);
        double[] oofMean = ProbeSet.meanProbability(m1, platt1, m2, platt2);
        double tMean = SemanticComparison.threshold(samples, oofMean, 0.02, null);

        double[] p1 = new double[items.size()];
        double[] p2 = new double[items.size()];
        EmbeddingFeaturizer f = new EmbeddingFeaturizer(embedder);
        t0 = System.nanoTime();
        int windows = 0;
        for (int i = 0; i < p1.length; i++) {
            double a = Double.NEGATIVE_INFINITY;
            double b = Double.NEGATIVE_INFINITY;
            for (String v : views.get(i)) {
                a = Math.max(a, full1.margin(v));
                for (Featurizer.Vector x : f.windows(v)) {
                    b = Math.max(b, full2.margin(x));
                    windows++;
                }
            }
            p1[i] = a;
            p2[i] = b;
        }
        double embedSeconds = (System.nanoTime() - t0) / 1e9;
        double[] p3 = new double[p1.length];
        for (int i = 0; i < p3.length; i++) {
            p3[i] = stack[0] * p1[i] + stack[1] * p2[i] + stack[2];
        }
        double[] pMean = ProbeSet.meanProbability(p1, platt1, p2, platt2);

        Map<String, double[]> scores = new LinkedHashMap<>();
        scores.put("n-grams", p1);
        scores.put("embeddings", p2);
        scores.put("stacked", p3);
        scores.put("mean probability", pMean);
        Map<String, Double> thresholds = new LinkedHashMap<>();
        thresholds.put("n-grams", t1);
        thresholds.put("embeddings", t2);
        thresholds.put("stacked", t3);
        thresholds.put("mean probability", tMean);
        Map<String, boolean[]> flags = new LinkedHashMap<>();
        flags.put("n-grams", ProbeSet.flags(p1, t1));
        flags.put("embeddings", ProbeSet.flags(p2, t2));
        flags.put("stacked", ProbeSet.flags(p3, t3));
        flags.put("OR (n-grams, embeddings)", ProbeSet.or(flags.get("n-grams"), flags.get("embeddings")));
        flags.put("mean probability", ProbeSet.flags(pMean, tMean));

        // the combinations on the training out-of-source scores, for reference: OR raises FP there too
        double[] orOof = new double[m1.length];
        for (int i = 0; i < orOof.length; i++) {
            orOof[i] = m1[i] >= t1 || m2[i] >= t2 ? 1 : 0;
        }
        CrossSource.Evaluation orEval = ngrams.evaluate("", orOof, 1, -0.5);
        CrossSource.Evaluation meanEval = ngrams.evaluate("", oofMean, 1, -tMean);
        String notes = String.format(
                        Locale.ROOT,
                        "full models fitted on all %d samples: n-grams in %.1f s, embedding head in %.1f s; probe: %d"
                                + " texts, %d embedding windows (normalised text and decoded runs) in %.1f s%n",
                        samples.size(),
                        fit1,
                        fit2,
                        items.size(),
                        windows,
                        embedSeconds)
                + String.format(
                        Locale.ROOT,
                        "thresholds (margins; chosen on training out-of-source scores, 2%% mean FP over benign"
                                + " sources): n-grams %.4f, embeddings %.4f, stacked %.4f"
                                + " (stacker on every source: %.4f * n-gram + %.4f * embedding + %.4f)%n",
                        t1,
                        t2,
                        t3,
                        stack[0],
                        stack[1],
                        stack[2])
                + String.format(
                        Locale.ROOT,
                        "mean probability: Platt n-grams a=%.4f b=%.4f, embeddings a=%.4f b=%.4f on the out-of-source"
                                + " margins; threshold %.4f by the same 2%% rule (out-of-source macro recall %.3f,"
                                + " macro FP %.3f)%n",
                        platt1[0],
                        platt1[1],
                        platt2[0],
                        platt2[1],
                        tMean,
                        meanEval.macroRecall(),
                        meanEval.macroFalsePositiveRate())
                + String.format(
                        Locale.ROOT,
                        "OR of n-grams and embeddings at their own thresholds, on the out-of-source scores: macro"
                                + " recall %.3f, macro FP %.3f (no threshold of its own)%n",
                        orEval.macroRecall(),
                        orEval.macroFalsePositiveRate());
        return new Result(scores, thresholds, flags, notes);
    }

    /** Scores the probe and prints every table. */
    void score(Path file, List<ProbeSet.Item> items, Embedder embedder, PrintWriter w) {
        Result r = evaluate(items, embedder);
        w.println(report(file.toString(), items, r));
        w.flush();
    }

    /** The printed report of one result. */
    static String report(String file, List<ProbeSet.Item> items, Result r) {
        StringBuilder b = new StringBuilder();
        long attacks = items.stream().filter(ProbeSet.Item::attack).count();
        b.append(String.format(
                Locale.ROOT,
                "== held-out probe %s: %d texts (%d attacks, %d benign); never trained or tuned on ==%n",
                file,
                items.size(),
                attacks,
                items.size() - attacks));
        b.append(r.trainingNotes()).append('\n');
        Map<String, Map<String, ProbeSet.Counts>> tallies = new LinkedHashMap<>();
        r.flags().forEach((k, v) -> tallies.put(k, ProbeSet.tally(items, v)));
        tallies.forEach((k, v) -> b.append(ProbeSet.table("probe, " + k + ", at its training operating point", v))
                .append('\n'));

        b.append("probe summary at the training operating points (recall / FP):\n");
        b.append(String.format(
                Locale.ROOT,
                "  %-26s %-15s %-15s %-15s %-15s %-15s %-15s%n",
                "model",
                "English recall",
                "English FP",
                "other recall",
                "other FP",
                "all recall",
                "all FP"));
        tallies.forEach((k, v) -> {
            ProbeSet.Counts en = v.get("English");
            ProbeSet.Counts ot = v.get("other languages");
            ProbeSet.Counts all = v.get("all");
            b.append(String.format(
                    Locale.ROOT,
                    "  %-26s %-15s %-15s %-15s %-15s %-15s %-15s%n",
                    k,
                    frac(en.caught(), en.attacks()),
                    frac(en.flagged(), en.benign()),
                    frac(ot.caught(), ot.attacks()),
                    frac(ot.flagged(), ot.benign()),
                    frac(all.caught(), all.attacks()),
                    frac(all.flagged(), all.benign())));
        });
        b.append('\n');

        b.append("probe per kind at the training operating points (attack kinds: recall; benign kinds: FP):\n");
        b.append(String.format(Locale.ROOT, "  %-22s %5s", "kind", "n"));
        tallies.keySet().forEach(k -> b.append(String.format(Locale.ROOT, " %12s", shortName(k))));
        b.append('\n');
        Map<String, ProbeSet.Counts> first = tallies.values().iterator().next();
        for (String g : first.keySet()) {
            if (!g.startsWith("kind:")) {
                continue;
            }
            ProbeSet.Counts c0 = first.get(g);
            boolean attack = c0.attacks() > 0;
            b.append(String.format(Locale.ROOT, "  %-22s %5d", g.substring(5), attack ? c0.attacks() : c0.benign()));
            for (Map<String, ProbeSet.Counts> t : tallies.values()) {
                ProbeSet.Counts c = t.get(g);
                b.append(String.format(Locale.ROOT, " %12.3f", attack ? c.recall() : c.fpRate()));
            }
            b.append('\n');
        }
        b.append('\n');

        ProbeSet.Counts shipped = tallies.get("n-grams").get("all");
        b.append(String.format(
                Locale.ROOT,
                "ORACLE THRESHOLD, OPTIMISTIC: thresholds chosen on the probe's own benign texts (all languages"
                        + " pooled), to compare ranking quality apart from calibration; not an operating point"
                        + " (%.3f is the n-gram model's probe FP at its training threshold):%n",
                shipped.fpRate()));
        b.append(String.format(
                Locale.ROOT,
                "  %-20s %-10s %-12s %-12s %-12s %-10s%n",
                "model",
                "probe FP<=",
                "actual FP",
                "recall all",
                "recall en",
                "recall other"));
        // 2% and 5% as asked, 1% and 10% for the curve's ends, and the shipped n-gram model's own probe FP, so the
        // combinations can be compared with it at the FP they actually had
        double[] targets = java.util.stream.DoubleStream.of(0.01, 0.02, shipped.fpRate(), 0.05, 0.10)
                .distinct()
                .sorted()
                .toArray();
        for (double target : targets) {
            for (Map.Entry<String, double[]> e : r.scores().entrySet()) {
                double t = ProbeSet.oracleThreshold(items, e.getValue(), target);
                Map<String, ProbeSet.Counts> c = ProbeSet.tally(items, ProbeSet.flags(e.getValue(), t));
                b.append(String.format(
                        Locale.ROOT,
                        "  %-20s %-10.3f %-12.3f %-12.3f %-12.3f %-10.3f%n",
                        e.getKey(),
                        target,
                        c.get("all").fpRate(),
                        c.get("all").recall(),
                        c.get("English").recall(),
                        c.get("other languages").recall()));
            }
        }
        return b.toString();
    }

    private static String frac(int k, int n) {
        return n == 0 ? "-" : String.format(Locale.ROOT, "%d/%d %.3f", k, n, (double) k / n);
    }

    private static String shortName(String model) {
        return switch (model) {
            case "OR (n-grams, embeddings)" -> "OR";
            case "mean probability" -> "mean prob";
            default -> model;
        };
    }
}
