package io.trustgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 4's durability promise, end to end with the packaged application: requests are sent while the gateway is
 * killed with SIGKILL; after a restart, every request that received a response has its audit event, and the log
 * still verifies.
 */
class AuditKillGatewayIT extends PackagedApp {
    @Test
    void everyAnsweredRequestHasItsAuditEventAfterKillMinusNine() throws Exception {
        int port = serve();
        Run created = run("keys", "create", "--name", "kill", "--data-dir", dir.toString());
        String key = created.out().strip();
        ConcurrentLinkedQueue<String> answered = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int worker = t;
            running.add(pool.submit(() -> {
                for (int i = 0; i < 10_000 && !Thread.currentThread().isInterrupted(); i++) {
                    boolean stream = (i + worker) % 3 == 0;
                    try {
                        HttpResponse<String> r = http.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                                        .header("authorization", "Bearer " + key)
                                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"sandbox-echo\","
                                                + "\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\","
                                                + "\"content\":\"request " + worker + "-" + i + "\"}]}"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        boolean complete =
                                r.statusCode() == 200 && (!stream || r.body().contains("data: [DONE]"));
                        if (complete) {
                            answered.add(r.headers().firstValue("x-request-id").orElseThrow());
                        }
                    } catch (Exception connectionGone) {
                        return; // the gateway was killed
                    }
                }
            }));
        }
        long deadline = System.currentTimeMillis() + 20_000;
        while (answered.size() < 300 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        server.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        List<String> ids = List.copyOf(answered);
        assertThat(ids).hasSizeGreaterThan(50);

        // Restart (the log recovers a torn tail on open), then stop it in order and read the log.
        serve();
        server.destroy();
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
        Run verify = run("audit", "verify", "--data-dir", dir.toString());
        assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
        java.util.Set<String> logged = new java.util.HashSet<>();
        for (io.trustgate.audit.AuditRecord rec : io.trustgate.audit.AuditReader.query(
                dir.resolve("audit"), io.trustgate.audit.AuditReader.Query.all())) {
            logged.add(rec.event().requestId());
        }
        List<String> missing = ids.stream().filter(id -> !logged.contains(id)).toList();
        assertThat(missing).as("answered requests without an audit event").isEmpty();
    }
}
