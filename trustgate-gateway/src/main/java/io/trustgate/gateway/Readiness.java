package io.trustgate.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@code GET /readyz} checks: the gateway has started, its store answers, its audit log can take events, and its
 * providers can be reached (a TCP connection to each upstream, at most every 10 s per provider, and the circuit
 * breaker's state). Ready (200) needs the store, the audit log and at least one reachable provider: one upstream
 * down is what fallbacks are for, and failing every replica over it would turn a partial outage into a full one.
 * The body names each check's result, never a key or an address's credentials.
 */
final class Readiness {
    private static final long PROBE_EVERY_NANOS = 10_000_000_000L;

    private record Probe(long at, String result) {}

    private final Gateway gw;
    private final NetClient net;
    private final Map<String, Probe> probes = new ConcurrentHashMap<>();

    Readiness(Gateway gw, Vertx vertx) {
        this.gw = gw;
        this.net = vertx.createNetClient(new NetClientOptions().setConnectTimeout(1000));
    }

    /** The checks' results, and whether they add up to ready. */
    record Report(boolean ready, ObjectNode body) {}

    Future<Report> check() {
        Future<String> store = gw.vertx()
                .executeBlocking(
                        () -> {
                            gw.keysVersion();
                            return "ok";
                        },
                        false)
                .recover(e -> Future.succeededFuture("failing: " + e.getClass().getSimpleName()));
        String audit = gw.audit.healthy() ? "ok" : "failing";
        Map<String, Future<String>> providers = new LinkedHashMap<>();
        for (ProviderConfig pc : gw.providerConfigs.values()) {
            providers.put(pc.name(), provider(pc));
        }
        List<Future<String>> all = new ArrayList<>(providers.values());
        all.add(store);
        return Future.join(all).transform(ignored -> {
            ObjectNode body = Json.MAPPER.createObjectNode();
            ObjectNode checks = body.putObject("checks");
            checks.put("started", gw.ready() ? "ok" : "starting");
            checks.put("store", store.result());
            checks.put("audit", audit);
            ObjectNode ps = checks.putObject("providers");
            boolean anyProvider = false;
            for (Map.Entry<String, Future<String>> e : providers.entrySet()) {
                ps.put(e.getKey(), e.getValue().result());
                anyProvider |= e.getValue().result().equals("ok");
            }
            boolean ready = gw.ready()
                    && store.result().equals("ok")
                    && audit.equals("ok")
                    && (anyProvider || providers.isEmpty());
            body.put("status", ready ? "ready" : "not_ready");
            return Future.succeededFuture(new Report(ready, body));
        });
    }

    private Future<String> provider(ProviderConfig pc) {
        CircuitBreaker b = gw.breakers.get(pc.name());
        if (b != null && b.state() == CircuitBreaker.State.OPEN) {
            return Future.succeededFuture("circuit_open");
        }
        URI u = pc.baseUrl();
        if (u.getHost() == null) {
            return Future.succeededFuture("ok"); // the built-in sandbox: nothing to reach
        }
        Probe last = probes.get(pc.name());
        long now = System.nanoTime();
        if (last != null && now - last.at() < PROBE_EVERY_NANOS) {
            return Future.succeededFuture(last.result());
        }
        int port = u.getPort() > 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
        return net.connect(port, u.getHost())
                .map(socket -> {
                    socket.close();
                    return "ok";
                })
                .recover(e -> Future.succeededFuture("unreachable"))
                .onSuccess(r -> probes.put(pc.name(), new Probe(System.nanoTime(), r)));
    }
}
