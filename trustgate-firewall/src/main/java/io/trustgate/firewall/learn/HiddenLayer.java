package io.trustgate.firewall.learn;

import java.util.Arrays;
import java.util.Objects;

/**
 * A small hidden layer beside a {@link LinearModel}'s weights (decision 027): {@code units} rectified units read the
 * same sparse features, each feature index folded to one of {@code 2^bits} rows, and add {@code out . relu(a)} to the
 * linear score, where {@code a = bias + sum over features of value * rows[index mod 2^bits]}. A linear model can only
 * add evidence; the units let it weigh combinations (a harmful goal inside a story, an override next to a persona)
 * that no single n-gram carries. Folding keeps the layer small: {@code 2^bits * units} numbers, stored as float16.
 *
 * <p>Immutable; the arrays are copied in and never handed out.
 */
public final class HiddenLayer {
    private final int bits;
    private final int units;
    private final int mask;
    /** The rows as float16 bits: half the memory of floats, the same values (they are rounded to float16 anyway). */
    private final short[] rows;

    private final float[] bias;
    private final float[] out;

    /**
     * @param bits the rows are {@code 2^bits}, in {@code [8, 24]}
     * @param units the hidden units, in {@code [1, 64]}
     * @param rows {@code 2^bits * units} weights, row by row
     * @param bias one per unit
     * @param out one per unit: each unit's weight in the score
     */
    public HiddenLayer(int bits, int units, float[] rows, float[] bias, float[] out) {
        if (bits < 8 || bits > 24 || units < 1 || units > 64) {
            throw new IllegalArgumentException(
                    "need 8 <= bits <= 24 and 1 <= units <= 64, were " + bits + ", " + units);
        }
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(bias, "bias");
        Objects.requireNonNull(out, "out");
        if (rows.length != (1 << bits) * units || bias.length != units || out.length != units) {
            throw new IllegalArgumentException("expected " + ((1 << bits) * units) + " row weights and " + units
                    + " biases and outputs, got " + rows.length + ", " + bias.length + ", " + out.length);
        }
        this.bits = bits;
        this.units = units;
        this.mask = (1 << bits) - 1;
        this.rows = new short[rows.length];
        for (int i = 0; i < rows.length; i++) {
            this.rows[i] = Float.floatToFloat16(rows[i]);
        }
        this.bias = rounded(bias);
        this.out = rounded(out);
    }

    /** Rounded to float16 and back, as the file stores them, so that the layer evaluated is the layer saved. */
    private static float[] rounded(float[] a) {
        float[] r = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = Float.float16ToFloat(Float.floatToFloat16(a[i]));
        }
        return r;
    }

    public int bits() {
        return bits;
    }

    public int units() {
        return units;
    }

    float row(int i) {
        return Float.float16ToFloat(rows[i]);
    }

    float bias(int unit) {
        return bias[unit];
    }

    float out(int unit) {
        return out[unit];
    }

    int rowCount() {
        return rows.length;
    }

    /** A scratch array for {@link #add} and {@link #score}, one per call site and thread. */
    double[] activations() {
        return new double[units];
    }

    /** Starts a text's activations at the biases. */
    void start(double[] a) {
        for (int j = 0; j < units; j++) {
            a[j] = bias[j];
        }
    }

    /** Adds one feature of the given value to the activations. */
    void add(double[] a, int feature, float value) {
        int base = (feature & mask) * units;
        for (int j = 0; j < units; j++) {
            a[j] += Float.float16ToFloat(rows[base + j]) * value;
        }
    }

    /** What the units add to the score, given the finished activations. */
    double score(double[] a) {
        double z = 0;
        for (int j = 0; j < units; j++) {
            if (a[j] > 0) {
                z += out[j] * a[j];
            }
        }
        return z;
    }

    /** What the units add to the score of one feature vector. */
    public double score(Featurizer.Vector x) {
        double[] a = activations();
        start(a);
        int[] idx = x.indices();
        float[] val = x.values();
        for (int k = 0; k < idx.length; k++) {
            add(a, idx[k], val[k]);
        }
        return score(a);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HiddenLayer h
                && bits == h.bits
                && units == h.units
                && Arrays.equals(rows, h.rows)
                && Arrays.equals(bias, h.bias)
                && Arrays.equals(out, h.out);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bits, units, Arrays.hashCode(out));
    }

    @Override
    public String toString() {
        return "HiddenLayer[2^" + bits + " rows, " + units + " units]";
    }
}
