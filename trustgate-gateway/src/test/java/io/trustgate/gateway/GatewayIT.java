package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustgate.api.UsageRecord;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway against a fake OpenAI upstream on loopback: pass-through, streaming, resilience, cancellation. */
class GatewayIT {
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

    private GatewayHarness gateway(ProviderConfig p1, ProviderConfig p2) {
        h = new GatewayHarness()
                .provider(p1)
                .provider(p2)
                .model("main", p1.name(), "upstream-main", "backup")
                .model("backup", p2.name(), "upstream-backup")
                .start();
        return h;
    }

    private void twoUpstreams() {
        primary = new FakeOpenAiServer(vertx, "up-key-1");
        secondary = new FakeOpenAiServer(vertx, "up-key-2");
        gateway(GatewayHarness.openai("p1", primary, "up-key-1"), GatewayHarness.openai("p2", secondary, "up-key-2"));
    }

    private static String chat(String model, String text, boolean stream, boolean usage) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream
                + (usage ? ",\"stream_options\":{\"include_usage\":true}" : "")
                + ",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\""
                + text + "\"}]}";
    }

    @Test
    void passesChatThroughWithUpstreamModelAndCredential() throws Exception {
        twoUpstreams();
        String key = h.key("k");
        HttpResponse<String> r = h.post("/v1/chat/completions", key, chat("main", "hello world", false, false));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-request-id"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("req_"));
        JsonNode body = M.readTree(r.body());
        assertThat(body.path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("hello world");
        assertThat(primary.lastBody().path("model").asText()).isEqualTo("upstream-main");
        assertThat(primary.lastBody().path("messages").get(0).path("content").asText())
                .isEqualTo("Be brief.");
        h.gateway().usageRecorder().flush();
        List<UsageRecord> rec =
                h.store().usageOf(r.headers().firstValue("x-request-id").orElseThrow());
        assertThat(rec).singleElement().satisfies(u -> {
            assertThat(u.status()).isEqualTo(200);
            assertThat(u.modelServed()).isEqualTo("main");
            assertThat(u.usage().promptTokens()).isEqualTo(11);
            assertThat(u.usage().completionTokens()).isEqualTo(7);
            assertThat(u.costMicros()).isEqualTo(11 + 14);
        });
    }

    @Test
    void everyEventLoopServesOneSharedPortEvenWhenPortZeroWasAsked() {
        twoUpstreams();
        assertThat(h.gateway().instances()).isEqualTo(2 * Runtime.getRuntime().availableProcessors());
        assertThat(h.gateway().instancePorts()).containsExactly(h.gateway().port());
    }

    @Test
    void multiPartContentAndToolsPassThroughUntouched() throws Exception {
        twoUpstreams();
        String key = h.key("k");
        String body = "{\"model\":\"main\",\"n\":2,\"response_format\":{\"type\":\"json_object\"},"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"look\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AAAA\"}}]},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"42\"}],\"x_future_field\":{\"a\":1}}";
        HttpResponse<String> r = h.post("/v1/chat/completions", key, body);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode sent = primary.lastBody();
        JsonNode original = M.readTree(body);
        assertThat(sent.path("messages")).isEqualTo(original.path("messages"));
        assertThat(sent.path("tools")).isEqualTo(original.path("tools"));
        assertThat(sent.path("n").asInt()).isEqualTo(2);
        assertThat(sent.path("response_format")).isEqualTo(original.path("response_format"));
        assertThat(sent.path("x_future_field")).isEqualTo(original.path("x_future_field"));
    }

    @Test
    void streamsEventsAndDropsUsageChunkUnlessAsked() throws Exception {
        twoUpstreams();
        String key = h.key("k");
        HttpResponse<String> plain = h.post("/v1/chat/completions", key, chat("main", "one two three", true, false));
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(plain.body()).endsWith("data: [DONE]\n\n").doesNotContain("\"usage\":{");
        assertThat(contentOf(plain.body())).isEqualTo("one two three");
        assertThat(primary.lastBody()
                        .path("stream_options")
                        .path("include_usage")
                        .asBoolean())
                .isTrue();

        HttpResponse<String> withUsage = h.post("/v1/chat/completions", key, chat("main", "one two three", true, true));
        assertThat(withUsage.body()).contains("\"usage\":{\"prompt_tokens\":11").endsWith("data: [DONE]\n\n");
        h.gateway().usageRecorder().flush();
        List<UsageRecord> rec =
                h.store().usageOf(plain.headers().firstValue("x-request-id").orElseThrow());
        assertThat(rec.get(0).usage().completionTokens()).isEqualTo(7);
    }

    static String contentOf(String sse) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: {")) {
                JsonNode n = M.readTree(line.substring(6));
                for (JsonNode c : n.path("choices")) {
                    b.append(c.path("delta").path("content").asText(""));
                }
            }
        }
        return b.toString();
    }

    @Test
    void streamReachesClientBeforeUpstreamFinishes() throws Exception {
        twoUpstreams();
        primary.enqueue(new FakeOpenAiServer.Behavior.StallMidStream(1500));
        String key = h.key("k");
        HttpRequest req = HttpRequest.newBuilder(URI.create(h.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(chat("main", "alpha beta gamma", true, false)))
                .build();
        long t0 = System.nanoTime();
        HttpResponse<InputStream> r = h.http().send(req, HttpResponse.BodyHandlers.ofInputStream());
        byte[] first = new byte[64];
        int n = r.body().read(first);
        long firstMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(n).isPositive();
        assertThat(new String(first, 0, n, StandardCharsets.UTF_8)).startsWith("data: ");
        assertThat(firstMs)
                .as("first bytes arrive before the upstream's 1.5 s stall ends")
                .isLessThan(1200);
        String rest = new String(r.body().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(rest).endsWith("data: [DONE]\n\n");
    }

    @Test
    void stoppingTheGatewayLetsAStreamInFlightFinish() throws Exception {
        twoUpstreams();
        primary.enqueue(new FakeOpenAiServer.Behavior.StallMidStream(800));
        String key = h.key("k");
        HttpRequest req = HttpRequest.newBuilder(URI.create(h.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(chat("main", "still here at the end", true, false)))
                .build();
        HttpResponse<InputStream> r = h.http().send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.body().read()).isPositive(); // the stream has started
        Thread stopper = Thread.ofVirtual().start(() -> h.gateway().close());
        String rest = new String(r.body().readAllBytes(), StandardCharsets.UTF_8);
        stopper.join(15_000);
        assertThat(rest).endsWith("data: [DONE]\n\n");
        assertThat(h.gateway().ready()).isFalse();
    }

    @Test
    void retriesRetryableFailuresHonouringRetryAfter() throws Exception {
        twoUpstreams();
        primary.enqueue(new FakeOpenAiServer.Behavior.Status(500, 0), new FakeOpenAiServer.Behavior.Status(429, 1));
        String key = h.key("k");
        long t0 = System.nanoTime();
        HttpResponse<String> r = h.post("/v1/chat/completions", key, chat("main", "hi", false, false));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(primary.requests()).isEqualTo(3);
        assertThat(secondary.requests()).isZero();
        // Retry-After of 1 s is capped by retry-max-delay (200 ms in the harness) but is waited for up to that.
        assertThat(ms).isGreaterThanOrEqualTo(150);
    }

    @Test
    void fallsBackToNextModelWhenProviderKeepsFailing() throws Exception {
        twoUpstreams();
        primary.enqueue(
                new FakeOpenAiServer.Behavior.Status(503, 0),
                new FakeOpenAiServer.Behavior.Status(503, 0),
                new FakeOpenAiServer.Behavior.Status(503, 0));
        String key = h.key("k");
        HttpResponse<String> r = h.post("/v1/chat/completions", key, chat("main", "hi", true, false));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(primary.requests()).isEqualTo(3);
        assertThat(secondary.requests()).isEqualTo(1);
        assertThat(secondary.lastBody().path("model").asText()).isEqualTo("upstream-backup");
        assertThat(r.headers().firstValue("x-trustgate-model")).hasValue("backup");
        assertThat(r.headers().firstValue("x-trustgate-provider")).hasValue("p2");
        h.gateway().usageRecorder().flush();
        UsageRecord u = h.store()
                .usageOf(r.headers().firstValue("x-request-id").orElseThrow())
                .get(0);
        assertThat(u.modelRequested()).isEqualTo("main");
        assertThat(u.modelServed()).isEqualTo("backup");
        assertThat(u.attempts()).isEqualTo(4);
    }

    @Test
    void clientErrorsFromUpstreamAreNotRetriedNorFallenBack() throws Exception {
        twoUpstreams();
        primary.enqueue(new FakeOpenAiServer.Behavior.Status(400, 0));
        HttpResponse<String> r = h.post("/v1/chat/completions", h.key("k"), chat("main", "hi", false, false));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(M.readTree(r.body()).path("error").path("message").asText()).contains("Scripted failure 400");
        assertThat(primary.requests()).isEqualTo(1);
        assertThat(secondary.requests()).isZero();
    }

    @Test
    void openCircuitSkipsProviderWithoutCallingIt() throws Exception {
        twoUpstreams();
        String key = h.key("k");
        for (int i = 0; i < 3; i++) {
            primary.enqueue(new FakeOpenAiServer.Behavior.Status(500, 0));
        }
        h.post("/v1/chat/completions", key, chat("main", "hi", false, false)); // 3 failures open the breaker
        int before = primary.requests();
        HttpResponse<String> r = h.post("/v1/chat/completions", key, chat("main", "hi", false, false));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(primary.requests()).isEqualTo(before);
        assertThat(secondary.requests()).isEqualTo(2);
    }

    @Test
    void allProvidersFailingGives502WithOpenAiError() throws Exception {
        twoUpstreams();
        for (int i = 0; i < 3; i++) {
            primary.enqueue(new FakeOpenAiServer.Behavior.Status(500, 0));
            secondary.enqueue(new FakeOpenAiServer.Behavior.Status(502, 0));
        }
        HttpResponse<String> r = h.post("/v1/chat/completions", h.key("k"), chat("main", "hi", false, false));
        assertThat(r.statusCode()).isEqualTo(502);
        JsonNode e = M.readTree(r.body()).path("error");
        assertThat(e.path("type").asText()).isEqualTo("upstream_error");
        assertThat(e.has("param")).isTrue();
        assertThat(e.path("code").asText()).isEqualTo("upstream_error");
    }

    @Test
    void slowFirstByteTimesOutWith504() throws Exception {
        primary = new FakeOpenAiServer(vertx, "k1");
        secondary = new FakeOpenAiServer(vertx, "k2");
        ProviderConfig slow = GatewayHarness.withTimeouts(
                GatewayHarness.openai("p1", primary, "k1"), Duration.ofMillis(300), Duration.ofSeconds(10), 0);
        h = new GatewayHarness().provider(slow).model("main", "p1", "m").start();
        primary.enqueue(new FakeOpenAiServer.Behavior.SlowFirstByte(2000));
        long t0 = System.nanoTime();
        HttpResponse<String> r = h.post("/v1/chat/completions", h.key("k"), chat("main", "hi", false, false));
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1500);
        assertThat(M.readTree(r.body()).path("error").path("code").asText()).isEqualTo("upstream_timeout");
    }

    @Test
    void slowFirstByteFallsBackToNextModel() throws Exception {
        primary = new FakeOpenAiServer(vertx, "k1");
        secondary = new FakeOpenAiServer(vertx, "k2");
        ProviderConfig slow = GatewayHarness.withTimeouts(
                GatewayHarness.openai("p1", primary, "k1"), Duration.ofMillis(300), Duration.ofSeconds(10), 0);
        gateway(slow, GatewayHarness.openai("p2", secondary, "k2"));
        primary.enqueue(new FakeOpenAiServer.Behavior.SlowFirstByte(2000));
        HttpResponse<String> r = h.post("/v1/chat/completions", h.key("k"), chat("main", "hi", true, false));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).endsWith("data: [DONE]\n\n");
        assertThat(secondary.requests()).isEqualTo(1);
    }

    @Test
    void dropMidStreamEndsWithErrorEventAndNoMoreContent() throws Exception {
        twoUpstreams();
        primary.enqueue(new FakeOpenAiServer.Behavior.DropMidStream());
        HttpResponse<String> r = h.post("/v1/chat/completions", h.key("k"), chat("main", "a b c d e f", true, false));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("data: {\"error\":").doesNotContain("[DONE]");
        String last = r.body().strip();
        assertThat(last.substring(last.lastIndexOf("data: "))).startsWith("data: {\"error\":");
        assertThat(secondary.requests())
                .as("no fallback once bytes reached the client")
                .isZero();
    }

    @Test
    void clientDisconnectCancelsUpstream() throws Exception {
        twoUpstreams();
        primary.enqueue(new FakeOpenAiServer.Behavior.StallMidStream(3000));
        String key = h.key("k");
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", h.gateway().port())) {
            String body = chat("main", "x y z", true, false);
            String req = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key
                    + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.getBytes(StandardCharsets.UTF_8).length
                    + "\r\n\r\n" + body;
            s.getOutputStream().write(req.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            byte[] buf = new byte[256];
            assertThat(s.getInputStream().read(buf)).isPositive();
        }
        long deadline = System.currentTimeMillis() + 2000;
        while (primary.closedEarly() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(primary.closedEarly())
                .as("upstream saw its connection closed before the stream ended")
                .isEqualTo(1);
        h.gateway().usageRecorder().flush();
        assertThat(h.store().summarize(io.trustgate.api.UsageSummary.GroupBy.KEY, java.time.Instant.EPOCH))
                .singleElement()
                .satisfies(s -> assertThat(s.errors()).isEqualTo(1));
    }

    @Test
    void clientDisconnectCancelsANonStreamingUpstreamCallStillWaiting() throws Exception {
        twoUpstreams();
        primary.enqueue(new FakeOpenAiServer.Behavior.SlowFirstByte(1500));
        String key = h.key("k");
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", h.gateway().port())) {
            String body = chat("main", "x", false, false);
            String req = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key
                    + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
            s.getOutputStream().write(req.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            long deadline = System.currentTimeMillis() + 2000;
            while (primary.requests() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
        } // the client goes away while the upstream has not answered yet
        long deadline = System.currentTimeMillis() + 4000;
        while (primary.closedEarly() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(primary.closedEarly())
                .as("the upstream request was reset, not left running")
                .isEqualTo(1);
        assertThat(secondary.requests())
                .as("no fallback for a client that left")
                .isZero();
        h.gateway().usageRecorder().flush();
        assertThat(h.store().summarize(io.trustgate.api.UsageSummary.GroupBy.STATUS, java.time.Instant.EPOCH))
                .singleElement()
                .satisfies(u -> assertThat(u.group()).isEqualTo("499"));
    }

    @Test
    void embeddingsPassThrough() throws Exception {
        primary = new FakeOpenAiServer(vertx, "k1");
        h = new GatewayHarness()
                .provider(GatewayHarness.openai("p1", primary, "k1"))
                .embeddingModel("emb", "p1", "text-embedding-3-small")
                .start();
        HttpResponse<String> r = h.post("/v1/embeddings", h.key("k"), "{\"model\":\"emb\",\"input\":[\"a\",\"b\"]}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(M.readTree(r.body()).path("data")).hasSize(2);
        assertThat(primary.receivedPaths()).containsExactly("/v1/embeddings");
        assertThat(primary.lastBody().path("model").asText()).isEqualTo("text-embedding-3-small");
    }
}
