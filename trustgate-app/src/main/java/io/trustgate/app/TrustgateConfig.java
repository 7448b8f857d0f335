package io.trustgate.app;

import io.trustgate.api.Tier;
import io.trustgate.gateway.GatewayConfig;
import io.trustgate.gateway.ProviderConfig;
import io.trustgate.registry.ModelEntry;
import java.math.BigDecimal;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The whole configuration of one Trustgate, as read from {@code trustgate.yaml} (see {@link ConfigLoader}) or built
 * in code. Cross-references (a model's provider, a fallback, the default tier) are checked here.
 *
 * @param source where it came from, for messages ({@code built-in defaults} or a file path)
 */
public record TrustgateConfig(
        String source,
        GatewayConfig server,
        List<ProviderConfig> providers,
        List<ModelEntry> models,
        List<Tier> tiers,
        List<ScannerRule> inputFirewall) {

    /** The input scanners a configuration may name, in their default order. */
    public static final List<String> INPUT_SCANNERS = io.trustgate.firewall.Scanners.INPUT;

    /**
     * The default input chain (no {@code firewall} section): smuggled invisible text, prompt injection and
     * jailbreaks (outside the operator's own system messages) and secrets block; PII is redacted before it goes
     * upstream.
     */
    public static final List<ScannerRule> DEFAULT_INPUT_FIREWALL = List.of(
            new ScannerRule("invisible-text", io.trustgate.api.Action.BLOCK, 0.5),
            new ScannerRule("injection-heuristics", io.trustgate.api.Action.BLOCK, 0.5),
            new ScannerRule("secrets", io.trustgate.api.Action.BLOCK, 0.5),
            new ScannerRule("pii", io.trustgate.api.Action.REDACT, 0.5));

    /**
     * One scanner of a firewall chain, as configured under {@code firewall.input}.
     *
     * @param scanner the scanner's name (one of {@link #INPUT_SCANNERS})
     * @param action block, redact or flag
     * @param threshold findings scoring below it are ignored
     */
    public record ScannerRule(String scanner, io.trustgate.api.Action action, double threshold) {
        public ScannerRule {
            Objects.requireNonNull(scanner, "scanner");
            Objects.requireNonNull(action, "action");
            if (!INPUT_SCANNERS.contains(scanner)) {
                throw new IllegalArgumentException(
                        "scanner must be one of " + INPUT_SCANNERS + ", was '" + scanner + "'");
            }
            if (!(threshold >= 0 && threshold <= 1)) {
                throw new IllegalArgumentException("threshold must be in [0, 1], was " + threshold);
            }
        }
    }

    public TrustgateConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(server, "server");
        providers = List.copyOf(providers);
        models = List.copyOf(models);
        tiers = List.copyOf(tiers);
        inputFirewall = List.copyOf(inputFirewall);
        Set<String> providerNames = new HashSet<>();
        for (ProviderConfig p : providers) {
            if (!providerNames.add(p.name())) {
                throw new IllegalArgumentException("provider '" + p.name() + "' is declared twice");
            }
        }
        for (ModelEntry m : models) {
            if (!providerNames.contains(m.provider())) {
                throw new IllegalArgumentException(
                        "model '" + m.name() + "' names provider '" + m.provider() + "', which is not declared");
            }
        }
        Set<String> tierNames = new HashSet<>();
        for (Tier t : tiers) {
            if (!tierNames.add(t.name())) {
                throw new IllegalArgumentException("tier '" + t.name() + "' is declared twice");
            }
        }
        if (!tierNames.contains(server.defaultTier())) {
            throw new IllegalArgumentException("default-tier '" + server.defaultTier() + "' is not a declared tier");
        }
    }

    /** Name of the built-in sandbox provider. */
    public static final String SANDBOX = "sandbox";

    /**
     * What {@code trustgate serve} runs with no configuration file: the sandbox provider with its echo and
     * embedding models, and a {@code default} tier with moderate limits.
     */
    public static TrustgateConfig defaults() {
        ProviderConfig sandbox = ProviderConfig.defaults(SANDBOX, ProviderConfig.Kind.SANDBOX, URI.create("sandbox:/"));
        List<ModelEntry> models = List.of(
                new ModelEntry(
                        "sandbox-echo",
                        SANDBOX,
                        "sandbox-echo",
                        ModelEntry.Kind.CHAT,
                        new io.trustgate.api.Price(BigDecimal.ONE, BigDecimal.valueOf(2)),
                        List.of()),
                new ModelEntry(
                        "sandbox-embed",
                        SANDBOX,
                        "sandbox-embed",
                        ModelEntry.Kind.EMBEDDING,
                        new io.trustgate.api.Price(BigDecimal.valueOf(0.02), BigDecimal.ZERO),
                        List.of()));
        Tier tier = new Tier("default", List.of("*"), 600, 1_000_000, 131_072, Tier.UNLIMITED, Tier.UNLIMITED);
        return new TrustgateConfig(
                "built-in defaults",
                GatewayConfig.defaults(),
                List.of(sandbox),
                models,
                List.of(tier),
                DEFAULT_INPUT_FIREWALL);
    }
}
