package io.trustgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attacks across segments (verified in parallel, then stitched) are named in the right file. */
class SegmentTamperTest {
    @TempDir
    Path dir;

    List<Path> segs;

    @BeforeEach
    void write() {
        try (AuditLog log = AuditLog.open(Events.config(dir, 1000).withSegmentBytes(4096))) {
            for (int i = 0; i < 60; i++) {
                log.append(Events.request(i)).join();
            }
        }
        segs = Segments.list(dir);
        assertThat(segs).hasSizeGreaterThan(4);
        assertThat(AuditVerifier.verifyDirectory(dir, Optional.empty())).isInstanceOf(VerifyResult.Intact.class);
    }

    @Test
    void aDeletedMiddleSegmentIsNamedAtTheFirstLineOfTheNext() throws Exception {
        Files.delete(segs.get(2));
        VerifyResult r = AuditVerifier.verifyDirectory(dir, Optional.empty());
        assertThat(r).isInstanceOfSatisfying(VerifyResult.Broken.class, b -> {
            assertThat(b.position().file()).isEqualTo(segs.get(3).getFileName().toString());
            assertThat(b.position().line()).isEqualTo(1);
            assertThat(b.reason()).contains("expected seq");
        });
    }

    @Test
    void aModifiedRecordInALaterSegmentIsNamedInThatSegment() {
        Path seg = segs.get(3);
        List<String> lines = Events.lines(seg);
        lines.set(2, lines.get(2).replace("\"tenant\":\"acme\"", "\"tenant\":\"evil\""));
        Events.writeLines(seg, lines);
        VerifyResult r = AuditVerifier.verifyDirectory(dir, Optional.empty());
        assertThat(r).isInstanceOfSatisfying(VerifyResult.Broken.class, b -> {
            assertThat(b.position().file()).isEqualTo(seg.getFileName().toString());
            assertThat(b.position().line()).isEqualTo(3);
            assertThat(b.reason()).contains("hash mismatch");
        });
    }

    @Test
    void anEarlierProblemIsReportedBeforeALaterOne() {
        for (int k : new int[] {3, 1}) {
            List<String> lines = Events.lines(segs.get(k));
            lines.remove(2);
            Events.writeLines(segs.get(k), lines);
        }
        VerifyResult r = AuditVerifier.verifyDirectory(dir, Optional.empty());
        assertThat(r)
                .isInstanceOfSatisfying(
                        VerifyResult.Broken.class,
                        b -> assertThat(b.position().file())
                                .isEqualTo(segs.get(1).getFileName().toString()));
    }
}
