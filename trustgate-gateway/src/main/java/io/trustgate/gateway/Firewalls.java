package io.trustgate.gateway;

import io.trustgate.firewall.FirewallChain;
import java.util.Map;
import java.util.Objects;

/**
 * The firewall of each tier (until contexts exist, a tier is the unit a firewall is configured for): the chain over
 * every message of a request, the chain over the response, and the streaming and canary settings.
 *
 * @param defaults the firewall of tiers without their own
 * @param byTier tier name to its own firewall
 */
public record Firewalls(Policy defaults, Map<String, Policy> byTier) {
    public Firewalls {
        Objects.requireNonNull(defaults, "defaults");
        byTier = Map.copyOf(byTier);
    }

    /** The same firewall for every tier. */
    public static Firewalls of(Policy policy) {
        return new Firewalls(policy, Map.of());
    }

    /** No scanning at all. */
    public static Firewalls none() {
        return of(Policy.NONE);
    }

    /** The firewall of this tier. */
    public Policy forTier(String tier) {
        return byTier.getOrDefault(tier, defaults);
    }

    /**
     * One tier's firewall.
     *
     * @param input the chain over every message of a request
     * @param output the chain over every choice of a response, streamed or not
     * @param canary whether to add a canary token to the system prompt, so that a response repeating it is caught
     *     (by the {@code system-prompt-leak} scanner in the output chain)
     * @param streamHoldback characters of a streamed answer held back before release: the longest value that is
     *     caught whole, and the delay a client sees
     * @param streamLookbehind characters already released that are scanned again with each new piece, as context
     */
    public record Policy(
            FirewallChain input, FirewallChain output, boolean canary, int streamHoldback, int streamLookbehind) {
        /** Default characters held back from a stream. */
        public static final int DEFAULT_HOLDBACK = 128;
        /** Default characters of released text scanned again as context. */
        public static final int DEFAULT_LOOKBEHIND = 256;

        public static final Policy NONE =
                new Policy(FirewallChain.none(), FirewallChain.none(), false, DEFAULT_HOLDBACK, DEFAULT_LOOKBEHIND);

        public Policy {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(output, "output");
            if (streamHoldback < 0 || streamHoldback > 65_536) {
                throw new IllegalArgumentException("stream-holdback must be in [0, 65536], was " + streamHoldback);
            }
            if (streamLookbehind < 0 || streamLookbehind > 65_536) {
                throw new IllegalArgumentException("stream-lookbehind must be in [0, 65536], was " + streamLookbehind);
            }
        }

        /** Only an input chain (tests and simple set-ups). */
        public static Policy input(FirewallChain input) {
            return new Policy(input, FirewallChain.none(), false, DEFAULT_HOLDBACK, DEFAULT_LOOKBEHIND);
        }
    }
}
