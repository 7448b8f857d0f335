package io.trustgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.api.audit.AuditEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportTest {
    @TempDir
    Path dir;

    private byte[] export(Optional<java.time.Instant> since) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditReader.export(dir, since, out);
        return out.toByteArray();
    }

    @Test
    void anExportVerifiesOnItsOwnAndWithThePinnedKey() {
        Events.write(dir, 50, 10);
        byte[] x = export(Optional.empty());
        assertThat(AuditVerifier.verifyExport(x, "x", Optional.empty())).isEqualTo(new VerifyResult.Intact(50, 6));
        var pinned = AuditVerifier.readPublicKey(dir.resolve(Keys.PUBLIC_FILE));
        assertThat(AuditVerifier.verifyExport(x, "x", Optional.of(pinned))).isInstanceOf(VerifyResult.Intact.class);
    }

    @Test
    void anExportWithAnotherKeyIsRefusedWhenAKeyIsPinned() throws Exception {
        Events.write(dir, 5, 10);
        var other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
        assertThat(AuditVerifier.verifyExport(export(Optional.empty()), "x", Optional.of(other)))
                .isInstanceOfSatisfying(
                        VerifyResult.Broken.class,
                        b -> assertThat(b.position().line()).isEqualTo(1));
    }

    @Test
    void anExportSinceStartsAtTheAnchoringCheckpoint() {
        Events.write(dir, 50, 10);
        byte[] x = export(Optional.of(Events.T0.plusSeconds(25)));
        VerifyResult r = AuditVerifier.verifyExport(x, "x", Optional.empty());
        // events 20..49 (time 20-49 s) from the checkpoint after event 19: that one, two more, the closing one
        assertThat(r).isEqualTo(new VerifyResult.Intact(30, 4));
    }

    @Test
    void cuttingRecordsOffTheEndOfAnExportIsDetected() {
        Events.write(dir, 50, 10);
        String x = new String(export(Optional.empty()), StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(Arrays.asList(x.split("\n")));
        String trailer = lines.removeLast();
        lines.removeLast();
        lines.removeLast();
        // with the trailer kept: it names a later head
        byte[] kept = (String.join("\n", lines) + "\n" + trailer + "\n").getBytes(StandardCharsets.UTF_8);
        assertThat(AuditVerifier.verifyExport(kept, "x", Optional.empty()))
                .isInstanceOfSatisfying(
                        VerifyResult.Broken.class, b -> assertThat(b.reason()).contains("trailer"));
        // without it: the export says it was cut
        byte[] cut = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        assertThat(AuditVerifier.verifyExport(cut, "x", Optional.empty()))
                .isInstanceOfSatisfying(
                        VerifyResult.Broken.class, b -> assertThat(b.reason()).contains("truncated"));
    }

    @Test
    void queriesFindByRequestIdKeyAndTime() {
        Events.write(dir, 30, 10);
        assertThat(AuditReader.query(dir, AuditReader.Query.all().withRequestId("req-7")))
                .singleElement()
                .satisfies(r -> assertThat(r.event()).isEqualTo(Events.request(7)));
        assertThat(AuditReader.query(dir, AuditReader.Query.all().withKeyId("key_1")))
                .hasSize(10)
                .allSatisfy(r -> assertThat(r.event().keyId()).isEqualTo("key_1"));
        assertThat(AuditReader.query(
                        dir, AuditReader.Query.all().between(Events.T0.plusSeconds(10), Events.T0.plusSeconds(15))))
                .extracting(r -> r.event().requestId())
                .containsExactly("req-10", "req-11", "req-12", "req-13", "req-14");
        assertThat(AuditReader.query(dir, AuditReader.Query.all().withRequestId("nope")))
                .isEmpty();
        assertThat(AuditReader.query(dir, AuditReader.Query.all().withLimit(3)))
                .extracting(AuditRecord::event)
                .extracting(AuditEvent::requestId)
                .containsExactly("req-0", "req-1", "req-2");
    }
}
