package io.trustgate.firewall;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A sentence embedder: maps a text to a unit-length vector whose cosine with another text's vector measures how
 * close their meanings are. Implementations are thread-safe and load their model once per process.
 *
 * <p>A model reads a bounded window of tokens (all-MiniLM-L6-v2 was trained on at most 256); {@link #windows} cuts a
 * longer text into overlapping windows at sentence boundaries and embeds each, for scanners that need to know which
 * part of a text is close to something.
 */
public interface Embedder {
    /** A unit-length vector of {@link #dimensions()} floats; the zero vector for a blank text. */
    float[] embed(String text);

    /** The length of the vectors. */
    int dimensions();

    /** Overlapping windows of {@code text} (see {@link TextWindows}), each with its vector and span in the text. */
    default List<Window> windows(String text) {
        List<Window> out = new ArrayList<>();
        for (TextWindows.Span s : TextWindows.split(text, TextWindows.MAX_CHARS)) {
            out.add(new Window(s.start(), s.end(), embed(text.substring(s.start(), s.end()))));
        }
        return List.copyOf(out);
    }

    /** The shared all-MiniLM-L6-v2 (quantised) embedder, loaded on first use. */
    static Embedder miniLm() {
        return MiniLmEmbedder.INSTANCE;
    }

    /** The cosine of two vectors of the same length (their dot product when both have unit length). */
    static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of different lengths: " + a.length + " and " + b.length);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    /**
     * One window of a text.
     *
     * @param start start offset in the text (inclusive)
     * @param end end offset (exclusive)
     * @param vector its embedding
     */
    record Window(int start, int end, float[] vector) {
        public Window {
            Objects.requireNonNull(vector, "vector");
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("bad window " + start + ".." + end);
            }
        }
    }
}
