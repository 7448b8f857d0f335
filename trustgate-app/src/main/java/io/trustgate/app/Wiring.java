package io.trustgate.app;

import io.trustgate.api.Scanner;
import io.trustgate.api.Tier;
import io.trustgate.firewall.FirewallChain;
import io.trustgate.firewall.ScannerOptions;
import io.trustgate.firewall.Scanners;
import io.trustgate.gateway.Firewalls;
import io.trustgate.gateway.Gateway;
import io.trustgate.policy.TokenCounter;
import io.trustgate.registry.ModelCatalog;
import io.trustgate.store.SqliteStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** All wiring of Trustgate in one place: which part talks to which. No framework, no reflection. */
public final class Wiring {
    private Wiring() {}

    public static Map<String, Tier> tiers(TrustgateConfig config) {
        Map<String, Tier> tiers = new LinkedHashMap<>();
        config.tiers().forEach(t -> tiers.put(t.name(), t));
        return tiers;
    }

    /** Builds (but does not start) the gateway over an open store and audit log. */
    public static Gateway gateway(
            TrustgateConfig config, SqliteStore store, io.trustgate.api.audit.AuditSink audit, Clock clock) {
        return gateway(config, store, audit, clock, telemetry(audit), io.trustgate.gateway.VoteSink.NONE);
    }

    /**
     * Prometheus meters: the gateway's, the JVM's (memory, GC, threads, CPU) and the audit log's queue depth; rendered
     * at {@code GET /metrics}.
     */
    public static io.trustgate.gateway.GatewayMetrics.Telemetry telemetry(io.trustgate.api.audit.AuditSink audit) {
        io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry =
                new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                        io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmGcMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.system.UptimeMetrics().bindTo(registry);
        if (audit instanceof io.trustgate.audit.AuditLog log) {
            io.micrometer.core.instrument.Gauge.builder("trustgate.audit.queue.depth", log, l -> l.queueDepth())
                    .description("Audit events waiting for the writer")
                    .register(registry);
        }
        return new io.trustgate.gateway.GatewayMetrics.Telemetry(registry, registry::scrape);
    }

    /** Builds (but does not start) the gateway with these meters. */
    public static Gateway gateway(
            TrustgateConfig config,
            SqliteStore store,
            io.trustgate.api.audit.AuditSink audit,
            Clock clock,
            io.trustgate.gateway.GatewayMetrics.Telemetry telemetry,
            io.trustgate.gateway.VoteSink votes) {
        return new Gateway(new Gateway.Parts(
                config.server(),
                new ModelCatalog(config.models()),
                config.providers(),
                tiers(config),
                store,
                store,
                new TokenCounter(),
                clock,
                firewalls(config),
                audit,
                capture(config),
                telemetry,
                votes));
    }

    /** What each tier's audit events keep of prompts and answers. */
    public static io.trustgate.gateway.AuditCapture capture(TrustgateConfig config) {
        return io.trustgate.gateway.AuditCapture.of(
                config.audit().capture(), config.tierCapture(), config.audit().captureMaxChars());
    }

    /**
     * The firewall of every tier: the top-level one, and the tiers' own where they declare one. Every chain has
     * scanned a short text once when this returns, so that loading the normaliser's tables, the rule automata and the
     * models (a second or more for the MiniLM scanners) happens before the gateway listens, not in the first request.
     */
    public static Firewalls firewalls(TrustgateConfig config) {
        Map<String, Firewalls.Policy> byTier = new LinkedHashMap<>();
        config.tierFirewalls().forEach((tier, settings) -> byTier.put(tier, policy(settings)));
        Firewalls.Policy top = policy(config.firewall());
        return new Firewalls(top, byTier);
    }

    private static void warmUp(FirewallChain input, FirewallChain output) {
        // a text of unknown source is read by every rule, whatever roles it is limited to
        input.scan("Warm-up: please summarise this note.", io.trustgate.api.ScanText.Stage.INPUT);
        output.scan("Warm-up: here is the summary.", io.trustgate.api.ScanText.Stage.OUTPUT);
    }

    /** The firewall of one tier (until contexts exist, the tier is what a firewall is configured for). */
    static TrustgateConfig.FirewallSettings settingsOf(TrustgateConfig config, String tier) {
        return config.tierFirewalls().getOrDefault(tier, config.firewall());
    }

    /** The policy of these settings, its chains warmed up (before the time limit applies: loading is not scanning). */
    static Firewalls.Policy policy(TrustgateConfig.FirewallSettings s) {
        FirewallChain input = chain(s.input());
        FirewallChain output = chain(s.output());
        warmUp(input, output);
        return new Firewalls.Policy(
                input.withTimeLimit(s.scanTimeLimit()),
                output.withTimeLimit(s.scanTimeLimit()),
                s.canary(),
                s.streamHoldback(),
                s.streamLookbehind());
    }

    /** A chain of these rules; scanners were validated when the configuration was read. */
    static FirewallChain chain(List<TrustgateConfig.ScannerRule> rules) {
        // one instance per scanner and options, so that the chain runs it once per text however many rules name it
        java.util.Map<java.util.List<Object>, Scanner> made = new java.util.HashMap<>();
        java.util.function.BiFunction<String, java.util.Map<String, Object>, Scanner> scanner =
                (name, options) -> made.computeIfAbsent(
                        java.util.List.of(name, options), k -> Scanners.create(name, new ScannerOptions(options)));
        List<FirewallChain.Rule> out = new ArrayList<>();
        for (TrustgateConfig.ScannerRule r : rules) {
            out.add(new FirewallChain.Rule(
                    scanner.apply(r.scanner(), r.options()),
                    r.action(),
                    r.threshold(),
                    r.onFailure(),
                    r.roles(),
                    r.corroboration()
                            .map(c -> new FirewallChain.Corroboration(
                                    scanner.apply(c.scanner(), java.util.Map.of()), c.threshold()))));
        }
        return Scanners.chain(out);
    }
}
