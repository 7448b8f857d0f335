package io.trustgate.app;

import io.trustgate.firewall.Embedder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * An {@link Embedder} that remembers every vector by the SHA-256 of its text, in memory and in a file (appended per
 * new text), so that a second training run does not embed the corpus again (it takes minutes on two cores). The
 * file is a build artefact under {@code target/}, never committed: the vectors depend only on the text and the model,
 * and a missing or stale file only costs time.
 */
final class EmbeddingCache implements Embedder, AutoCloseable {
    private final Embedder inner;
    private final Map<String, float[]> vectors = new HashMap<>();
    private final DataOutputStream out;
    private int misses;

    EmbeddingCache(Embedder inner, Path file) throws IOException {
        this.inner = inner;
        if (Files.isRegularFile(file)) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                DataInputStream d = new DataInputStream(in);
                while (true) {
                    String key;
                    try {
                        key = d.readUTF();
                    } catch (EOFException e) {
                        break;
                    }
                    int n = d.readInt();
                    if (n != inner.dimensions()) {
                        throw new IOException("cache " + file + " holds " + n + "-d vectors; delete it");
                    }
                    float[] v = new float[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = d.readFloat();
                    }
                    vectors.put(key, v);
                }
            } catch (EOFException e) {
                // a run cut short mid-record: the complete records before it stand
            }
        }
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        OutputStream os = Files.newOutputStream(
                file, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        this.out = new DataOutputStream(new BufferedOutputStream(os));
    }

    @Override
    public synchronized float[] embed(String text) {
        String key = key(text);
        float[] v = vectors.get(key);
        if (v == null) {
            v = inner.embed(text);
            vectors.put(key, v);
            misses++;
            try {
                out.writeUTF(key);
                out.writeInt(v.length);
                for (float x : v) {
                    out.writeFloat(x);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return v.clone();
    }

    @Override
    public int dimensions() {
        return inner.dimensions();
    }

    /** Texts embedded (not found in the cache) so far. */
    synchronized int misses() {
        return misses;
    }

    synchronized int size() {
        return vectors.size();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    private static String key(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
