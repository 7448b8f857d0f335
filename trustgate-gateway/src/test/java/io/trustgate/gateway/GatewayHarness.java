package io.trustgate.gateway;

import io.trustgate.api.Price;
import io.trustgate.api.Tier;
import io.trustgate.policy.KeyIssuer;
import io.trustgate.policy.TokenCounter;
import io.trustgate.registry.ModelCatalog;
import io.trustgate.registry.ModelEntry;
import io.trustgate.store.SqliteStore;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Starts a real gateway on a loopback port over a fresh SQLite store in a temporary directory, for ITs. Built
 * with a small fluent API: providers, models and tiers are added, then {@link #start()}.
 */
public final class GatewayHarness implements AutoCloseable {
    static final TokenCounter TOKENS = new TokenCounter();

    private final Path dir;
    private final List<ProviderConfig> providers = new ArrayList<>();
    private final List<ModelEntry> models = new ArrayList<>();
    private final Map<String, Tier> tiers = new LinkedHashMap<>();
    private GatewayConfig config = GatewayConfig.defaults().withListen("127.0.0.1", 0);
    private Firewalls firewalls = Firewalls.none();
    private io.trustgate.api.audit.AuditSink audit = io.trustgate.api.audit.AuditSink.discarding();
    private AuditCapture capture = AuditCapture.none();
    private GatewayMetrics.Telemetry telemetry = GatewayMetrics.Telemetry.inMemory();
    private VoteSink votes = VoteSink.NONE;
    private SqliteStore store;
    private Gateway gateway;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public GatewayHarness() {
        try {
            dir = Files.createTempDirectory("trustgate-it");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        tiers.put("default", Tier.unlimited("default"));
    }

    public GatewayHarness config(GatewayConfig c) {
        this.config = c;
        return this;
    }

    public GatewayHarness audit(io.trustgate.api.audit.AuditSink audit) {
        this.audit = audit;
        return this;
    }

    public GatewayHarness telemetry(GatewayMetrics.Telemetry t) {
        this.telemetry = t;
        return this;
    }

    public GatewayHarness votes(VoteSink v) {
        this.votes = v;
        return this;
    }

    public GatewayHarness capture(AuditCapture c) {
        this.capture = c;
        return this;
    }

    public GatewayHarness firewalls(Firewalls firewalls) {
        this.firewalls = firewalls;
        return this;
    }

    public GatewayHarness inputFirewall(io.trustgate.firewall.FirewallChain chain) {
        this.firewalls = Firewalls.of(Firewalls.Policy.input(chain));
        return this;
    }

    public GatewayHarness provider(ProviderConfig p) {
        providers.add(p);
        return this;
    }

    public GatewayHarness sandbox(ProviderConfig.ScriptedReply... replies) {
        ProviderConfig d = ProviderConfig.defaults("sandbox", ProviderConfig.Kind.SANDBOX, URI.create("sandbox:/"));
        return provider(with(d, List.of(replies)));
    }

    static ProviderConfig with(ProviderConfig d, List<ProviderConfig.ScriptedReply> replies) {
        return new ProviderConfig(
                d.name(),
                d.kind(),
                d.baseUrl(),
                d.apiKey(),
                d.apiVersion(),
                d.headers(),
                d.connectTimeout(),
                d.firstByteTimeout(),
                d.totalTimeout(),
                d.idleTimeout(),
                d.maxRetries(),
                d.retryBaseDelay(),
                d.retryMaxDelay(),
                d.maxConnections(),
                d.breaker(),
                replies);
    }

    public GatewayHarness model(String name, String provider, String upstream, String... fallbacks) {
        models.add(new ModelEntry(
                name,
                provider,
                upstream,
                ModelEntry.Kind.CHAT,
                new Price(BigDecimal.ONE, BigDecimal.valueOf(2)),
                List.of(fallbacks)));
        return this;
    }

    /** A free embedding model served by {@code provider} as {@code upstream}. */
    public GatewayHarness embeddingModel(String name, String provider, String upstream) {
        return model(new ModelEntry(name, provider, upstream, ModelEntry.Kind.EMBEDDING, Price.FREE, List.of()));
    }

    public GatewayHarness model(ModelEntry e) {
        models.add(e);
        return this;
    }

    public GatewayHarness tier(Tier t) {
        tiers.put(t.name(), t);
        return this;
    }

    public GatewayHarness start() {
        store = SqliteStore.open(dir);
        gateway = new Gateway(new Gateway.Parts(
                config,
                new ModelCatalog(models),
                providers,
                tiers,
                store,
                store,
                TOKENS,
                Clock.systemUTC(),
                firewalls,
                audit,
                capture,
                telemetry,
                votes));
        FakeOpenAiServer.await(gateway.start());
        return this;
    }

    public String key(String name, String tier) {
        KeyIssuer.Issued k =
                new KeyIssuer().issue(name, "t-" + tier, tier, Instant.now(), io.trustgate.api.ApiKey.NEVER);
        store.insert(k.key());
        return k.secret();
    }

    public String key(String name) {
        return key(name, "default");
    }

    public SqliteStore store() {
        return store;
    }

    public Gateway gateway() {
        return gateway;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + gateway.port();
    }

    public HttpResponse<String> post(String path, String key, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("authorization", "Bearer " + key);
        }
        return send(b.build());
    }

    public HttpResponse<String> get(String path, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .GET();
        if (key != null) {
            b.header("authorization", "Bearer " + key);
        }
        return send(b.build());
    }

    public HttpResponse<String> send(HttpRequest r) {
        try {
            return http.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpClient http() {
        return http;
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
        if (store != null) {
            store.close();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp dir
        }
    }

    /** An OpenAI-kind provider pointing at a fake server, with fast retries for tests. */
    public static ProviderConfig openai(String name, FakeOpenAiServer fake, String key) {
        return upstream(name, ProviderConfig.Kind.OPENAI, URI.create(fake.baseUrl()), key, "");
    }

    /**
     * A provider of any wire protocol for tests: 2 s connect and first-byte timeouts, 10 s in all and 10 s idle, 2 retries from
     * 10 ms (capped at 200 ms), 64 connections, a breaker that opens after 3 failures for 30 s.
     */
    public static ProviderConfig upstream(
            String name, ProviderConfig.Kind kind, URI baseUrl, String key, String apiVersion) {
        return new ProviderConfig(
                name,
                kind,
                baseUrl,
                io.trustgate.api.Secret.of(key),
                apiVersion,
                Map.of(),
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                Duration.ofSeconds(10),
                2,
                Duration.ofMillis(10),
                Duration.ofMillis(200),
                64,
                new ProviderConfig.BreakerConfig(3, Duration.ofSeconds(30)),
                List.of());
    }

    /** A copy with this stream idle timeout. */
    public static ProviderConfig withIdleTimeout(ProviderConfig p, Duration idle) {
        return new ProviderConfig(
                p.name(),
                p.kind(),
                p.baseUrl(),
                p.apiKey(),
                p.apiVersion(),
                p.headers(),
                p.connectTimeout(),
                p.firstByteTimeout(),
                p.totalTimeout(),
                idle,
                p.maxRetries(),
                p.retryBaseDelay(),
                p.retryMaxDelay(),
                p.maxConnections(),
                p.breaker(),
                p.sandbox());
    }

    public static ProviderConfig withTimeouts(ProviderConfig p, Duration firstByte, Duration total, int retries) {
        return new ProviderConfig(
                p.name(),
                p.kind(),
                p.baseUrl(),
                p.apiKey(),
                p.apiVersion(),
                p.headers(),
                p.connectTimeout(),
                firstByte,
                total,
                p.idleTimeout(),
                retries,
                p.retryBaseDelay(),
                p.retryMaxDelay(),
                p.maxConnections(),
                p.breaker(),
                p.sandbox());
    }
}
