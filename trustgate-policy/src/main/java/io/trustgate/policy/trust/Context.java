package io.trustgate.policy.trust;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A use case the models are judged for (docs/trust.md): who owns it, its EU AI Act answers, the data it sends, what a
 * model must meet, and how the six trust dimensions weigh.
 *
 * @param name unique, lower-case and dashed
 * @param description what the use is
 * @param owner who answers for it
 * @param euAiAct the questionnaire
 * @param dataSensitivity the most sensitive data sent to the model
 * @param requirements what a model must meet
 * @param weights the weight of each dimension (all six, >= 0, not all 0)
 * @param firewall the name of the firewall settings (a tier's firewall) requests in this context use, if any
 * @param source the file it was read from
 */
public record Context(
        String name,
        String description,
        String owner,
        Questionnaire euAiAct,
        DataSensitivity dataSensitivity,
        Requirements requirements,
        Map<Dimension, Double> weights,
        Optional<String> firewall,
        String source) {
    public Context {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(euAiAct, "euAiAct");
        Objects.requireNonNull(dataSensitivity, "dataSensitivity");
        Objects.requireNonNull(requirements, "requirements");
        Objects.requireNonNull(firewall, "firewall");
        Objects.requireNonNull(source, "source");
        if (!name.matches("[a-z0-9]+(-[a-z0-9]+)*") || name.length() > 64) {
            throw new IllegalArgumentException("name must be lower-case words joined by dashes, was '" + name + "'");
        }
        if (owner.isBlank()) {
            throw new IllegalArgumentException("owner is blank");
        }
        EnumMap<Dimension, Double> w = new EnumMap<>(Dimension.class);
        for (Dimension d : Dimension.values()) {
            Double v = weights.get(d);
            if (v == null) {
                throw new IllegalArgumentException("weights: missing " + d.key());
            }
            if (!(v >= 0) || v.isInfinite()) {
                throw new IllegalArgumentException("weights: " + d.key() + " must be >= 0, was " + v);
            }
            w.put(d, v);
        }
        if (w.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
            throw new IllegalArgumentException("weights: at least one must be > 0");
        }
        weights = java.util.Collections.unmodifiableMap(w);
    }

    public RiskTier tier() {
        return euAiAct.tier();
    }
}
