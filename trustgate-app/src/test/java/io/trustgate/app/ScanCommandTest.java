package io.trustgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustgate.api.evidence.Evidence;
import io.trustgate.api.evidence.EvidenceKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trustgate scan}: outputs, exit codes by threshold, and the evidence it records. */
class ScanCommandTest {
    @TempDir
    Path dir;

    /** Protocol 2 pickle calling os.system: bytes only, never loaded. */
    private static byte[] evilPickle() {
        return ("\u0080\u0002cos\nsystem\nX\u0002\u0000\u0000\u0000id\u0085R.").getBytes(StandardCharsets.ISO_8859_1);
    }

    private Path model() throws Exception {
        Path m = Files.createDirectories(dir.resolve("model"));
        Files.write(m.resolve("pytorch_model.bin"), evilPickle());
        Files.writeString(m.resolve("config.json"), "{\"model_type\":\"llama\"}");
        return m;
    }

    @Test
    void exitsOneOnCriticalFindingsAndPrintsATable() throws Exception {
        CliTest.Result r = CliTest.run("scan", model().toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("CRITICAL", "os.system", "pytorch_model.bin", "2 file(s)");
    }

    @Test
    void exitsZeroWhenNothingReachesTheThreshold() throws Exception {
        Path m = Files.createDirectories(dir.resolve("clean"));
        Files.writeString(m.resolve("config.json"), "{}");
        assertThat(CliTest.run("scan", m.toString()).code()).isZero();
        Path onnxish = dir.resolve("x.pt");
        Files.write(onnxish, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        assertThat(CliTest.run("scan", onnxish.toString()).code()).isZero();
        assertThat(CliTest.run("scan", onnxish.toString(), "--fail-on", "MEDIUM")
                        .code())
                .isEqualTo(1);
        assertThat(CliTest.run("scan", onnxish.toString(), "--fail-on", "medium")
                        .code())
                .isEqualTo(1);
    }

    @Test
    void printsJsonAndSarif() throws Exception {
        Path m = model();
        JsonNode json = new ObjectMapper()
                .readTree(CliTest.run("scan", m.toString(), "--json").out());
        assertThat(json.path("counts").path("critical").asInt()).isEqualTo(1);
        JsonNode sarif = new ObjectMapper()
                .readTree(CliTest.run("scan", m.toString(), "--sarif").out());
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.path("runs")
                        .get(0)
                        .path("results")
                        .get(0)
                        .path("level")
                        .asText())
                .isEqualTo("error");
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        assertThat(CliTest.run("scan", dir.resolve("missing").toString()).code())
                .isEqualTo(2);
        assertThat(CliTest.run("scan", model().toString(), "--json", "--sarif").code())
                .isEqualTo(2);
        assertThat(CliTest.run("scan", model().toString(), "--fail-on", "SEVERE")
                        .code())
                .isEqualTo(2);
    }

    @Test
    void recordsArtifactScanEvidenceForTheModel() throws Exception {
        Path data = dir.resolve("data");
        CliTest.Result r =
                CliTest.run("scan", model().toString(), "--model", "acme/llama-7b", "--data-dir", data.toString());
        assertThat(r.code()).isEqualTo(1);
        List<Evidence> ev = new EvidenceFiles(data).read("acme/llama-7b");
        assertThat(ev).hasSize(1);
        Evidence e = ev.get(0);
        assertThat(e.kind()).isEqualTo(EvidenceKind.ARTIFACT_SCAN);
        assertThat(e.name()).isEqualTo("artifact-scan");
        assertThat(e.measurement("files_scanned").orElseThrow().value()).isEqualTo(2);
        assertThat(e.measurement("findings_critical").orElseThrow().value()).isEqualTo(1);
        assertThat(e.measurement("passed").orElseThrow().value()).isZero();
    }
}
