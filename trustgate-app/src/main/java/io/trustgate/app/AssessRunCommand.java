package io.trustgate.app;

import io.trustgate.api.Secret;
import io.trustgate.assess.grade.Grader;
import io.trustgate.assess.report.RunReport;
import io.trustgate.assess.run.Judge;
import io.trustgate.assess.run.Progress;
import io.trustgate.assess.run.RunMeta;
import io.trustgate.assess.run.RunStore;
import io.trustgate.assess.run.Runner;
import io.trustgate.assess.suite.Sample;
import io.trustgate.assess.suite.Suite;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code trustgate assess run}: runs a suite against a model through the gateway, journaled so that a stopped run
 * continues with {@code --resume}, and stores the report and the evidence.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run a suite against a model through the gateway (authenticated, rate-limited, audited)."
                + " A stopped run continues with --resume RUN_ID; no sample is graded twice.")
final class AssessRunCommand implements Callable<Integer> {
    @Mixin
    StateOptions state;

    @Option(names = "--model", paramLabel = "MODEL", description = "Model name as the gateway serves it.")
    String model;

    @Option(names = "--suite", paramLabel = "SUITE", description = "Suite name (see: trustgate assess suites).")
    String suite;

    @Option(
            names = "--input",
            paramLabel = "FILE",
            description = "A user suite: JSONL of {\"prompt\":..., \"expected\":...} (exact match, else refusal).")
    Path input;

    @Option(names = "--limit", paramLabel = "N", description = "At most N samples (categories alternate).")
    Integer limit;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            defaultValue = "4",
            description = "Samples in flight. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(
            names = "--gateway",
            paramLabel = "URL",
            description = "Gateway base URL. Default: $TRUSTGATE_GATEWAY or http://127.0.0.1:8080.")
    String gateway;

    @Option(
            names = "--key",
            paramLabel = "KEY",
            description = "Virtual API key for the gateway. Default: $TRUSTGATE_KEY.")
    String key;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "Datasets folder. Default: $TRUSTGATE_DATASETS or ../shared/datasets.")
    Path data;

    @Option(names = "--resume", paramLabel = "RUN_ID", description = "Continue a stopped run.")
    String resume;

    @Option(
            names = "--judge",
            paramLabel = "MODEL",
            description = "Also ask this model, with a written rubric, whether each answer is a refusal.")
    String judge;

    @Option(
            names = "--refusal-detector",
            paramLabel = "NAME",
            defaultValue = "scanner",
            description = "scanner (the firewall's refusal scanner) or prefix. Default: ${DEFAULT-VALUE}.")
    String refusalDetector;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "0", description = "Default: ${DEFAULT-VALUE}.")
    double temperature;

    @Option(
            names = "--max-tokens",
            paramLabel = "N",
            defaultValue = "512",
            description = "Answer budget. Default: ${DEFAULT-VALUE}.")
    int maxTokens;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "120",
            description = "Per call. Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        RunStore store = new RunStore(state.dataDir());
        RunMeta meta = resume != null ? resumed(store) : created();
        List<Sample> samples = Assessments.samples(meta);
        // usage is checked before the run's folder exists: a refused command leaves no empty run behind
        String k = Assessments.key(key);
        String g = Assessments.gateway(gateway);
        if (concurrency < 1 || concurrency > 256) {
            throw new CliException("--concurrency must be 1-256, was " + concurrency, 2);
        }
        if (resume == null) {
            store.create(meta);
        }
        GatewayModelClient client =
                new GatewayModelClient(URI.create(g), Secret.of(k), Duration.ofSeconds(timeoutSeconds));
        Runner runner = new Runner(
                client,
                new Grader(Assessments.refusalDetectorOf(meta)),
                meta.judge().map(Judge::new),
                Runner.Options.defaults(concurrency),
                d -> Thread.sleep(d));
        int already =
                (int) store.results(meta.id()).stream().filter(r -> r.graded()).count();
        boolean terminal = terminal();
        Progress progress = quiet
                ? Progress.silent()
                : new Progress(err, terminal, samples.size(), Math.min(already, samples.size()), System::nanoTime);
        err.println("Run " + meta.id() + ": " + meta.suite() + " on " + meta.model() + ", " + samples.size()
                + " samples" + (already > 0 ? " (" + already + " already graded)" : "") + ", via " + g);
        err.flush();
        // Ctrl-C: stop the calls in flight and flush the journal, so that --resume continues from here
        Thread main = Thread.currentThread();
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            main.interrupt();
            try {
                stopped.await(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        Runner.Summary summary;
        try {
            summary = runner.run(store, meta, samples, progress);
        } catch (InterruptedException e) {
            err.println("Stopped. Continue with: trustgate assess run --resume " + meta.id());
            err.flush();
            return 130;
        } catch (Runner.Aborted e) {
            // A new run with no answer holds nothing worth resuming: remove it rather than list it as incomplete.
            // A resumed run keeps its folder and its graded samples; --resume with the right key continues it.
            boolean fresh = resume == null && store.results(meta.id()).stream().noneMatch(r -> r.graded());
            if (fresh) {
                store.delete(meta.id());
            }
            throw new CliException(
                    "run stopped: " + e.getMessage()
                            + (fresh ? "" : "; once fixed, continue with: trustgate assess run --resume " + meta.id()),
                    2);
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: nothing to remove
            }
        }
        RunReport report = Assessments.report(store, meta);
        Assessments.writeReports(store, report);
        PrintWriter out = spec.commandLine().getOut();
        report.metrics()
                .forEach((m, f) -> out.printf(
                        java.util.Locale.ROOT,
                        "%s: %.3f (95%% CI %.3f-%.3f, %d of %d)%n",
                        m,
                        f.overall().value(),
                        f.overall().lower(),
                        f.overall().upper(),
                        f.overall().hits(),
                        f.overall().samples()));
        report.bbq()
                .forEach((c, s) -> out.printf(
                        java.util.Locale.ROOT,
                        "bbq %s: accuracy %.3f, bias score %.3f (95%% CI %.3f to %.3f)%n",
                        c,
                        s.accuracy(),
                        s.biasScore(),
                        s.lower(),
                        s.upper()));
        out.flush();
        err.println("Report: " + store.dir(meta.id()).resolve("report.html"));
        if (report.finished()) {
            Path ev = new EvidenceFiles(state.dataDir()).write(report.evidence());
            err.println("Evidence for " + meta.model() + ": " + ev);
            err.flush();
            return 0;
        }
        err.println(summary.failed() + " samples failed after retries; try them again with: trustgate assess run"
                + " --resume " + meta.id());
        err.flush();
        return 1;
    }

    /** Whether stderr is a terminal; JDK 22+ has Console.isTerminal (we compile for 21, so reflectively). */
    static boolean terminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only on a terminal
        }
    }

    private RunMeta resumed(RunStore store) {
        if (model != null || suite != null || input != null || limit != null || judge != null) {
            throw new CliException(
                    "--resume continues a run as it was started: give no --model, --suite, --input,"
                            + " --limit or --judge with it",
                    2);
        }
        return Assessments.meta(store, resume);
    }

    private RunMeta created() {
        if (model == null || model.isBlank()) {
            throw new CliException("give --model MODEL (or --resume RUN_ID)", 2);
        }
        if (suite == null && input == null) {
            throw new CliException("give --suite SUITE or --input FILE.jsonl (see: trustgate assess suites)", 2);
        }
        if (limit != null && limit < 1) {
            throw new CliException("--limit must be >= 1, was " + limit, 2);
        }
        if (maxTokens < 1 || !(temperature >= 0 && temperature <= 2)) {
            throw new CliException("--max-tokens must be >= 1 and --temperature in [0, 2]", 2);
        }
        Optional<String> in =
                Optional.ofNullable(input).map(p -> p.toAbsolutePath().toString());
        Suite s = Assessments.suite(suite == null ? "" : suite, in);
        Assessments.refusalDetector(refusalDetector); // validates the name
        Instant now = Instant.now();
        return new RunMeta(
                RunStore.newId(now, s.name()),
                model,
                s.name(),
                in,
                Assessments.datasets(data).toAbsolutePath().toString(),
                limit == null ? 0 : limit,
                now,
                refusalDetector.equals("prefix") ? "prefix" : "scanner:refusal",
                Optional.ofNullable(judge),
                temperature,
                maxTokens);
    }
}
