package io.trustgate.registry.profile;

import io.trustgate.api.evidence.Evidence;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What is known about one model, each fact with its source (docs/registry.md describes the YAML form). Immutable;
 * unknown facts are {@link Fact.Unknown}, absent lists are empty, absent texts are {@code ""}.
 *
 * @param id unique id: the Hugging Face repo id for open models, the vendor's API id for closed ones
 * @param name display name
 * @param aliases other names the gateway's model list may use
 * @param family grouping such as {@code llama-3.1}, {@code ""} when none
 * @param provider the organisation that produces the model
 * @param hosting where it can run (at least one)
 * @param weights open or closed weights
 * @param releaseDate first release
 * @param parameters total parameter count
 * @param activeParameters parameters active per token (mixture-of-experts models)
 * @param trainingComputeFlop training compute in FLOP
 * @param trainingTokens training tokens
 * @param baseModels the models this one was fine-tuned or derived from
 * @param datasets datasets the model was trained or tuned on, as its producer names them
 * @param licence the distribution licence
 * @param mof the Model Openness Framework components released
 * @param osaid standing against the OSI Open Source AI Definition
 * @param osai grades from the European Open Source AI Index, when imported
 * @param euAiAct role under the EU AI Act
 * @param provenance artifact hashes and signatures
 * @param incidents known incidents
 * @param evidence published results (benchmarks, red-team, bias...), each with source, date and method
 */
public record ModelProfile(
        String id,
        String name,
        List<String> aliases,
        String family,
        String provider,
        Set<Hosting> hosting,
        Weights weights,
        Fact<LocalDate> releaseDate,
        Fact<Double> parameters,
        Fact<Double> activeParameters,
        Fact<Double> trainingComputeFlop,
        Fact<Double> trainingTokens,
        Fact<List<String>> baseModels,
        Fact<List<String>> datasets,
        Licence licence,
        MofComponents mof,
        Fact<OsaidStatus> osaid,
        Optional<OsaiRecord> osai,
        EuAiAct euAiAct,
        Provenance provenance,
        List<Incident> incidents,
        List<Evidence> evidence) {

    /** The EU AI Act's presumption threshold for systemic risk of a general-purpose model (Art. 51(2)). */
    public static final double SYSTEMIC_RISK_FLOP = 1e25;

    public ModelProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(releaseDate, "releaseDate");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(activeParameters, "activeParameters");
        Objects.requireNonNull(trainingComputeFlop, "trainingComputeFlop");
        Objects.requireNonNull(trainingTokens, "trainingTokens");
        Objects.requireNonNull(licence, "licence");
        baseModels = baseModels.map(List::copyOf);
        datasets = datasets.map(List::copyOf);
        Objects.requireNonNull(mof, "mof");
        Objects.requireNonNull(osaid, "osaid");
        Objects.requireNonNull(osai, "osai");
        Objects.requireNonNull(euAiAct, "euAiAct");
        Objects.requireNonNull(provenance, "provenance");
        aliases = List.copyOf(aliases);
        hosting = Set.copyOf(hosting);
        incidents = List.copyOf(incidents);
        evidence = List.copyOf(evidence);
        if (id.isBlank() || id.length() > 256 || id.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("id must be 1-256 characters without spaces, was '" + id + "'");
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("model " + id + ": name is blank");
        }
        if (provider.isBlank()) {
            throw new IllegalArgumentException("model " + id + ": provider is blank");
        }
        if (hosting.isEmpty()) {
            throw new IllegalArgumentException("model " + id + ": hosting needs self-hosted and/or vendor-api");
        }
        for (String a : aliases) {
            if (a.isBlank() || a.equals(id)) {
                throw new IllegalArgumentException("model " + id + ": alias '" + a + "' is blank or the id itself");
            }
        }
        positive(id, "parameters", parameters);
        positive(id, "active-parameters", activeParameters);
        positive(id, "training-compute-flop", trainingComputeFlop);
        positive(id, "training-tokens", trainingTokens);
        for (Evidence e : evidence) {
            if (!e.model().equals(id)) {
                throw new IllegalArgumentException("model " + id + ": evidence " + e.name() + " is about " + e.model());
            }
        }
    }

    private static void positive(String id, String key, Fact<Double> f) {
        if (f.optional().filter(v -> !(v > 0) || v.isInfinite()).isPresent()) {
            throw new IllegalArgumentException("model " + id + ": " + key + " must be a positive number");
        }
    }

    /** A profile with only the required fields; every fact unknown. */
    public static ModelProfile minimal(String id, String name, String provider, Set<Hosting> hosting, Weights w) {
        return new ModelProfile(
                id,
                name,
                List.of(),
                "",
                provider,
                hosting,
                w,
                Fact.unknown(),
                Fact.unknown(),
                Fact.unknown(),
                Fact.unknown(),
                Fact.unknown(),
                Fact.unknown(),
                Fact.unknown(),
                Licence.unknown(),
                MofComponents.unknown(),
                Fact.unknown(),
                Optional.empty(),
                EuAiAct.unknown(),
                Provenance.none(),
                List.of(),
                List.of());
    }

    /**
     * Whether the EU AI Act presumes systemic risk (Art. 51(2): training compute above 10^25 FLOP), derived from the
     * training compute and citing its source; unknown when the compute is unknown. Applies to general-purpose models;
     * the Commission can also designate a model, which this does not know.
     */
    public Fact<Boolean> systemicRiskPresumed() {
        return switch (trainingComputeFlop) {
            case Fact.Known<Double> k ->
                Fact.of(
                        k.value() > SYSTEMIC_RISK_FLOP,
                        k.source(),
                        "derived: training compute > 1e25 FLOP (Art. 51(2))");
            case Fact.Unknown<Double> u -> Fact.unknown();
        };
    }

    /** The same profile with more evidence appended (e.g. this installation's own results). */
    public ModelProfile withEvidence(List<Evidence> more) {
        List<Evidence> all = new ArrayList<>(evidence);
        all.addAll(more);
        return new ModelProfile(
                id,
                name,
                aliases,
                family,
                provider,
                hosting,
                weights,
                releaseDate,
                parameters,
                activeParameters,
                trainingComputeFlop,
                trainingTokens,
                baseModels,
                datasets,
                licence,
                mof,
                osaid,
                osai,
                euAiAct,
                provenance,
                incidents,
                all);
    }

    /** The same profile with the OSAI grades set. */
    public ModelProfile withOsai(OsaiRecord record) {
        return new ModelProfile(
                id,
                name,
                aliases,
                family,
                provider,
                hosting,
                weights,
                releaseDate,
                parameters,
                activeParameters,
                trainingComputeFlop,
                trainingTokens,
                baseModels,
                datasets,
                licence,
                mof,
                osaid,
                Optional.of(record),
                euAiAct,
                provenance,
                incidents,
                evidence);
    }
}
