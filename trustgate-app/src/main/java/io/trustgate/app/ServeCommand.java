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
        TrustgateConfig config = new TrustgateConfig(
                loaded.source(),
                server,
                loaded.providers(),
                loaded.models(),
                loaded.tiers(),
                loaded.firewall(),
                loaded.tierFirewalls());
        SqliteStore store = SqliteStore.open(state.dataDir());
        io.trustgate.audit.AuditLog audit;
        try {
            audit = io.trustgate.audit.AuditLog.open(
                    io.trustgate.audit.AuditConfig.defaults(state.dataDir().resolve("audit"))
                            .withAck(io.trustgate.audit.AuditConfig.Ack.WRITTEN));
        } catch (RuntimeException e) {
            store.close();
            throw new CliException(
                    "cannot open the audit log in " + state.dataDir().resolve("audit") + ": " + e.getMessage());
        }
        Gateway gateway;
        try {
            gateway = Wiring.gateway(config, store, audit, Clock.systemUTC());
            gateway.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            audit.close();
            store.close();
            Throwable c = e.getCause();
            throw new CliException("cannot listen on " + server.host() + ":" + server.port() + ": "
                    + (c.getMessage() == null ? c.toString() : c.getMessage()));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            gateway.close();
                            audit.close(); // after the drain: the last requests' events are written first
                            store.close();
                            stopped.countDown();
                        },
                        "trustgate-shutdown"));
        err.println("Trustgate is listening on http://" + server.host() + ":" + gateway.port() + "/v1");
        err.println("  configuration: " + config.source() + "; data: "
                + state.dataDir().toAbsolutePath());
        for (ProviderConfig p : config.providers()) {
            if (p.kind() == ProviderConfig.Kind.SANDBOX) {
                err.println("  provider '" + p.name() + "' is the built-in SANDBOX, for trying and testing: its"
                        + " answers mean nothing (sandbox-echo repeats your last message).");
            }
        }
        if (store.list().isEmpty()) {
            err.println("  No API keys yet. Create one (it is printed once) with:");
            err.println("    ./trustgate keys create --name my-first-key"
                    + (state.dataDir != null ? " --data-dir " + state.dataDir : ""));
        }
        err.flush();
        stopped.await();
        return 0;
    }
}
