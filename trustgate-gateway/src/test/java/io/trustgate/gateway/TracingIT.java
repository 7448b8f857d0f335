package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OpenTelemetry traces of the gateway against fake OpenAI upstreams, exported to the SDK's in-memory exporter. */
class TracingIT {
    static final String PROMPT = "zebra-quartz-prompt-4711";
    static Vertx vertx;
    FakeOpenAiServer primary;
    FakeOpenAiServer secondary;
    GatewayHarness h;
    InMemorySpanExporter spans;
    OpenTelemetrySdk sdk;

    @BeforeAll
    static void vertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    @BeforeEach
    void sdk() {
        spans = InMemorySpanExporter.create();
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans))
                        .build())
                .build();
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
        sdk.close();
    }

    private void twoUpstreams(Tracing tracing) {
        primary = new FakeOpenAiServer(vertx, "up-key-1");
        secondary = new FakeOpenAiServer(vertx, "up-key-2");
        ProviderConfig p1 = GatewayHarness.openai("p1", primary, "up-key-1");
        ProviderConfig p2 = GatewayHarness.openai("p2", secondary, "up-key-2");
        h = new GatewayHarness()
                .telemetry(GatewayMetrics.Telemetry.inMemory().withTracing(tracing))
                .provider(p1)
                .provider(p2)
                .model("main", p1.name(), "upstream-main", "backup")
                .model("backup", p2.name(), "upstream-backup")
                .start();
    }

    private static String chat(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream
                + (stream ? ",\"stream_options\":{\"include_usage\":true}" : "")
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}";
    }

    /** Waits for {@code n} finished spans (the server span ends as the response's last bytes go out). */
    private List<SpanData> awaitSpans(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (spans.getFinishedSpanItems().size() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        List<SpanData> all = spans.getFinishedSpanItems();
        assertThat(all).hasSize(n);
        return all;
    }

    private static SpanData server(List<SpanData> all) {
        return all.stream()
                .filter(s -> s.getKind() == SpanKind.SERVER)
                .findFirst()
                .orElseThrow();
    }

    private static List<SpanData> clients(List<SpanData> all) {
        return all.stream()
                .filter(s -> s.getKind() == SpanKind.CLIENT)
                .sorted(Comparator.comparingLong(s -> s.getAttributes().get(Tracing.ATTEMPT)))
                .toList();
    }

    private static String traceparent(SpanData s) {
        return "00-" + s.getTraceId() + "-" + s.getSpanId() + "-"
                + s.getSpanContext().getTraceFlags().asHex();
    }

    @Test
    void oneServerSpanPerRequestAndOneClientSpanPerUpstreamCallWithTraceparentSentUpstream() throws Exception {
        twoUpstreams(Tracing.of(sdk));
        String key = h.key("k");
        HttpResponse<String> r = h.post("/v1/chat/completions", key, chat("main", false));
        assertThat(r.statusCode()).isEqualTo(200);

        List<SpanData> all = awaitSpans(2);
        SpanData server = server(all);
        SpanData client = clients(all).get(0);
        assertThat(server.getName()).isEqualTo("POST /v1/chat/completions");
        assertThat(server.getParentSpanContext().isValid()).isFalse();
        assertThat(server.getAttributes().get(Tracing.HTTP_METHOD)).isEqualTo("POST");
        assertThat(server.getAttributes().get(Tracing.URL_PATH)).isEqualTo("/v1/chat/completions");
        assertThat(server.getAttributes().get(Tracing.HTTP_STATUS)).isEqualTo(200L);
        assertThat(server.getAttributes().get(Tracing.REQUEST_ID))
                .isEqualTo(r.headers().firstValue("x-request-id").orElseThrow());
        assertThat(server.getAttributes().get(Tracing.REQUEST_MODEL)).isEqualTo("main");
        assertThat(server.getAttributes().get(Tracing.RESPONSE_MODEL)).isEqualTo("main");
        assertThat(server.getAttributes().get(Tracing.INPUT_TOKENS)).isPositive();
        assertThat(server.getAttributes().get(Tracing.OUTPUT_TOKENS)).isPositive();
        assertThat(server.getAttributes().get(Tracing.TIER)).isEqualTo("default");
        assertThat(server.getAttributes().get(Tracing.FINDINGS)).isZero();
        assertThat(server.getAttributes().get(Tracing.ERROR_TYPE)).isNull();

        assertThat(client.getName()).isEqualTo("chat upstream-main");
        assertThat(client.getTraceId()).isEqualTo(server.getTraceId());
        assertThat(client.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(client.getAttributes().get(Tracing.SYSTEM)).isEqualTo("openai");
        assertThat(client.getAttributes().get(Tracing.PROVIDER)).isEqualTo("p1");
        assertThat(client.getAttributes().get(Tracing.SERVER_ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(client.getAttributes().get(Tracing.SERVER_PORT)).isEqualTo((long) primary.port());
        assertThat(client.getAttributes().get(Tracing.ATTEMPT)).isEqualTo(1L);
        assertThat(client.getAttributes().get(Tracing.OUTCOME)).isEqualTo("ok");
        assertThat(primary.lastHeaders()).containsEntry("traceparent", traceparent(client));
    }

    @Test
    void retriesAndFallbacksAreSeparateClientSpansEachWithItsOwnTraceparent() throws Exception {
        twoUpstreams(Tracing.of(sdk));
        primary.enqueue(
                new FakeOpenAiServer.Behavior.Status(503, 0),
                new FakeOpenAiServer.Behavior.Status(500, 0),
                new FakeOpenAiServer.Behavior.Status(503, 0));
        String key = h.key("k");
        HttpResponse<String> r = h.post("/v1/chat/completions", key, chat("main", false));
        assertThat(r.statusCode()).isEqualTo(200);

        List<SpanData> all = awaitSpans(5);
        SpanData server = server(all);
        List<SpanData> attempts = clients(all);
        assertThat(attempts).hasSize(4);
        assertThat(attempts).allSatisfy(a -> {
            assertThat(a.getTraceId()).isEqualTo(server.getTraceId());
            assertThat(a.getParentSpanId()).isEqualTo(server.getSpanId());
        });
        assertThat(attempts)
                .extracting(a -> a.getAttributes().get(Tracing.OUTCOME))
                .containsExactly("retry", "retry", "fallback", "ok");
        assertThat(attempts)
                .extracting(a -> a.getAttributes().get(Tracing.PROVIDER))
                .containsExactly("p1", "p1", "p1", "p2");
        assertThat(attempts.get(0).getAttributes().get(Tracing.ERROR_TYPE)).isNotBlank();
        assertThat(attempts).extracting(SpanData::getSpanId).doesNotHaveDuplicates();
        assertThat(primary.receivedHeaders())
                .extracting(hd -> hd.get("traceparent"))
                .containsExactly(
                        traceparent(attempts.get(0)), traceparent(attempts.get(1)), traceparent(attempts.get(2)));
        assertThat(secondary.lastHeaders()).containsEntry("traceparent", traceparent(attempts.get(3)));
        assertThat(server.getAttributes().get(Tracing.RESPONSE_MODEL)).isEqualTo("backup");
        assertThat(server.getAttributes().get(Tracing.PROVIDER)).isEqualTo("p2");
    }

    @Test
    void continuesTheCallersTraceparent() throws Exception {
        twoUpstreams(Tracing.of(sdk));
        String key = h.key("k");
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String parentId = "b7ad6b7169203331";
        HttpResponse<String> r = h.send(HttpRequest.newBuilder(URI.create(h.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + key)
                .header("content-type", "application/json")
                .header("traceparent", "00-" + traceId + "-" + parentId + "-01")
                .POST(HttpRequest.BodyPublishers.ofString(chat("main", false)))
                .build());
        assertThat(r.statusCode()).isEqualTo(200);

        List<SpanData> all = awaitSpans(2);
        SpanData server = server(all);
        assertThat(server.getTraceId()).isEqualTo(traceId);
        assertThat(server.getParentSpanId()).isEqualTo(parentId);
        assertThat(server.getParentSpanContext().isRemote()).isTrue();
        assertThat(primary.lastHeaders().get("traceparent")).startsWith("00-" + traceId + "-");
    }

    @Test
    void aStreamsRequestSpanEndsWhenTheStreamEnds() throws Exception {
        twoUpstreams(Tracing.of(sdk));
        String key = h.key("k");
        HttpResponse<String> r = h.post("/v1/chat/completions", key, chat("main", true));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("[DONE]");

        List<SpanData> all = awaitSpans(2);
        SpanData server = server(all);
        SpanData client = clients(all).get(0);
        assertThat(server.getEndEpochNanos()).isGreaterThanOrEqualTo(client.getEndEpochNanos());
        assertThat(server.getAttributes().get(Tracing.HTTP_STATUS)).isEqualTo(200L);
        assertThat(server.getAttributes().get(Tracing.OUTPUT_TOKENS)).isPositive();
        assertThat(client.getAttributes().get(Tracing.OUTCOME)).isEqualTo("ok");
    }

    @Test
    void refusedRequestsCarryTheirErrorType() throws Exception {
        twoUpstreams(Tracing.of(sdk));
        String key = h.key("k");
        HttpResponse<String> r = h.post("/v1/chat/completions", key, chat("no-such-model", false));
        assertThat(r.statusCode()).isEqualTo(404);
        HttpResponse<String> unauthorized = h.post("/v1/chat/completions", "sk-wrong", chat("main", false));
        assertThat(unauthorized.statusCode()).isEqualTo(401);

        List<SpanData> all = awaitSpans(2);
        assertThat(all).allSatisfy(s -> assertThat(s.getKind()).isEqualTo(SpanKind.SERVER));
        assertThat(all)
                .extracting(s -> s.getAttributes().get(Tracing.ERROR_TYPE))
                .containsExactlyInAnyOrder("model_not_found", "invalid_api_key");
        assertThat(all)
                .extracting(s -> s.getAttributes().get(Tracing.HTTP_STATUS))
                .containsExactlyInAnyOrder(404L, 401L);
    }

    @Test
    void noSpanAttributeHoldsPromptTextOrAKey() throws Exception {
        twoUpstreams(Tracing.of(sdk));
        String key = h.key("k");
        h.post("/v1/chat/completions", key, chat("main", false));
        h.post("/v1/chat/completions", key, chat("main", true));
        h.post("/v1/embeddings", key, "{\"model\":\"main\",\"input\":\"" + PROMPT + "\"}");

        List<SpanData> all = awaitSpans(5);
        for (SpanData s : all) {
            for (Map.Entry<AttributeKey<?>, Object> a :
                    s.getAttributes().asMap().entrySet()) {
                String v = String.valueOf(a.getValue());
                assertThat(v)
                        .as(s.getName() + " " + a.getKey())
                        .doesNotContain(PROMPT)
                        .doesNotContain(key)
                        .doesNotContain("up-key-1")
                        .doesNotContain("up-key-2");
            }
            assertThat(s.getName()).doesNotContain(PROMPT);
            assertThat(s.getEvents()).isEmpty();
        }
    }

    @Test
    void whenOffNoTraceparentGoesUpstream() throws Exception {
        twoUpstreams(Tracing.off());
        String key = h.key("k");
        HttpResponse<String> r = h.post("/v1/chat/completions", key, chat("main", false));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(primary.lastHeaders()).doesNotContainKey("traceparent");
        assertThat(spans.getFinishedSpanItems()).isEmpty();
    }
}
