package io.trustgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability: a writer process is killed with SIGKILL while appending; on reopen every event whose future had
 * completed is in the log, and the log verifies. (A process kill leaves the page cache intact, so this checks the
 * acknowledge-after-write ordering and torn-tail recovery, not power loss, which fsync covers.)
 */
class AuditKillIT {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedEventSurvivesKillMinus9() throws Exception {
        Set<String> acked = new HashSet<>();
        for (int round = 0; round < 3; round++) {
            Process p = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            AppendUntilKilled.class.getName(),
                            dir.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                int seen = 0;
                while (seen < 3000 && (line = r.readLine()) != null) {
                    if (line.startsWith("ack ")) {
                        acked.add(line.substring(4) + "#" + round);
                        seen++;
                    }
                }
                assertThat(seen).as("acks before the kill in round %d", round).isEqualTo(3000);
                p.destroyForcibly(); // SIGKILL on Unix
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                // (acks printed after the 3000th and not yet read are not checked: destroy closes the pipe)
            }
            // Reopen (recovers any torn tail), as the restarted gateway would.
            try (AuditLog log = AuditLog.open(Events.config(dir, 1000))) {
                assertThat(log.truncatedOnOpen()).isGreaterThanOrEqualTo(0);
            }
            Set<String> inLog = AuditReader.query(dir, AuditReader.Query.all()).stream()
                    .map(rec -> rec.event().requestId())
                    .collect(Collectors.toSet());
            int r0 = round;
            Set<String> ackedThisRound = acked.stream()
                    .filter(a -> a.endsWith("#" + r0))
                    .map(a -> a.substring(0, a.lastIndexOf('#')))
                    .collect(Collectors.toSet());
            // request ids repeat across rounds (each child counts from 0), so compare this round's against the log
            assertThat(inLog).containsAll(ackedThisRound);
            assertThat(AuditVerifier.verifyDirectory(dir, Optional.empty())).isInstanceOf(VerifyResult.Intact.class);
        }
    }
}
