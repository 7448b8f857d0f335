package io.trustgate.assess.artifacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Read-only random access to the bytes of a file or an archive entry. Files are memory-mapped in 1 GiB windows, so a
 * 10 GB safetensors file costs only the pages its header touches. Reads past the end return -1 / short arrays;
 * callers check lengths against {@link #size()} before trusting a length field.
 */
abstract sealed class Blob {
    abstract long size();

    /** The unsigned byte at pos, or -1 past the end. */
    abstract int u8(long pos);

    /** Up to len bytes from pos (fewer at the end of the data). */
    byte[] read(long pos, int len) {
        if (pos < 0 || pos >= size() || len <= 0) {
            return new byte[0];
        }
        int n = (int) Math.min(len, size() - pos);
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) u8(pos + i);
        }
        return out;
    }

    /** A sub-range view without copying. */
    Blob slice(long from, long len) {
        long f = Math.max(0, Math.min(from, size()));
        long l = Math.max(0, Math.min(len, size() - f));
        return new Slice(this, f, l);
    }

    long le(long pos, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            int b = u8(pos + i);
            if (b < 0) {
                return -1;
            }
            v = (v << 8) | b;
        }
        return v;
    }

    boolean startsWith(long pos, byte[] magic) {
        for (int i = 0; i < magic.length; i++) {
            if (u8(pos + i) != (magic[i] & 0xff)) {
                return false;
            }
        }
        return true;
    }

    String ascii(long pos, int len) {
        return new String(read(pos, len), StandardCharsets.ISO_8859_1);
    }

    static Blob of(byte[] bytes) {
        return new Bytes(bytes);
    }

    static Blob map(FileChannel ch) {
        try {
            return new Mapped(ch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final class Bytes extends Blob {
        private final byte[] a;

        Bytes(byte[] a) {
            this.a = a;
        }

        @Override
        long size() {
            return a.length;
        }

        @Override
        int u8(long pos) {
            return pos >= 0 && pos < a.length ? a[(int) pos] & 0xff : -1;
        }

        @Override
        byte[] read(long pos, int len) {
            if (pos < 0 || pos >= a.length || len <= 0) {
                return new byte[0];
            }
            int n = (int) Math.min(len, a.length - pos);
            byte[] out = new byte[n];
            System.arraycopy(a, (int) pos, out, 0, n);
            return out;
        }
    }

    static final class Mapped extends Blob {
        private static final int SHIFT = 30;
        private static final long MASK = (1L << SHIFT) - 1;
        private final ByteBuffer[] windows;
        private final long size;

        Mapped(FileChannel ch) throws IOException {
            size = ch.size();
            int n = (int) ((size + MASK) >>> SHIFT);
            windows = new ByteBuffer[n];
            for (int i = 0; i < n; i++) {
                long start = (long) i << SHIFT;
                windows[i] = ch.map(FileChannel.MapMode.READ_ONLY, start, Math.min(1L << SHIFT, size - start));
            }
        }

        @Override
        long size() {
            return size;
        }

        @Override
        int u8(long pos) {
            if (pos < 0 || pos >= size) {
                return -1;
            }
            return windows[(int) (pos >>> SHIFT)].get((int) (pos & MASK)) & 0xff;
        }

        @Override
        byte[] read(long pos, int len) {
            if (pos < 0 || pos >= size || len <= 0) {
                return new byte[0];
            }
            int n = (int) Math.min(len, size - pos);
            byte[] out = new byte[n];
            int done = 0;
            while (done < n) {
                long p = pos + done;
                ByteBuffer w = windows[(int) (p >>> SHIFT)];
                int off = (int) (p & MASK);
                int k = Math.min(n - done, w.limit() - off);
                w.get(off, out, done, k);
                done += k;
            }
            return out;
        }
    }

    static final class Slice extends Blob {
        private final Blob base;
        private final long from;
        private final long len;

        Slice(Blob base, long from, long len) {
            this.base = base;
            this.from = from;
            this.len = len;
        }

        @Override
        long size() {
            return len;
        }

        @Override
        int u8(long pos) {
            return pos >= 0 && pos < len ? base.u8(from + pos) : -1;
        }

        @Override
        byte[] read(long pos, int n) {
            if (pos < 0 || pos >= len || n <= 0) {
                return new byte[0];
            }
            return base.read(from + pos, (int) Math.min(n, len - pos));
        }
    }
}
