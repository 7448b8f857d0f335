package io.trustgate.assess.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustgate.assess.artifacts.Build.ZipEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three renderings of a report: table, JSON and SARIF 2.1.0. */
class ScanReportsTest {
    @TempDir
    Path dir;

    private ScanReport folder() throws Exception {
        Files.write(dir.resolve("model.pkl"), Build.globalCall("os", "system", "id"));
        Files.createDirectories(dir.resolve("sub"));
        Files.write(
                dir.resolve("sub/model.pt"),
                Build.zip(new ZipEntry("archive/data.pkl", Build.globalCall("builtins", "eval", "1"))));
        Files.write(
                dir.resolve("sub/clean.safetensors"),
                Build.safetensors("{\"w\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]}}", new byte[4]));
        Files.write(dir.resolve("custom.onnx"), Build.onnx("w.bin", "com.example"));
        return new ArtifactScanner().scan(dir);
    }

    @Test
    void scansEveryFileOfAFolderWithRelativeNames() throws Exception {
        ScanReport r = folder();
        assertThat(r.files())
                .extracting(FileVerdict::file)
                .containsExactly("custom.onnx", "model.pkl", "sub/clean.safetensors", "sub/model.pt");
        assertThat(r.counts().get(Severity.CRITICAL)).isEqualTo(2);
        assertThat(r.counts().get(Severity.LOW)).isEqualTo(1);
        assertThat(r.failsAt(Severity.HIGH)).isTrue();
        assertThat(ScanReports.table(r))
                .contains("CRITICAL", "pickle/unsafe-global", "sub/model.pt!/archive/data.pkl", "4 file(s)");
    }

    @Test
    void jsonListsFilesVerdictsAndLocations() throws Exception {
        JsonNode j = ScanReports.json(folder());
        assertThat(j.path("files_scanned").asInt()).isEqualTo(4);
        assertThat(j.path("counts").path("critical").asInt()).isEqualTo(2);
        JsonNode pt = j.path("files").get(3);
        assertThat(pt.path("verdict").asText()).isEqualTo("flagged");
        assertThat(pt.path("format").asText()).isEqualTo("pytorch-zip");
        assertThat(pt.path("findings").get(0).path("entry").asText()).isEqualTo("archive/data.pkl");
        assertThat(j.path("files").get(2).path("verdict").asText()).isEqualTo("clean");
    }

    @Test
    void sarifHasRulesLevelsAndLocations() throws Exception {
        JsonNode s = ScanReports.sarif(folder(), "0.1.0");
        assertThat(s.path("version").asText()).isEqualTo("2.1.0");
        JsonNode run = s.path("runs").get(0);
        assertThat(run.path("tool").path("driver").path("name").asText()).isEqualTo("trustgate-scan");
        assertThat(run.path("tool").path("driver").path("rules").findValuesAsText("id"))
                .contains("pickle/unsafe-global", "onnx/custom-domain");
        JsonNode results = run.path("results");
        assertThat(results).hasSize(3);
        assertThat(results.findValuesAsText("level")).containsOnly("error", "note");
        JsonNode pt = null;
        for (JsonNode res : results) {
            if (res.path("locations")
                    .get(0)
                    .path("physicalLocation")
                    .path("artifactLocation")
                    .path("uri")
                    .asText()
                    .equals("sub/model.pt")) {
                pt = res;
            }
        }
        assertThat(pt).isNotNull();
        assertThat(pt.path("locations")
                        .get(0)
                        .path("logicalLocations")
                        .get(0)
                        .path("name")
                        .asText())
                .isEqualTo("archive/data.pkl");
        JsonNode pkl = results.get(1);
        assertThat(pkl.path("locations")
                        .get(0)
                        .path("physicalLocation")
                        .path("region")
                        .path("byteOffset")
                        .asLong())
                .isPositive();
    }

    @Test
    void readsOnlyTheHeaderOfALargeSafetensorsFile() throws Exception {
        // 3 GiB file (sparse): the scan must cost the header, not the weights, and handle offsets past 2 GiB.
        long tensor = 1L << 30;
        StringBuilder h = new StringBuilder("{");
        for (int i = 0; i < 3; i++) {
            h.append(i == 0 ? "" : ",")
                    .append("\"t")
                    .append(i)
                    .append("\":{\"dtype\":\"U8\",\"shape\":[")
                    .append(tensor)
                    .append("],\"data_offsets\":[")
                    .append(i * tensor)
                    .append(',')
                    .append((i + 1) * tensor)
                    .append("]}");
        }
        byte[] head = Build.safetensors(h.append('}').toString(), new byte[0]);
        Path f = dir.resolve("big.safetensors");
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(f.toFile(), "rw")) {
            raf.write(head);
            raf.setLength(head.length + 3 * tensor);
        }
        long t0 = System.nanoTime();
        ScanReport r = new ArtifactScanner().scan(f);
        assertThat(r.files().get(0).format()).isEqualTo("safetensors");
        assertThat(r.files().get(0)).isInstanceOf(FileVerdict.Clean.class);
        assertThat(System.nanoTime() - t0).isLessThan(10_000_000_000L);
    }

    @Test
    void mapsSeveritiesToSarifLevels() {
        assertThat(ScanReports.level(Severity.CRITICAL)).isEqualTo("error");
        assertThat(ScanReports.level(Severity.HIGH)).isEqualTo("error");
        assertThat(ScanReports.level(Severity.MEDIUM)).isEqualTo("warning");
        assertThat(ScanReports.level(Severity.LOW)).isEqualTo("note");
    }
}
