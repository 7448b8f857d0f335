package io.trustgate.gateway;

import io.trustgate.api.ErrorKind;
import io.trustgate.api.Tier;
import io.trustgate.api.TrustgateException;
import io.trustgate.api.UsageRecord;
import io.trustgate.api.UsageStore;
import io.trustgate.policy.Limits;
import io.trustgate.policy.TokenCounter;
import io.trustgate.registry.ModelCatalog;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running gateway: an HTTP server on Vert.x event loops, the providers, their circuit breakers, the limits
 * and the usage recorder. Built by the app module from configuration; {@link #start()} binds, {@link #close()}
 * stops accepting, lets requests in flight finish (up to {@link #DRAIN}), lets their usage reach the store and
 * releases connections.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    /** One line per API request when the operator turns it on (logger level INFO); off by default. */
    private static final Logger ACCESS = LoggerFactory.getLogger("trustgate.access");

    final GatewayConfig config;
    final ModelCatalog catalog;
    final Map<String, Provider> providers;
    final Map<String, ProviderConfig> providerConfigs;
    final Map<String, CircuitBreaker> breakers;
    final Authenticator auth;
    final Limits limits;
    final TokenCounter tokens;
    final Firewalls firewalls;
    final io.trustgate.api.audit.AuditSink audit;
    final AuditCapture capture;
    final GatewayMetrics.Telemetry telemetry;
    final VoteSink votes;
    final GatewayMetrics metrics;
    final Tracing tracing;
    final UsageRecorder usage;
    final Clock clock;
    /**
     * The workers that screen long prompts and answers (`server.scan-threads`), a pool apart from Vert.x's own, which
     * health checks and the admin API use; and how many long prompts may hold or wait for one (`server.scan-queue`).
     */
    final io.vertx.core.WorkerExecutor scanWorkers;

    final ScanGate scanGate;
    /** Trust decisions per context; off (nothing bound) until the app installs a snapshot. */
    final ContextGate contexts = new ContextGate();

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final io.trustgate.api.KeyStore keys;
    private final UsageStore usageStore;
    private final Map<String, Tier> tiers;
    private final int loops;
    private final List<HttpServer> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<String> deployments = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile int boundPort = -1;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    /** How long a stopping gateway waits for requests in flight, streams included, before closing connections. */
    static final java.time.Duration DRAIN = java.time.Duration.ofSeconds(10);

    private volatile boolean ready;

    /** Everything the gateway is made of; the app module wires it. */
    public record Parts(
            GatewayConfig config,
            ModelCatalog catalog,
            List<ProviderConfig> providers,
            Map<String, Tier> tiers,
            io.trustgate.api.KeyStore keys,
            UsageStore usageStore,
            TokenCounter tokens,
            Clock clock,
            Firewalls firewalls,
            io.trustgate.api.audit.AuditSink audit,
            AuditCapture capture,
            GatewayMetrics.Telemetry telemetry,
            VoteSink votes) {}

    public Gateway(Parts parts) {
        this(parts, null);
    }

    /** With a caller-owned Vert.x (tests); {@code null} creates one sized by {@code event-loops}. */
    public Gateway(Parts parts, Vertx vertx) {
        this.config = parts.config();
        this.catalog = parts.catalog();
        this.clock = parts.clock();
        this.tokens = parts.tokens();
        this.firewalls = parts.firewalls();
        this.audit = parts.audit();
        this.capture = parts.capture();
        this.telemetry = parts.telemetry();
        this.votes = parts.votes();
        this.metrics = new GatewayMetrics(telemetry.registry());
        this.tracing = telemetry.tracing();
        this.ownsVertx = vertx == null;
        this.loops = config.eventLoops() > 0
                ? config.eventLoops()
                : 2 * Runtime.getRuntime().availableProcessors();
        this.vertx = vertx != null
                ? vertx
                : Vertx.vertx(new VertxOptions()
                        .setEventLoopPoolSize(
                                config.eventLoops() > 0
                                        ? config.eventLoops()
                                        : 2 * Runtime.getRuntime().availableProcessors())
                        .setPreferNativeTransport(true)
                        .setDisableTCCL(true)
                        .setBlockedThreadCheckInterval(2)
                        .setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS));
        this.scanWorkers = this.vertx.createSharedWorkerExecutor(
                "trustgate-scan-" + Integer.toHexString(System.identityHashCode(this)), config.effectiveScanThreads());
        this.scanGate = new ScanGate(config.effectiveScanThreads() + config.scanQueue());
        Map<String, Provider> ps = new HashMap<>();
        Map<String, ProviderConfig> pcs = new HashMap<>();
        Map<String, CircuitBreaker> bs = new HashMap<>();
        for (ProviderConfig pc : parts.providers()) {
            ps.put(pc.name(), create(pc));
            pcs.put(pc.name(), pc);
            bs.put(pc.name(), new CircuitBreaker(pc.breaker(), System::nanoTime));
        }
        this.providers = Map.copyOf(ps);
        this.providerConfigs = Map.copyOf(pcs);
        this.breakers = Map.copyOf(bs);
        metrics.breakers(breakers);
        this.auth = new Authenticator(parts.keys(), parts.tiers(), clock);
        this.keys = parts.keys();
        this.usageStore = parts.usageStore();
        this.tiers = Map.copyOf(parts.tiers());
        this.limits = new Limits(clock, System::nanoTime);
        this.limits.seed(parts.usageStore().spendByKeySince(limits.monthStart()));
        this.usage = new UsageRecorder(parts.usageStore(), 65_536);
    }

    /** The context gate, for the app to install and rebuild its decisions table. */
    public ContextGate contexts() {
        return contexts;
    }

    private Provider create(ProviderConfig pc) {
        return switch (pc.kind()) {
            case OPENAI, AZURE_OPENAI -> new OpenAiProvider(vertx, pc);
            case ANTHROPIC -> new AnthropicProvider(vertx, pc);
            case SANDBOX -> new SandboxProvider(vertx, pc, tokens);
        };
    }

    /** Binds the server; the future completes once requests are accepted. */
    public Future<Gateway> start() {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setTcpNoDelay(true)
                // No SO_REUSEPORT: a second gateway on a busy port must fail, not silently share it. Vert.x
                // itself shares the one socket among this process's server instances.
                .setCompressionSupported(false)
                .setIdleTimeout(300)
                .setMaxInitialLineLength(8192)
                .setMaxHeaderSize(32 * 1024);
        RequestHandler handler = new RequestHandler(
                this, new AdminHandler(vertx, config, keys, usageStore, tiers, clock, this::audited, contexts));
        // One server instance per event loop, each on its own loop, so that requests spread over every core.
        // Vert.x shares one listening socket among instances of the same host and port; with port 0 each instance
        // would pick its own, so a free port is chosen first and all instances bind that one.
        if (config.port() == 0) {
            options.setPort(freePort(config.host()));
        }
        return deploy(options, handler, loops).map(v -> {
            boundPort = servers.get(0).actualPort();
            ready = true;
            LOG.info(
                    "gateway listening on {}:{} ({} event loops, {} transport)",
                    config.host(),
                    boundPort,
                    loops,
                    vertx.isNativeTransportEnabled() ? "native" : "NIO");
            return this;
        });
    }

    private static int freePort(String host) {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot find a free port on " + host + ": " + e.getMessage(), e);
        }
    }

    private Future<Void> deploy(HttpServerOptions options, RequestHandler handler, int instances) {
        return vertx.deployVerticle(
                        () -> new VerticleBase() {
                            @Override
                            public Future<?> start() {
                                return vertx.createHttpServer(options)
                                        .requestHandler(handler)
                                        .invalidRequestHandler(RequestHandler::invalid)
                                        .listen()
                                        .onSuccess(servers::add);
                            }
                        },
                        new DeploymentOptions().setInstances(instances))
                .onSuccess(deployments::add)
                .mapEmpty();
    }

    /** The ports the server instances listen on: one port, shared by all (checked by tests). */
    java.util.Set<Integer> instancePorts() {
        java.util.Set<Integer> ports = new java.util.TreeSet<>();
        servers.forEach(s -> ports.add(s.actualPort()));
        return ports;
    }

    /** Number of server instances (one per event loop). */
    int instances() {
        return servers.size();
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return boundPort;
    }

    /** A cheap query of the store (the keys version): throws when the store cannot answer. */
    long keysVersion() {
        return keys.keysVersion();
    }

    private Readiness readiness;

    synchronized Readiness readiness() {
        if (readiness == null) {
            readiness = new Readiness(this, vertx);
        }
        return readiness;
    }

    public boolean ready() {
        return ready;
    }

    public UsageRecorder usageRecorder() {
        return usage;
    }

    Vertx vertx() {
        return vertx;
    }

    /**
     * Records a request's usage and its audit event. The future completes on the caller's event loop once the event
     * is durable, so that a caller that answers only then never answers a request whose event a crash could lose;
     * it fails when the audit log cannot take the event (then the caller answers 503 instead).
     */
    Future<Void> record(String endpoint, UsageRecord r, Screened findings, List<String> route) {
        return record(endpoint, r, findings, route, io.trustgate.api.audit.CapturedContent.NONE, 0, Optional.empty());
    }

    /**
     * As {@link #record(String, UsageRecord, Screened, List)}, with the prompt and completion text the tier's mode keeps,
     * the time spent waiting for upstreams (for the latency the gateway adds) and the context the request ran under,
     * if any: the event's context is then that context (its model rules and firewall applied), with the tier as an
     * attribute, so that an auditor can tell a request of a strict context from one of a lax one.
     */
    Future<Void> record(
            String endpoint,
            UsageRecord r,
            Screened findings,
            List<String> route,
            io.trustgate.api.audit.CapturedContent content,
            long upstreamNanos,
            Optional<String> context) {
        usage.record(r);
        access(endpoint, r, findings.size(), route);
        metrics.request(endpoint, r, route, upstreamNanos, findings);
        io.trustgate.api.audit.AuditEvent.Builder b = io.trustgate.api.audit.AuditEvent.builder(
                        io.trustgate.api.audit.AuditEvent.Kind.API_REQUEST, r.time())
                .requestId(r.requestId())
                .keyId(r.keyId())
                .tenant(r.tenant())
                .context(context.orElse(r.tier()))
                .modelRequested(r.modelRequested())
                .modelServed(r.modelServed())
                .provider(r.provider())
                .route(route)
                .tokens(r.usage().promptTokens(), r.usage().completionTokens())
                .costMicros(r.costMicros())
                .latencyMs(r.latencyMicros() / 1000)
                .status(r.status())
                .errorCode(r.errorCode())
                .content(content);
        if (context.isPresent()) {
            b.attribute("tier", r.tier());
        }
        for (io.trustgate.api.Finding f : findings.findings()) {
            b.finding(io.trustgate.api.audit.AuditFinding.of(f));
        }
        return audited(b.build());
    }

    /**
     * An audit event of a request with no key or model (refused before it was authenticated or parsed). Counted here,
     * except an admin call's, which {@link #adminAnswered} counts once it is answered, whoever answers it.
     */
    Future<Void> auditRefusal(String endpoint, String requestId, Instant at, long startNanos, int status, String code) {
        if (!endpoint.equals("admin")) {
            UsageRecord r = anonymous(requestId, at, startNanos, status, code);
            access(endpoint, r, 0, List.of());
            metrics.request(endpoint, r, List.of(), 0, new Screened());
        }
        return audited(io.trustgate.api.audit.AuditEvent.builder(io.trustgate.api.audit.AuditEvent.Kind.API_REQUEST, at)
                .requestId(requestId)
                .latencyMs((System.nanoTime() - startNanos) / 1_000_000)
                .status(status)
                .errorCode(code)
                .build());
    }

    /** An admin call once its answer is sent, with its status: counted (its audit event is the admin handler's). */
    void adminAnswered(String requestId, Instant at, long startNanos, int status) {
        UsageRecord r = anonymous(requestId, at, startNanos, status, "");
        access("admin", r, 0, List.of());
        metrics.request("admin", r, List.of(), 0, new Screened());
    }

    /**
     * The access-log line of an answered request, refusals included (an unknown key is logged as key id {@code -}:
     * never the key presented). The model requested and the route (providers by attempt) say which upstream failed when none
     * answered (model and provider served are then {@code -}).
     */
    private void access(String endpoint, UsageRecord r, int findings, List<String> route) {
        if (!ACCESS.isInfoEnabled()) {
            return;
        }
        ACCESS.atInfo()
                .addKeyValue("request_id", r.requestId())
                .addKeyValue("key_id", r.keyId())
                .addKeyValue("tier", r.tier())
                .addKeyValue("endpoint", endpoint)
                .addKeyValue("status", r.status())
                .addKeyValue("error", r.errorCode())
                .addKeyValue("model_requested", r.modelRequested())
                .addKeyValue("model", r.modelServed())
                .addKeyValue("provider", r.provider())
                .addKeyValue("route", route.isEmpty() ? "-" : String.join(",", route))
                .addKeyValue("prompt_tokens", r.usage().promptTokens())
                .addKeyValue("completion_tokens", r.usage().completionTokens())
                .addKeyValue("latency_ms", r.latencyMicros() / 1000.0)
                .addKeyValue("findings", findings)
                .log("request");
    }

    /** The record of a call with no key or model: a refusal before authentication, or an admin call. */
    private static UsageRecord anonymous(String requestId, Instant at, long startNanos, int status, String code) {
        return new UsageRecord(
                at,
                requestId,
                "-",
                "-",
                "-",
                "-",
                "-",
                "-",
                io.trustgate.api.Usage.ZERO,
                0,
                (System.nanoTime() - startNanos) / 1000,
                status,
                code,
                0);
    }

    /** Records an event (a vote's, an admin action's) and completes once it is durable. */
    Future<Void> audit(io.trustgate.api.audit.AuditEvent e) {
        return audited(e);
    }

    private Future<Void> audited(io.trustgate.api.audit.AuditEvent e) {
        java.util.concurrent.CompletableFuture<Long> cf;
        long appended = System.nanoTime();
        try {
            cf = audit.append(e);
        } catch (RuntimeException failed) {
            metrics.auditFailed();
            return Future.failedFuture(failed);
        }
        if (cf.isDone() && !cf.isCompletedExceptionally()) {
            metrics.auditWritten(System.nanoTime() - appended);
            return Future.succeededFuture();
        }
        io.vertx.core.Promise<Void> p = io.vertx.core.Promise.promise();
        LoopInbox inbox = LoopInbox.of(vertx.getOrCreateContext());
        cf.whenComplete((seq, err) -> inbox.post(() -> {
            if (err != null) {
                metrics.auditFailed();
                LOG.atError()
                        .addKeyValue("request_id", e.requestId())
                        .log("audit event not recorded: {}", err.toString());
                p.fail(err);
            } else {
                metrics.auditWritten(System.nanoTime() - appended);
                p.complete();
            }
        }));
        return p.future();
    }

    /** What a client gets when its request's audit event could not be recorded: nothing unrecorded is answered. */
    static TrustgateException auditUnavailable() {
        return new TrustgateException(
                ErrorKind.UNAVAILABLE,
                "The audit log could not record this request, so it is not answered. Try again later.",
                "",
                "audit_unavailable");
    }

    static TrustgateException notFoundPath(String method, String path) {
        return new TrustgateException(
                ErrorKind.NOT_FOUND, "Unknown request URL: " + method + " " + path + ".", "", "unknown_url");
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ready = false;
        try {
            // Stop accepting, let requests in flight (streams included) finish within the grace period.
            Future.all(servers.stream()
                            .map(s -> s.shutdown(DRAIN.toMillis(), TimeUnit.MILLISECONDS))
                            .toList())
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(DRAIN.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("requests in flight did not all finish within {}: {}", DRAIN, e.toString());
        }
        try {
            Future.all(deployments.stream().map(vertx::undeploy).toList())
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("server did not close cleanly: {}", e.toString());
        }
        scanWorkers.close();
        usage.close();
        for (Provider p : providers.values()) {
            p.close();
        }
        if (ownsVertx) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("event loops did not stop cleanly: {}", e.toString());
            }
        }
    }
}
