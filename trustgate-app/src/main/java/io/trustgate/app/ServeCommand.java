package io.trustgate.app;

import io.trustgate.gateway.Gateway;
import io.trustgate.gateway.GatewayConfig;
import io.trustgate.gateway.ProviderConfig;
import io.trustgate.store.SqliteStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code trustgate serve}: runs the gateway until interrupted. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Run the gateway (OpenAI-compatible API on /v1). Stops on Ctrl-C or SIGTERM.")
final class ServeCommand implements java.util.concurrent.Callable<Integer> {
    @Mixin
    StateOptions state;

    @Option(
            names = "--port",
            paramLabel = "N",
            description = "Port to listen on (overrides server.port; default 8080).")
    Integer port;

    @Option(
            names = "--host",
            paramLabel = "H",
            description = "Address to listen on (overrides server.host; default 127.0.0.1).")
    String host;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** How long a starting gateway waits for a command that holds the audit log (it appends one event). */
    static final java.time.Duration AUDIT_LOCK_WAIT = java.time.Duration.ofSeconds(10);

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        TrustgateConfig loaded = state.loadConfig();
        GatewayConfig server = loaded.server();
        if (port != null || host != null) {
            if (port != null && (port < 0 || port > 65535)) {
                throw new CliException("--port must be 0-65535, was " + port, 2);
            }
            server = server.withListen(host != null ? host : server.host(), port != null ? port : server.port());
        }
        TrustgateConfig config = loaded.withServer(server);
        SqliteStore store = SqliteStore.open(state.dataDir());
        io.trustgate.api.audit.AuditSink audit;
        try {
            // a CLI command (keys create) may hold the log for a moment: wait for it rather than exit
            audit = config.audit().enabled()
                    ? io.trustgate.audit.AuditLog.open(
                            config.audit().logConfig(state.dataDir().resolve("audit")), AUDIT_LOCK_WAIT)
                    : io.trustgate.api.audit.AuditSink.discarding();
        } catch (io.trustgate.audit.AuditLog.Busy e) {
            store.close();
            throw new CliException("the audit log in " + state.dataDir().resolve("audit")
                    + " is held by another process (another gateway on this data directory?) and was not released"
                    + " within " + AUDIT_LOCK_WAIT.toSeconds() + "s");
        } catch (RuntimeException e) {
            store.close();
            throw new CliException(
                    "cannot open the audit log in " + state.dataDir().resolve("audit") + ": " + e.getMessage());
        }
        Gateway gateway;
        Traces traces = Traces.of(config.tracing());
        try {
            gateway = Wiring.gateway(
                    config,
                    store,
                    audit,
                    Clock.systemUTC(),
                    Wiring.telemetry(audit).withTracing(traces.tracing()),
                    new VoteFile(state.dataDir()));
            TrustWiring.install(gateway, config, state.configFile(), state.dataDir());
            gateway.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            traces.close();
            audit.close();
            store.close();
            Throwable c = e.getCause();
            throw new CliException("cannot listen on " + server.host() + ":" + server.port() + ": "
                    + (c.getMessage() == null ? c.toString() : c.getMessage()));
        }
        java.util.concurrent.ScheduledExecutorService retention = retention(config.audit(), audit, err);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            gateway.close();
                            if (retention != null) {
                                retention.shutdownNow();
                            }
                            audit.close(); // after the drain: the last requests' events are written first
                            store.close();
                            traces.close();
                            stopped.countDown();
                        },
                        "trustgate-shutdown"));
        err.println("Trustgate is listening on http://" + server.host() + ":" + gateway.port() + "/v1");
        err.println("  configuration: " + config.source() + "; data: "
                + state.dataDir().toAbsolutePath());
        if (config.audit().enabled()) {
            err.println("  audit: " + state.dataDir().resolve("audit").toAbsolutePath() + " (capture "
                    + ConfigValues.yamlName(config.audit().capture()) + ", ack "
                    + ConfigValues.yamlName(config.audit().ack()) + ")");
        } else {
            err.println("  WARNING: audit.enabled is false: requests are answered without an audit record.");
        }
        if (config.tracing().enabled()) {
            // The endpoint only: export headers may hold a credential.
            err.println("  tracing: OTLP/HTTP to " + config.tracing().otlpEndpoint() + " (service "
                    + config.tracing().serviceName() + ", sample ratio "
                    + config.tracing().sampleRatio() + ")");
        }
        for (ProviderConfig p : config.providers()) {
            if (p.kind() == ProviderConfig.Kind.SANDBOX) {
                err.println("  provider '" + p.name() + "' is the built-in SANDBOX, for trying and testing: its"
                        + " answers mean nothing (sandbox-echo repeats your last message).");
            }
        }
        if (store.list().isEmpty()) {
            err.println("  No API keys yet. Create one (it is printed once) with:");
            err.println("    " + keysCreateHint(state));
        }
        err.flush();
        stopped.await();
        return 0;
    }

    /**
     * The command that makes a key this gateway accepts: under its configuration (which declares the key's tier,
     * {@code server.default-tier}) and in its data directory. Each is named unless the command would find it by
     * itself ({@code ./trustgate.yaml}, {@code ./trustgate-data}), since {@code $TRUSTGATE_CONFIG} and
     * {@code $TRUSTGATE_DATA_DIR} may not be set in the shell that runs it.
     */
    static String keysCreateHint(StateOptions state) {
        StringBuilder b = new StringBuilder("./trustgate keys create --name my-first-key");
        state.configFile()
                .filter(f -> !f.equals(java.nio.file.Path.of("trustgate.yaml")))
                .ifPresent(f -> b.append(" --config ").append(shellWord(f.toString())));
        if (!state.dataDir().equals(java.nio.file.Path.of("trustgate-data"))) {
            b.append(" --data-dir ").append(shellWord(state.dataDir().toString()));
        }
        return b.toString();
    }

    /** {@code s} as one word of a POSIX shell command line: quoted when it holds anything but safe characters. */
    static String shellWord(String s) {
        return s.matches("[A-Za-z0-9_./:=@%+,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    /** Drops audit segments past the retention limits, now and every hour; null when nothing is to be dropped. */
    private static java.util.concurrent.ScheduledExecutorService retention(
            TrustgateConfig.AuditSettings settings, io.trustgate.api.audit.AuditSink sink, PrintWriter err) {
        if (!(sink instanceof io.trustgate.audit.AuditLog log)
                || (settings.retainFor().isZero() && settings.retainBytes() == 0)) {
            return null;
        }
        java.util.concurrent.ScheduledExecutorService ex =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r ->
                        Thread.ofPlatform().name("audit-retention").daemon(true).unstarted(r));
        ex.scheduleWithFixedDelay(
                () -> {
                    try {
                        int dropped = 0;
                        if (!settings.retainFor().isZero()) {
                            dropped += log.prune(java.time.Instant.now().minus(settings.retainFor()));
                        }
                        if (settings.retainBytes() > 0) {
                            dropped += log.pruneToSize(settings.retainBytes());
                        }
                        if (dropped > 0) {
                            org.slf4j.LoggerFactory.getLogger(ServeCommand.class)
                                    .info("audit retention dropped {} segment(s)", dropped);
                        }
                    } catch (RuntimeException e) {
                        org.slf4j.LoggerFactory.getLogger(ServeCommand.class)
                                .warn("audit retention failed: {}", e.toString());
                    }
                },
                0,
                1,
                TimeUnit.HOURS);
        return ex;
    }
}
