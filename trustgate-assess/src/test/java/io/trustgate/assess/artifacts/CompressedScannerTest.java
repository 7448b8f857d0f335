package io.trustgate.assess.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Compressed pickles (joblib's zlib, .pkl.gz, ...): decompressed within limits and scanned. */
class CompressedScannerTest {
    private final ArtifactScanner scanner = new ArtifactScanner();
    private static final byte[] EVIL = Build.globalCall("os", "system", "id");

    private static byte[] zlib(byte[] data) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(o, new Deflater(9))) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return o.toByteArray();
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(o)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return o.toByteArray();
    }

    private static boolean has(FileVerdict v, Rule rule, Severity s) {
        return v.findings().stream().anyMatch(f -> f.rule() == rule && f.severity() == s);
    }

    @Test
    void findsAPickleInsideZlibCompressedJoblib() {
        // QA pass 5 #3: joblib.dump(compress=True) writes zlib; joblib.load decompresses and unpickles.
        FileVerdict v = scanner.scanBytes("model.joblib", zlib(EVIL));
        assertThat(v.worst()).contains(Severity.CRITICAL);
        assertThat(v.format()).isEqualTo("zlib");
        assertThat(v.findings().get(0).location().entry()).isEqualTo("(zlib)");
        // Any name, even none that says pickle: the content decides.
        assertThat(scanner.scanBytes("model.bin", zlib(EVIL)).worst()).contains(Severity.CRITICAL);
        assertThat(scanner.scanBytes("model.joblib", zlib(Build.orderedDict()))).isInstanceOf(FileVerdict.Clean.class);
    }

    @Test
    void findsAPickleInsideGzipAndChecksTheInnerName() {
        assertThat(scanner.scanBytes("model.pkl.gz", gzip(EVIL)).worst()).contains(Severity.CRITICAL);
        // A pickle in disguise once decompressed is still a disguise.
        FileVerdict v = scanner.scanBytes("model.safetensors.gz", gzip(Build.orderedDict()));
        assertThat(has(v, Rule.FORMAT_MISMATCH, Severity.HIGH)).isTrue();
    }

    @Test
    void undecodableCompressionUnderAPickleNameIsHigh() {
        byte[] bz2 = Build.concat(Build.ascii("BZh91AY&SY"), new byte[64]);
        byte[] xz = Build.concat(new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0}, new byte[64]);
        assertThat(scanner.scanBytes("model.pkl.bz2", bz2).worst()).contains(Severity.HIGH);
        assertThat(scanner.scanBytes("model.joblib", xz).worst()).contains(Severity.HIGH);
        assertThat(scanner.scanBytes("data.tar.xz", xz).worst()).contains(Severity.MEDIUM);
    }

    @Test
    void bombsAndOversizedStreamsAreReportedNotReadWhole() {
        // 64 MiB of zeros: stopped by the ratio check long before the cap.
        FileVerdict bomb = scanner.scanBytes("bomb.joblib", zlib(Build.concat(EVIL, new byte[64 << 20])));
        assertThat(has(bomb, Rule.ZIP_BOMB, Severity.HIGH)).isTrue();
        assertThat(bomb.worst()).contains(Severity.CRITICAL);
        // Incompressible data past a 1 MiB cap: reported, and the pickle at the start is still scanned.
        byte[] noise = new byte[3 << 20];
        new Random(5).nextBytes(noise);
        ScanLimits tight = new ScanLimits(1 << 20, 1 << 30, 1000, 4, 10, 1_000_000, 1 << 20);
        FileVerdict big = new ArtifactScanner(tight).scanBytes("big.joblib", zlib(Build.concat(EVIL, noise)));
        assertThat(has(big, Rule.ZIP_BOMB, Severity.MEDIUM)).isTrue();
        assertThat(big.worst()).contains(Severity.CRITICAL);
        // Truncated data: what was decompressed is scanned, the damage reported.
        byte[] z = zlib(Build.concat(EVIL, noise));
        FileVerdict cut = scanner.scanBytes("cut.joblib", java.util.Arrays.copyOf(z, z.length / 2));
        assertThat(has(cut, Rule.COMPRESSED_MALFORMED, Severity.MEDIUM)).isTrue();
        assertThat(cut.worst()).contains(Severity.CRITICAL);
    }
}
