package io.trustgate.assess.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a scan walks the file system: symbolic links, special files, files reached twice. */
class ScanPathsTest {
    private final ArtifactScanner scanner = new ArtifactScanner();

    @TempDir
    Path tmp;

    private static List<String> files(ScanReport r) {
        return r.files().stream().map(FileVerdict::file).toList();
    }

    private static Severity worst(ScanReport r) {
        return r.files().stream()
                .flatMap(f -> f.worst().stream())
                .min(Enum::compareTo)
                .orElseThrow(() -> new AssertionError("nothing flagged in " + r.files()));
    }

    @Test
    void followsHuggingFaceCacheLinksIntoBlobs() throws IOException {
        // QA pass 5 #2: huggingface_hub stores every snapshot file as a link into blobs/; links were never followed.
        Path repo = tmp.resolve("models--evil--m");
        Path blob = Files.createDirectories(repo.resolve("blobs")).resolve("5f0e");
        Files.write(blob, Build.stackGlobalCall("os", "system", "id"));
        Path snap = Files.createDirectories(repo.resolve("snapshots/abc123"));
        Path link = Files.createSymbolicLink(snap.resolve("pytorch_model.bin"), Path.of("../../blobs/5f0e"));

        ScanReport folder = scanner.scan(snap);
        assertThat(files(folder)).containsExactly("pytorch_model.bin");
        assertThat(worst(folder)).isEqualTo(Severity.CRITICAL);
        assertThat(worst(scanner.scan(link))).isEqualTo(Severity.CRITICAL);
        // The link named as PATH is a folder too: the snapshot reached through a link to it.
        Path snapLink = Files.createSymbolicLink(tmp.resolve("current"), snap);
        assertThat(worst(scanner.scan(snapLink))).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void scansEachRealFileOnceAndSurvivesLoops() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("m"));
        Files.write(dir.resolve("a.pkl"), Build.globalCall("os", "system", "id"));
        Files.createSymbolicLink(dir.resolve("b.pkl"), Path.of("a.pkl"));
        Files.createSymbolicLink(dir.resolve("again"), dir);
        Files.createSymbolicLink(dir.resolve("up"), Path.of(".."));
        ScanReport r = scanner.scan(dir);
        assertThat(files(r)).filteredOn(n -> n.endsWith(".pkl")).containsExactly("a.pkl");
        assertThat(r.files()).filteredOn(f -> f.format().equals("symlink-loop")).hasSize(2);
        assertThat(worst(r)).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void skipsNamedPipesWithoutOpeningThem() throws Exception {
        // QA pass 5 #4: opening a FIFO blocks until a writer appears, so the scan hung.
        Path dir = Files.createDirectories(tmp.resolve("f"));
        Files.write(dir.resolve("a.pkl"), Build.globalCall("os", "system", "id"));
        Path fifo = dir.resolve("model.pkl");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(p.waitFor()).isZero();
        Files.createSymbolicLink(dir.resolve("link.bin"), Path.of("model.pkl"));

        ScanReport r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> scanner.scan(dir));
        assertThat(r.files()).filteredOn(f -> f.format().equals("special")).hasSize(1);
        assertThat(r.files().stream().flatMap(f -> f.findings().stream()))
                .anySatisfy(f -> assertThat(f.rule()).isEqualTo(Rule.FILE_SPECIAL));
        assertThat(worst(r)).isEqualTo(Severity.CRITICAL);
        FileVerdict alone = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> scanner.scan(fifo))
                .files()
                .get(0);
        assertThat(alone.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rule.FILE_SPECIAL);
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        });
    }
}
