package io.trustgate.registry.profile;

import java.util.List;
import java.util.Objects;

/**
 * What a vendor's API does with the data sent to it (docs/trust.md, "Data sensitivity"): facts about the vendor's
 * hosted service, shared by every model it serves through that API, each with its source and the date it was seen.
 * Self-hosted models do not need these: the data stays with the operator.
 *
 * @param provider the profile {@code provider} this applies to (e.g. {@code OpenAI}), matched ignoring case
 * @param service the hosted service the facts describe (e.g. {@code OpenAI API Platform}); another route to the same
 *     models (a cloud marketplace, a consumer app) may have other terms
 * @param trainsOnCustomerData whether inputs and outputs are used to train the vendor's models by default
 * @param retentionDays how long inputs and outputs are kept by default, in days (0 = not stored)
 * @param zeroRetention whether a zero-data-retention arrangement is offered (often subject to the vendor's approval)
 * @param processingRegions where requests are processed, as the vendor documents it (e.g. {@code global}, {@code US},
 *     {@code EU})
 * @param euDataResidency whether processing can be kept in the EU
 * @param dpa whether a data processing agreement (GDPR Art. 28) is offered
 * @param hipaaBaa whether a HIPAA business associate agreement is offered
 * @param origin the file the facts were read from
 */
public record DataHandling(
        String provider,
        String service,
        Fact<Boolean> trainsOnCustomerData,
        Fact<Double> retentionDays,
        Fact<Boolean> zeroRetention,
        Fact<List<String>> processingRegions,
        Fact<Boolean> euDataResidency,
        Fact<Boolean> dpa,
        Fact<Boolean> hipaaBaa,
        String origin) {
    public DataHandling {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(trainsOnCustomerData, "trainsOnCustomerData");
        Objects.requireNonNull(retentionDays, "retentionDays");
        Objects.requireNonNull(zeroRetention, "zeroRetention");
        processingRegions = processingRegions.map(List::copyOf);
        Objects.requireNonNull(euDataResidency, "euDataResidency");
        Objects.requireNonNull(dpa, "dpa");
        Objects.requireNonNull(hipaaBaa, "hipaaBaa");
        Objects.requireNonNull(origin, "origin");
        if (provider.isBlank()) {
            throw new IllegalArgumentException("provider is blank");
        }
        if (retentionDays.optional().filter(d -> !(d >= 0) || d.isInfinite()).isPresent()) {
            throw new IllegalArgumentException("retention-days must be >= 0");
        }
        if (processingRegions.optional().filter(List::isEmpty).isPresent()) {
            throw new IllegalArgumentException("processing-regions: list at least one region, or leave it unknown");
        }
    }

    /** Nothing known about this provider's API (no file for it). */
    public static DataHandling unknown(String provider) {
        return new DataHandling(
                provider,
                provider + " API",
                Fact.unknown(),
                Fact.unknown(),
                Fact.unknown(),
                Fact.unknown(),
                Fact.unknown(),
                Fact.unknown(),
                Fact.unknown(),
                "no data-handling file for provider '" + provider + "'");
    }
}
