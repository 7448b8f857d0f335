package io.trustgate.policy.trust;

import io.trustgate.registry.profile.Hosting;
import io.trustgate.registry.profile.Weights;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a model may be used in a context, with every reason, and its weighted trust score.
 *
 * @param model the registry id
 * @param modelName display name
 * @param weights open or closed weights
 * @param hosting where it can run
 * @param context the context's name
 * @param checks every requirement of the context, checked
 * @param dimensions the six dimension scores
 * @param gpai what the model's EU AI Act role implies (Arts. 53 and 55), with the systemic-risk presumption
 */
public record TrustDecision(
        String model,
        String modelName,
        Weights weights,
        Set<Hosting> hosting,
        String context,
        List<Check> checks,
        List<DimensionScore> dimensions,
        GpaiDuties gpai) {
    public TrustDecision {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(weights, "weights");
        hosting = Set.copyOf(hosting);
        Objects.requireNonNull(context, "context");
        checks = List.copyOf(checks);
        dimensions = List.copyOf(dimensions);
        Objects.requireNonNull(gpai, "gpai");
        if (dimensions.size() != Dimension.values().length) {
            throw new IllegalArgumentException("a decision scores all six dimensions");
        }
    }

    /** Allowed only when every check is met: an unknown is not a yes. */
    public boolean allowed() {
        return checks.stream().allMatch(c -> c.status() == Check.Status.MET);
    }

    /** The first check not met (or unknown), the reason a refusal names. */
    public Optional<Check> firstFailure() {
        return checks.stream().filter(c -> c.status() != Check.Status.MET).findFirst();
    }

    /**
     * The overall score in [0, 1]: sum of weight x dimension score over the known dimensions, divided by the sum of
     * all weights, so an unknown dimension counts 0 and never raises it.
     */
    public double score() {
        double total = dimensions.stream().mapToDouble(DimensionScore::weight).sum();
        double s = dimensions.stream()
                .mapToDouble(d -> d.weight() * d.score().orElse(0.0))
                .sum();
        return total == 0 ? 0 : s / total;
    }

    /** The weighted share of slots that are known (1 = every slot of every dimension rests on a fact). */
    public double coverage() {
        double total = dimensions.stream().mapToDouble(DimensionScore::weight).sum();
        double s =
                dimensions.stream().mapToDouble(d -> d.weight() * d.coverage()).sum();
        return total == 0 ? 0 : s / total;
    }

    public DimensionScore dimension(Dimension d) {
        return dimensions.stream().filter(x -> x.dimension() == d).findFirst().orElseThrow();
    }
}
