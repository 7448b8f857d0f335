package io.trustgate.policy.trust;

import io.trustgate.registry.profile.Weights;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The decisions for one context, ranked, with a recommended route. The route's primary is the best-scoring allowed
 * model; its first fallback is the best allowed model of the other kind (open weights for a closed primary, closed
 * for an open one) when the context allows one, so that one vendor's outage or withdrawal does not stop the
 * context; then the next best of the primary's kind.
 *
 * @param context the context
 * @param allowed allowed models, best first (score, then coverage, then id)
 * @param notAllowed the others, best first
 * @param route primary then fallbacks (at most three models); empty when nothing is allowed
 */
public record Recommendation(
        Context context, List<TrustDecision> allowed, List<TrustDecision> notAllowed, List<TrustDecision> route) {

    /** Ranking order: score, then coverage, both descending, then id for a stable order. */
    public static final Comparator<TrustDecision> RANK = Comparator.comparingDouble(TrustDecision::score)
            .reversed()
            .thenComparing(Comparator.comparingDouble(TrustDecision::coverage).reversed())
            .thenComparing(TrustDecision::model);

    public Recommendation {
        Objects.requireNonNull(context, "context");
        allowed = List.copyOf(allowed);
        notAllowed = List.copyOf(notAllowed);
        route = List.copyOf(route);
    }

    static Recommendation of(Context c, List<TrustDecision> all) {
        List<TrustDecision> ok =
                all.stream().filter(TrustDecision::allowed).sorted(RANK).toList();
        List<TrustDecision> no =
                all.stream().filter(d -> !d.allowed()).sorted(RANK).toList();
        List<TrustDecision> route = new ArrayList<>();
        if (!ok.isEmpty()) {
            TrustDecision primary = ok.get(0);
            route.add(primary);
            ok.stream()
                    .filter(d -> d.weights() != primary.weights())
                    .findFirst()
                    .ifPresent(route::add);
            ok.stream()
                    .filter(d -> d.weights() == primary.weights() && d != primary)
                    .findFirst()
                    .ifPresent(route::add);
        }
        return new Recommendation(c, ok, no, route);
    }

    /** Allowed models with open weights, best first. */
    public List<TrustDecision> open() {
        return allowed.stream().filter(d -> d.weights() == Weights.OPEN).toList();
    }

    /** Allowed models with closed weights, best first. */
    public List<TrustDecision> closed() {
        return allowed.stream().filter(d -> d.weights() == Weights.CLOSED).toList();
    }

    /** Whether the route mixes open and closed models. */
    public boolean hybrid() {
        return route.stream().map(TrustDecision::weights).distinct().count() > 1;
    }

    public Optional<TrustDecision> primary() {
        return route.isEmpty() ? Optional.empty() : Optional.of(route.get(0));
    }
}
