package io.trustgate.policy.trust;

import io.trustgate.api.evidence.EvidenceKind;
import java.util.Objects;
import java.util.Optional;

/**
 * A floor or ceiling on one measurement of the model's evidence, e.g. red-team {@code attack_success_rate <= 0.2}.
 * Met when at least one matching piece of evidence exists and every matching one passes (the worst counts);
 * unknown when none exists.
 *
 * @param kind the evidence kind
 * @param name the suite or benchmark name, {@code ""} for any
 * @param measurement the measurement's name
 * @param min the value must be at least this
 * @param max the value must be at most this
 */
public record EvidenceRequirement(
        EvidenceKind kind, String name, String measurement, Optional<Double> min, Optional<Double> max) {
    public EvidenceRequirement {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(measurement, "measurement");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (measurement.isBlank()) {
            throw new IllegalArgumentException("measurement is blank");
        }
        if (min.isEmpty() == max.isEmpty()) {
            throw new IllegalArgumentException("give exactly one of min and max");
        }
    }

    /** e.g. {@code red-team advbench attack_success_rate <= 0.2}. */
    public String describe() {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + (name.isEmpty() ? "" : " " + name)
                + " " + measurement + min.map(v -> " >= " + v).orElse("")
                + max.map(v -> " <= " + v).orElse("");
    }

    boolean passes(double value) {
        return min.map(m -> value >= m).orElse(true) && max.map(m -> value <= m).orElse(true);
    }
}
