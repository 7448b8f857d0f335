package io.trustgate.policy.trust;

import io.trustgate.registry.licence.UseCase;
import io.trustgate.registry.licence.Verdict;
import io.trustgate.registry.openness.MofClass;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a model must meet to be allowed in a context. Every requirement is checked and reported as met, not met or
 * unknown; only a model with every requirement met is allowed.
 *
 * @param selfHosting the model must run on the user's own hardware (no vendor API)
 * @param licenceUse the intended use, as the licence analysis sees it
 * @param allowedLicenceVerdicts the licence verdicts accepted for that use (at least {@code allowed})
 * @param minMofClass the least open Model Openness Framework class accepted
 * @param evidence required evidence floors and ceilings
 * @param maxCostPerMillionTokens the most the higher of the input and output price per million tokens may be
 * @param dataResidency where a vendor API must be able to keep the processing ({@code EU}), checked with the
 *     context's data sensitivity (docs/trust.md, "Data sensitivity")
 */
public record Requirements(
        boolean selfHosting,
        UseCase licenceUse,
        Set<Verdict> allowedLicenceVerdicts,
        Optional<MofClass> minMofClass,
        List<EvidenceRequirement> evidence,
        Optional<Double> maxCostPerMillionTokens,
        Optional<String> dataResidency) {
    /** The regions {@code data-residency} accepts (the vendor facts record EU residency only). */
    public static final java.util.Set<String> RESIDENCIES = java.util.Set.of("EU");

    /** Without a data residency requirement. */
    public Requirements(
            boolean selfHosting,
            UseCase licenceUse,
            Set<Verdict> allowedLicenceVerdicts,
            Optional<MofClass> minMofClass,
            List<EvidenceRequirement> evidence,
            Optional<Double> maxCostPerMillionTokens) {
        this(
                selfHosting,
                licenceUse,
                allowedLicenceVerdicts,
                minMofClass,
                evidence,
                maxCostPerMillionTokens,
                Optional.empty());
    }

    public Requirements {
        Objects.requireNonNull(licenceUse, "licenceUse");
        allowedLicenceVerdicts = Set.copyOf(allowedLicenceVerdicts);
        Objects.requireNonNull(minMofClass, "minMofClass");
        evidence = List.copyOf(evidence);
        Objects.requireNonNull(maxCostPerMillionTokens, "maxCostPerMillionTokens");
        if (allowedLicenceVerdicts.isEmpty()) {
            throw new IllegalArgumentException("allowed-verdicts must not be empty");
        }
        if (allowedLicenceVerdicts.contains(Verdict.NOT_ALLOWED)) {
            throw new IllegalArgumentException("allowed-verdicts must not contain not-allowed");
        }
        Objects.requireNonNull(dataResidency, "dataResidency");
        dataResidency.ifPresent(r -> {
            if (!RESIDENCIES.contains(r)) {
                throw new IllegalArgumentException("data-residency must be EU, was '" + r + "'");
            }
        });
        maxCostPerMillionTokens.ifPresent(c -> {
            if (!(c >= 0) || c.isInfinite()) {
                throw new IllegalArgumentException("max-cost-per-1m-tokens must be >= 0, was " + c);
            }
        });
    }
}
