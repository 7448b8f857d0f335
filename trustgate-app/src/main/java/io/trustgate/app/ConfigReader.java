package io.trustgate.app;

import static io.trustgate.app.ConfigValues.show;
import static io.trustgate.app.ConfigValues.suggestion;

import io.trustgate.api.Price;
import io.trustgate.api.Secret;
import io.trustgate.api.Tier;
import io.trustgate.gateway.GatewayConfig;
import io.trustgate.gateway.ProviderConfig;
import io.trustgate.gateway.ProviderConfig.BreakerConfig;
import io.trustgate.gateway.ProviderConfig.ScriptedReply;
import io.trustgate.registry.ModelEntry;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One reading of one configuration text: walks the YAML node tree against the schema, collecting problems instead
 * of stopping at the first, then builds the records. Not thread-safe; use once.
 */
final class ConfigReader {
    /** Deeper than any valid file; bounds the recursion of the YAML composer. */
    static final int MAX_DEPTH = 32;

    private static final List<String> TOP_KEYS =
            List.of("server", "providers", "models", "tiers", "firewall", "audit", "tracing");
    private static final List<String> TRACING_KEYS =
            List.of("enabled", "otlp-endpoint", "service-name", "sample-ratio", "headers");
    private static final List<String> AUDIT_KEYS = List.of(
            "enabled",
            "capture",
            "capture-max-chars",
            "ack",
            "checkpoint-every",
            "checkpoint-interval",
            "segment-size",
            "retain-for",
            "retain-size");
    private static final List<String> TIER_AUDIT_KEYS = List.of("capture");
    private static final List<String> FIREWALL_KEYS =
            List.of("input", "output", "canary", "stream-holdback", "stream-lookbehind", "scan-time-limit");
    /** The chat roles a firewall rule may be limited to. */
    private static final List<String> ROLE_NAMES =
            List.of("system", "developer", "user", "assistant", "tool", "tool-definition");

    private static final List<String> RULE_KEYS = List.of(
            "scanner", "action", "threshold", "on-failure", "roles", "corroborated-by", "corroboration-threshold");
    private static final List<String> SERVER_KEYS = List.of(
            "host",
            "port",
            "max-request-bytes",
            "event-loops",
            "admin-token",
            "default-tier",
            "scan-threads",
            "scan-queue",
            "request-timeout");
    private static final List<String> PROVIDER_KEYS = List.of(
            "kind",
            "base-url",
            "api-key",
            "api-version",
            "headers",
            "connect-timeout",
            "first-byte-timeout",
            "total-timeout",
            "idle-timeout",
            "max-retries",
            "retry-base-delay",
            "retry-max-delay",
            "max-connections",
            "circuit-breaker",
            "replies");
    private static final List<String> BREAKER_KEYS = List.of("failure-threshold", "open-for");
    private static final List<String> REPLY_KEYS = List.of("match", "reply", "status");
    // profile (models) and contexts (tiers) are read by TrustWiring: they link the gateway to trust decisions.
    private static final List<String> MODEL_KEYS =
            List.of("provider", "upstream-model", "kind", "price", "fallbacks", "profile");
    private static final List<String> PRICE_KEYS = List.of("input", "output");
    private static final List<String> TIER_KEYS = List.of(
            "models",
            "requests-per-minute",
            "tokens-per-minute",
            "max-tokens-per-request",
            "monthly-token-budget",
            "monthly-cost-budget",
            "firewall",
            "audit",
            "contexts");

    private static final Pattern VARIABLE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?", Pattern.DOTALL);
    private static final Pattern PERIOD = Pattern.compile("([0-9]{1,6})(d|h)");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final URI SANDBOX_URI = URI.create("sandbox:/");

    private final String source;
    private final Map<String, String> env;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Set<String> secrets = new LinkedHashSet<>();

    ConfigReader(String source, Map<String, String> env) {
        this.source = source;
        this.env = env;
    }

    TrustgateConfig read(String yaml) {
        if (yaml.length() > ConfigLoader.MAX_CHARS) {
            throw fail(1, "", "larger than " + ConfigLoader.MAX_CHARS + " characters; is this the configuration file?");
        }
        Optional<Node> root = compose(yaml);
        if (!problems.isEmpty()) {
            throw failure();
        }
        Section top = section(root.orElse(null), "", 1, TOP_KEYS);
        TrustgateConfig defaults = TrustgateConfig.defaults();

        ServerRead server = server(top);

        List<ProviderConfig> providers = new ArrayList<>();
        Set<String> providerNames = new LinkedHashSet<>();
        if (top.has("providers")) {
            Section all = top.child("providers", null);
            for (Map.Entry<String, NodeTuple> e : all.entries.entrySet()) {
                providerNames.add(e.getKey());
                provider(e.getKey(), all, e.getValue()).ifPresent(providers::add);
            }
        } else {
            providers.addAll(defaults.providers());
            defaults.providers().forEach(p -> providerNames.add(p.name()));
        }

        List<ModelEntry> models = new ArrayList<>();
        List<ModelRead> modelReads = new ArrayList<>();
        Map<String, ModelEntry.Kind> modelKinds = new LinkedHashMap<>();
        if (top.has("models")) {
            Section all = top.child("models", null);
            for (Map.Entry<String, NodeTuple> e : all.entries.entrySet()) {
                ModelRead m = model(e.getKey(), all, e.getValue());
                modelReads.add(m);
                modelKinds.put(e.getKey(), m.kind);
                m.entry.ifPresent(models::add);
            }
        } else {
            for (ModelEntry m : defaults.models()) {
                if (providerNames.contains(m.provider())) {
                    models.add(m);
                    modelKinds.put(m.name(), m.kind());
                }
            }
        }

        List<Tier> tiers = new ArrayList<>();
        List<TierRead> tierReads = new ArrayList<>();
        Set<String> tierNames = new LinkedHashSet<>();
        if (top.has("tiers")) {
            Section all = top.child("tiers", null);
            for (Map.Entry<String, NodeTuple> e : all.entries.entrySet()) {
                tierNames.add(e.getKey());
                TierRead t = tier(e.getKey(), all, e.getValue());
                tierReads.add(t);
                t.tier.ifPresent(tiers::add);
            }
        } else {
            tiers.addAll(defaults.tiers());
            defaults.tiers().forEach(t -> tierNames.add(t.name()));
        }

        checkReferences(top, server, providerNames, modelReads, modelKinds, tierReads, tierNames);
        TrustgateConfig.FirewallSettings firewall = top.has("firewall")
                ? firewall(top.child("firewall", FIREWALL_KEYS), TrustgateConfig.FirewallSettings.DEFAULTS)
                : TrustgateConfig.FirewallSettings.DEFAULTS;
        Map<String, TrustgateConfig.FirewallSettings> tierFirewalls = new LinkedHashMap<>();
        for (TierRead t : tierReads) {
            t.firewall.ifPresent(f -> tierFirewalls.put(t.name, firewall(f, firewall)));
        }

        TrustgateConfig.AuditSettings audit =
                top.has("audit") ? audit(top.child("audit", AUDIT_KEYS)) : TrustgateConfig.AuditSettings.DEFAULTS;
        Map<String, io.trustgate.api.audit.CaptureMode> tierCapture = new LinkedHashMap<>();
        for (TierRead t : tierReads) {
            t.audit.ifPresent(a -> tierCapture.put(t.name, captureMode(a, "capture", audit.capture())));
        }

        TrustgateConfig.TracingSettings tracing = top.has("tracing")
                ? tracing(top.child("tracing", TRACING_KEYS))
                : TrustgateConfig.TracingSettings.DEFAULTS;

        if (!problems.isEmpty()) {
            throw failure();
        }
        try {
            return new TrustgateConfig(
                    source,
                    server.config,
                    providers,
                    models,
                    tiers,
                    firewall,
                    tierFirewalls,
                    audit,
                    tierCapture,
                    tracing);
        } catch (IllegalArgumentException e) {
            throw fail(1, "", String.valueOf(e.getMessage()));
        }
    }

    // ---- YAML ------------------------------------------------------------------------------------------------

    private Optional<Node> compose(String yaml) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source)
                .setAllowNonScalarKeys(true)
                .setCodePointLimit(ConfigLoader.MAX_CHARS + 1)
                .build();
        try {
            // The composer recurses once per nesting level; measure the depth on the flat event stream first.
            int depth = 0;
            for (Event event : new Parse(settings).parseString(yaml)) {
                if (event instanceof CollectionStartEvent && ++depth > MAX_DEPTH) {
                    problem(line(event.getStartMark()), "", "nested more than " + MAX_DEPTH + " levels deep");
                    return Optional.empty();
                } else if (event instanceof CollectionEndEvent) {
                    depth--;
                }
            }
            Node first = null;
            for (Node document : new Compose(settings).composeAllFromString(yaml)) {
                if (first == null) {
                    first = document;
                } else {
                    problem(line(document.getStartMark()), "", "only one YAML document is allowed, found another");
                    break;
                }
            }
            return Optional.ofNullable(first);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark();
            // Only the problem text: the full message quotes a snippet of the file, which may hold a credential.
            String context = e.getContext() == null || e.getContext().isBlank() ? "" : " (" + e.getContext() + ")";
            problem(line(mark), "", "invalid YAML: " + e.getProblem() + context);
        } catch (ReaderException e) {
            problem(
                    lineAt(yaml, e.getPosition()),
                    "",
                    "invalid character " + String.format("U+%04X", e.getCodePoint()));
        } catch (YamlEngineException e) {
            problem(1, "", "invalid YAML: " + firstLine(e.getMessage()));
        }
        return Optional.empty();
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    private static int lineAt(String text, int codePointIndex) {
        int line = 1;
        int cp = 0;
        for (int i = 0; i < text.length() && cp < codePointIndex; i += Character.charCount(text.codePointAt(i)), cp++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int line(Optional<Mark> mark) {
        return mark.map(m -> Math.max(1, m.getLine() + 1)).orElse(1);
    }

    private static int line(Node node) {
        return line(node.getStartMark());
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    private static String kind(Node node) {
        return switch (node.getNodeType()) {
            case MAPPING -> "mapping";
            case SEQUENCE -> "list";
            default -> "single value";
        };
    }

    // ---- sections and fields ---------------------------------------------------------------------------------

    /** A mapping of the file checked against its allowed keys, and the fields read from it. */
    final class Section {
        final String path;
        final int line;
        final Map<String, NodeTuple> entries = new LinkedHashMap<>();
        final Map<String, Integer> keyLines = new HashMap<>();
        final List<Field<?>> fields = new ArrayList<>();

        Section(String path, int line) {
            this.path = path;
            this.line = line;
        }

        String path(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        boolean has(String key) {
            return entries.containsKey(key);
        }

        int keyLine(String key) {
            return keyLines.getOrDefault(key, line);
        }

        /** The value of {@code key} as a section (empty when absent or written with no value). */
        Section child(String key, List<String> allowed) {
            NodeTuple t = entries.get(key);
            return section(t == null ? null : t.getValueNode(), path(key), keyLine(key), allowed);
        }

        /** The value node of {@code key}, absent when not written or written with no value. */
        Optional<Node> value(String key) {
            NodeTuple t = entries.get(key);
            return t == null || isNull(t.getValueNode()) ? Optional.empty() : Optional.of(t.getValueNode());
        }
    }

    /** One option: its default, the value the file gave (if any) and that value's line. */
    static final class Field<T> {
        final String key;
        final T fallback;
        T value;
        int line;
        boolean fromFile;

        Field(String key, T fallback) {
            this.key = key;
            this.fallback = fallback;
            this.value = fallback;
        }

        T get() {
            return value;
        }
    }

    /** A scalar after variable substitution, with the form to show in messages. */
    record Scalar(String text, String shown, int line) {}

    /**
     * Checks that {@code node} is a mapping (or nothing) and records its keys; reports non-scalar keys, duplicate
     * keys and, when {@code allowed} is given, unknown keys.
     */
    Section section(Node node, String path, int line, List<String> allowed) {
        Section s = new Section(path, line);
        if (node == null || isNull(node)) {
            return s;
        }
        if (!(node instanceof MappingNode mapping)) {
            problem(line(node), path, "expected a mapping (key: value lines), was a " + kind(node));
            return s;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            Node keyNode = t.getKeyNode();
            int keyLine = line(keyNode);
            if (!(keyNode instanceof ScalarNode scalarKey)) {
                problem(keyLine, path, "keys must be plain names, found a " + kind(keyNode));
                continue;
            }
            String key = scalarKey.getValue();
            Integer first = seen.putIfAbsent(key, keyLine);
            if (first != null) {
                problem(keyLine, s.path(key), "duplicate key " + show(key) + ", first at line " + first);
                continue;
            }
            if (allowed != null && !allowed.contains(key)) {
                problem(keyLine, s.path(key), "unknown key " + show(key) + suggestion(key, allowed));
                continue;
            }
            s.entries.put(key, t);
            s.keyLines.put(key, keyLine);
        }
        return s;
    }

    /** The scalar value of {@code key}, substituted; absent when not written, empty, or not a scalar (reported). */
    Optional<Scalar> scalar(Section s, String key) {
        Optional<Node> node = s.value(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        return scalar(node.get(), s.path(key), ConfigValues.looksSecret(key));
    }

    private Optional<Scalar> scalar(Node node, String path, boolean secret) {
        if (!(node instanceof ScalarNode scalar)) {
            problem(line(node), path, "expected a single value, was a " + kind(node));
            return Optional.empty();
        }
        int line = line(node);
        String raw = scalar.getValue();
        Optional<String> text = substitute(raw, line, path);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (secret) {
            addSecret(text.get());
        }
        String shown = secret ? "(hidden)" : show(raw) + (raw.equals(text.get()) ? "" : " = " + show(text.get()));
        return Optional.of(new Scalar(text.get(), shown, line));
    }

    /** Replaces {@code ${NAME}} and {@code ${NAME:-default}}; reports unset variables and bad references. */
    private Optional<String> substitute(String raw, int line, String path) {
        if (!raw.contains("${")) {
            return Optional.of(raw);
        }
        StringBuilder out = new StringBuilder();
        boolean ok = true;
        int i = 0;
        while (i < raw.length()) {
            int start = raw.indexOf("${", i);
            if (start < 0) {
                out.append(raw, i, raw.length());
                break;
            }
            out.append(raw, i, start);
            int end = raw.indexOf('}', start + 2);
            if (end < 0) {
                problem(line, path, "'${' without a closing '}'");
                return Optional.empty();
            }
            String inner = raw.substring(start + 2, end);
            Matcher m = VARIABLE.matcher(inner);
            if (!m.matches()) {
                problem(
                        line,
                        path,
                        "bad variable reference " + show("${" + inner + "}")
                                + "; expected ${NAME} or ${NAME:-default}");
                ok = false;
            } else {
                String name = m.group(1);
                String value = env.get(name);
                boolean hasDefault = m.group(2) != null;
                if (value == null || (hasDefault && value.isEmpty())) {
                    if (hasDefault) {
                        value = m.group(2);
                    } else {
                        problem(
                                line,
                                path,
                                "environment variable " + name + " is not set (write ${" + name
                                        + ":-default} to give a default)");
                        ok = false;
                        value = "";
                    }
                } else if (ConfigValues.looksSecret(name)) {
                    addSecret(value);
                }
                out.append(value);
            }
            i = end + 1;
        }
        return ok ? Optional.of(out.toString()) : Optional.empty();
    }

    private void addSecret(String value) {
        if (value.length() >= 4) {
            secrets.add(value);
        }
    }

    /** Reads {@code key} with {@code convert}, which throws IllegalArgumentException saying what was expected. */
    <T> Field<T> field(Section s, String key, T fallback, Function<String, T> convert) {
        Field<T> f = new Field<>(key, fallback);
        s.fields.add(f);
        scalar(s, key).ifPresent(sc -> {
            try {
                f.value = convert.apply(sc.text());
                f.line = sc.line();
                f.fromFile = true;
            } catch (IllegalArgumentException | ArithmeticException e) {
                problem(sc.line(), s.path(key), e.getMessage() + ", was " + sc.shown());
            }
        });
        return f;
    }

    Field<String> string(Section s, String key, String fallback) {
        return field(s, key, fallback, Function.identity());
    }

    Field<Integer> integer(Section s, String key, int fallback) {
        return field(s, key, fallback, ConfigValues::integer);
    }

    Field<Duration> duration(Section s, String key, Duration fallback) {
        return field(s, key, fallback, ConfigValues::duration);
    }

    Field<Secret> secret(Section s, String key, Secret fallback) {
        return field(s, key, fallback, Secret::of);
    }

    /** A list of single values; absent when not written, a problem per bad entry. */
    Optional<List<Scalar>> list(Section s, String key) {
        Optional<Node> node = s.value(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        String path = s.path(key);
        if (!(node.get() instanceof SequenceNode seq)) {
            problem(line(node.get()), path, "expected a list like [a, b], was a " + kind(node.get()));
            return Optional.empty();
        }
        List<Scalar> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            if (isNull(item)) {
                problem(line(item), path, "empty list entry");
            } else {
                scalar(item, path, false).ifPresent(out::add);
            }
        }
        return Optional.of(out);
    }

    /**
     * Builds a record; when its compact constructor rejects a value the file gave, reports that at the value's line
     * and tries again with the default, so that every bad value is reported, not only the first.
     */
    <R> Optional<R> construct(Section s, Supplier<R> constructor) {
        for (int attempt = 0; attempt <= s.fields.size(); attempt++) {
            try {
                return Optional.of(constructor.get());
            } catch (IllegalArgumentException e) {
                String message = String.valueOf(e.getMessage());
                int space = message.indexOf(' ');
                String word = space < 0 ? message : message.substring(0, space);
                Field<?> culprit = null;
                for (Field<?> f : s.fields) {
                    if (f.fromFile && (word.equals(f.key) || word.endsWith("." + f.key))) {
                        culprit = f;
                    }
                }
                if (culprit == null) {
                    problem(s.line, s.path, message);
                    return Optional.empty();
                }
                problem(
                        culprit.line,
                        s.path(culprit.key),
                        message.substring(word.length()).trim());
                if (culprit.fallback == null) {
                    return Optional.empty(); // a required value: nothing to retry with
                }
                resetToDefault(culprit);
            }
        }
        return Optional.empty();
    }

    private static <T> void resetToDefault(Field<T> f) {
        f.value = f.fallback;
        f.fromFile = false;
    }

    // ---- the schema ------------------------------------------------------------------------------------------

    record ServerRead(GatewayConfig config, Field<String> defaultTier, int line) {}

    private ServerRead server(Section top) {
        GatewayConfig d = GatewayConfig.defaults();
        Section s = top.child("server", SERVER_KEYS);
        Field<String> host = string(s, "host", d.host());
        Field<Integer> port = integer(s, "port", d.port());
        Field<Long> maxBytes = field(s, "max-request-bytes", d.maxRequestBytes(), ConfigValues::size);
        Field<Integer> loops = integer(s, "event-loops", d.eventLoops());
        Field<Secret> token = secret(s, "admin-token", d.adminToken());
        Field<String> defaultTier = string(s, "default-tier", d.defaultTier());
        Field<Integer> scanThreads = integer(s, "scan-threads", d.scanThreads());
        Field<Integer> scanQueue = integer(s, "scan-queue", d.scanQueue());
        Field<Duration> requestTimeout = duration(s, "request-timeout", d.requestTimeout());
        GatewayConfig config = construct(
                        s,
                        () -> new GatewayConfig(
                                host.get(),
                                port.get(),
                                maxBytes.get(),
                                loops.get(),
                                token.get(),
                                defaultTier.get(),
                                scanThreads.get(),
                                scanQueue.get(),
                                requestTimeout.get()))
                .orElse(d);
        return new ServerRead(config, defaultTier, s.line);
    }

    private Optional<ProviderConfig> provider(String name, Section parent, NodeTuple tuple) {
        Section s = section(tuple.getValueNode(), parent.path(name), parent.keyLine(name), PROVIDER_KEYS);
        Field<ProviderConfig.Kind> kindField =
                field(s, "kind", ProviderConfig.Kind.OPENAI, t -> ConfigValues.enumValue(t, ProviderConfig.Kind.class));
        ProviderConfig.Kind kind = kindField.get();
        boolean sandbox = kind == ProviderConfig.Kind.SANDBOX;
        ProviderConfig d = ProviderConfig.defaults(
                "defaults", kind, sandbox ? SANDBOX_URI : URI.create("https://example.invalid"));
        Field<URI> baseUrl = field(s, "base-url", sandbox ? SANDBOX_URI : null, ConfigValues::uri);
        boolean kindKnown = kindField.fromFile || !s.has("kind");
        if (!sandbox && kindKnown && !s.has("base-url")) {
            problem(s.line, s.path("base-url"), "required for kind " + ConfigValues.yamlName(kind));
        }
        Field<Secret> apiKey = secret(s, "api-key", d.apiKey());
        Field<String> apiVersion = string(s, "api-version", d.apiVersion());
        Map<String, String> headers = headers(s);
        Field<Duration> connect = duration(s, "connect-timeout", d.connectTimeout());
        Field<Duration> firstByte = duration(s, "first-byte-timeout", d.firstByteTimeout());
        Field<Duration> total = duration(s, "total-timeout", d.totalTimeout());
        Field<Duration> idle = duration(s, "idle-timeout", d.idleTimeout());
        Field<Integer> retries = integer(s, "max-retries", d.maxRetries());
        Field<Duration> baseDelay = duration(s, "retry-base-delay", d.retryBaseDelay());
        Field<Duration> maxDelay = duration(s, "retry-max-delay", d.retryMaxDelay());
        Field<Integer> connections = integer(s, "max-connections", d.maxConnections());

        Section b = s.child("circuit-breaker", BREAKER_KEYS);
        Field<Integer> threshold = integer(b, "failure-threshold", d.breaker().failureThreshold());
        Field<Duration> openFor = duration(b, "open-for", d.breaker().openFor());
        BreakerConfig breaker = construct(b, () -> new BreakerConfig(threshold.get(), openFor.get()))
                .orElse(d.breaker());

        List<ScriptedReply> replies = new ArrayList<>();
        if (s.value("replies").isPresent() && !sandbox) {
            problem(s.keyLine("replies"), s.path("replies"), "only a provider of kind sandbox has scripted replies");
        } else {
            replies(s).forEach(replies::add);
        }
        if (baseUrl.get() == null) {
            return Optional.empty();
        }
        return construct(
                s,
                () -> new ProviderConfig(
                        name,
                        kind,
                        baseUrl.get(),
                        apiKey.get(),
                        apiVersion.get(),
                        headers,
                        connect.get(),
                        firstByte.get(),
                        total.get(),
                        idle.get(),
                        retries.get(),
                        baseDelay.get(),
                        maxDelay.get(),
                        connections.get(),
                        breaker,
                        replies));
    }

    private Map<String, String> headers(Section provider) {
        Section h = provider.child("headers", null);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : h.entries.keySet()) {
            if (!HEADER_NAME.matcher(name).matches()) {
                problem(h.keyLine(name), h.path(name), "not a valid HTTP header name");
                continue;
            }
            scalar(h, name).ifPresent(v -> {
                if (v.text().indexOf('\r') >= 0 || v.text().indexOf('\n') >= 0) {
                    problem(v.line(), h.path(name), "a header value must not contain line breaks");
                } else {
                    headers.put(name, v.text());
                }
            });
        }
        return headers;
    }

    /**
     * A firewall section (top level, or a tier's own). Keys it leaves out, or writes with no value, keep what they
     * inherit: a tier's from the top level, the top level's from the defaults. Only an empty list turns a stage's
     * scanning off, so that a section written for one option (canaries, a time limit) never drops the default chains.
     */
    private TrustgateConfig.FirewallSettings firewall(Section s, TrustgateConfig.FirewallSettings inherited) {
        List<TrustgateConfig.ScannerRule> input = s.value("input").isPresent()
                ? scannerRules(s, "input", io.trustgate.api.ScanText.Stage.INPUT)
                : inherited.input();
        List<TrustgateConfig.ScannerRule> output = s.value("output").isPresent()
                ? scannerRules(s, "output", io.trustgate.api.ScanText.Stage.OUTPUT)
                : inherited.output();
        Field<Boolean> canary = field(s, "canary", inherited.canary(), ConfigValues::bool);
        Field<Integer> holdback = integer(s, "stream-holdback", inherited.streamHoldback());
        Field<Integer> lookbehind = integer(s, "stream-lookbehind", inherited.streamLookbehind());
        Field<java.time.Duration> timeLimit = duration(s, "scan-time-limit", inherited.scanTimeLimit());
        return construct(
                        s,
                        () -> new TrustgateConfig.FirewallSettings(
                                input, output, canary.get(), holdback.get(), lookbehind.get(), timeLimit.get()))
                .orElse(inherited);
    }

    /**
     * A firewall chain: a list of {scanner, action, threshold, on-failure, roles, corroborated-by,
     * corroboration-threshold, and the scanner's own options}; an empty list means no
     * scanner at that stage. Each scanner is built once here so that a bad option is reported at its line.
     */
    private List<TrustgateConfig.ScannerRule> scannerRules(
            Section firewall, String key, io.trustgate.api.ScanText.Stage stage) {
        Optional<Node> node = firewall.value(key);
        if (node.isEmpty()) {
            return List.of();
        }
        String path = firewall.path(key);
        List<String> known = stage == io.trustgate.api.ScanText.Stage.INPUT
                ? io.trustgate.firewall.Scanners.INPUT
                : io.trustgate.firewall.Scanners.OUTPUT;
        if (!(node.get() instanceof SequenceNode seq)) {
            problem(
                    line(node.get()),
                    path,
                    "expected a list of {scanner, action, threshold, options...}, was a " + kind(node.get()));
            return List.of();
        }
        List<TrustgateConfig.ScannerRule> out = new ArrayList<>();
        int index = 0;
        for (Node item : seq.getValue()) {
            Section r = section(item, path + "[" + index++ + "]", line(item), null);
            Field<String> scanner = string(r, "scanner", "");
            Field<io.trustgate.api.Action> action = field(
                    r,
                    "action",
                    io.trustgate.api.Action.BLOCK,
                    t -> ConfigValues.enumValue(t, io.trustgate.api.Action.class));
            Field<Double> threshold = field(r, "threshold", 0.5, ConfigValues::fraction);
            // fail closed for block rules, open for the others, unless the rule says otherwise
            Field<io.trustgate.firewall.FirewallChain.OnFailure> onFailure = field(
                    r,
                    "on-failure",
                    io.trustgate.firewall.FirewallChain.OnFailure.defaultFor(action.get()),
                    t -> ConfigValues.enumValue(t, io.trustgate.firewall.FirewallChain.OnFailure.class));
            // which messages the rule scans, by chat role; every message when absent
            java.util.Set<io.trustgate.api.ScanContext.Source> roles =
                    java.util.EnumSet.noneOf(io.trustgate.api.ScanContext.Source.class);
            Optional<List<Scalar>> roleList = list(r, "roles");
            boolean rolesOk = true;
            if (roleList.isEmpty()) {
                roles.addAll(io.trustgate.firewall.FirewallChain.Rule.ALL_SOURCES);
            } else if (roleList.get().isEmpty()) {
                problem(r.keyLine("roles"), r.path("roles"), "must name at least one of " + ROLE_NAMES);
                rolesOk = false;
            } else {
                for (Scalar role : roleList.get()) {
                    io.trustgate.api.ScanContext.Source source =
                            io.trustgate.api.ScanContext.Source.ofRole(role.text());
                    if (source == io.trustgate.api.ScanContext.Source.UNSPECIFIED) {
                        problem(role.line(), r.path("roles"), role.shown() + " is not a role; roles: " + ROLE_NAMES);
                        rolesOk = false;
                    } else {
                        roles.add(source);
                    }
                }
            }
            // a second scanner that must agree before the rule acts (decision 016)
            Field<String> corroboratedBy = string(r, "corroborated-by", "");
            Field<Double> corroborationThreshold = field(r, "corroboration-threshold", 0.5, ConfigValues::fraction);
            Optional<TrustgateConfig.Corroboration> corroboration = Optional.empty();
            if (r.has("corroborated-by")) {
                if (!known.contains(corroboratedBy.get())) {
                    problem(
                            corroboratedBy.line,
                            r.path("corroborated-by"),
                            show(corroboratedBy.get()) + " is not one of the " + key + " scanners"
                                    + suggestion(corroboratedBy.get(), known) + ": " + known);
                    continue;
                }
                try {
                    // it runs with its default options, so it must have them all
                    io.trustgate.firewall.Scanners.create(
                            corroboratedBy.get(), new io.trustgate.firewall.ScannerOptions(Map.of()));
                } catch (RuntimeException e) {
                    problem(
                            corroboratedBy.line,
                            r.path("corroborated-by"),
                            show(corroboratedBy.get()) + " cannot corroborate: it runs with its default options, and "
                                    + e.getMessage());
                    continue;
                }
                corroboration = Optional.of(
                        new TrustgateConfig.Corroboration(corroboratedBy.get(), corroborationThreshold.get()));
            } else if (r.has("corroboration-threshold")) {
                problem(
                        r.keyLine("corroboration-threshold"),
                        r.path("corroboration-threshold"),
                        "needs corroborated-by: the scanner whose score it applies to");
                continue;
            }
            if (!r.has("scanner")) {
                problem(r.line, r.path("scanner"), "required: one of " + known);
                continue;
            }
            if (!rolesOk) {
                continue;
            }
            if (!known.contains(scanner.get())) {
                String where = io.trustgate.firewall.Scanners.spec(scanner.get())
                                .isPresent()
                        ? " cannot run at the " + key + " stage; " + key + " scanners: " + known
                        : " is not a scanner" + suggestion(scanner.get(), known) + "; " + key + " scanners: " + known;
                problem(scanner.line, r.path("scanner"), show(scanner.get()) + where);
                continue;
            }
            Map<String, Object> options = new LinkedHashMap<>();
            boolean ok = true;
            for (Map.Entry<String, NodeTuple> e : r.entries.entrySet()) {
                if (RULE_KEYS.contains(e.getKey())) {
                    continue;
                }
                Optional<Object> v = plain(e.getValue().getValueNode(), r.path(e.getKey()));
                if (v.isEmpty()) {
                    ok = false;
                } else {
                    options.put(e.getKey(), v.get());
                }
            }
            if (!ok) {
                continue;
            }
            try {
                io.trustgate.firewall.Scanners.create(scanner.get(), new io.trustgate.firewall.ScannerOptions(options));
            } catch (io.trustgate.firewall.ScannerOptions.Invalid e) {
                String message = String.valueOf(e.getMessage());
                String prefix = "option '" + e.key() + "': ";
                // a misspelt rule key (treshold) reaches the scanner as an option: name the key it was meant to be
                String hint = options.containsKey(e.key()) ? suggestion(e.key(), RULE_KEYS) : "";
                problem(
                        r.keyLine(e.key()),
                        r.path(e.key()),
                        (message.startsWith(prefix) ? message.substring(prefix.length()) : message) + hint);
                continue;
            } catch (IllegalArgumentException | IllegalStateException e) {
                problem(r.line, r.path, "scanner " + show(scanner.get()) + ": " + e.getMessage());
                continue;
            }
            Optional<TrustgateConfig.Corroboration> corroborationOf = corroboration;
            construct(
                            r,
                            () -> new TrustgateConfig.ScannerRule(
                                    scanner.get(),
                                    action.get(),
                                    threshold.get(),
                                    options,
                                    onFailure.get(),
                                    roles,
                                    corroborationOf))
                    .ifPresent(out::add);
        }
        return out;
    }

    /** A YAML value as plain Java (strings, lists, maps of strings), substituted; empty when it had a problem. */
    private Optional<Object> plain(Node node, String path) {
        if (isNull(node)) {
            problem(line(node), path, "empty value");
            return Optional.empty();
        }
        if (node instanceof ScalarNode) {
            return scalar(node, path, false).map(Scalar::text);
        }
        if (node instanceof SequenceNode seq) {
            List<Object> list = new ArrayList<>();
            for (Node item : seq.getValue()) {
                Optional<Object> v = plain(item, path);
                if (v.isEmpty()) {
                    return Optional.empty();
                }
                list.add(v.get());
            }
            return Optional.of(list);
        }
        if (node instanceof MappingNode) {
            Section m = section(node, path, line(node), null);
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, NodeTuple> e : m.entries.entrySet()) {
                Optional<Object> v = plain(e.getValue().getValueNode(), m.path(e.getKey()));
                if (v.isEmpty()) {
                    return Optional.empty();
                }
                map.put(e.getKey(), v.get());
            }
            return Optional.of(map);
        }
        problem(line(node), path, "unsupported value");
        return Optional.empty();
    }

    private List<ScriptedReply> replies(Section provider) {
        Optional<Node> node = provider.value("replies");
        if (node.isEmpty()) {
            return List.of();
        }
        String path = provider.path("replies");
        if (!(node.get() instanceof SequenceNode seq)) {
            problem(line(node.get()), path, "expected a list of {match, reply, status}, was a " + kind(node.get()));
            return List.of();
        }
        List<ScriptedReply> out = new ArrayList<>();
        int index = 0;
        for (Node item : seq.getValue()) {
            Section r = section(item, path + "[" + index++ + "]", line(item), REPLY_KEYS);
            Field<String> match = string(r, "match", "");
            Field<String> reply = string(r, "reply", "");
            Field<Integer> status = integer(r, "status", 200);
            if (!r.has("match")) {
                problem(r.line, r.path("match"), "required: the text that selects this reply");
            }
            construct(r, () -> new ScriptedReply(match.get(), reply.get(), status.get()))
                    .ifPresent(out::add);
        }
        return out;
    }

    record ModelRead(
            String name,
            String path,
            int line,
            Field<String> provider,
            List<Scalar> fallbacks,
            ModelEntry.Kind kind,
            Optional<ModelEntry> entry) {}

    private ModelRead model(String name, Section parent, NodeTuple tuple) {
        Section s = section(tuple.getValueNode(), parent.path(name), parent.keyLine(name), MODEL_KEYS);
        Field<String> provider = string(s, "provider", "");
        if (!s.has("provider")) {
            problem(s.line, s.path("provider"), "required: the provider that serves this model");
        }
        Field<String> upstream = string(s, "upstream-model", name);
        Field<ModelEntry.Kind> kind =
                field(s, "kind", ModelEntry.Kind.CHAT, t -> ConfigValues.enumValue(t, ModelEntry.Kind.class));
        Section p = s.child("price", PRICE_KEYS);
        Field<BigDecimal> input = field(p, "input", BigDecimal.ZERO, ConfigValues::money);
        Field<BigDecimal> output = field(p, "output", BigDecimal.ZERO, ConfigValues::money);
        Price price = construct(p, () -> new Price(input.get(), output.get())).orElse(Price.FREE);
        List<Scalar> fallbacks = list(s, "fallbacks").orElse(List.of());
        // A model naming itself is reported with the other fallback problems, at the entry's line.
        List<String> fallbackNames = fallbacks.stream()
                .map(Scalar::text)
                .filter(f -> !f.equals(name))
                .toList();
        Optional<ModelEntry> entry = s.has("provider")
                ? construct(
                        s, () -> new ModelEntry(name, provider.get(), upstream.get(), kind.get(), price, fallbackNames))
                : Optional.empty();
        return new ModelRead(name, s.path, s.line, provider, fallbacks, kind.get(), entry);
    }

    record TierRead(
            String name,
            String path,
            List<Scalar> models,
            Optional<Tier> tier,
            Optional<Section> firewall,
            Optional<Section> audit) {}

    /** The {@code audit} section: every key optional, defaults as {@link TrustgateConfig.AuditSettings#DEFAULTS}. */
    private TrustgateConfig.AuditSettings audit(Section s) {
        TrustgateConfig.AuditSettings d = TrustgateConfig.AuditSettings.DEFAULTS;
        Field<Boolean> enabled = field(s, "enabled", d.enabled(), ConfigValues::bool);
        io.trustgate.api.audit.CaptureMode capture = captureMode(s, "capture", d.capture());
        Field<Integer> maxChars = integer(s, "capture-max-chars", d.captureMaxChars());
        Field<io.trustgate.audit.AuditConfig.Ack> ack =
                field(s, "ack", d.ack(), t -> ConfigValues.enumValue(t, io.trustgate.audit.AuditConfig.Ack.class));
        Field<Long> every = field(s, "checkpoint-every", d.checkpointEvery(), ConfigValues::whole);
        Field<Duration> interval = duration(s, "checkpoint-interval", d.checkpointInterval());
        Field<Long> segment = field(s, "segment-size", d.segmentBytes(), ConfigValues::size);
        Field<Duration> retainFor = field(s, "retain-for", d.retainFor(), ConfigReader::days);
        Field<Long> retainSize = field(s, "retain-size", d.retainBytes(), ConfigValues::size);
        return construct(
                        s,
                        () -> new TrustgateConfig.AuditSettings(
                                enabled.get(),
                                capture,
                                maxChars.get(),
                                ack.get(),
                                every.get(),
                                interval.get(),
                                segment.get(),
                                retainFor.get(),
                                retainSize.get()))
                .orElse(d);
    }

    /** The {@code tracing} section: every key optional, defaults as {@link TrustgateConfig.TracingSettings#DEFAULTS}. */
    private TrustgateConfig.TracingSettings tracing(Section s) {
        TrustgateConfig.TracingSettings d = TrustgateConfig.TracingSettings.DEFAULTS;
        Field<Boolean> enabled = field(s, "enabled", d.enabled(), ConfigValues::bool);
        Field<URI> endpoint = field(s, "otlp-endpoint", d.otlpEndpoint(), ConfigValues::uri);
        Field<String> service = string(s, "service-name", d.serviceName());
        Field<Double> ratio = field(s, "sample-ratio", d.sampleRatio(), ConfigValues::fraction);
        // Every value is treated as a secret (a collector's token, usually): shown as (hidden), never logged.
        Map<String, io.trustgate.api.Secret> headers = new LinkedHashMap<>();
        Section h = s.child("headers", null);
        for (String name : h.entries.keySet()) {
            if (!HEADER_NAME.matcher(name).matches()) {
                problem(h.keyLine(name), h.path(name), "not a valid HTTP header name");
                continue;
            }
            h.value(name).flatMap(n -> scalar(n, h.path(name), true)).ifPresent(v -> {
                if (v.text().indexOf('\r') >= 0 || v.text().indexOf('\n') >= 0) {
                    problem(v.line(), h.path(name), "a header value must not contain line breaks");
                } else {
                    headers.put(name, io.trustgate.api.Secret.of(v.text()));
                }
            });
        }
        return construct(
                        s,
                        () -> new TrustgateConfig.TracingSettings(
                                enabled.get(), endpoint.get(), service.get(), ratio.get(), headers))
                .orElse(d);
    }

    private io.trustgate.api.audit.CaptureMode captureMode(
            Section s, String key, io.trustgate.api.audit.CaptureMode fallback) {
        return field(s, key, fallback, t -> ConfigValues.enumValue(t, io.trustgate.api.audit.CaptureMode.class))
                .get();
    }

    /** A retention period: whole days ({@code 90d}) or hours ({@code 36h}). */
    static Duration days(String text) {
        java.util.regex.Matcher m = PERIOD.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a period such as 90d or 36h");
        }
        long n = Long.parseLong(m.group(1));
        return m.group(2).equals("d") ? Duration.ofDays(n) : Duration.ofHours(n);
    }

    private TierRead tier(String name, Section parent, NodeTuple tuple) {
        Section s = section(tuple.getValueNode(), parent.path(name), parent.keyLine(name), TIER_KEYS);
        Optional<List<Scalar>> patterns = list(s, "models");
        List<String> allowed = new ArrayList<>();
        for (Scalar p : patterns.orElse(List.of())) {
            int star = p.text().indexOf('*');
            if (p.text().isEmpty() || (star >= 0 && star != p.text().length() - 1)) {
                problem(p.line(), s.path("models"), "expected a model name or a pattern ending in *, was " + p.shown());
            } else {
                allowed.add(p.text());
            }
        }
        List<String> models = patterns.isPresent() ? allowed : List.of("*");
        Field<Long> rpm = field(s, "requests-per-minute", Tier.UNLIMITED, ConfigValues::whole);
        Field<Long> tpm = field(s, "tokens-per-minute", Tier.UNLIMITED, ConfigValues::whole);
        Field<Long> perRequest = field(s, "max-tokens-per-request", Tier.UNLIMITED, ConfigValues::whole);
        Field<Long> tokenBudget = field(s, "monthly-token-budget", Tier.UNLIMITED, ConfigValues::whole);
        Field<Long> costBudget = field(s, "monthly-cost-budget", Tier.UNLIMITED, ConfigValues::micros);
        Optional<Tier> tier = construct(
                s,
                () -> new Tier(
                        name, models, rpm.get(), tpm.get(), perRequest.get(), tokenBudget.get(), costBudget.get()));
        Optional<Section> firewall =
                s.has("firewall") ? Optional.of(s.child("firewall", FIREWALL_KEYS)) : Optional.empty();
        Optional<Section> audit = s.has("audit") ? Optional.of(s.child("audit", TIER_AUDIT_KEYS)) : Optional.empty();
        return new TierRead(name, s.path, patterns.orElse(List.of()), tier, firewall, audit);
    }

    /** Names that must refer to something declared elsewhere in the file. */
    private void checkReferences(
            Section top,
            ServerRead server,
            Set<String> providerNames,
            List<ModelRead> models,
            Map<String, ModelEntry.Kind> modelKinds,
            List<TierRead> tiers,
            Set<String> tierNames) {
        for (ModelRead m : models) {
            Field<String> p = m.provider();
            if (p.fromFile && !providerNames.contains(p.get())) {
                problem(
                        p.line,
                        m.path() + ".provider",
                        "provider " + show(p.get()) + " is not declared under providers"
                                + suggestion(p.get(), providerNames));
            }
            for (Scalar f : m.fallbacks()) {
                ModelEntry.Kind kind = modelKinds.get(f.text());
                if (f.text().equals(m.name())) {
                    problem(f.line(), m.path() + ".fallbacks", "a model cannot be its own fallback");
                } else if (kind == null) {
                    problem(
                            f.line(),
                            m.path() + ".fallbacks",
                            "fallback " + f.shown() + " is not a declared model"
                                    + suggestion(f.text(), modelKinds.keySet()));
                } else if (kind != m.kind()) {
                    problem(
                            f.line(),
                            m.path() + ".fallbacks",
                            "fallback " + f.shown() + " is a "
                                    + ConfigValues.yamlName(kind) + " model, " + show(m.name()) + " is "
                                    + ConfigValues.yamlName(m.kind()));
                }
            }
        }
        for (TierRead t : tiers) {
            for (Scalar pattern : t.models()) {
                if (!pattern.text().contains("*") && !modelKinds.containsKey(pattern.text())) {
                    problem(
                            pattern.line(),
                            t.path() + ".models",
                            "model " + pattern.shown() + " is not declared under models"
                                    + suggestion(pattern.text(), modelKinds.keySet()));
                }
            }
        }
        Field<String> defaultTier = server.defaultTier();
        if (!tierNames.contains(defaultTier.get())) {
            int line = defaultTier.fromFile ? defaultTier.line : top.keyLine("tiers");
            String hint = defaultTier.fromFile ? "" : " (set server.default-tier to one of the declared tiers)";
            problem(
                    line,
                    "server.default-tier",
                    "tier " + show(defaultTier.get()) + " is not declared under tiers"
                            + suggestion(defaultTier.get(), tierNames) + hint);
        }
    }

    // ---- problems --------------------------------------------------------------------------------------------

    private void problem(int line, String key, String message) {
        problems.add(new ConfigProblem(source, Math.max(1, line), key, message));
    }

    private ConfigException fail(int line, String key, String message) {
        problem(line, key, message);
        return failure();
    }

    /** All problems, in file order, with every credential seen masked (a record's message may quote a value). */
    private ConfigException failure() {
        List<ConfigProblem> masked = new ArrayList<>();
        List<String> bySize = secrets.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        for (ConfigProblem p : problems) {
            String message = p.message();
            for (String secret : bySize) {
                message = message.replace(secret, "****");
            }
            masked.add(new ConfigProblem(p.source(), p.line(), p.key(), message));
        }
        masked.sort(Comparator.comparingInt(ConfigProblem::line));
        return new ConfigException(masked);
    }
}
