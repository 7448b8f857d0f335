package io.trustgate.firewall.learn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Training with evaluation across sources (one instance per training run; it trains its folds on several threads
 * itself, and the results do not depend on how many): every sample is scored by a model that never saw its fold (its source,
 * for leave-one-source-out), the out-of-fold scores calibrate the model (Platt scaling) and choose its operating
 * point, and the final model is trained on everything with that calibration. What the figures measure is how the
 * classifier does on a source it was not trained on, which is what a deployment meets; a random split would mostly
 * measure how well it remembers templates.
 *
 * <p>Weighting: within each class, a source of {@code n} samples weighs {@code sqrt(n)} in all (a big source counts
 * more, but not linearly, so 900 tables do not drown 13 DAN prompts), and the two classes weigh the same. A text
 * longer than one window gives one example per window, sharing the text's weight; a benign text of several
 * paragraphs also gives one per paragraph (scoring looks at paragraphs alone, so training must show benign ones).
 *
 * <p>Sources of a feature ({@code minSources}, decision 034): with a value above 1, a hashed feature that fewer
 * sources of a fit's training samples contain is left out of that fit, so its weight stays 0. An n-gram that only
 * one writer's file uses is that writer's habit, which a model learns as a sign of the class and which no other
 * writer repeats.
 */
public final class CrossSource {
    /**
     * One labelled text.
     *
     * @param text the text, already normalised by the firewall's normaliser
     * @param positive whether it is an attack (or toxic)
     * @param source where it comes from: the unit held out in evaluation
     * @param genre the kind of document it is or is built on ({@code ""} for none): when a negative source is held
     *     out, positives of the same genre leave the training set too (an attack inserted into a table must not
     *     teach the model that tables are attacks while the held-out tables are scored)
     */
    public record Sample(String text, boolean positive, String source, String genre) {
        public Sample {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(genre, "genre");
        }

        /** A sample of no particular genre. */
        public Sample(String text, boolean positive, String source) {
            this(text, positive, source, "");
        }
    }

    /**
     * The result on one source and label: how many samples, how many scored at or above the operating point.
     *
     * @param source the source
     * @param positive its label
     * @param count samples
     * @param flagged samples at or above the operating point
     */
    public record Row(String source, boolean positive, int count, int flagged) {
        /** Recall for positives, false-positive rate for negatives. */
        public double rate() {
            return count == 0 ? 0 : (double) flagged / count;
        }
    }

    /** Pooled confusion counts. */
    public record Metrics(int tp, int fp, int tn, int fn) {
        public double precision() {
            return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        }

        public double recall() {
            return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        public double falsePositiveRate() {
            return fp + tn == 0 ? 0 : (double) fp / (fp + tn);
        }
    }

    /**
     * One evaluation: its name (how the folds were made), a row per source and label, and the pooled metrics.
     *
     * @param name what was held out
     * @param rows per source and label, positives first
     * @param pooled all rows together
     * @param macroRecall mean recall over positive rows
     * @param macroFalsePositiveRate mean false-positive rate over negative rows
     */
    public record Evaluation(
            String name, List<Row> rows, Metrics pooled, double macroRecall, double macroFalsePositiveRate) {
        public Evaluation {
            rows = List.copyOf(rows);
        }

        /** A plain-text table of the rows. */
        public String table() {
            StringBuilder b = new StringBuilder();
            b.append(name).append('\n');
            b.append(String.format(Locale.ROOT, "%-34s %-9s %6s %7s %8s%n", "source", "label", "n", "flagged", "rate"));
            for (Row r : rows) {
                b.append(String.format(
                        Locale.ROOT,
                        "%-34s %-9s %6d %7d %8.3f  %s%n",
                        r.source(),
                        r.positive() ? "positive" : "negative",
                        r.count(),
                        r.flagged(),
                        r.rate(),
                        r.positive() ? "recall" : "FP rate"));
            }
            b.append(String.format(
                    Locale.ROOT,
                    "pooled: precision %.3f, recall %.3f, F1 %.3f, FP rate %.3f; macro recall %.3f, macro FP rate"
                            + " %.3f%n",
                    pooled.precision(),
                    pooled.recall(),
                    pooled.f1(),
                    pooled.falsePositiveRate(),
                    macroRecall,
                    macroFalsePositiveRate));
            return b.toString();
        }
    }

    /** The n-gram featurizer, or null for precomputed dense features ({@link #dense}). */
    private final HashedNgrams featurizer;

    private final int dimension;
    private final int window;
    private final int stride;
    private final Trainer trainer;
    private final List<Sample> samples;
    private final List<Featurizer.Vector[]> features;
    /** Per sample, how many of its segments are windows (the rest are paragraphs). */
    private final int[] windowCounts;

    /** How many folds train at once. */
    private final int parallelism;
    /** A feature trains only where at least this many sources of the training samples have it (1: every feature). */
    private final int minSources;

    /** Featurizes every sample once, and trains folds on as many threads as there are processors. */
    public CrossSource(HashedNgrams featurizer, int window, int stride, Trainer trainer, List<Sample> samples) {
        this(featurizer, window, stride, trainer, samples, Runtime.getRuntime().availableProcessors());
    }

    /** As the constructor below, every feature kept ({@code minSources} 1). */
    public CrossSource(
            HashedNgrams featurizer, int window, int stride, Trainer trainer, List<Sample> samples, int parallelism) {
        this(featurizer, window, stride, trainer, samples, parallelism, 1);
    }

    /**
     * Featurizes every sample once (the expensive part shared by all folds); {@code parallelism} folds train at once
     * (each holds two doubles per hash bucket while it trains: 16 MB at 2^20 buckets). The results do not depend on
     * it. {@code minSources}: see the class comment (1 keeps every feature).
     */
    public CrossSource(
            HashedNgrams featurizer,
            int window,
            int stride,
            Trainer trainer,
            List<Sample> samples,
            int parallelism,
            int minSources) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        if (minSources < 1) {
            throw new IllegalArgumentException("minSources must be at least 1, was " + minSources);
        }
        this.parallelism = parallelism;
        this.minSources = minSources;
        this.featurizer = Objects.requireNonNull(featurizer, "featurizer");
        this.dimension = featurizer.dimension();
        this.window = window;
        this.stride = stride;
        this.trainer = Objects.requireNonNull(trainer, "trainer");
        this.samples = List.copyOf(samples);
        Featurizer.Vector[][] vectors = new Featurizer.Vector[this.samples.size()][];
        this.windowCounts = new int[this.samples.size()];
        // each sample's vectors go to its own slot, so featurizing side by side keeps the order
        inParallel(parallelism, this.samples.size(), k -> {
            Sample s = this.samples.get(k);
            // the text's windows, then those of its English rendering (windows too: they train for both classes),
            // then the text's paragraphs; LinearModel.margin scores the same segments
            int[][] own = LinearModel.windows(s.text().length(), window, stride);
            String rendered = LinearModel.rendering(featurizer, s.text());
            int[][] said = rendered.isEmpty() ? new int[0][] : LinearModel.windows(rendered.length(), window, stride);
            List<int[]> paragraphs = LinearModel.paragraphs(s.text(), window);
            Featurizer.Vector[] v = new Featurizer.Vector[own.length + said.length + paragraphs.size()];
            int i = 0;
            for (int[] w : own) {
                v[i++] = featurizer.features(s.text().substring(w[0], w[1]));
            }
            for (int[] w : said) {
                v[i++] = featurizer.features(rendered.substring(w[0], w[1]));
            }
            for (int[] w : paragraphs) {
                v[i++] = featurizer.features(s.text().substring(w[0], w[1]));
            }
            vectors[k] = v;
            windowCounts[k] = own.length + said.length;
        });
        this.features = java.util.Arrays.asList(vectors);
    }

    private CrossSource(int dimension, Trainer trainer, List<Sample> samples, List<Featurizer.Vector[]> features) {
        this.parallelism = Runtime.getRuntime().availableProcessors();
        this.minSources = 1;
        this.featurizer = null;
        this.dimension = dimension;
        this.window = 0;
        this.stride = 0;
        this.trainer = Objects.requireNonNull(trainer, "trainer");
        this.samples = List.copyOf(samples);
        if (features.size() != this.samples.size()) {
            throw new IllegalArgumentException(features.size() + " feature lists for " + samples.size() + " samples");
        }
        this.features = List.copyOf(features);
        this.windowCounts = new int[this.samples.size()];
        for (int k = 0; k < windowCounts.length; k++) {
            if (features.get(k).length == 0) {
                throw new IllegalArgumentException("sample " + k + " has no feature vector");
            }
            windowCounts[k] = features.get(k).length;
        }
    }

    /**
     * The same procedure over precomputed vectors (sentence embeddings, computed once for all folds): one array per
     * sample, one vector per window, all of them windows (every one trains, and a sample scores its highest
     * window). The folds train {@link DenseHead}s; {@link #train} and {@link #run} are for n-grams only, use {@link
     * #trainDense} and {@link #outOfFold}.
     */
    public static CrossSource dense(
            int dimension, Trainer trainer, List<Sample> samples, List<Featurizer.Vector[]> windowFeatures) {
        return new CrossSource(dimension, trainer, samples, windowFeatures);
    }

    public List<Sample> samples() {
        return samples;
    }

    /** Trains on the samples {@code include} accepts, weighting sources and classes as described above. */
    public LinearModel train(java.util.function.IntPredicate include) {
        if (featurizer == null) {
            throw new IllegalStateException("dense features: use trainDense");
        }
        return trainer.fit(featurizer, window, stride, examples(include));
    }

    /** As {@link #train}, for the precomputed dense features of {@link #dense}. */
    public DenseHead trainDense(java.util.function.IntPredicate include) {
        return trainer.fitDense(dimension, examples(include));
    }

    private List<Trainer.Example> examples(java.util.function.IntPredicate include) {
        double[] sampleWeights = new double[samples.size()];
        Map<String, Integer> rowCount = new HashMap<>();
        double[] classTotal = new double[2];
        for (int i = 0; i < samples.size(); i++) {
            if (include.test(i)) {
                rowCount.merge(key(samples.get(i)), 1, Integer::sum);
            }
        }
        for (int i = 0; i < samples.size(); i++) {
            if (include.test(i)) {
                Sample s = samples.get(i);
                int n = rowCount.get(key(s));
                sampleWeights[i] = Math.sqrt(n) / n;
                classTotal[s.positive() ? 1 : 0] += sampleWeights[i];
            }
        }
        int total = 0;
        for (int i = 0; i < samples.size(); i++) {
            if (include.test(i)) {
                total++;
            }
        }
        boolean[] kept = minSources > 1 ? keptFeatures(include) : null;
        List<Trainer.Example> examples = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            if (!include.test(i)) {
                continue;
            }
            Sample s = samples.get(i);
            // each class sums to half the examples' count, so the mean weight is 1 and the learning rate keeps its
            // meaning whatever the mix
            double w = sampleWeights[i] / classTotal[s.positive() ? 1 : 0] * total / 2;
            // a negative's paragraphs are negatives too; a positive's are not all attacks, so only its windows train
            Featurizer.Vector[] v = features.get(i);
            int n = s.positive() ? windowCounts[i] : v.length;
            for (int k = 0; k < n; k++) {
                examples.add(new Trainer.Example(kept == null ? v[k] : only(v[k], kept), s.positive(), w / n));
            }
        }
        return examples;
    }

    /** Per hashed feature, whether at least {@link #minSources} sources of the included samples have it. */
    private boolean[] keptFeatures(java.util.function.IntPredicate include) {
        Map<String, List<Integer>> bySource = new java.util.TreeMap<>();
        for (int i = 0; i < samples.size(); i++) {
            if (include.test(i)) {
                bySource.computeIfAbsent(samples.get(i).source(), k -> new ArrayList<>())
                        .add(i);
            }
        }
        int[] sources = new int[dimension];
        int[] lastSource = new int[dimension];
        java.util.Arrays.fill(lastSource, -1);
        int id = 0;
        for (List<Integer> members : bySource.values()) {
            for (int i : members) {
                for (Featurizer.Vector v : features.get(i)) {
                    for (int f : v.indices()) {
                        if (lastSource[f] != id) {
                            lastSource[f] = id;
                            sources[f]++;
                        }
                    }
                }
            }
            id++;
        }
        boolean[] kept = new boolean[dimension];
        for (int f = 0; f < dimension; f++) {
            kept[f] = sources[f] >= minSources;
        }
        return kept;
    }

    /** The vector without the features {@code kept} leaves out; values as they were (no new normalisation). */
    private static Featurizer.Vector only(Featurizer.Vector v, boolean[] kept) {
        int n = 0;
        for (int f : v.indices()) {
            if (kept[f]) {
                n++;
            }
        }
        if (n == v.indices().length) {
            return v;
        }
        int[] idx = new int[n];
        float[] val = new float[n];
        int j = 0;
        for (int k = 0; k < v.indices().length; k++) {
            if (kept[v.indices()[k]]) {
                idx[j] = v.indices()[k];
                val[j++] = v.values()[k];
            }
        }
        return new Featurizer.Vector(idx, val);
    }

    /**
     * The margin of every sample under a model trained without its fold (and without the positives that share a
     * genre with the fold's negatives). Folds are visited in sorted order, so the result is deterministic.
     */
    public double[] outOfFold(Function<Sample, String> foldOf) {
        return outOfFold(foldOf, true);
    }

    /**
     * As {@link #outOfFold(Function)}; {@code byGenre} false keeps the positives of a held-out negative's genre in
     * training (for random folds, where every fold holds some of every genre).
     */
    public double[] outOfFold(Function<Sample, String> foldOf, boolean byGenre) {
        String[] fold = new String[samples.size()];
        for (int i = 0; i < fold.length; i++) {
            fold[i] = foldOf.apply(samples.get(i));
        }
        double[] margins = new double[samples.size()];
        List<String> folds = new ArrayList<>(new TreeSet<>(java.util.Arrays.asList(fold)));
        // the folds are independent, and each writes only its own samples' margins: running them side by side gives
        // the same margins as one after another
        inParallel(parallelism, folds.size(), k -> foldMargins(folds.get(k), fold, byGenre, margins));
        return margins;
    }

    /** Trains without fold {@code f} and scores fold {@code f}'s samples into {@code margins}. */
    private void foldMargins(String f, String[] fold, boolean byGenre, double[] margins) {
        {
            java.util.Set<String> genres = new java.util.HashSet<>();
            for (int i = 0; i < fold.length; i++) {
                Sample s = samples.get(i);
                if (byGenre && fold[i].equals(f) && !s.positive() && !s.genre().isEmpty()) {
                    genres.add(s.genre());
                }
            }
            java.util.function.IntPredicate include = i -> !fold[i].equals(f)
                    && !(samples.get(i).positive()
                            && genres.contains(samples.get(i).genre()));
            java.util.function.ToDoubleFunction<Featurizer.Vector> m;
            if (featurizer == null) {
                m = trainDense(include)::margin;
            } else {
                m = train(include)::margin;
            }
            for (int i = 0; i < fold.length; i++) {
                if (fold[i].equals(f)) {
                    margins[i] = margin(m, i);
                }
            }
        }
    }

    /**
     * Runs {@code task} for 0 to {@code n - 1} on up to {@code parallelism} threads, and returns when all are done;
     * after a failure no new task starts, and the first failure is rethrown.
     */
    static void inParallel(int parallelism, int n, java.util.function.IntConsumer task) {
        int threads = Math.min(parallelism, n);
        if (threads <= 1) {
            for (int k = 0; k < n; k++) {
                task.accept(k);
            }
            return;
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        Runnable worker = () -> {
            for (int k = next.getAndIncrement(); k < n && failure.get() == null; k = next.getAndIncrement()) {
                try {
                    task.accept(k);
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            started.add(Thread.ofPlatform().name("cross-source-" + t).start(worker));
        }
        try {
            for (Thread t : started) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training folds", e);
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error r) {
            throw r;
        }
    }

    /** The highest window margin of sample {@code i}. */
    double margin(java.util.function.ToDoubleFunction<Featurizer.Vector> m, int i) {
        double best = Double.NEGATIVE_INFINITY;
        for (Featurizer.Vector x : features.get(i)) {
            best = Math.max(best, m.applyAsDouble(x));
        }
        return best;
    }

    /** Rows and pooled metrics of these margins at score {@code >= 0.5} under this calibration. */
    public Evaluation evaluate(String name, double[] margins, double scale, double bias) {
        Map<String, int[]> rows = new TreeMap<>();
        int tp = 0;
        int fp = 0;
        int tn = 0;
        int fn = 0;
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            boolean flag = scale * margins[i] + bias >= 0;
            int[] r = rows.computeIfAbsent((s.positive() ? "0" : "1") + s.source(), k -> new int[2]);
            r[0]++;
            if (flag) {
                r[1]++;
            }
            if (s.positive()) {
                tp += flag ? 1 : 0;
                fn += flag ? 0 : 1;
            } else {
                fp += flag ? 1 : 0;
                tn += flag ? 0 : 1;
            }
        }
        List<Row> out = new ArrayList<>();
        double recallSum = 0;
        double fpSum = 0;
        int posRows = 0;
        int negRows = 0;
        for (Map.Entry<String, int[]> e : rows.entrySet()) {
            boolean positive = e.getKey().charAt(0) == '0';
            Row r = new Row(e.getKey().substring(1), positive, e.getValue()[0], e.getValue()[1]);
            out.add(r);
            if (positive) {
                recallSum += r.rate();
                posRows++;
            } else {
                fpSum += r.rate();
                negRows++;
            }
        }
        return new Evaluation(
                name,
                out,
                new Metrics(tp, fp, tn, fn),
                posRows == 0 ? 0 : recallSum / posRows,
                negRows == 0 ? 0 : fpSum / negRows);
    }

    /**
     * Platt scaling: the slope and intercept of {@code sigmoid(a * margin + b)} that fit the labels best, with every
     * source and label row weighing the same and the two classes weighing the same (so the result is a probability
     * under equal priors). Targets are Platt's smoothed ones ({@code (n+ + 1) / (n+ + 2)} and {@code 1 / (n- + 2)}),
     * which keep the fit finite when the scores separate the classes; Newton's method with step halving.
     */
    public double[] platt(double[] margins) {
        Map<String, Integer> rowCount = new HashMap<>();
        Map<Boolean, TreeSet<String>> rowsPerClass = new HashMap<>();
        int positives = 0;
        for (Sample s : samples) {
            rowCount.merge(key(s), 1, Integer::sum);
            rowsPerClass.computeIfAbsent(s.positive(), k -> new TreeSet<>()).add(key(s));
            positives += s.positive() ? 1 : 0;
        }
        int negatives = samples.size() - positives;
        double hi = (positives + 1.0) / (positives + 2.0);
        double lo = 1.0 / (negatives + 2.0);
        double[] w = new double[samples.size()];
        double[] t = new double[samples.size()];
        for (int i = 0; i < w.length; i++) {
            Sample s = samples.get(i);
            w[i] = 1.0 / rowCount.get(key(s)) / rowsPerClass.get(s.positive()).size();
            t[i] = s.positive() ? hi : lo;
        }
        double a = 1;
        double b = 0;
        double loss = plattLoss(margins, w, t, a, b);
        for (int iter = 0; iter < 100; iter++) {
            double ga = 0;
            double gb = 0;
            double haa = 1e-12;
            double hab = 0;
            double hbb = 1e-12;
            for (int i = 0; i < w.length; i++) {
                double p = LinearModel.sigmoid(a * margins[i] + b);
                double d = (p - t[i]) * w[i];
                double h = p * (1 - p) * w[i];
                ga += d * margins[i];
                gb += d;
                haa += h * margins[i] * margins[i];
                hab += h * margins[i];
                hbb += h;
            }
            double det = haa * hbb - hab * hab;
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            double step = 1;
            double na = a - da;
            double nb = b - db;
            double nl = plattLoss(margins, w, t, na, nb);
            while (!(nl <= loss) && step > 1e-8) {
                step /= 2;
                na = a - step * da;
                nb = b - step * db;
                nl = plattLoss(margins, w, t, na, nb);
            }
            if (!(nl <= loss)) {
                break;
            }
            boolean done = loss - nl < 1e-12;
            a = na;
            b = nb;
            loss = nl;
            if (done) {
                break;
            }
        }
        return new double[] {a, b};
    }

    private static double plattLoss(double[] m, double[] w, double[] t, double a, double b) {
        double l = 0;
        for (int i = 0; i < m.length; i++) {
            double z = a * m[i] + b;
            // log(1 + e^z) - t z, computed without overflow
            double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
            l += w[i] * (softplus - t[i] * z);
        }
        return l;
    }

    /**
     * The lowest margin threshold whose mean false-positive rate over the negative sources is at most {@code
     * maxFalsePositiveRate}: the candidates are the negatives' own margins (just above each), so the target is met
     * exactly when it can be met at all.
     */
    public double chooseMarginThreshold(double[] margins, double maxFalsePositiveRate) {
        double[] candidates = new double[samples.size() + 1];
        int n = 0;
        for (int i = 0; i < samples.size(); i++) {
            if (!samples.get(i).positive()) {
                candidates[n++] = Math.nextUp(margins[i]);
            }
        }
        candidates[n++] = Double.NEGATIVE_INFINITY;
        double[] c = java.util.Arrays.copyOf(candidates, n);
        java.util.Arrays.sort(c);
        // macro false-positive rate falls as the threshold rises: binary search for the lowest that meets the target
        int lo = 0;
        int hi = c.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (evaluate("", margins, 1, -c[mid]).macroFalsePositiveRate() <= maxFalsePositiveRate) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return c[lo];
    }

    /**
     * The trade-off between false positives and recall: for each target mean false-positive rate, the lowest
     * threshold meeting it and what it gives, one line each.
     */
    public String tradeOff(double[] margins, double... targets) {
        StringBuilder b = new StringBuilder(String.format(
                Locale.ROOT,
                "%-14s %-12s %-12s %-10s %-10s %s%n",
                "target macroFP",
                "macro FP",
                "macro recall",
                "precision",
                "recall",
                "per positive source"));
        for (double t : targets) {
            double m = chooseMarginThreshold(margins, t);
            Evaluation e = evaluate("", margins, 1, -m);
            StringBuilder per = new StringBuilder();
            for (Row r : e.rows()) {
                if (r.positive()) {
                    per.append(String.format(Locale.ROOT, " %s %.2f", r.source(), r.rate()));
                }
            }
            b.append(String.format(
                    Locale.ROOT,
                    "%-14.3f %-12.3f %-12.3f %-10.3f %-10.3f%s%n",
                    t,
                    e.macroFalsePositiveRate(),
                    e.macroRecall(),
                    e.pooled().precision(),
                    e.pooled().recall(),
                    per));
        }
        return b.toString();
    }

    static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    /** Counts per source and label, sorted, for the metadata and the docs. */
    public Map<String, Integer> counts() {
        Map<String, Integer> m = new TreeMap<>();
        for (Sample s : samples) {
            m.merge((s.positive() ? "positive/" : "negative/") + s.source(), 1, Integer::sum);
        }
        return m;
    }

    /**
     * The whole procedure: out-of-fold margins by {@code foldOf}, Platt calibration on them, the threshold for
     * {@code maxFalsePositiveRate}, then the final model on every sample, calibrated so that its score is 0.5 at
     * that threshold (so a rule's {@code threshold: 0.5} is the measured operating point).
     *
     * @param name the evaluation's name
     * @param foldOf fold of each sample
     * @param maxFalsePositiveRate target mean false-positive rate over the negative sources
     * @param metadata extra metadata for the model file
     * @return the evaluation at the chosen operating point, and the final model
     */
    public Result run(
            String name, Function<Sample, String> foldOf, double maxFalsePositiveRate, Map<String, String> metadata) {
        double[] margins = outOfFold(foldOf);
        double[] ab = platt(margins);
        double marginThreshold = chooseMarginThreshold(margins, maxFalsePositiveRate);
        double threshold = LinearModel.sigmoid(ab[0] * marginThreshold + ab[1]);
        // shift the calibration so that the chosen margin scores exactly 0.5
        double bias = -ab[0] * marginThreshold;
        Evaluation evaluation = evaluate(name, margins, ab[0], bias);
        // a negative one ulp under the threshold can round onto it in a * m + b: step the bias down until the
        // evaluation meets the target the threshold was chosen for (a few ulps at most)
        for (int i = 0; i < 64 && evaluation.macroFalsePositiveRate() > maxFalsePositiveRate; i++) {
            bias = Math.nextDown(bias);
            evaluation = evaluate(name, margins, ab[0], bias);
        }
        LinearModel all = train(i -> true);
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        counts().forEach((k, v) -> meta.put("count/" + k, Integer.toString(v)));
        meta.put("trainer", trainer.toString());
        meta.put(
                "calibration",
                String.format(
                        Locale.ROOT,
                        "platt a=%.6f b=%.6f on out-of-fold margins (%s); operating point at probability %.4f"
                                + " (margin %.6f) shifted to 0.5",
                        ab[0],
                        ab[1],
                        name,
                        threshold,
                        marginThreshold));
        meta.put("eval/macro-recall", String.format(Locale.ROOT, "%.4f", evaluation.macroRecall()));
        meta.put("eval/macro-fp-rate", String.format(Locale.ROOT, "%.4f", evaluation.macroFalsePositiveRate()));
        LinearModel model = all.withCalibration(ab[0], bias, 0.5, meta);
        return new Result(evaluation, margins, ab[0], bias, threshold, model);
    }

    /**
     * What {@link #run} gives.
     *
     * @param evaluation at the chosen operating point
     * @param margins the out-of-fold margins
     * @param scale the calibration slope
     * @param bias the calibration intercept, shifted so the operating point scores 0.5
     * @param probabilityThreshold the operating point as a Platt probability before the shift
     * @param model the final model
     */
    public record Result(
            Evaluation evaluation,
            double[] margins,
            double scale,
            double bias,
            double probabilityThreshold,
            LinearModel model) {}

    private static String key(Sample s) {
        return (s.positive() ? "+" : "-") + s.source();
    }
}
