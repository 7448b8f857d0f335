package io.trustgate.firewall.learn;

import java.util.Arrays;
import java.util.Objects;

/**
 * Turns a text into a feature vector of a fixed dimension. The trainer and the model only see vectors, so a dense
 * source (sentence embeddings) can be added later as another implementation, or concatenated with this one, without
 * touching either.
 */
public interface Featurizer {
    /** The dimension of every vector this featurizer makes. */
    int dimension();

    /** The features of a text (already normalised by the firewall's normaliser). Thread-safe. */
    Vector features(CharSequence text);

    /**
     * A sparse vector: distinct indices and their values, in no particular order (the order is deterministic for a
     * given text, so sums over it are too).
     *
     * @param indices feature indices, each in {@code [0, dimension)}; distinct, except that a concept feature may
     *     share an n-gram's bucket (a hash collision), and then the two values add
     * @param values the value at each index
     */
    record Vector(int[] indices, float[] values) {
        public Vector {
            Objects.requireNonNull(indices, "indices");
            Objects.requireNonNull(values, "values");
            if (indices.length != values.length) {
                throw new IllegalArgumentException(
                        "indices and values differ in length: " + indices.length + " vs " + values.length);
            }
        }

        /** The number of non-zero entries. */
        public int size() {
            return indices.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Vector v && Arrays.equals(indices, v.indices) && Arrays.equals(values, v.values);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(indices) + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Vector[" + indices.length + " non-zero]";
        }
    }
}
