package io.trustgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random mutations of a valid export never crash the verifier, and any change to its records is reported Broken.
 * (A seeded random fuzzer; Jazzer would explore further but needs its own runner.)
 */
class ExportFuzzTest {
    @TempDir
    static Path dir;

    static byte[] valid;
    static int chainStart;
    static int chainEnd;

    @BeforeAll
    static void export() {
        Events.write(dir, 40, 20); // few checkpoints: the JDK's Ed25519 check takes ~1 ms
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditReader.export(dir, Optional.empty(), out);
        valid = out.toByteArray();
        chainStart = indexOf(valid, (byte) '\n', 0) + 1;
        chainEnd = lastLineStart(valid);
        assertThat(AuditVerifier.verifyExport(valid, "x", Optional.empty())).isInstanceOf(VerifyResult.Intact.class);
    }

    @Test
    void mutatedRecordsAreAlwaysBrokenAndNeverThrow() {
        Random rnd = new Random(20261126);
        for (int round = 0; round < 1500; round++) {
            byte[] m = mutate(valid, rnd, chainStart, chainEnd);
            if (Arrays.equals(m, valid)) {
                continue;
            }
            VerifyResult r = AuditVerifier.verifyExport(m, "x", Optional.empty());
            assertThat(r).as("round %d", round).isInstanceOf(VerifyResult.Broken.class);
        }
    }

    @Test
    void mutationsAnywhereNeverThrow() {
        Random rnd = new Random(7);
        for (int round = 0; round < 1500; round++) {
            byte[] m = mutate(valid, rnd, 0, valid.length);
            assertThat(AuditVerifier.verifyExport(m, "x", Optional.empty())).isNotNull();
        }
        assertThat(AuditVerifier.verifyExport(new byte[0], "x", Optional.empty()))
                .isInstanceOf(VerifyResult.Broken.class);
        assertThat(AuditVerifier.verifyExport("\n\n{}\n".getBytes(), "x", Optional.empty()))
                .isInstanceOf(VerifyResult.Broken.class);
    }

    private static byte[] mutate(byte[] src, Random rnd, int from, int to) {
        byte[] b = src.clone();
        int at = from + rnd.nextInt(to - from);
        return switch (rnd.nextInt(7)) {
            case 0 -> {
                b[at] = (byte) rnd.nextInt(256);
                yield b;
            }
            case 1 -> {
                b[at] ^= (byte) (1 << rnd.nextInt(8));
                yield b;
            }
            case 2 -> concat(Arrays.copyOfRange(src, 0, at), Arrays.copyOfRange(src, at + 1, src.length));
            case 3 ->
                concat(
                        Arrays.copyOfRange(src, 0, at),
                        new byte[] {(byte) " \n{}\",:0a".charAt(rnd.nextInt(9))},
                        Arrays.copyOfRange(src, at, src.length));
            case 4 -> {
                int len = 1 + rnd.nextInt(Math.min(400, to - at));
                yield concat(Arrays.copyOfRange(src, 0, at), Arrays.copyOfRange(src, at + len, src.length));
            }
            case 5 -> {
                // duplicate a line starting at or after `at`
                int s = lineStartAtOrAfter(src, at);
                int e = indexOf(src, (byte) '\n', s) + 1;
                if (s >= to || e <= s) {
                    b[at] ^= 1;
                    yield b;
                }
                yield concat(
                        Arrays.copyOfRange(src, 0, e),
                        Arrays.copyOfRange(src, s, e),
                        Arrays.copyOfRange(src, e, src.length));
            }
            default -> {
                // cut everything from `at`
                yield Arrays.copyOfRange(src, 0, at);
            }
        };
    }

    private static int lineStartAtOrAfter(byte[] b, int at) {
        if (at == 0 || b[at - 1] == '\n') {
            return at;
        }
        return indexOf(b, (byte) '\n', at) + 1;
    }

    private static int lastLineStart(byte[] b) {
        int i = b.length - 2;
        while (i >= 0 && b[i] != '\n') {
            i--;
        }
        return i + 1;
    }

    private static int indexOf(byte[] b, byte v, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return b.length - 1;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}
