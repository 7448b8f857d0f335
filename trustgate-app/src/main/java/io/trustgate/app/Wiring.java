package io.trustgate.app;

import io.trustgate.api.Tier;
import io.trustgate.gateway.Gateway;
import io.trustgate.policy.TokenCounter;
import io.trustgate.registry.ModelCatalog;
import io.trustgate.store.SqliteStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** All wiring of Trustgate in one place: which part talks to which. No framework, no reflection. */
public final class Wiring {
    private Wiring() {}

    public static Map<String, Tier> tiers(TrustgateConfig config) {
        Map<String, Tier> tiers = new LinkedHashMap<>();
        config.tiers().forEach(t -> tiers.put(t.name(), t));
        return tiers;
    }

    /** Builds (but does not start) the gateway over an open store. */
    public static Gateway gateway(TrustgateConfig config, SqliteStore store, Clock clock) {
        return new Gateway(new Gateway.Parts(
                config.server(),
                new ModelCatalog(config.models()),
                config.providers(),
                tiers(config),
                store,
                store,
                new TokenCounter(),
                clock,
                inputFirewall()));
    }

    /** The input firewall of every tier, until per-tier and per-context chains are configurable. */
    static io.trustgate.firewall.FirewallChain inputFirewall() {
        return io.trustgate.firewall.FirewallChain.none();
    }
}
