package io.trustgate.assess.artifacts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Decompresses zlib and gzip streams and scans what is inside as a file of its own. Threat: OWASP LLM03 supply chain:
 * {@code joblib.load} (and loaders of {@code .pkl.gz}) decompress, then unpickle, so a compressed pickle runs code
 * while a scanner that does not decompress sees noise. joblib's {@code compress=True} writes zlib. Cost: one inflate
 * pass, stopped at min({@code maxEntryBytes}, what is left of the file's decompression budget) or as soon as the ratio
 * passes {@code maxRatio} (bombs are reported, never read whole); memory up to that cap. Sits in {@link Detector}
 * before the pickle check. Limits: bzip2, xz, lzma, zstd, 7z and rar are not decompressed (no decoder among the JDK
 * and this module's dependencies): they are carved for pickles, and reported HIGH under a pickle-family name.
 */
final class CompressedScanner {
    static final String NAME = "compressed";

    private CompressedScanner() {}

    /** zlib: CMF 0x78 (deflate, 32 KiB window, as zlib and joblib write it), FCHECK valid, no preset dictionary. */
    static boolean zlib(Blob b) {
        int cmf = b.u8(0);
        int flg = b.u8(1);
        return cmf == 0x78 && flg >= 0 && ((cmf << 8) | flg) % 31 == 0 && (flg & 0x20) == 0;
    }

    /** gzip with deflate, the only method gzip defines. */
    static boolean gzip(Blob b) {
        return b.u8(0) == 0x1f && b.u8(1) == 0x8b && b.u8(2) == 8;
    }

    /** The name without a compression suffix: what the content claims to be once decompressed. */
    static String inner(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".gz", ".gzip", ".z", ".zlib", ".bz2", ".xz", ".lzma", ".zst"}) {
            if (n.endsWith(ext) && n.length() > ext.length()) {
                return name.substring(0, name.length() - ext.length());
            }
        }
        return name;
    }

    /** Decompresses a zlib or gzip blob (bounded) and scans the result; returns the format ("zlib" or "gzip"). */
    static String scan(ScanJob job, Blob b, String entry, String name, int depth) {
        boolean gz = gzip(b);
        String kind = gz ? "gzip" : "zlib";
        long cap = Math.min(job.limits.maxEntryBytes(), job.limits.maxInflatedBytes() - job.inflated);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BlobStream src = new BlobStream(b);
        boolean complete = false;
        try (InputStream in = gz ? new GZIPInputStream(src, 1 << 16) : new InflaterInputStream(src)) {
            byte[] buf = new byte[1 << 16];
            while (out.size() <= cap) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, cap + 1 - out.size()));
                if (n < 0) {
                    complete = true;
                    break;
                }
                out.write(buf, 0, n);
                // Checked as it grows, so a bomb costs at most maxRatio times what was read, not the cap.
                if (out.size() > (1 << 20) && out.size() > (long) job.limits.maxRatio() * Math.max(1, src.pos)) {
                    job.add(
                            Severity.HIGH,
                            Rule.ZIP_BOMB,
                            NAME,
                            kind + " stream with a compression ratio above " + job.limits.maxRatio()
                                    + ":1: decompression stopped, the rest is not inspected",
                            entry,
                            0,
                            -1);
                    break;
                }
            }
            if (!complete && out.size() > cap) {
                job.add(
                        Severity.MEDIUM,
                        Rule.ZIP_BOMB,
                        NAME,
                        kind + " stream decompresses beyond " + cap + " bytes (limit): the rest is not inspected",
                        entry,
                        0,
                        -1);
            }
        } catch (IOException | RuntimeException e) {
            // What was decompressed before the error is still scanned: a loader reading it would have run it.
            job.add(
                    Severity.MEDIUM,
                    Rule.COMPRESSED_MALFORMED,
                    NAME,
                    kind + " data is invalid or truncated after " + out.size() + " bytes",
                    entry,
                    0,
                    -1);
        }
        job.inflated += out.size();
        String where = entry.isEmpty() ? "(" + kind + ")" : entry + "!/(" + kind + ")";
        Detector.scan(job, Blob.of(out.toByteArray()), where, inner(name), depth + 1, true);
        return kind;
    }

    /** Reads a blob as a stream and counts what was consumed (for the ratio check). */
    private static final class BlobStream extends InputStream {
        private final Blob b;
        long pos;

        BlobStream(Blob b) {
            this.b = b;
        }

        @Override
        public int read() {
            int v = b.u8(pos);
            if (v >= 0) {
                pos++;
            }
            return v;
        }

        @Override
        public int read(byte[] dst, int off, int len) {
            byte[] chunk = b.read(pos, len);
            if (chunk.length == 0) {
                return len == 0 ? 0 : -1;
            }
            System.arraycopy(chunk, 0, dst, off, chunk.length);
            pos += chunk.length;
            return chunk.length;
        }
    }
}
