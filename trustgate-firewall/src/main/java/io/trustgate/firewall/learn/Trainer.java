package io.trustgate.firewall.learn;

import java.util.List;
import java.util.Map;
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
 * @param seed shuffle seed
 */
public record Trainer(int epochs, double learningRate, double l2, long seed) {
    /** The parameters the shipped models were trained with. */
    public static final Trainer DEFAULT = new Trainer(6, 0.2, 1e-4, 20261126L);

    public Trainer {
        if (epochs < 1 || !(learningRate > 0) || !(l2 >= 0)) {
            throw new IllegalArgumentException(
                    "need epochs >= 1, learningRate > 0, l2 >= 0; were " + epochs + ", " + learningRate + ", " + l2);
        }
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
        // weight f at [2f] and its AdaGrad sum at [2f + 1]: an update reads and writes both, and side by side they
        // share a cache line (with 2^20 buckets the two separate arrays cost a miss each); same arithmetic, same bits
        double[] wg = new double[2 * dim];
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
                double g = (LinearModel.sigmoid(z) - (e.positive() ? 1 : 0)) * e.weight();
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

    /**
     * Fits a model. Calibration is left at identity (scale 1, bias 0, threshold 0.5); {@link CrossSource} sets it.
     */
    public LinearModel fit(HashedNgrams featurizer, int window, int stride, List<Example> examples) {
        double[] w = weights(featurizer.dimension(), examples);
        int dim = featurizer.dimension();
        double b = w[dim];
        float[] wf = new float[dim];
        for (int i = 0; i < dim; i++) {
            wf[i] = (float) w[i];
        }
        return new LinearModel(featurizer, window, stride, b, wf, 1, 0, 0.5, Map.of());
    }
}
