package io.trustgate.firewall.learn;

import java.util.Arrays;
import java.util.Objects;

/**
 * A logistic-regression head over dense vectors (such as sentence embeddings): an intercept and one weight per
 * dimension, uncalibrated. {@link Trainer#fitDense} makes one.
 *
 * @param intercept the bias term
 * @param weights one weight per dimension
 */
public record DenseHead(double intercept, float[] weights) {
    public DenseHead {
        Objects.requireNonNull(weights, "weights");
        weights = weights.clone();
    }

    /** The linear score of a vector (sparse or dense; its indices must be below the head's dimension). */
    public double margin(Featurizer.Vector x) {
        double z = intercept;
        int[] idx = x.indices();
        float[] val = x.values();
        for (int k = 0; k < idx.length; k++) {
            z += weights[idx[k]] * val[k];
        }
        return z;
    }

    /** The linear score of a dense vector of the head's dimension. */
    public double margin(float[] x) {
        if (x.length != weights.length) {
            throw new IllegalArgumentException("expected " + weights.length + " dimensions, got " + x.length);
        }
        double z = intercept;
        for (int k = 0; k < x.length; k++) {
            z += weights[k] * x[k];
        }
        return z;
    }

    @Override
    public float[] weights() {
        return weights.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DenseHead h && intercept == h.intercept && Arrays.equals(weights, h.weights);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(intercept) + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "DenseHead[" + weights.length + " dimensions]";
    }
}
