package io.trustgate.store;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An 8-byte file beside the database, memory-mapped by every process that opens the store. Any change to keys
 * writes a new random value into it, so that a gateway can cache keys in memory and still see a revocation made
 * by another process (the CLI) on its very next request: reading the mapped value costs nanoseconds, where a
 * SQLite point query costs tens of microseconds. The value is only compared for change, never ordered.
 */
final class KeysVersion implements AutoCloseable {
    static final String FILE_NAME = "keys.version";

    private final FileChannel channel;
    private final MappedByteBuffer map;

    private KeysVersion(FileChannel channel, MappedByteBuffer map) {
        this.channel = channel;
        this.map = map;
    }

    static KeysVersion open(Path file) {
        try {
            FileChannel ch = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_WRITE, 0, Long.BYTES);
            return new KeysVersion(ch, m);
        } catch (IOException e) {
            throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    long read() {
        return map.getLong(0);
    }

    synchronized void bump() {
        long next;
        do {
            next = ThreadLocalRandom.current().nextLong();
        } while (next == read());
        map.putLong(0, next);
        map.force();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
