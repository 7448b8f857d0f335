package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustgate.api.UsageRecord;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code providers.NAME.idle-timeout}: the longest gap between two upstream stream chunks after the first (QA pass 4
 * D11: a stream that stalled after its first chunk held the client until total-timeout, 10 minutes by default).
 */
class StreamIdleTimeoutIT {
    static final ObjectMapper M = new ObjectMapper();
    static final Duration IDLE = Duration.ofMillis(300);
    static Vertx vertx;
    FakeOpenAiServer primary;
    FakeOpenAiServer secondary;
    FakeAnthropicServer claude;
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
        if (claude != null) {
            claude.close();
        }
    }

    /** main (p1, idle-timeout 300 ms, total-timeout 10 s) falling back to backup (p2). */
    private void twoUpstreams() {
        primary = new FakeOpenAiServer(vertx, "k1");
        secondary = new FakeOpenAiServer(vertx, "k2");
        ProviderConfig p1 = GatewayHarness.withIdleTimeout(GatewayHarness.openai("p1", primary, "k1"), IDLE);
        h = new GatewayHarness()
                .provider(p1)
                .provider(GatewayHarness.openai("p2", secondary, "k2"))
                .model("main", "p1", "upstream-main", "backup")
                .model("backup", "p2", "upstream-backup")
                .start();
        // warm: timings below should not include a cold start
        assertThat(h.post("/v1/chat/completions", h.key("warm"), chat("main", "warm"))
                        .statusCode())
                .isEqualTo(200);
    }

    private static String chat(String model, String text) {
        return "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + text
                + "\"}]}";
    }

    private static JsonNode lastEventError(String body) throws Exception {
        String last = body.strip();
        return M.readTree(last.substring(last.lastIndexOf("data: ") + 6)).path("error");
    }

    private UsageRecord record(HttpResponse<String> r) {
        h.gateway().usageRecorder().flush();
        List<UsageRecord> rec =
                h.store().usageOf(r.headers().firstValue("x-request-id").orElseThrow());
        assertThat(rec).hasSize(1);
        return rec.getFirst();
    }

    @Test
    void aStreamThatStallsAfterContentReachedTheClientEndsWithAnIdleTimeoutErrorEvent() throws Exception {
        twoUpstreams();
        primary.enqueue(new FakeOpenAiServer.Behavior.StallMidStream(5000)); // role chunk, one word, then 5 s
        long t0 = System.nanoTime();

        HttpResponse<String> r = h.post("/v1/chat/completions", h.key("k"), chat("main", "a b c d"));

        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(250L, 2000L);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"content\":\"a \"").doesNotContain("[DONE]");
        JsonNode e = lastEventError(r.body());
        assertThat(e.path("code").asText()).isEqualTo("upstream_timeout");
        assertThat(e.path("message").asText()).contains("idle-timeout");
        assertThat(secondary.requests())
                .as("no fallback once bytes reached the client")
                .isZero();
        UsageRecord u = record(r);
        assertThat(u.status()).isEqualTo(200);
        assertThat(u.errorCode()).isEqualTo("upstream_timeout");
        long until = System.currentTimeMillis() + 3000;
        while (primary.closedEarly() == 0 && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        assertThat(primary.closedEarly())
                .as("the stalled upstream call is reset")
                .isEqualTo(1);
    }

    @Test
    void aStreamThatStallsBeforeAnyContentIsRetried() throws Exception {
        twoUpstreams();
        // only the role chunk (held back by the gateway), then 5 s of nothing; the retry answers normally
        primary.enqueue(new FakeOpenAiServer.Behavior.StallAfter(1, 5000));
        long t0 = System.nanoTime();

        HttpResponse<String> r = h.post("/v1/chat/completions", h.key("k"), chat("main", "x y"));

        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2000L);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).endsWith("data: [DONE]\n\n");
        assertThat(primary.requests())
                .as("warm-up, the stalled attempt and its retry")
                .isEqualTo(3);
        assertThat(record(r).attempts()).isEqualTo(2);
    }

    @Test
    void gapsShorterThanTheIdleTimeoutDoNotEndAStream() throws Exception {
        twoUpstreams();
        primary.chunkDelay(120); // 8 events 120 ms apart: about 1 s in all, more than the idle timeout
        HttpResponse<String> r = h.post("/v1/chat/completions", h.key("k"), chat("main", "one two three four five"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("five").endsWith("data: [DONE]\n\n");
        assertThat(record(r).errorCode()).isEmpty();
    }

    @Test
    void anAnthropicStreamThatHangsEndsWithAnIdleTimeoutErrorEvent() throws Exception {
        claude = FakeAnthropicServer.start(vertx)
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        ProviderConfig anthropic =
                GatewayHarness.withIdleTimeout(AnthropicGatewayIT.anthropic("anthropic", claude), IDLE);
        h = new GatewayHarness()
                .provider(anthropic)
                .model("claude", "anthropic", FakeAnthropicServer.MODEL)
                .start();
        claude.enqueue(new FakeAnthropicServer.Behaviour.Hang()); // the start and one word, then nothing, ever
        long t0 = System.nanoTime();

        HttpResponse<String> r = h.post("/v1/chat/completions", h.key("k"), chat("claude", "hello"));

        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3000L);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Waiting").doesNotContain("[DONE]");
        JsonNode e = lastEventError(r.body());
        assertThat(e.path("code").asText()).isEqualTo("upstream_timeout");
        assertThat(e.path("message").asText()).contains("idle-timeout");
        assertThat(record(r).errorCode()).isEqualTo("upstream_timeout");
    }
}
