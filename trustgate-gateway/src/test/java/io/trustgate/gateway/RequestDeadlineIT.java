package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustgate.api.UsageRecord;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code server.request-timeout}: one deadline over every attempt, retry backoff and fallback of a chat request
 * (QA pass 4 D11: with per-attempt timeouts only, hung upstreams held a request for minutes).
 */
class RequestDeadlineIT {
    static final ObjectMapper M = new ObjectMapper();
    static Vertx vertx;
    FakeOpenAiServer primary;
    FakeOpenAiServer secondary;
    GatewayHarness h;

    @BeforeAll
    static void vertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    @AfterEach
    void tearDown() {
        if (h != null) {
            h.close();
        }
        if (primary != null) {
            primary.close();
        }
        if (secondary != null) {
            secondary.close();
        }
    }

    /** Two upstreams, main falling back to backup; each with 2 s first-byte timeouts and 2 retries. */
    private void gateway(Duration requestTimeout, ProviderConfig p1, ProviderConfig p2) {
        h = new GatewayHarness()
                .config(GatewayConfig.defaults().withListen("127.0.0.1", 0).withRequestTimeout(requestTimeout))
                .provider(p1)
                .provider(p2)
                .model("main", p1.name(), "upstream-main", "backup")
                .model("backup", p2.name(), "upstream-backup")
                .start();
        warmUp();
    }

    /**
     * An upstream error and an ordinary answer first, so that timings do not include a cold start (tokenizer,
     * connections, JIT, the masker of upstream error messages).
     */
    private void warmUp() {
        primary.enqueue(new FakeOpenAiServer.Behavior.Status(400, 0));
        String key = h.key("warm");
        assertThat(h.post("/v1/chat/completions", key, chat("warm", false)).statusCode())
                .isEqualTo(400);
        assertThat(h.post("/v1/chat/completions", key, chat("warm", false)).statusCode())
                .isEqualTo(200);
    }

    private void twoUpstreams(Duration requestTimeout) {
        primary = new FakeOpenAiServer(vertx, "k1");
        secondary = new FakeOpenAiServer(vertx, "k2");
        gateway(
                requestTimeout,
                GatewayHarness.openai("p1", primary, "k1"),
                GatewayHarness.openai("p2", secondary, "k2"));
    }

    private static String chat(String text, boolean stream) {
        return "{\"model\":\"main\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + text
                + "\"}]}";
    }

    private List<UsageRecord> records(HttpResponse<String> r) {
        h.gateway().usageRecorder().flush();
        return h.store().usageOf(r.headers().firstValue("x-request-id").orElseThrow());
    }

    @Test
    void hungUpstreamsEndAtTheDeadlineWith504NotAfterEveryRetryAndFallback() throws Exception {
        twoUpstreams(Duration.ofMillis(600));
        // without a request deadline the first attempt would run into its 2 s first-byte timeout
        primary.enqueue(new FakeOpenAiServer.Behavior.SlowFirstByte(2500));
        long t0 = System.nanoTime();
        HttpResponse<String> r = h.post("/v1/chat/completions", h.key("k"), chat("hi", false));
        long tookMillis = (System.nanoTime() - t0) / 1_000_000;

        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(tookMillis).isBetween(550L, 1800L);
        JsonNode e = M.readTree(r.body()).path("error");
        assertThat(e.path("code").asText()).isEqualTo("request_timeout");
        assertThat(e.path("type").asText()).isEqualTo("upstream_error");
        assertThat(e.path("message").asText())
                .contains("server.request-timeout")
                .contains("deadline");
        assertThat(secondary.requests())
                .as("the deadline came before any fallback")
                .isZero();
        List<UsageRecord> rec = records(r);
        assertThat(rec).hasSize(1);
        assertThat(rec.get(0).status()).isEqualTo(504);
        assertThat(rec.get(0).errorCode()).isEqualTo("request_timeout");
        // the call in flight was cancelled: the fake sees its client gone when it finally answers
        long until = System.currentTimeMillis() + 4000;
        while (primary.closedEarly() == 0 && System.currentTimeMillis() < until) {
            Thread.sleep(50);
        }
        assertThat(primary.closedEarly()).isEqualTo(1);
    }

    @Test
    void theDeadlineSpansFallbacksAndCutsTheFallbacksOwnTimeoutsShort() throws Exception {
        primary = new FakeOpenAiServer(vertx, "k1");
        secondary = new FakeOpenAiServer(vertx, "k2");
        // the first model fails at once and is not retried; its fallback hangs past its own 2 s first-byte timeout
        ProviderConfig p1 = GatewayHarness.withTimeouts(
                GatewayHarness.openai("p1", primary, "k1"), Duration.ofSeconds(2), Duration.ofSeconds(10), 0);
        gateway(Duration.ofMillis(500), p1, GatewayHarness.openai("p2", secondary, "k2"));
        primary.enqueue(new FakeOpenAiServer.Behavior.Status(503, 0));
        secondary.enqueue(new FakeOpenAiServer.Behavior.SlowFirstByte(3000));
        long t0 = System.nanoTime();

        HttpResponse<String> r = h.post("/v1/chat/completions", h.key("k"), chat("hi", false));

        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(450L, 1500L);
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(M.readTree(r.body()).path("error").path("code").asText()).isEqualTo("request_timeout");
        assertThat(secondary.requests()).isEqualTo(1);
        assertThat(records(r)).singleElement().satisfies(u -> {
            assertThat(u.attempts()).isEqualTo(2);
            assertThat(u.status()).isEqualTo(504);
        });
    }

    @Test
    void aRetryWhoseBackoffOutlastsTheDeadlineEndsTheRequestAtOnce() throws Exception {
        primary = new FakeOpenAiServer(vertx, "k1");
        ProviderConfig base = GatewayHarness.openai("p1", primary, "k1");
        // backoff of the first retry: 0.5-1 s (full jitter of 1 s), more than the request has
        ProviderConfig slowRetries = new ProviderConfig(
                base.name(),
                base.kind(),
                base.baseUrl(),
                base.apiKey(),
                base.apiVersion(),
                base.headers(),
                base.connectTimeout(),
                base.firstByteTimeout(),
                base.totalTimeout(),
                base.idleTimeout(),
                2,
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                base.maxConnections(),
                base.breaker(),
                List.of());
        h = new GatewayHarness()
                .config(GatewayConfig.defaults().withListen("127.0.0.1", 0).withRequestTimeout(Duration.ofMillis(400)))
                .provider(slowRetries)
                .model("main", "p1", "upstream-main")
                .start();
        warmUp();
        primary.enqueue(new FakeOpenAiServer.Behavior.Status(503, 0));
        long t0 = System.nanoTime();

        HttpResponse<String> r = h.post("/v1/chat/completions", h.key("k"), chat("hi", false));

        assertThat((System.nanoTime() - t0) / 1_000_000)
                .as("no wait for a retry that cannot happen")
                .isLessThan(350);
        assertThat(r.statusCode()).isEqualTo(504);
        JsonNode e = M.readTree(r.body()).path("error");
        assertThat(e.path("code").asText()).isEqualTo("request_timeout");
        assertThat(e.path("message").asText()).contains("before the next retry").contains("503");
        assertThat(primary.requests()).as("the warm-up's two and one attempt").isEqualTo(3);
        assertThat(records(r))
                .singleElement()
                .satisfies(u -> assertThat(u.status()).isEqualTo(504));
    }

    @Test
    void aStreamStillRunningAtTheDeadlineEndsWithAnErrorEvent() throws Exception {
        twoUpstreams(Duration.ofMillis(600));
        // the first chunk, then nothing for 5 s (the provider's total timeout is 10 s)
        primary.enqueue(new FakeOpenAiServer.Behavior.StallMidStream(5000));
        long t0 = System.nanoTime();

        HttpResponse<String> r = h.post("/v1/chat/completions", h.key("k"), chat("a b c d", true));

        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(550L, 1800L);
        assertThat(r.statusCode()).isEqualTo(200);
        String last = r.body().strip();
        last = last.substring(last.lastIndexOf("data: ") + 6);
        JsonNode e = M.readTree(last).path("error");
        assertThat(e.path("code").asText()).isEqualTo("request_timeout");
        assertThat(r.body()).doesNotContain("[DONE]");
        assertThat(secondary.requests()).isZero();
        List<UsageRecord> rec = records(r);
        assertThat(rec).hasSize(1);
        assertThat(rec.get(0).status()).isEqualTo(200);
        assertThat(rec.get(0).errorCode()).isEqualTo("request_timeout");
    }

    @Test
    void aRequestWellWithinItsDeadlineIsUntouched() throws Exception {
        twoUpstreams(Duration.ofMillis(1500));
        primary.enqueue(new FakeOpenAiServer.Behavior.Status(503, 0));

        HttpResponse<String> r = h.post("/v1/chat/completions", h.key("k"), chat("hi there", true));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).endsWith("data: [DONE]\n\n");
        // and the deadline's timer does not fire later on a settled request: still one record
        Thread.sleep(1700);
        assertThat(records(r))
                .singleElement()
                .satisfies(u -> assertThat(u.errorCode()).isEmpty());
    }
}
