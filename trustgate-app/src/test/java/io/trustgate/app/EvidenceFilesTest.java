package io.trustgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.api.evidence.Evidence;
import io.trustgate.api.evidence.EvidenceKind;
import io.trustgate.api.evidence.Measurement;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceFilesTest {
    @TempDir
    Path dir;

    @Test
    void storedEvidenceReadsBackEqualAndIsStoredOnce() {
        EvidenceFiles files = new EvidenceFiles(dir);
        Evidence e = new Evidence(
                "meta-llama/Llama-3.1-8B-Instruct",
                EvidenceKind.RED_TEAM,
                "advbench",
                "run 2026-11-26T04:00Z-ab12",
                LocalDate.of(2026, 11, 26),
                "plain prompts, refusal detector",
                List.of(
                        new Measurement("attack_success_rate", 0.12, 0.09, 0.16, 520),
                        Measurement.of("errors", 0, 520)),
                List.of("sandbox provider"));
        files.write(e);
        files.write(e);
        assertThat(files.read("meta-llama/Llama-3.1-8B-Instruct")).containsExactly(e);
        assertThat(files.read("unknown")).isEmpty();
    }
}
