package io.trustgate.api.evidence;

import java.util.Objects;

/**
 * One figure of a piece of evidence, with its 95% confidence interval when one was computed ({@code lower == upper ==
 * value} when not) and the number of samples behind it (0 when unknown).
 *
 * @param name what was measured, e.g. {@code accuracy}, {@code attack_success_rate}, {@code rating}
 * @param value the figure
 * @param lower lower end of the 95% interval
 * @param upper upper end of the 95% interval
 * @param samples how many samples (prompts, battles, files) it rests on
 */
public record Measurement(String name, double value, double lower, double upper, long samples) {
    public Measurement {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("measurement name is blank");
        }
        if (!Double.isFinite(value) || !Double.isFinite(lower) || !Double.isFinite(upper)) {
            throw new IllegalArgumentException("measurement " + name + " is not a finite number");
        }
        if (lower > value || value > upper) {
            throw new IllegalArgumentException("measurement " + name + ": interval does not contain the value");
        }
        if (samples < 0) {
            throw new IllegalArgumentException("measurement " + name + ": negative sample count");
        }
    }

    /** A figure without an interval. */
    public static Measurement of(String name, double value, long samples) {
        return new Measurement(name, value, value, value, samples);
    }

    public boolean hasInterval() {
        return lower != value || upper != value;
    }
}
