package io.trustgate.assess.grade;

/**
 * A proportion with its 95% Wilson score interval. Wilson rather than the normal approximation because samples are
 * small and rates near 0 or 1 are common (attack success on a well-aligned model), where the normal interval leaves
 * [0, 1] or collapses to a point.
 *
 * @param hits how many samples hit
 * @param samples how many samples
 * @param value hits / samples (0 when there are none)
 * @param lower lower end of the interval
 * @param upper upper end of the interval
 */
public record Rate(long hits, long samples, double value, double lower, double upper) {
    /** The 0.975 quantile of the standard normal distribution. */
    public static final double Z95 = 1.959963984540054;

    public Rate {
        if (hits < 0 || samples < 0 || hits > samples) {
            throw new IllegalArgumentException("bad rate: " + hits + " of " + samples);
        }
    }

    public static Rate of(long hits, long samples) {
        if (samples == 0) {
            return new Rate(0, 0, 0, 0, 1);
        }
        double n = samples;
        double p = hits / n;
        double z2 = Z95 * Z95;
        double denom = 1 + z2 / n;
        double center = (p + z2 / (2 * n)) / denom;
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom;
        // clamp rounding noise so that lower <= value <= upper always holds
        double lo = Math.max(0, Math.min(p, center - half));
        double hi = Math.min(1, Math.max(p, center + half));
        return new Rate(hits, samples, p, lo, hi);
    }
}
