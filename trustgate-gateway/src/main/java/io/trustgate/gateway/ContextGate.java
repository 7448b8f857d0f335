package io.trustgate.gateway;

import io.trustgate.api.ErrorKind;
import io.trustgate.api.TrustgateException;
import io.trustgate.policy.trust.ContextTable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Enforces trust decisions per context (docs/trust.md): a request names its context with the
 * {@code x-trustgate-context} header, or gets its tier's default (the first context the tier lists); the tier must
 * be bound to that context, and the model (and each fallback) must be allowed there by the precomputed
 * {@link ContextTable}. Tiers bound to no context are not checked. The snapshot is swapped whole on a reload, so a
 * request sees one consistent table; the hot path is two map lookups.
 */
public final class ContextGate {
    /** The request header naming the context. */
    public static final String HEADER = "x-trustgate-context";

    /**
     * What the gate enforces now.
     *
     * @param table the decisions
     * @param tierContexts per tier, the contexts its keys may use (first = default); tiers absent are unchecked
     * @param firewalls per context, the tier whose firewall settings requests in it use, when the context names one
     */
    public record Snapshot(ContextTable table, Map<String, List<String>> tierContexts, Map<String, String> firewalls) {
        public Snapshot {
            Objects.requireNonNull(table, "table");
            Map<String, List<String>> copy = new java.util.LinkedHashMap<>();
            tierContexts.forEach((t, l) -> {
                if (l.isEmpty()) {
                    throw new IllegalArgumentException("tier " + t + ": contexts must not be empty");
                }
                copy.put(t, List.copyOf(l));
            });
            tierContexts = Map.copyOf(copy);
            firewalls = Map.copyOf(firewalls);
        }

        /** Nothing bound: every request passes. */
        public static final Snapshot OFF = new Snapshot(new ContextTable(Map.of()), Map.of(), Map.of());
    }

    private volatile Snapshot snapshot = Snapshot.OFF;
    private volatile Supplier<Snapshot> rebuild = () -> Snapshot.OFF;

    /** Installs the snapshot and the way to rebuild it (from the files) on {@code POST /admin/reload}. */
    public void install(Snapshot s, Supplier<Snapshot> rebuildFrom) {
        this.snapshot = Objects.requireNonNull(s, "snapshot");
        this.rebuild = Objects.requireNonNull(rebuildFrom, "rebuild");
    }

    /** Rebuilds the snapshot (blocking: reads files) and swaps it in; a failure keeps the current one. */
    public Snapshot reload() {
        Snapshot s = rebuild.get();
        this.snapshot = s;
        return s;
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /**
     * The context of a request by a key of this tier: the header's, else the tier's default; empty when the tier is
     * not bound to contexts. Throws 403 when the tier may not use the named context.
     */
    public Optional<String> contextOf(String tier, Optional<String> header) {
        Snapshot s = snapshot;
        List<String> bound = s.tierContexts().get(tier);
        if (bound == null) {
            return Optional.empty();
        }
        String ctx = header.map(String::trim).filter(h -> !h.isEmpty()).orElse(bound.get(0));
        if (!bound.contains(ctx)) {
            throw new TrustgateException(
                    ErrorKind.PERMISSION_DENIED,
                    "Context '" + clip(ctx) + "' is not allowed for keys of tier '" + tier + "' (allowed: "
                            + String.join(", ", bound) + ").",
                    HEADER,
                    "context_not_allowed");
        }
        return Optional.of(ctx);
    }

    /** Throws 403 {@code model_not_allowed_in_context} with the first failing reason when the model is refused. */
    public void check(Optional<String> context, String model) {
        if (context.isEmpty()) {
            return;
        }
        Optional<String> refusal = snapshot.table().refusal(context.get(), model);
        if (refusal.isPresent()) {
            throw new TrustgateException(
                    ErrorKind.PERMISSION_DENIED,
                    "Model '" + model + "' is not allowed in context '" + context.get() + "': " + refusal.get(),
                    "model",
                    "model_not_allowed_in_context");
        }
    }

    /** Whether a fallback may be used in the context (always, without a context). */
    public boolean allows(Optional<String> context, String model) {
        return context.isEmpty()
                || snapshot.table().refusal(context.get(), model).isEmpty();
    }

    /** The tier whose firewall applies in this context, if the context names one. */
    public Optional<String> firewallTier(Optional<String> context) {
        return context.map(c -> snapshot.firewalls().get(c));
    }

    private static String clip(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}
