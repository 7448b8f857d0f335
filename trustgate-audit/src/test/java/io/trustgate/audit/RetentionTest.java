package io.trustgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dropping old segments leaves a log that still verifies: each segment opens with a signed checkpoint. */
class RetentionTest {
    @TempDir
    Path dir;

    private AuditLog fill(int n) {
        AuditLog log = AuditLog.open(Events.config(dir, 1000).withSegmentBytes(8192));
        for (int i = 0; i < n; i++) {
            log.append(Events.request(i)).join();
        }
        return log;
    }

    @Test
    void pruningToASizeDropsOldSegmentsAndTheRestVerifies() throws Exception {
        try (AuditLog log = fill(200)) {
            int before = Segments.list(dir).size();
            assertThat(before).isGreaterThan(4);
            int dropped = log.pruneToSize(3 * 8192);
            assertThat(dropped).isPositive();
            assertThat(Segments.list(dir)).hasSize(before - dropped);
            long total = 0;
            for (Path p : Segments.list(dir)) {
                total += Files.size(p);
            }
            assertThat(total).isLessThanOrEqualTo(4 * 8192 + 2048);
        }
        VerifyResult r = AuditVerifier.verifyDirectory(dir, Optional.empty());
        assertThat(r)
                .isInstanceOfSatisfying(
                        VerifyResult.Intact.class, i -> assertThat(i.events()).isLessThan(200));
    }

    @Test
    void pruningByTimeKeepsTheCurrentSegmentAndRecordsThePrune() {
        try (AuditLog log = fill(200)) {
            assertThat(log.prune(Instant.now().plusSeconds(60))).isPositive();
            assertThat(Segments.list(dir)).hasSize(1);
            List<AuditRecord> prunes = AuditReader.query(dir, AuditReader.Query.all()).stream()
                    .filter(r -> "audit.prune".equals(r.event().attributes().get("action")))
                    .toList();
            assertThat(prunes).hasSize(1);
            log.append(Events.request(200)).join();
        }
        assertThat(AuditVerifier.verifyDirectory(dir, Optional.empty())).isInstanceOf(VerifyResult.Intact.class);
    }

    @Test
    void nothingIsPrunedWhenAllIsRecentAndSmall() {
        try (AuditLog log = fill(50)) {
            assertThat(log.prune(Instant.parse("2000-01-01T00:00:00Z"))).isZero();
            assertThat(log.pruneToSize(Long.MAX_VALUE)).isZero();
        }
    }

    @Test
    void aPrunedLogCanStillBeExportedAndVerified() throws Exception {
        try (AuditLog log = fill(200)) {
            log.pruneToSize(2 * 8192);
        }
        var out = new java.io.ByteArrayOutputStream();
        AuditReader.export(dir, Optional.empty(), out);
        assertThat(AuditVerifier.verifyExport(out.toByteArray(), "x.jsonl", Optional.empty()))
                .isInstanceOf(VerifyResult.Intact.class);
    }
}
