package io.trustgate.firewall.learn;

import io.trustgate.firewall.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Sentence-embedding features: a text's vector from an {@link Embedder} (all-MiniLM-L6-v2, 384 dimensions, unit
 * length) as a dense {@link Featurizer.Vector} (every index present, in order). The embedder reads a bounded window,
 * so a long text is scored by {@link #windows}: one vector per window of the embedder's {@link Embedder#windows}
 * (about 800 chars at sentence boundaries, overlapping by a sentence), and the text's score is the highest window's,
 * as the n-gram model does with its own windows. Costs one embedder call per window (milliseconds each), so
 * training caches these vectors rather than featurizing per fold.
 */
public final class EmbeddingFeaturizer implements Featurizer {
    private final Embedder embedder;
    private final int[] allIndices;

    public EmbeddingFeaturizer(Embedder embedder) {
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.allIndices = new int[embedder.dimensions()];
        for (int i = 0; i < allIndices.length; i++) {
            allIndices[i] = i;
        }
    }

    @Override
    public int dimension() {
        return embedder.dimensions();
    }

    /** The embedding of the whole text, as one dense vector (the embedder truncates or averages a long text). */
    @Override
    public Vector features(CharSequence text) {
        return dense(embedder.embed(text.toString()));
    }

    /** One dense vector per embedding window of the text; one zero vector for a blank text. */
    public List<Vector> windows(CharSequence text) {
        List<Vector> out = new ArrayList<>();
        for (Embedder.Window w : embedder.windows(text.toString())) {
            out.add(dense(w.vector()));
        }
        if (out.isEmpty()) {
            out.add(dense(new float[dimension()]));
        }
        return List.copyOf(out);
    }

    /** A dense vector of this featurizer's dimension as a {@link Featurizer.Vector}. */
    public Vector dense(float[] v) {
        if (v.length != allIndices.length) {
            throw new IllegalArgumentException("expected " + allIndices.length + " dimensions, got " + v.length);
        }
        return new Vector(allIndices.clone(), v.clone());
    }
}
