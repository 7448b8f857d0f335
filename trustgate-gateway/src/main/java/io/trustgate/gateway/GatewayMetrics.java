package io.trustgate.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trustgate.api.Action;
import io.trustgate.api.Finding;
import io.trustgate.api.UsageRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The gateway's meters (Micrometer; the app exposes them at {@code GET /metrics} in Prometheus text format).
 * Labels never carry a key, a prompt or a request id: model, provider, status, scanner, category, action and source
 * only, so that their number stays bounded by the configuration. Meters are looked up once per label set and kept: a
 * registry lookup per request would cost more than the increment.
 *
 * <ul>
 *   <li>{@code trustgate_requests_total{endpoint,status,model,provider}}
 *   <li>{@code trustgate_request_duration_seconds}, {@code trustgate_upstream_duration_seconds{provider}},
 *       {@code trustgate_gateway_added_seconds}: histograms (total, upstream, and the difference)
 *   <li>{@code trustgate_tokens_total{model,type}}, {@code trustgate_cost_usd_total{model}}
 *   <li>{@code trustgate_firewall_findings_total{scanner,category,action,source}}
 *   <li>{@code trustgate_limiter_rejections_total{reason}}, {@code trustgate_upstream_errors_total{provider,code}},
 *       {@code trustgate_circuit_breaker_state{provider}} (0 closed, 1 half-open, 2 open)
 *   <li>{@code trustgate_audit_write_seconds}, {@code trustgate_audit_failures_total}, and the audit queue depth
 *       gauge the app registers
 * </ul>
 */
public final class GatewayMetrics {
    /** The registry, when the app has one its Prometheus text rendering, and the traces (off unless configured). */
    public record Telemetry(MeterRegistry registry, Supplier<String> prometheus, Tracing tracing) {
        public Telemetry {
            Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(prometheus, "prometheus");
            Objects.requireNonNull(tracing, "tracing");
        }

        /** Meters without traces. */
        public Telemetry(MeterRegistry registry, Supplier<String> prometheus) {
            this(registry, prometheus, Tracing.off());
        }

        /** The same meters, with these traces. */
        public Telemetry withTracing(Tracing t) {
            return new Telemetry(registry, prometheus, t);
        }

        /** Meters kept in memory, no endpoint (tests, and embedding without /metrics). */
        public static Telemetry inMemory() {
            return new Telemetry(new SimpleMeterRegistry(), () -> "");
        }
    }

    private static final Duration[] LATENCY_SLOS = {
        Duration.ofNanos(50_000),
        Duration.ofNanos(100_000),
        Duration.ofNanos(250_000),
        Duration.ofNanos(500_000),
        Duration.ofMillis(1),
        Duration.ofMillis(2),
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        Duration.ofSeconds(120)
    };

    private record RequestKey(String endpoint, int status, String model, String provider) {}

    private record FindingKey(String scanner, String category, String action, String source) {}

    private record ErrorKey(String provider, String code) {}

    private final MeterRegistry registry;
    private final Map<RequestKey, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, Counter[]> tokens = new ConcurrentHashMap<>();
    private final Map<String, Counter> cost = new ConcurrentHashMap<>();
    private final Map<FindingKey, Counter> findings = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejections = new ConcurrentHashMap<>();
    private final Map<ErrorKey, Counter> upstreamErrors = new ConcurrentHashMap<>();
    private final Map<String, Timer> upstream = new ConcurrentHashMap<>();
    private final Timer total;
    private final Timer added;
    private final Timer auditWrite;
    private final Counter auditFailures;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.total = latency("trustgate.request.duration", "Time from request to the last byte of the answer")
                .register(registry);
        this.added = latency("trustgate.gateway.added", "Request time not spent waiting for upstreams")
                .register(registry);
        this.auditWrite = latency(
                        "trustgate.audit.write", "Time from handing an audit event to the log to its acknowledgement")
                .register(registry);
        this.auditFailures = Counter.builder("trustgate.audit.failures")
                .description("Audit events the log could not take (each request answered 503)")
                .register(registry);
    }

    private static Timer.Builder latency(String name, String description) {
        return Timer.builder(name).description(description).serviceLevelObjectives(LATENCY_SLOS);
    }

    /** Breaker state per provider, read at scrape time. */
    void breakers(Map<String, CircuitBreaker> breakers) {
        breakers.forEach(
                (provider, b) -> Gauge.builder("trustgate.circuit.breaker.state", b, x -> x.state().metricValue)
                        .description("0 closed, 1 half-open, 2 open")
                        .tag("provider", provider)
                        .register(registry));
    }

    /**
     * One finished API request: its count, latency, tokens, cost, findings (each with the action it caused and where
     * it was found) and, for refusals by limits or budgets, the reason. A request that failed
     * after upstream attempts ({@code route}, the provider of each) counts under the model requested and the last
     * provider tried, so that failures show per model; only requests refused before any attempt count under
     * {@code -} (the model requested may then be any string a client sent).
     */
    void request(String endpoint, UsageRecord r, List<String> route, long upstreamNanos, Screened screened) {
        boolean failedAfterAttempts = "-".equals(r.modelServed()) && !route.isEmpty();
        String model = failedAfterAttempts ? r.modelRequested() : r.modelServed();
        String provider = failedAfterAttempts ? route.getLast() : r.provider();
        requests.computeIfAbsent(
                        new RequestKey(endpoint, r.status(), model, provider),
                        k -> Counter.builder("trustgate.requests")
                                .description("API requests by endpoint, status, model served and provider")
                                .tag("endpoint", k.endpoint())
                                .tag("status", Integer.toString(k.status()))
                                .tag("model", k.model())
                                .tag("provider", k.provider())
                                .register(registry))
                .increment();
        long totalNanos = r.latencyMicros() * 1000;
        total.record(totalNanos, TimeUnit.NANOSECONDS);
        if (upstreamNanos > 0) {
            upstream.computeIfAbsent(
                            provider,
                            p -> latency("trustgate.upstream.duration", "Time waiting for an upstream's answer")
                                    .tag("provider", p)
                                    .register(registry))
                    .record(upstreamNanos, TimeUnit.NANOSECONDS);
        }
        added.record(Math.max(0, totalNanos - upstreamNanos), TimeUnit.NANOSECONDS);
        if (r.usage().promptTokens() > 0 || r.usage().completionTokens() > 0) {
            Counter[] t = tokens.computeIfAbsent(
                    r.modelServed(), m -> new Counter[] {tokenCounter(m, "prompt"), tokenCounter(m, "completion")});
            t[0].increment(r.usage().promptTokens());
            t[1].increment(r.usage().completionTokens());
        }
        if (r.costMicros() > 0) {
            cost.computeIfAbsent(
                            r.modelServed(),
                            m -> Counter.builder("trustgate.cost.usd")
                                    .description("Cost at the configured prices, in US dollars")
                                    .tag("model", m)
                                    .register(registry))
                    .increment(r.costMicros() / 1e6);
        }
        List<Finding> found = screened.findings();
        List<Action> actions = screened.actions();
        List<Screened.Source> sources = screened.sources();
        for (int i = 0; i < found.size(); i++) {
            Finding f = found.get(i);
            findings.computeIfAbsent(
                            new FindingKey(
                                    f.scanner(),
                                    f.category().name().toLowerCase(java.util.Locale.ROOT),
                                    actions.get(i).name().toLowerCase(java.util.Locale.ROOT),
                                    sources.get(i).label),
                            k -> Counter.builder("trustgate.firewall.findings")
                                    .description("Firewall findings by scanner, category, action and source")
                                    .tag("scanner", k.scanner())
                                    .tag("category", k.category())
                                    .tag("action", k.action())
                                    .tag("source", k.source())
                                    .register(registry))
                    .increment();
        }
        if (r.status() == 429 || r.status() == 402) {
            rejections
                    .computeIfAbsent(
                            r.errorCode().isEmpty() ? "unknown" : r.errorCode(),
                            c -> Counter.builder("trustgate.limiter.rejections")
                                    .description("Requests refused by rate limits and budgets, by reason")
                                    .tag("reason", c)
                                    .register(registry))
                    .increment();
        }
    }

    private Counter tokenCounter(String model, String type) {
        return Counter.builder("trustgate.tokens")
                .description("Tokens by model served and type")
                .tag("model", model)
                .tag("type", type)
                .register(registry);
    }

    /** An upstream attempt that failed (retried, fallen back from, or final). */
    void upstreamError(String provider, String code) {
        upstreamErrors
                .computeIfAbsent(
                        new ErrorKey(provider, code),
                        k -> Counter.builder("trustgate.upstream.errors")
                                .description("Failed upstream attempts by provider and error code")
                                .tag("provider", k.provider())
                                .tag("code", k.code())
                                .register(registry))
                .increment();
    }

    void auditWritten(long nanos) {
        auditWrite.record(nanos, TimeUnit.NANOSECONDS);
    }

    void auditFailed() {
        auditFailures.increment();
    }

    MeterRegistry registry() {
        return registry;
    }
}
