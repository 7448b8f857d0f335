package io.trustgate.firewall.learn;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Logistic regression fitted by AdaGrad (per-feature learning rates, which suit sparse hashed features: a rare
 * n-gram keeps a large step) with L2 regularisation applied to the weights an example touches, and a weight per
 * example (the caller balances classes and sources with it). Deterministic: one thread, and the visiting order is a
 * shuffle from a fixed seed, so the same examples in the same order give the same weights bit for bit.
 *
 * @param epochs passes over the data
 * @param learningRate AdaGrad's base step
 * @param l2 regularisation strength per update
 * <p>With {@code hiddenUnits > 0} the model also gets a {@link HiddenLayer} of that many units over {@code
 * 2^hiddenBits} folded rows, trained jointly with the linear weights (decision 027). Its rows start at small random
 * values from the seed (a layer started at zero would never leave it) and learn by AdaGrad as the weights do. (Row-wise
 * AdaGrad, one step-size sum per row, trained about as fast here and learned nothing the linear weights had not:
 * decision 027.)
 *
 * @param epochs passes over the data
 * @param learningRate AdaGrad's base step
 * @param l2 regularisation strength per update
 * @param seed shuffle seed (and the hidden layer's starting values)
 * @param hiddenUnits units of the hidden layer, 0 for a linear model
 * @param hiddenBits the hidden layer has {@code 2^hiddenBits} rows (ignored without units)
 * @param hiddenRate AdaGrad's base step for the hidden layer
 */
public record Trainer(
        int epochs, double learningRate, double l2, long seed, int hiddenUnits, int hiddenBits, double hiddenRate) {
    /** The parameters the shipped toxicity model was trained with: linear. */
    public static final Trainer DEFAULT = new Trainer(6, 0.2, 1e-4, 20261126L);

    /**
     * Decision 027's candidate: {@link #DEFAULT} with 8 hidden units over 2^18 rows. Rejected: the shipped injection
     * model is linear; this is the starting point of {@code -Dtrustgate.train.hidden}'s other parameters.
     */
    public static final Trainer INJECTION = DEFAULT.withHidden(8, 18, 0.05);

    /** The standard deviation of the hidden rows' starting values. */
    static final double HIDDEN_INIT = 0.3;

    public Trainer {
        if (epochs < 1 || !(learningRate > 0) || !(l2 >= 0)) {
            throw new IllegalArgumentException(
                    "need epochs >= 1, learningRate > 0, l2 >= 0; were " + epochs + ", " + learningRate + ", " + l2);
        }
        if (hiddenUnits < 0
                || hiddenUnits > 64
                || (hiddenUnits > 0 && (hiddenBits < 8 || hiddenBits > 24))
                || !(hiddenRate > 0)) {
            throw new IllegalArgumentException("need 0 <= hiddenUnits <= 64, 8 <= hiddenBits <= 24, hiddenRate > 0;"
                    + " were " + hiddenUnits + ", " + hiddenBits + ", " + hiddenRate);
        }
    }

    /** A linear trainer. */
    public Trainer(int epochs, double learningRate, double l2, long seed) {
        this(epochs, learningRate, l2, seed, 0, 18, 0.05);
    }

    /**
     * The record's text, without the hidden layer's components when there is none: it goes into a model file's
     * metadata, and a linear model's file keeps the bytes it had before the layer existed.
     */
    @Override
    public String toString() {
        String linear = "Trainer[epochs=" + epochs + ", learningRate=" + learningRate + ", l2=" + l2 + ", seed=" + seed;
        return hiddenUnits == 0
                ? linear + "]"
                : linear + ", hiddenUnits=" + hiddenUnits + ", hiddenBits=" + hiddenBits + ", hiddenRate=" + hiddenRate
                        + "]";
    }

    /** This trainer with a hidden layer of {@code units} units over {@code 2^bits} rows ({@code units} 0: none). */
    public Trainer withHidden(int units, int bits, double rate) {
        return new Trainer(epochs, learningRate, l2, seed, units, bits, rate);
    }

    /** One training example: a feature vector, its label and its weight. */
    public record Example(Featurizer.Vector x, boolean positive, double weight) {}

    /**
     * Fits a dense head (for example over sentence embeddings), without calibration: the same algorithm as {@link
     * #fit}, for any featurizer's vectors.
     */
    public DenseHead fitDense(int dimension, List<Example> examples) {
        double[] w = weights(dimension, examples);
        float[] wf = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            wf[i] = (float) w[i];
        }
        return new DenseHead(w[dimension], wf);
    }

    /** The fitted weights, with the intercept appended at index {@code dimension}. */
    private double[] weights(int dim, List<Example> examples) {
        return weights(dim, examples, null);
    }

    /** A hidden layer while it trains: its weights and AdaGrad sums. */
    private static final class Training {
        final int units;
        final int mask;
        final float[] rows;
        final double[] rowSums; // AdaGrad's sum per weight
        final double[] bias;
        final double[] biasSums;
        final double[] out;
        final double[] outSums;

        Training(int units, int bits, long seed) {
            this.units = units;
            this.mask = (1 << bits) - 1;
            this.rows = new float[(1 << bits) * units];
            this.rowSums = new double[rows.length];
            this.bias = new double[units];
            this.biasSums = new double[units];
            this.out = new double[units];
            this.outSums = new double[units];
            Random r = new Random(seed ^ 0x5DEECE66DL);
            for (int i = 0; i < rows.length; i++) {
                rows[i] = (float) (r.nextGaussian() * HIDDEN_INIT);
            }
            for (int j = 0; j < units; j++) {
                out[j] = r.nextGaussian() * 0.1;
                bias[j] = 0.1;
            }
        }

        HiddenLayer layer() {
            float[] b = new float[units];
            float[] o = new float[units];
            for (int j = 0; j < units; j++) {
                b[j] = (float) bias[j];
                o[j] = (float) out[j];
            }
            return new HiddenLayer(Integer.numberOfTrailingZeros(mask + 1), units, rows, b, o);
        }
    }

    /** As {@link #weights(int, List)}, training {@code hidden} (when not null) alongside. */
    private double[] weights(int dim, List<Example> examples, Training hidden) {
        // weight f at [2f] and its AdaGrad sum at [2f + 1]: an update reads and writes both, and side by side they
        // share a cache line (with 2^20 buckets the two separate arrays cost a miss each); same arithmetic, same bits
        double[] wg = new double[2 * dim];
        Training h = hidden;
        double[] a = h == null ? null : new double[hiddenUnits];
        double[] delta = h == null ? null : new double[hiddenUnits];
        double b = 0;
        double b2 = 0;
        int n = examples.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        final double eps = 1e-8;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int k = 0; k < n; k++) {
                Example e = examples.get(order[k]);
                int[] idx = e.x().indices();
                float[] val = e.x().values();
                double z = b;
                for (int q = 0; q < idx.length; q++) {
                    z += wg[2 * idx[q]] * val[q];
                }
                if (h != null) {
                    z += forward(h, idx, val, a);
                }
                double g = (LinearModel.sigmoid(z) - (e.positive() ? 1 : 0)) * e.weight();
                if (h != null) {
                    backward(h, idx, val, a, delta, g, eps);
                }
                for (int q = 0; q < idx.length; q++) {
                    int f = 2 * idx[q];
                    double grad = g * val[q] + l2 * wg[f];
                    double sum = wg[f + 1] + grad * grad;
                    wg[f + 1] = sum;
                    wg[f] -= learningRate * grad / Math.sqrt(sum + eps);
                }
                b2 += g * g;
                b -= learningRate * g / Math.sqrt(b2 + eps);
            }
        }
        double[] w = new double[dim + 1];
        for (int f = 0; f < dim; f++) {
            w[f] = wg[2 * f];
        }
        w[dim] = b;
        return w;
    }

    /** The hidden layer's activations {@code a} for one example, and what the units add to its score. */
    private static double forward(Training h, int[] idx, float[] val, double[] a) {
        int units = h.units;
        for (int j = 0; j < units; j++) {
            a[j] = h.bias[j];
        }
        for (int q = 0; q < idx.length; q++) {
            int base = (idx[q] & h.mask) * units;
            float x = val[q];
            for (int j = 0; j < units; j++) {
                a[j] += h.rows[base + j] * x;
            }
        }
        double z = 0;
        for (int j = 0; j < units; j++) {
            if (a[j] > 0) {
                z += h.out[j] * a[j];
            }
        }
        return z;
    }

    /** One AdaGrad step of the hidden layer for an example whose loss has gradient {@code g} in its score. */
    private void backward(Training h, int[] idx, float[] val, double[] a, double[] delta, double g, double eps) {
        int units = h.units;
        double deltaSquares = 0;
        for (int j = 0; j < units; j++) {
            boolean active = a[j] > 0;
            // the gradient reaching a unit's input uses its output weight before this step changes it
            delta[j] = active ? g * h.out[j] : 0;
            deltaSquares += delta[j] * delta[j];
            double grad = g * (active ? a[j] : 0) + l2 * h.out[j];
            h.outSums[j] += grad * grad;
            h.out[j] -= hiddenRate * grad / Math.sqrt(h.outSums[j] + eps);
            if (active) {
                h.biasSums[j] += delta[j] * delta[j];
                h.bias[j] -= hiddenRate * delta[j] / Math.sqrt(h.biasSums[j] + eps);
            }
        }
        if (deltaSquares == 0) {
            return;
        }
        for (int q = 0; q < idx.length; q++) {
            int base = (idx[q] & h.mask) * units;
            float x = val[q];
            for (int j = 0; j < units; j++) {
                if (delta[j] == 0) {
                    continue;
                }
                int p = base + j;
                double grad = delta[j] * x + l2 * h.rows[p];
                h.rowSums[p] += grad * grad;
                h.rows[p] -= (float) (hiddenRate * grad / Math.sqrt(h.rowSums[p] + eps));
            }
        }
    }

    /**
     * Fits a model. Calibration is left at identity (scale 1, bias 0, threshold 0.5); {@link CrossSource} sets it.
     */
    public LinearModel fit(HashedNgrams featurizer, int window, int stride, List<Example> examples) {
        Training h = hiddenUnits > 0 ? new Training(hiddenUnits, hiddenBits, seed) : null;
        double[] w = weights(featurizer.dimension(), examples, h);
        int dim = featurizer.dimension();
        double b = w[dim];
        float[] wf = new float[dim];
        for (int i = 0; i < dim; i++) {
            wf[i] = (float) w[i];
        }
        return new LinearModel(
                featurizer,
                window,
                stride,
                b,
                wf,
                1,
                0,
                0.5,
                Map.of(),
                Optional.ofNullable(h).map(Training::layer));
    }
}
