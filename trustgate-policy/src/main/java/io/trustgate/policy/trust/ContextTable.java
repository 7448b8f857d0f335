package io.trustgate.policy.trust;

import io.trustgate.registry.profile.ModelProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The precomputed answer to "may this served model be used in this context?" for every (context, served model)
 * pair, built when the configuration, the profiles or the evidence are (re)read, so that a request costs two map
 * lookups. Immutable.
 *
 * @param refusals per context name, per served model name: empty when allowed, else the first failing reason
 */
public record ContextTable(Map<String, Map<String, Optional<String>>> refusals) {
    public ContextTable {
        Map<String, Map<String, Optional<String>>> copy = new LinkedHashMap<>();
        refusals.forEach((c, m) -> copy.put(c, Map.copyOf(m)));
        refusals = java.util.Collections.unmodifiableMap(copy);
    }

    /** A served model and the profile it is linked to ({@code models.NAME.profile}), if any. */
    public record Served(
            String name, Optional<ModelProfile> profile, String origin, Optional<TrustEngine.KnownPrice> price) {
        public Served {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(price, "price");
        }
    }

    /**
     * Decides every served model in every context. A served model without a profile is refused in every context:
     * nothing is known about it, and unknown is not a yes.
     */
    public static ContextTable build(Contexts contexts, TrustEngine engine, List<Served> served) {
        Map<String, Map<String, Optional<String>>> out = new LinkedHashMap<>();
        for (Context c : contexts.all()) {
            Map<String, Optional<String>> row = new LinkedHashMap<>();
            for (Served s : served) {
                if (s.profile().isEmpty()) {
                    row.put(
                            s.name(),
                            Optional.of("model '" + s.name() + "' is not linked to a profile" + " (models." + s.name()
                                    + ".profile), so nothing is known about it"));
                    continue;
                }
                ModelProfile p = s.profile().get();
                TrustEngine e = s.price()
                        .map(kp -> engine.withPrices(Map.of(p.id(), kp)))
                        .orElse(engine);
                TrustDecision d = e.decide(p, s.origin(), c);
                row.put(s.name(), d.firstFailure().map(Check::toString));
            }
            out.put(c.name(), row);
        }
        return new ContextTable(out);
    }

    public boolean hasContext(String context) {
        return refusals.containsKey(context);
    }

    /** Empty when the model is allowed in the context; the reason otherwise (also for an unknown pair). */
    public Optional<String> refusal(String context, String model) {
        Map<String, Optional<String>> row = refusals.get(context);
        if (row == null) {
            return Optional.of("unknown context '" + context + "'");
        }
        Optional<String> r = row.get(model);
        return r == null ? Optional.of("model '" + model + "' was not decided for context '" + context + "'") : r;
    }

    /** How many (context, model) pairs are allowed. */
    public int allowedPairs() {
        return (int) refusals.values().stream()
                .flatMap(m -> m.values().stream())
                .filter(Optional::isEmpty)
                .count();
    }
}
