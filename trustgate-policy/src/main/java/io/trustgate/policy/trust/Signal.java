package io.trustgate.policy.trust;

import java.util.Objects;
import java.util.Optional;

/**
 * One scored slot of a dimension: a value in [0, 1] with the fact or evidence behind it, or unknown (scores 0).
 *
 * @param name the slot, e.g. {@code mof-class}
 * @param value the score, empty when unknown
 * @param basis what it rests on, in plain words ({@code unknown: ...} when empty)
 * @param source where that comes from; {@code -} when unknown
 */
public record Signal(String name, Optional<Double> value, String basis, String source) {
    public Signal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(source, "source");
        value.ifPresent(v -> {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("signal " + name + " must be in [0, 1], was " + v);
            }
        });
        if (value.isPresent() && (source.isBlank() || source.equals("-"))) {
            throw new IllegalArgumentException("signal " + name + " has a value but no source");
        }
    }

    static Signal known(String name, double value, String basis, String source) {
        return new Signal(name, Optional.of(Math.max(0, Math.min(1, value))), basis, source);
    }

    static Signal unknown(String name, String why) {
        return new Signal(name, Optional.empty(), "unknown: " + why, "-");
    }
}
