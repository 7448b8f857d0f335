package io.trustgate.app;

import io.trustgate.api.Tier;
import io.trustgate.firewall.FirewallChain;
import io.trustgate.gateway.GatewayConfig;
import io.trustgate.gateway.ProviderConfig;
import io.trustgate.registry.ModelEntry;
import java.math.BigDecimal;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
        FirewallSettings firewall,
        Map<String, FirewallSettings> tierFirewalls,
        AuditSettings audit,
        Map<String, io.trustgate.api.audit.CaptureMode> tierCapture,
        TracingSettings tracing) {

    /**
     * OpenTelemetry traces: a span per API request and per upstream attempt, exported over OTLP/HTTP (protobuf).
     *
     * @param enabled export traces (off: the gateway makes no span and sends no {@code traceparent})
     * @param otlpEndpoint the collector's traces URL, e.g. {@code http://localhost:4318/v1/traces}
     * @param serviceName the {@code service.name} resource attribute
     * @param sampleRatio share of new traces kept, in [0, 1]; a caller's sampling decision is followed
     * @param headers sent with every export (e.g. a collector's credential); values are secrets, never shown
     */
    public record TracingSettings(
            boolean enabled,
            URI otlpEndpoint,
            String serviceName,
            double sampleRatio,
            Map<String, io.trustgate.api.Secret> headers) {
        public static final TracingSettings DEFAULTS =
                new TracingSettings(false, URI.create("http://localhost:4318/v1/traces"), "trustgate", 1.0, Map.of());

        public TracingSettings {
            Objects.requireNonNull(otlpEndpoint, "otlpEndpoint");
            Objects.requireNonNull(serviceName, "serviceName");
            headers = Map.copyOf(headers);
            String scheme = otlpEndpoint.getScheme();
            if (!("http".equals(scheme) || "https".equals(scheme)) || otlpEndpoint.getHost() == null) {
                throw new IllegalArgumentException(
                        "otlp-endpoint must be an http:// or https:// URL with a host, was '" + otlpEndpoint + "'");
            }
            if (serviceName.isBlank()) {
                throw new IllegalArgumentException("service-name must not be empty");
            }
            if (!(sampleRatio >= 0 && sampleRatio <= 1)) {
                throw new IllegalArgumentException("sample-ratio must be between 0 and 1, was " + sampleRatio);
            }
        }
    }

    /**
     * The audit trail: whether the gateway keeps one (it does unless told not to), how much prompt and completion
     * text each event keeps, when an answer may leave (see {@link io.trustgate.audit.AuditConfig.Ack}), when
     * checkpoints are signed and how long records are kept.
     *
     * @param enabled keep an audit trail (off: no event is written, and the gateway says so at start)
     * @param capture the capture mode of tiers without their own
     * @param captureMaxChars longest prompt or completion text kept per event
     * @param ack when a request counts as recorded
     * @param checkpointEvery events between signed checkpoints
     * @param checkpointInterval longest time between signed checkpoints
     * @param segmentBytes size at which a new segment file is started
     * @param retainFor records older than this are dropped (whole segments); zero keeps everything
     * @param retainBytes the oldest segments are dropped while the log is larger; zero means no limit
     */
    public record AuditSettings(
            boolean enabled,
            io.trustgate.api.audit.CaptureMode capture,
            int captureMaxChars,
            io.trustgate.audit.AuditConfig.Ack ack,
            long checkpointEvery,
            java.time.Duration checkpointInterval,
            long segmentBytes,
            java.time.Duration retainFor,
            long retainBytes) {
        public static final AuditSettings DEFAULTS = new AuditSettings(
                true,
                io.trustgate.api.audit.CaptureMode.REDACTED,
                io.trustgate.gateway.AuditCapture.DEFAULT_MAX_CHARS,
                io.trustgate.audit.AuditConfig.Ack.WRITTEN,
                io.trustgate.audit.AuditConfig.DEFAULT_CHECKPOINT_EVERY,
                io.trustgate.audit.AuditConfig.DEFAULT_CHECKPOINT_INTERVAL,
                io.trustgate.audit.AuditConfig.DEFAULT_SEGMENT_BYTES,
                java.time.Duration.ZERO,
                0);

        public AuditSettings {
            Objects.requireNonNull(capture, "capture");
            Objects.requireNonNull(ack, "ack");
            Objects.requireNonNull(checkpointInterval, "checkpointInterval");
            Objects.requireNonNull(retainFor, "retainFor");
            if (captureMaxChars < 0 || captureMaxChars > 1 << 24) {
                throw new IllegalArgumentException(
                        "capture-max-chars must be in [0, 16777216], was " + captureMaxChars);
            }
            if (retainFor.isNegative()) {
                throw new IllegalArgumentException("retain-for must not be negative");
            }
            if (retainBytes < 0) {
                throw new IllegalArgumentException("retain-bytes must not be negative");
            }
            // The log's own checks (checkpoint-every >= 1, interval >= 10ms, segment >= 4096), with the YAML names.
            new io.trustgate.audit.AuditConfig(
                    java.nio.file.Path.of("."),
                    io.trustgate.audit.AuditConfig.DEFAULT_QUEUE_CAPACITY,
                    java.time.Duration.ZERO,
                    io.trustgate.audit.AuditConfig.DEFAULT_MAX_BATCH,
                    checkpointEvery,
                    checkpointInterval,
                    segmentBytes,
                    ack);
        }

        /** The audit log's configuration in {@code dir}. */
        public io.trustgate.audit.AuditConfig logConfig(java.nio.file.Path dir) {
            return new io.trustgate.audit.AuditConfig(
                    dir,
                    io.trustgate.audit.AuditConfig.DEFAULT_QUEUE_CAPACITY,
                    java.time.Duration.ZERO,
                    io.trustgate.audit.AuditConfig.DEFAULT_MAX_BATCH,
                    checkpointEvery,
                    checkpointInterval,
                    segmentBytes,
                    ack);
        }
    }

    /** The same configuration listening elsewhere. */
    public TrustgateConfig withServer(GatewayConfig s) {
        return new TrustgateConfig(
                source, s, providers, models, tiers, firewall, tierFirewalls, audit, tierCapture, tracing);
    }

    /**
     * The default chain's classifier threshold on user messages and texts of unknown role: 0.65 from decision 015,
     * 0.63 since decision 025 (the joint operating point of the model trained with the regulated-sector texts).
     */
    public static final double DEFAULT_CLASSIFIER_THRESHOLD = 0.63;

    /**
     * The default chain's classifier threshold on tool results (0.75 in decision 015, 0.65 since decision 016, 0.63
     * since the model was retrained for the normaliser of 2026-11-28: decision 025's rule for the tool threshold,
     * applied to that model, docs/firewall.md).
     */
    public static final double DEFAULT_TOOL_CLASSIFIER_THRESHOLD = 0.63;

    /** The classifier score at which the default chain's injection heuristics may block (decision 016). */
    public static final double DEFAULT_HEURISTICS_CORROBORATION = 0.4;

    /**
     * The default input chain (no {@code firewall} section): smuggled invisible text, prompt injection and
     * jailbreaks (outside the operator's own system messages) and secrets block; PII is redacted before it goes
     * upstream. Injection has two independent signals. The learned classifier blocks at
     * {@value #DEFAULT_CLASSIFIER_THRESHOLD} on what the user writes and at {@value #DEFAULT_TOOL_CLASSIFIER_THRESHOLD}
     * on tool results (decisions 015, 016 and 025). The heuristics read every message, and block only where the classifier
     * scores the text at least {@value #DEFAULT_HEURISTICS_CORROBORATION}: their hits on texts the classifier finds
     * plainly benign were mostly security texts and documents that quote attacks (decision 016), so there they are
     * reported, not acted on. The model's own earlier answers are not scored by the classifier's rules: it reads a
     * refusal that names the harm it refuses as an attack (decision 015).
     */
    public static final List<ScannerRule> DEFAULT_INPUT_FIREWALL = List.of(
            ScannerRule.of("invisible-text", io.trustgate.api.Action.BLOCK),
            new ScannerRule(
                    "injection-heuristics",
                    io.trustgate.api.Action.BLOCK,
                    0.5,
                    Map.of(),
                    FirewallChain.OnFailure.BLOCK,
                    FirewallChain.Rule.ALL_SOURCES,
                    Optional.of(new Corroboration("injection-classifier", DEFAULT_HEURISTICS_CORROBORATION))),
            classifierRule(
                    DEFAULT_CLASSIFIER_THRESHOLD,
                    io.trustgate.api.ScanContext.Source.USER,
                    io.trustgate.api.ScanContext.Source.TOOL_DEFINITION),
            classifierRule(DEFAULT_TOOL_CLASSIFIER_THRESHOLD, io.trustgate.api.ScanContext.Source.TOOL),
            new ScannerRule(
                    "tool-poisoning",
                    io.trustgate.api.Action.BLOCK,
                    0.5,
                    Map.of(),
                    FirewallChain.OnFailure.BLOCK,
                    java.util.Set.of(io.trustgate.api.ScanContext.Source.TOOL_DEFINITION)),
            ScannerRule.of("secrets", io.trustgate.api.Action.BLOCK),
            ScannerRule.of("pii", io.trustgate.api.Action.REDACT));

    private static ScannerRule classifierRule(double threshold, io.trustgate.api.ScanContext.Source... roles) {
        return new ScannerRule(
                "injection-classifier",
                io.trustgate.api.Action.BLOCK,
                threshold,
                Map.of(),
                FirewallChain.OnFailure.BLOCK,
                java.util.Set.of(roles));
    }

    /**
     * The default output chain: secrets a model repeats or makes up are masked before they reach the client, and so
     * are image and link URLs that carry data out (the classic end of an indirect prompt injection); external
     * images with no data in them (scored 0.6) pass at this threshold.
     */
    public static final List<ScannerRule> DEFAULT_OUTPUT_FIREWALL = List.of(
            ScannerRule.of("secrets", io.trustgate.api.Action.REDACT),
            new ScannerRule("exfiltration", io.trustgate.api.Action.REDACT, 0.8, Map.of()));

    /**
     * One scanner of a firewall chain, as configured under {@code firewall.input} or {@code firewall.output}.
     *
     * @param scanner the scanner's name
     * @param action block, redact, anonymize or flag
     * @param threshold findings scoring below it are ignored
     * @param options the scanner's own options (the rule's other keys), already validated by the scanner
     * @param onFailure what the scanner's failure does: block (fail closed, the default of block rules) or allow
     *     (fail open, the default of redact, anonymize and flag rules); see {@link FirewallChain.OnFailure}
     * @param roles the chat roles whose messages the rule scans
     * @param corroboration the scanner that must agree before the findings cause the action (keys
     *     {@code corroborated-by} and {@code corroboration-threshold}); see {@link FirewallChain.Corroboration}
     */
    public record ScannerRule(
            String scanner,
            io.trustgate.api.Action action,
            double threshold,
            Map<String, Object> options,
            FirewallChain.OnFailure onFailure,
            java.util.Set<io.trustgate.api.ScanContext.Source> roles,
            Optional<Corroboration> corroboration) {
        public ScannerRule {
            Objects.requireNonNull(scanner, "scanner");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(onFailure, "onFailure");
            Objects.requireNonNull(corroboration, "corroboration");
            roles = java.util.Set.copyOf(roles);
            if (roles.isEmpty()) {
                throw new IllegalArgumentException("roles must name at least one role");
            }
            if (io.trustgate.firewall.Scanners.spec(scanner).isEmpty()) {
                throw new IllegalArgumentException("scanner '" + scanner + "' does not exist");
            }
            if (!(threshold >= 0 && threshold <= 1)) {
                throw new IllegalArgumentException("threshold must be in [0, 1], was " + threshold);
            }
            options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
        }

        /** A rule that acts on its own findings. */
        public ScannerRule(
                String scanner,
                io.trustgate.api.Action action,
                double threshold,
                Map<String, Object> options,
                FirewallChain.OnFailure onFailure,
                java.util.Set<io.trustgate.api.ScanContext.Source> roles) {
            this(scanner, action, threshold, options, onFailure, roles, Optional.empty());
        }

        /** A rule for every role. */
        public ScannerRule(
                String scanner,
                io.trustgate.api.Action action,
                double threshold,
                Map<String, Object> options,
                FirewallChain.OnFailure onFailure) {
            this(scanner, action, threshold, options, onFailure, FirewallChain.Rule.ALL_SOURCES);
        }

        /** A rule with the default failure behaviour of its action. */
        public ScannerRule(
                String scanner, io.trustgate.api.Action action, double threshold, Map<String, Object> options) {
            this(scanner, action, threshold, options, FirewallChain.OnFailure.defaultFor(action));
        }

        static ScannerRule of(String scanner, io.trustgate.api.Action action) {
            return new ScannerRule(scanner, action, 0.5, Map.of());
        }
    }

    /**
     * The scanner whose agreement a rule needs before it acts, as configured by {@code corroborated-by} (run with
     * its default options) and {@code corroboration-threshold}.
     *
     * @param scanner the corroborating scanner's name
     * @param threshold the lowest score of its findings that counts as agreement
     */
    public record Corroboration(String scanner, double threshold) {
        public Corroboration {
            Objects.requireNonNull(scanner, "scanner");
            if (io.trustgate.firewall.Scanners.spec(scanner).isEmpty()) {
                throw new IllegalArgumentException("scanner '" + scanner + "' does not exist");
            }
            if (!(threshold >= 0 && threshold <= 1)) {
                throw new IllegalArgumentException("threshold must be in [0, 1], was " + threshold);
            }
        }
    }

    /**
     * A firewall: the chains and the settings of the response path.
     *
     * @param input scanners over every message of a request
     * @param output scanners over every choice of a response
     * @param canary add a canary token to the system prompt of each request
     * @param streamHoldback characters of a streamed answer held back for scanning
     * @param streamLookbehind characters already released that are scanned again as context
     * @param scanTimeLimit the CPU time one scan of one text (a message, a response, a stream's window) may use; a
     *     scanner still running then counts as failed, so a blocking rule blocks the text (1 ms to 1 h)
     */
    public record FirewallSettings(
            List<ScannerRule> input,
            List<ScannerRule> output,
            boolean canary,
            int streamHoldback,
            int streamLookbehind,
            java.time.Duration scanTimeLimit) {
        /**
         * The default time limit. The heaviest ordinary text measured costs the default chain about 3 µs of CPU per
         * char (docs/firewall.md), so a text of the default 4 MiB request limit takes about 12 s: the default leaves
         * room for that and stops only what is far out of line, such as a regex or a loop that turns quadratic on a
         * hostile text.
         */
        public static final java.time.Duration DEFAULT_SCAN_TIME_LIMIT = java.time.Duration.ofSeconds(30);

        public static final FirewallSettings DEFAULTS = new FirewallSettings(
                DEFAULT_INPUT_FIREWALL,
                DEFAULT_OUTPUT_FIREWALL,
                false,
                io.trustgate.gateway.Firewalls.Policy.DEFAULT_HOLDBACK,
                io.trustgate.gateway.Firewalls.Policy.DEFAULT_LOOKBEHIND,
                DEFAULT_SCAN_TIME_LIMIT);

        public FirewallSettings {
            input = List.copyOf(input);
            output = List.copyOf(output);
            check(input, io.trustgate.api.ScanText.Stage.INPUT);
            check(output, io.trustgate.api.ScanText.Stage.OUTPUT);
            if (streamHoldback < 0 || streamHoldback > 65_536) {
                throw new IllegalArgumentException("stream-holdback must be in [0, 65536], was " + streamHoldback);
            }
            if (streamLookbehind < 0 || streamLookbehind > 65_536) {
                throw new IllegalArgumentException("stream-lookbehind must be in [0, 65536], was " + streamLookbehind);
            }
            Objects.requireNonNull(scanTimeLimit, "scanTimeLimit");
            if (scanTimeLimit.compareTo(java.time.Duration.ofMillis(1)) < 0
                    || scanTimeLimit.compareTo(java.time.Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException(
                        "scan-time-limit must be from 1ms to 1h, was " + scanTimeLimit.toMillis() + "ms");
            }
        }

        private static void check(List<ScannerRule> rules, io.trustgate.api.ScanText.Stage stage) {
            for (ScannerRule r : rules) {
                if (!io.trustgate.firewall.Scanners.spec(r.scanner())
                        .orElseThrow()
                        .stages()
                        .contains(stage)) {
                    throw new IllegalArgumentException("scanner '" + r.scanner() + "' cannot run at the "
                            + stage.name().toLowerCase(java.util.Locale.ROOT) + " stage");
                }
            }
        }
    }

    public TrustgateConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(server, "server");
        providers = List.copyOf(providers);
        models = List.copyOf(models);
        tiers = List.copyOf(tiers);
        Objects.requireNonNull(firewall, "firewall");
        tierFirewalls = Map.copyOf(tierFirewalls);
        Objects.requireNonNull(audit, "audit");
        tierCapture = Map.copyOf(tierCapture);
        Objects.requireNonNull(tracing, "tracing");
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
        for (String t : tierFirewalls.keySet()) {
            if (!tierNames.contains(t)) {
                throw new IllegalArgumentException("firewall of tier '" + t + "', which is not declared");
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
                FirewallSettings.DEFAULTS,
                Map.of(),
                AuditSettings.DEFAULTS,
                Map.of(),
                TracingSettings.DEFAULTS);
    }
}
