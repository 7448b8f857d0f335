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
                inputFirewall(config)));
    }

    /** The input firewall of every tier (per-tier and per-context chains come with contexts). */
    static io.trustgate.firewall.FirewallChain inputFirewall(TrustgateConfig config) {
        java.util.Map<String, io.trustgate.api.Scanner> made = new java.util.HashMap<>();
        java.util.List<io.trustgate.firewall.FirewallChain.Rule> rules = new java.util.ArrayList<>();
        for (TrustgateConfig.ScannerRule r : config.inputFirewall()) {
            io.trustgate.api.Scanner s = made.computeIfAbsent(r.scanner(), io.trustgate.firewall.Scanners::create);
            rules.add(new io.trustgate.firewall.FirewallChain.Rule(s, r.action(), r.threshold()));
        }
        return io.trustgate.firewall.Scanners.chain(rules);
    }
}
