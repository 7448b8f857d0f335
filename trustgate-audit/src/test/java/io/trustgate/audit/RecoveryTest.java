package io.trustgate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a crash mid-write leaves is cut on open; anything else is refused as damage. */
class RecoveryTest {
    @TempDir
    Path dir;

    @Test
    void aTornLastLineIsCutAndTheChainContinues() throws Exception {
        Events.write(dir, 20, 1000);
        Path seg = Events.onlySegment(dir);
        List<String> lines = Events.lines(seg);
        // A crash mid-write: half of a next record, no newline (never acknowledged).
        String half = lines.get(5).substring(0, lines.get(5).length() / 2);
        Files.writeString(seg, half, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        long size = Files.size(seg);
        try (AuditLog log = AuditLog.open(Events.config(dir, 1000))) {
            assertThat(log.truncatedOnOpen()).isEqualTo(half.length());
            assertThat(log.append(Events.request(20)).join()).isEqualTo(22);
        }
        assertThat(Files.size(seg)).isGreaterThan(size - half.length());
        assertThat(AuditVerifier.verifyDirectory(dir, Optional.empty())).isEqualTo(new VerifyResult.Intact(21, 3));
    }

    @Test
    void aZeroFilledTailIsCutToo() throws Exception {
        Events.write(dir, 3, 1000);
        Path seg = Events.onlySegment(dir);
        Files.write(seg, new byte[4096], StandardOpenOption.APPEND);
        try (AuditLog log = AuditLog.open(Events.config(dir, 1000))) {
            assertThat(log.truncatedOnOpen()).isEqualTo(4096);
        }
        assertThat(AuditVerifier.verifyDirectory(dir, Optional.empty())).isInstanceOf(VerifyResult.Intact.class);
    }

    @Test
    void aSegmentTornAtCreationIsRemoved() throws Exception {
        Events.write(dir, 3, 1000);
        Files.write(Segments.name(dir, 5), "{\"seq\":5,\"pr".getBytes(StandardCharsets.UTF_8));
        // before the next open, the verifier treats it as the unacknowledged write it is
        assertThat(AuditVerifier.verifyDirectory(dir, Optional.empty())).isInstanceOf(VerifyResult.Intact.class);
        try (AuditLog log = AuditLog.open(Events.config(dir, 1000))) {
            assertThat(log.append(Events.request(3)).join()).isEqualTo(5);
        }
        assertThat(Segments.list(dir)).hasSize(1);
        assertThat(AuditVerifier.verifyDirectory(dir, Optional.empty())).isInstanceOf(VerifyResult.Intact.class);
    }

    @Test
    void anAlteredCompleteRecordRefusesTheOpenInsteadOfBeingCut() {
        Events.write(dir, 10, 1000);
        Path seg = Events.onlySegment(dir);
        List<String> lines = Events.lines(seg);
        lines.set(4, lines.get(4).replace("req-3", "req-X"));
        Events.writeLines(seg, lines);
        assertThatThrownBy(() -> AuditLog.open(Events.config(dir, 1000)))
                .isInstanceOf(AuditException.class)
                .hasMessageContaining("damaged")
                .hasMessageContaining("audit verify");
        assertThat(Events.lines(seg)).hasSize(lines.size()); // evidence kept
    }

    @Test
    void aTornSideFileLineIsCut() throws Exception {
        Events.write(dir, 3, 1000);
        Files.writeString(dir.resolve(Segments.SIDE), "{\"seq\":9", StandardOpenOption.APPEND);
        try (AuditLog log = AuditLog.open(Events.config(dir, 1000))) {
            log.append(Events.request(3)).join();
        }
        assertThat(AuditVerifier.verifyDirectory(dir, Optional.empty())).isInstanceOf(VerifyResult.Intact.class);
    }
}
