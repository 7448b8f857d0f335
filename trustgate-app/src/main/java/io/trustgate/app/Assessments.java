package io.trustgate.app;

import io.trustgate.api.ScanText;
import io.trustgate.assess.grade.RefusalDetector;
import io.trustgate.assess.report.ReportHtml;
import io.trustgate.assess.report.ReportJson;
import io.trustgate.assess.report.RunReport;
import io.trustgate.assess.run.RunMeta;
import io.trustgate.assess.run.RunStore;
import io.trustgate.assess.suite.Sample;
import io.trustgate.assess.suite.Suite;
import io.trustgate.assess.suite.SuiteDataException;
import io.trustgate.assess.suite.Suites;
import io.trustgate.firewall.Normalizer;
import io.trustgate.firewall.RefusalScanner;
import io.trustgate.firewall.Scanners;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What the {@code assess} commands share: where the datasets are, the refusal detector, suites of a run, reports. */
final class Assessments {
    private Assessments() {}

    /** The virtual key: the option, else {@code $TRUSTGATE_KEY}; a usage error when neither is set. */
    static String key(String option) {
        String k = option != null ? option : System.getenv("TRUSTGATE_KEY");
        if (k == null || k.isBlank()) {
            throw new CliException("give a virtual key with --key or $TRUSTGATE_KEY (trustgate keys create)", 2);
        }
        return k;
    }

    /** The gateway's base URL: the option, else {@code $TRUSTGATE_GATEWAY}, else {@code http://127.0.0.1:8080}. */
    static String gateway(String option) {
        return option != null
                ? option
                : Optional.ofNullable(System.getenv("TRUSTGATE_GATEWAY"))
                        .filter(s -> !s.isBlank())
                        .orElse("http://127.0.0.1:8080");
    }

    /** The datasets folder: the option, else {@code $TRUSTGATE_DATASETS}, else {@code ../shared/datasets}. */
    static Path datasets(Path option) {
        if (option != null) {
            return option;
        }
        String env = System.getenv("TRUSTGATE_DATASETS");
        return Path.of(env != null && !env.isBlank() ? env : "../shared/datasets");
    }

    /** The rule refusal detector: the firewall's refusal scanner over the firewall's normalisation. */
    static RefusalDetector refusalDetector(String name) {
        return switch (name) {
            case "scanner" -> {
                Normalizer n = Scanners.normalizer();
                yield RefusalDetector.of(
                        Scanners.create(RefusalScanner.NAME), t -> n.normalize(t, ScanText.Stage.OUTPUT));
            }
            case "prefix" -> RefusalDetector.prefixes();
            default -> throw new CliException("--refusal-detector must be scanner or prefix, was " + name, 2);
        };
    }

    static RefusalDetector refusalDetectorOf(RunMeta meta) {
        return refusalDetector(meta.refusalDetector().equals("prefix") ? "prefix" : "scanner");
    }

    static Suite suite(String name, Optional<String> input) {
        if (input.isPresent()) {
            return Suites.user(Path.of(input.get()));
        }
        return Suites.byName(name)
                .orElseThrow(() -> new CliException(
                        "unknown suite '" + name + "'; suites: "
                                + Suites.all().stream().map(Suite::name).toList()
                                + " (or --input FILE.jsonl)",
                        2));
    }

    /** The run's samples: the suite loaded again from the same data, cut to the run's limit. */
    static List<Sample> samples(RunMeta meta) {
        Suite s = suite(meta.suite(), meta.input());
        List<Sample> all;
        try {
            all = s.load(Path.of(meta.datasets()));
        } catch (SuiteDataException e) {
            throw new CliException(e.getMessage(), 2);
        }
        return meta.limit() > 0 && meta.limit() < all.size() ? all.subList(0, meta.limit()) : all;
    }

    /** The run's metadata; a usage error (exit 2) when the id is not a run id or names no run. */
    static RunMeta meta(RunStore store, String runId) {
        try {
            RunStore.requireId(runId); // '..' or a path would name a folder outside the store
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), 2);
        }
        return store.meta(runId)
                .orElseThrow(() -> new CliException(
                        "no run '" + runId + "' in " + store.dir(runId).getParent() + " (see: trustgate assess list)",
                        2));
    }

    static RunReport report(RunStore store, RunMeta meta) {
        return RunReport.of(meta, store.results(meta.id()), store.finished(meta.id()));
    }

    /** Writes {@code report.json} and {@code report.html} into the run's folder. */
    static void writeReports(RunStore store, RunReport r) {
        Path dir = store.dir(r.meta().id());
        write(dir.resolve("report.json"), ReportJson.of(r).toPrettyString());
        write(dir.resolve("report.html"), ReportHtml.of(r));
    }

    static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
