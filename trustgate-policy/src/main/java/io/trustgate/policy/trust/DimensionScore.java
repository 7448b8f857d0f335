package io.trustgate.policy.trust;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A model's score on one dimension: the mean of its fixed slots, an unknown slot counting 0; unknown as a whole when
 * every slot is unknown.
 *
 * @param dimension which one
 * @param weight the context's weight for it
 * @param signals the slots, known or not
 */
public record DimensionScore(Dimension dimension, double weight, List<Signal> signals) {
    public DimensionScore {
        Objects.requireNonNull(dimension, "dimension");
        signals = List.copyOf(signals);
        if (signals.isEmpty()) {
            throw new IllegalArgumentException(dimension.key() + " needs at least one slot");
        }
    }

    /** The score in [0, 1], empty (unknown) when no slot is known. */
    public Optional<Double> score() {
        if (signals.stream().allMatch(s -> s.value().isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(
                signals.stream().mapToDouble(s -> s.value().orElse(0.0)).sum() / signals.size());
    }

    /** The share of slots that are known. */
    public double coverage() {
        return (double) signals.stream().filter(s -> s.value().isPresent()).count() / signals.size();
    }
}
