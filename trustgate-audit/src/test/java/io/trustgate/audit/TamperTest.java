package io.trustgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each attack on a closed log is detected, and named at the right line and seq. */
class TamperTest {
    @TempDir
    Path dir;

    Path seg;
    List<String> lines;

    @BeforeEach
    void write() {
        // 30 events, checkpoints every 10: seqs 0 (genesis), 11, 22, 33 (close)
        Events.write(dir, 30, 10);
        seg = Events.onlySegment(dir);
        lines = Events.lines(seg);
        assertThat(lines).hasSize(34);
        assertThat(AuditVerifier.verifyDirectory(dir, Optional.empty())).isEqualTo(new VerifyResult.Intact(30, 4));
    }

    private VerifyResult.Broken broken() {
        VerifyResult r = AuditVerifier.verifyDirectory(dir, Optional.empty());
        assertThat(r).isInstanceOf(VerifyResult.Broken.class);
        return (VerifyResult.Broken) r;
    }

    @Test
    void aModifiedFieldIsNamedAtItsOwnLine() {
        int i = Events.indexOfSeq(lines, 7);
        lines.set(i, lines.get(i).replace("\"status\":200", "\"status\":201"));
        Events.writeLines(seg, lines);
        VerifyResult.Broken b = broken();
        assertThat(b.position().line()).isEqualTo(i + 1);
        assertThat(b.position().seq()).isEqualTo(7);
        assertThat(b.reason()).contains("hash mismatch");
    }

    @Test
    void aModifiedRecordWithRecomputedHashesIsCaughtByTheNextCheckpoint() {
        // The attacker rewrites seq 7 and re-hashes everything after it, but cannot sign.
        int i = Events.indexOfSeq(lines, 7);
        lines.set(i, lines.get(i).replace("\"status\":200", "\"status\":201"));
        rehashFrom(i);
        VerifyResult.Broken b = broken();
        assertThat(b.position().seq()).isEqualTo(11);
        assertThat(b.reason()).contains("checkpoint");
    }

    @Test
    void aDeletedRecordIsNamedWhereItIsMissing() {
        int i = Events.indexOfSeq(lines, 5);
        lines.remove(i);
        Events.writeLines(seg, lines);
        VerifyResult.Broken b = broken();
        assertThat(b.position().seq()).isEqualTo(5);
        assertThat(b.position().line()).isEqualTo(i + 1);
        assertThat(b.reason()).contains("expected seq 5 but found seq 6");
    }

    @Test
    void anInsertedRecordIsNamedAtTheInsertion() {
        int i = Events.indexOfSeq(lines, 5);
        lines.add(i, lines.get(Events.indexOfSeq(lines, 2)));
        Events.writeLines(seg, lines);
        VerifyResult.Broken b = broken();
        assertThat(b.position().line()).isEqualTo(i + 1);
        assertThat(b.position().seq()).isEqualTo(5);
    }

    @Test
    void swappedRecordsAreNamedAtTheFirstOfThem() {
        int i = Events.indexOfSeq(lines, 14);
        Collections.swap(lines, i, i + 1);
        Events.writeLines(seg, lines);
        VerifyResult.Broken b = broken();
        assertThat(b.position().line()).isEqualTo(i + 1);
        assertThat(b.position().seq()).isEqualTo(14);
        assertThat(b.reason()).contains("reordered");
    }

    @Test
    void truncationAfterACheckpointIsDetectedByTheCheckpointThatClaimsMore() {
        int i = Events.indexOfSeq(lines, 25); // keep 0..25, dropping checkpoint 33 and events 26-32
        Events.writeLines(seg, lines.subList(0, i + 1));
        VerifyResult.Broken b = broken();
        assertThat(b.reason()).contains("truncated").contains("seq 33").contains("claiming 30 events");
        assertThat(b.position().seq()).isEqualTo(26);
        assertThat(b.position().line()).isEqualTo(i + 2);
    }

    @Test
    void aForgedCheckpointSignatureIsRejected() throws Exception {
        int i = Events.indexOfSeq(lines, 22);
        var other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        var node = (com.fasterxml.jackson.databind.node.ObjectNode)
                Codec.MAPPER.readTree(lines.get(i)).get("body");
        Codec.Checkpoint cp = Codec.Checkpoint.parse(node);
        String forged = Keys.sign(other.getPrivate(), cp.signedBytes());
        lines.set(i, lines.get(i).replace(cp.signature(), forged));
        rehashFrom(i);
        VerifyResult.Broken b = broken();
        assertThat(b.position().seq()).isEqualTo(22);
        assertThat(b.reason()).contains("signature does not verify");
    }

    @Test
    void aLogReSignedWithANewKeyPairIsCaughtOnlyByAPinnedPublicKey() throws Exception {
        var pinned = AuditVerifier.readPublicKey(dir.resolve(Keys.PUBLIC_FILE));
        var other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        // The attacker with write access alters seq 7, re-signs every checkpoint with a new pair, rewrites all.
        int i = Events.indexOfSeq(lines, 7);
        lines.set(i, lines.get(i).replace("\"status\":200", "\"status\":201"));
        var md = Codec.sha256();
        byte[] prev = Codec.GENESIS;
        long count = 0;
        List<String> side = new java.util.ArrayList<>();
        for (int k = 0; k < lines.size(); k++) {
            String l = lines.get(k);
            boolean cpLine = l.contains("\"type\":\"checkpoint\"");
            String body = l.substring(l.indexOf(",\"body\":") + 8, l.length() - Codec.HASH_SUFFIX);
            if (cpLine) {
                Codec.Checkpoint c = new Codec.Checkpoint(k - 1, Codec.HEX.formatHex(prev), count, Events.T0, "");
                c = new Codec.Checkpoint(
                        c.seq(), c.head(), c.count(), c.time(), Keys.sign(other.getPrivate(), c.signedBytes()));
                body = new String(c.body(), java.nio.charset.StandardCharsets.UTF_8);
            } else {
                count++;
            }
            Codec.Encoded e = Codec.line(
                    k,
                    prev,
                    cpLine ? Codec.CHECKPOINT : Codec.EVENT,
                    body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    md);
            String s = new String(e.bytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            lines.set(k, s);
            if (cpLine) {
                side.add(s);
            }
            prev = e.hash();
        }
        Events.writeLines(seg, lines);
        Events.writeLines(dir.resolve(Segments.SIDE), side);
        java.nio.file.Files.writeString(dir.resolve(Keys.PUBLIC_FILE), Keys.publicPem(other.getPublic()));

        assertThat(AuditVerifier.verifyDirectory(dir, Optional.empty())).isInstanceOf(VerifyResult.Intact.class);
        VerifyResult pinnedResult = AuditVerifier.verifyDirectory(dir, Optional.of(pinned));
        assertThat(pinnedResult).isInstanceOfSatisfying(VerifyResult.Broken.class, b -> {
            assertThat(b.position().seq()).isZero();
            assertThat(b.reason()).contains("signature");
        });
    }

    /** Recomputes seq i's hash and every later prev/hash, as an attacker without the private key could. */
    private void rehashFrom(int from) {
        var md = Codec.sha256();
        byte[] prev = Codec.HEX.parseHex(lines.get(from)
                .substring(lines.get(from).indexOf("\"prev\":\"") + 8)
                .substring(0, 64));
        for (int k = from; k < lines.size(); k++) {
            String l = lines.get(k);
            int bodyAt = l.indexOf(",\"body\":") + 8;
            String body = l.substring(bodyAt, l.length() - Codec.HASH_SUFFIX);
            long seq = Long.parseLong(l.substring(7, l.indexOf(',')));
            String type = l.contains("\"type\":\"checkpoint\"") ? Codec.CHECKPOINT : Codec.EVENT;
            Codec.Encoded e = Codec.line(seq, prev, type, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), md);
            String s = new String(e.bytes(), java.nio.charset.StandardCharsets.UTF_8);
            lines.set(k, s.substring(0, s.length() - 1));
            prev = e.hash();
        }
        Events.writeLines(seg, lines);
    }
}
