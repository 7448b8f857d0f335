package io.trustgate.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustgate.api.evidence.Evidence;
import io.trustgate.api.evidence.EvidenceKind;
import io.trustgate.api.evidence.Measurement;
import io.trustgate.assess.artifacts.ArtifactScanner;
import io.trustgate.assess.artifacts.ScanReport;
import io.trustgate.assess.artifacts.ScanReports;
import io.trustgate.assess.artifacts.Severity;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trustgate scan PATH}: scan a model file or folder for supply-chain attacks (unsafe pickles, zip tricks,
 * Keras lambdas, malformed safetensors, GGUF chat templates that reach code, ONNX external data outside the folder)
 * without loading anything. Exit codes: 0 nothing at or above the threshold, 1 findings at or above it, 2 bad usage.
 * With {@code --model} the result is also stored as evidence on that model's profile.
 */
@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        description = "Scan model files (pickle, PyTorch, NumPy, Keras, safetensors, GGUF, ONNX, zip) without"
                + " loading them. Exit 0 clean below the threshold, 1 findings at or above it, 2 usage error.")
final class ScanCommand implements Callable<Integer> {
    @Mixin
    StateOptions state;

    @Parameters(index = "0", paramLabel = "PATH", description = "A model file or folder.")
    Path path;

    @ArgGroup(exclusive = true)
    OutputFormat output = new OutputFormat();

    static final class OutputFormat {
        @Option(names = "--json", description = "Print the report as JSON.")
        boolean json;

        @Option(names = "--sarif", description = "Print the report as SARIF 2.1.0.")
        boolean sarif;
    }

    @Option(
            names = "--fail-on",
            paramLabel = "SEVERITY",
            defaultValue = "HIGH",
            converter = ScanCommand.SeverityConverter.class,
            description = "Exit 1 when a finding is at or above this severity: ${COMPLETION-CANDIDATES}"
                    + " (default: ${DEFAULT-VALUE}).")
    Severity failOn;

    @Option(
            names = "--model",
            paramLabel = "ID",
            description = "Record the result as ARTIFACT_SCAN evidence on this model (under <data-dir>/evidence).")
    String model;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Accepts the severity in any case ({@code high}, {@code HIGH}). */
    static final class SeverityConverter implements CommandLine.ITypeConverter<Severity> {
        @Override
        public Severity convert(String value) {
            try {
                return Severity.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a severity (CRITICAL, HIGH, MEDIUM, LOW)");
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(path)) {
            throw new CliException("no such file or folder: " + path, 2);
        }
        ScanReport report = new ArtifactScanner().scan(path);
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper json = new ObjectMapper();
        if (output.json) {
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(ScanReports.json(report)));
        } else if (output.sarif) {
            out.println(json.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(ScanReports.sarif(report, VersionCommand.version())));
        } else {
            out.print(ScanReports.table(report));
        }
        out.flush();
        if (model != null) {
            Path stored = new EvidenceFiles(state.dataDir()).write(evidence(model, report, failOn));
            spec.commandLine().getErr().println("evidence stored: " + stored);
        }
        return report.failsAt(failOn) ? 1 : 0;
    }

    static Evidence evidence(String model, ScanReport report, Severity failOn) {
        List<Measurement> ms = new ArrayList<>();
        long files = report.files().size();
        ms.add(Measurement.of("files_scanned", files, files));
        ms.add(Measurement.of("bytes_scanned", report.bytes(), files));
        for (Map.Entry<Severity, Integer> e : report.counts().entrySet()) {
            ms.add(Measurement.of("findings_" + e.getKey().name().toLowerCase(Locale.ROOT), e.getValue(), files));
        }
        ms.add(Measurement.of("passed", report.failsAt(failOn) ? 0 : 1, files));
        List<String> notes = new ArrayList<>();
        report.findings().stream()
                .filter(f -> f.severity().atLeast(Severity.HIGH))
                .limit(20)
                .forEach(f -> notes.add(
                        f.severity() + " " + f.rule().id() + " " + f.location().display()));
        return new Evidence(
                model,
                EvidenceKind.ARTIFACT_SCAN,
                "artifact-scan",
                "trustgate scan " + report.root(),
                LocalDate.now(),
                "static scan of model files (no loading): pickle opcodes, zip structure, Keras configs, safetensors,"
                        + " GGUF and ONNX headers; threshold " + failOn,
                ms,
                notes);
    }
}
