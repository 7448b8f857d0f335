package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How upstream failures reach the client, the records and the metrics, against fakes speaking the OpenAI and
 * Anthropic wire protocols: what of an upstream's error text a client may see, what counts as a failure, and when
 * a stream can still fall back. Regression tests of the fourth QA pass (the path to real providers).
 */
class UpstreamFailuresIT {
    static final ObjectMapper M = new ObjectMapper();
    /** Not a vendor format (an Azure-style key), so only the gateway's knowledge of its own key can hide it. */
    static final String OPENAI_KEY = "3f9a1c7e5b2d48f0a6c1e9b7d3f5a2c8";

    static Vertx vertx;
    FakeOpenAiServer openai;
    FakeOpenAiServer backup;
    FakeAnthropicServer claude;
    GatewayHarness h;
    String key;
    final io.micrometer.core.instrument.MeterRegistry registry =
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

    @BeforeAll
    static void vertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    @BeforeEach
    void start() throws Exception {
        openai = new FakeOpenAiServer(vertx, OPENAI_KEY);
        backup = new FakeOpenAiServer(vertx, "backup-key-123");
        claude = FakeAnthropicServer.start(vertx)
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        h = new GatewayHarness()
                .provider(GatewayHarness.openai("oa", openai, OPENAI_KEY))
                .provider(GatewayHarness.openai("backup", backup, "backup-key-123"))
                .provider(AnthropicGatewayIT.anthropic("an", claude))
                .model("gpt", "oa", "gpt-up")
                .model("gpt-fb", "oa", "gpt-up", "spare")
                .model("claude", "an", FakeAnthropicServer.MODEL)
                .model("claude-fb", "an", FakeAnthropicServer.MODEL, "spare")
                .provider(GatewayHarness.withTimeouts(
                        GatewayHarness.openai("slowoa", openai, OPENAI_KEY),
                        java.time.Duration.ofMillis(300),
                        java.time.Duration.ofSeconds(10),
                        0))
                .provider(GatewayHarness.upstream(
                        "deadp",
                        io.trustgate.gateway.ProviderConfig.Kind.OPENAI,
                        java.net.URI.create("http://127.0.0.1:" + closedPort() + "/v1"),
                        "dead-key-123",
                        ""))
                .provider(GatewayHarness.openai("badkey", openai, "wrong-key-456"))
                .model("gpt-badkey", "badkey", "gpt-up", "spare")
                .model("gpt-slow", "slowoa", "gpt-up")
                .model("dead", "deadp", "gpt-up")
                .provider(GatewayHarness.upstream(
                        "deadan",
                        io.trustgate.gateway.ProviderConfig.Kind.ANTHROPIC,
                        java.net.URI.create("http://127.0.0.1:" + closedPort()),
                        "sk-ant-dead-key-789",
                        "2023-06-01"))
                .model("deadclaude", "deadan", FakeAnthropicServer.MODEL)
                .model("spare", "backup", "spare-up")
                .embeddingModel("embed", "oa", "embed-up")
                .embeddingModel("claude-embed", "an", "embed-up")
                .telemetry(new GatewayMetrics.Telemetry(registry, () -> "# text"))
                .start();
        key = h.key("k");
    }

    /** A loopback port nothing listens on (bound, then closed), so that connecting is refused. */
    static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @AfterEach
    void tearDown() {
        h.close();
        openai.close();
        backup.close();
        claude.close();
    }

    static String chat(String model, String text, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\""
                + text + "\"}]}";
    }

    private HttpResponse<String> post(String body) {
        return h.post("/v1/chat/completions", key, body);
    }

    @Test
    void anOpenAiUpstreamQuotingTheGatewaysKeyInAnErrorNeverShowsItToTheClient() {
        openai.enqueue(new FakeOpenAiServer.Behavior.EchoCredential(400));
        HttpResponse<String> r = post(chat("gpt", "hi", false));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body())
                .contains("credentials used: Bearer " + Credentials.PLACEHOLDER)
                .doesNotContain(OPENAI_KEY);
    }

    @Test
    void anOpenAiStreamErrorEventQuotingTheKeyNeverShowsItToTheClient() {
        openai.enqueue(new FakeOpenAiServer.Behavior.Events(List.of(
                FakeOpenAiServer.chunk("gpt-up", "{\"role\":\"assistant\",\"content\":\"Hi\"}", null),
                "{\"error\":{\"message\":\"proxy: token Bearer " + OPENAI_KEY
                        + " expired\",\"type\":\"server_error\"}}")));
        HttpResponse<String> r = post(chat("gpt", "hi", true));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains("data: {\"error\":")
                .contains(Credentials.PLACEHOLDER)
                .doesNotContain(OPENAI_KEY);
    }

    @Test
    void anAnthropicUpstreamQuotingTheKeyNeverShowsItToTheClient() {
        claude.enqueue(new FakeAnthropicServer.Behaviour.Error(
                400, "invalid_request_error", "credentials used: " + FakeAnthropicServer.API_KEY, 0));
        HttpResponse<String> r = post(chat("claude", "hi", false));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains(Credentials.PLACEHOLDER).doesNotContain(FakeAnthropicServer.API_KEY);

        claude.enqueue(new FakeAnthropicServer.Behaviour.ErrorEventMidStream(
                "overloaded_error", "overloaded for key " + FakeAnthropicServer.API_KEY));
        HttpResponse<String> s = post(chat("claude", "hi", true));
        assertThat(s.body()).contains(Credentials.PLACEHOLDER).doesNotContain(FakeAnthropicServer.API_KEY);
    }

    @Test
    void anAnthropicErrorBodyInA200IsAnUpstreamFailureThatFallsBack() {
        claude.answerWith(new FakeAnthropicServer.Behaviour.ErrorIn200("overloaded_error", "Overloaded"));
        HttpResponse<String> alone = post(chat("claude", "hello", false));
        assertThat(alone.statusCode()).isEqualTo(502);
        assertThat(alone.body()).contains("Overloaded").doesNotContain("chat.completion");
        assertThat(claude.requests()).as("retried, as an overload is").isEqualTo(3);

        // the three failures opened the breaker: the fallback answers without another try of Claude
        HttpResponse<String> r = post(chat("claude-fb", "hello", false));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-trustgate-model")).hasValue("spare");
        assertThat(r.body()).contains("hello");
    }

    /** The sum of trustgate_upstream_errors_total over its series. */
    private double upstreamErrors() {
        return registry.find("trustgate.upstream.errors").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count)
                .sum();
    }

    @Test
    void aStreamThatFailsAfterItStartedCountsAsAnUpstreamErrorAndInTheUsageErrors() {
        java.time.Instant since = java.time.Instant.now().minusSeconds(60);
        openai.enqueue(new FakeOpenAiServer.Behavior.DropMidStream());
        HttpResponse<String> r = post(chat("gpt", "one two three four", true));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("data: {\"error\":");
        claude.enqueue(new FakeAnthropicServer.Behaviour.ErrorEventMidStream("overloaded_error", "Overloaded"));
        HttpResponse<String> s = post(chat("claude", "hi", true));
        assertThat(s.statusCode()).isEqualTo(200);
        assertThat(s.body()).contains("data: {\"error\":");

        assertThat(upstreamErrors()).isEqualTo(2.0);
        h.gateway().usageRecorder().flush();
        List<io.trustgate.api.UsageSummary> byStatus =
                h.store().summarize(io.trustgate.api.UsageSummary.GroupBy.STATUS, since);
        assertThat(byStatus).singleElement().satisfies(row -> {
            assertThat(row.group()).isEqualTo("200");
            assertThat(row.requests()).isEqualTo(2);
            assertThat(row.errors()).isEqualTo(2);
        });
    }

    @Test
    void anOverloadRightAfterMessageStartFallsBackAsNothingReachedTheClient() {
        claude.answerWith(new FakeAnthropicServer.Behaviour.ErrorEventAtStart("overloaded_error", "Overloaded"));
        HttpResponse<String> r = post(chat("claude-fb", "fallen back", true));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-trustgate-model")).hasValue("spare");
        assertThat(r.body()).contains("fallen").doesNotContain("error").endsWith("data: [DONE]\n\n");
        assertThat(r.body().split("\"role\"", -1))
                .as("one opening chunk, the fallback's")
                .hasSize(2);
        assertThat(backup.requests()).isEqualTo(1);
    }

    @Test
    void aResetAfterTheOpeningChunkIsRetriedAndTheClientGetsOneCleanAnswer() {
        openai.enqueue(new FakeOpenAiServer.Behavior.Events(List.of(
                FakeOpenAiServer.chunk("gpt-up", "{\"role\":\"assistant\",\"content\":\"\"}", null),
                "{\"error\":{\"message\":\"upstream reset\",\"type\":\"server_error\"}}")));
        HttpResponse<String> r = post(chat("gpt", "second try", true));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("second").doesNotContain("error").endsWith("data: [DONE]\n\n");
        assertThat(r.body().split("\"role\"", -1)).hasSize(2);
        assertThat(openai.requests()).isEqualTo(2);
    }

    @Test
    void theOpeningIsHeldOnlyUntilTheFirstContent() {
        HttpResponse<String> r = post(chat("gpt", "plain answer", true));
        assertThat(r.body())
                .startsWith("data: ")
                .contains("\"role\":\"assistant\"")
                .contains("plain");
        assertThat(StreamOpening.contentless("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
                        + "\"content\":\"\"},\"finish_reason\":null}]}"))
                .isTrue();
        assertThat(StreamOpening.contentless(
                        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}"))
                .isFalse();
        assertThat(StreamOpening.contentless("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[]}}]}"))
                .isFalse();
    }

    @Test
    void anAnthropicStreamCutBeforeItsFinalUsageIsChargedForWhatWasStreamed() {
        String words = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                + "fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree twentyfour";
        claude.enqueue(new FakeAnthropicServer.Behaviour.DropAfterText(words));
        HttpResponse<String> r = post(chat("claude", "hi", true));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("twentyfour").contains("data: {\"error\":");
        h.gateway().usageRecorder().flush();
        List<io.trustgate.api.UsageRecord> rec =
                h.store().usageOf(r.headers().firstValue("x-request-id").orElseThrow());
        assertThat(rec).singleElement().satisfies(u -> {
            assertThat(u.errorCode()).isEqualTo("upstream_error");
            // 24 deltas were streamed and billed; message_start's placeholder says 1
            assertThat(u.usage().completionTokens()).isGreaterThanOrEqualTo(24);
            assertThat(u.costMicros()).isGreaterThanOrEqualTo(u.usage().promptTokens() + 2 * 24);
        });
    }

    @Test
    void anEmbeddingsAnswerNamesTheModelAndProviderThatServedIt() {
        HttpResponse<String> r = h.post("/v1/embeddings", key, "{\"model\":\"embed\",\"input\":\"hello\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-trustgate-model")).hasValue("embed");
        assertThat(r.headers().firstValue("x-trustgate-provider")).hasValue("oa");
        assertThat(r.headers().firstValue("x-request-id")).isPresent();
    }

    @Test
    void aFailedEmbeddingsRequestCountsAsAnUpstreamError() {
        openai.enqueue(new FakeOpenAiServer.Behavior.Status(500, 0));
        HttpResponse<String> r = h.post("/v1/embeddings", key, "{\"model\":\"embed\",\"input\":\"hello\"}");
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(registry.find("trustgate.upstream.errors")
                        .tag("provider", "oa")
                        .counter())
                .isNotNull()
                .satisfies(c -> assertThat(c.count()).isEqualTo(1.0));
        // a provider that cannot serve embeddings refuses without calling its upstream: no upstream error
        HttpResponse<String> refused =
                h.post("/v1/embeddings", key, "{\"model\":\"claude-embed\",\"input\":\"hello\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(claude.requests()).isZero();
        assertThat(upstreamErrors()).isEqualTo(1.0);
    }

    /** The Upstream logger's events while {@code body} runs. */
    static List<ch.qos.logback.classic.spi.ILoggingEvent> upstreamLog(Runnable body) {
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(Upstream.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            body.run();
        } finally {
            logger.detachAppender(appender);
        }
        return List.copyOf(appender.list);
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String requestIdOf(ch.qos.logback.classic.spi.ILoggingEvent e) {
        return e.getKeyValuePairs() == null
                ? ""
                : e.getKeyValuePairs().stream()
                        .filter(kv -> kv.key.equals("request_id"))
                        .map(kv -> String.valueOf(kv.value))
                        .findFirst()
                        .orElse("");
    }

    @Test
    void anUpstreamWarningCarriesTheRequestId() {
        HttpResponse<String>[] r = new HttpResponse[1];
        List<ch.qos.logback.classic.spi.ILoggingEvent> log = upstreamLog(() -> r[0] = post(chat("dead", "hi", false)));
        assertThat(r[0].statusCode()).isEqualTo(502);
        String id = r[0].headers().firstValue("x-request-id").orElseThrow();
        assertThat(log)
                .filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                .hasSize(3) // the attempt and its two retries
                .allSatisfy(e -> assertThat(requestIdOf(e)).isEqualTo(id));
    }

    @Test
    void anAnthropicConnectionFailureIsLoggedAsAnOpenAiOneIs() {
        HttpResponse<String>[] r = new HttpResponse[1];
        String prompt = "the quarterly numbers for Initech";
        List<ch.qos.logback.classic.spi.ILoggingEvent> log =
                upstreamLog(() -> r[0] = post(chat("deadclaude", prompt, false)));
        assertThat(r[0].statusCode()).isEqualTo(502);
        assertThat(r[0].body()).contains("connection refused or unreachable").doesNotContain("127.0.0.1");
        String id = r[0].headers().firstValue("x-request-id").orElseThrow();
        assertThat(log)
                .filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                .hasSize(3) // the attempt and its two retries
                .allSatisfy(e -> {
                    assertThat(requestIdOf(e)).isEqualTo(id);
                    assertThat(e.getFormattedMessage())
                            .contains("'deadan' connection failed")
                            .contains("Exception")
                            .doesNotContain(prompt)
                            .doesNotContain("sk-ant-dead-key-789");
                });
    }

    @Test
    void anUpstreamBodyOverTheCapIsReportedAsSuchNotAsAReset() {
        String huge = "{\"pad\":\"" + "x".repeat(OpenAiProvider.MAX_BODY_BYTES) + "\"}";
        for (int i = 0; i < 3; i++) {
            openai.enqueue(new FakeOpenAiServer.Behavior.Body(huge));
        }
        HttpResponse<String>[] r = new HttpResponse[1];
        List<ch.qos.logback.classic.spi.ILoggingEvent> log = upstreamLog(() -> r[0] = post(chat("gpt", "hi", false)));
        assertThat(r[0].statusCode()).isEqualTo(502);
        assertThat(r[0].body())
                .contains("response larger than " + OpenAiProvider.MAX_BODY_BYTES + " bytes")
                .doesNotContain("StreamReset");
        assertThat(log).noneMatch(e -> e.getFormattedMessage().contains("StreamReset"));
    }

    @Test
    void aFirstByteTimeoutIsReportedAsATimeoutAndNotLoggedAsAConnectionFailure() {
        openai.enqueue(new FakeOpenAiServer.Behavior.SlowFirstByte(1500));
        HttpResponse<String>[] r = new HttpResponse[1];
        List<ch.qos.logback.classic.spi.ILoggingEvent> log = upstreamLog(() -> {
            r[0] = post(chat("gpt-slow", "hi", false));
            pause(500); // the reset's exception arrives after the answer: wait for it
        });
        assertThat(r[0].statusCode()).isEqualTo(504);
        assertThat(r[0].body()).contains("timed out").doesNotContain("StreamReset");
        assertThat(log).noneMatch(e -> e.getFormattedMessage().contains("StreamReset"));
    }

    @Test
    void anUpstream401IsNotRetriedOnTheSameProviderButFallsBack() {
        for (int i = 0; i < 3; i++) {
            openai.enqueue(new FakeOpenAiServer.Behavior.Status(401, 0));
        }
        HttpResponse<String> r = post(chat("gpt-badkey", "served elsewhere", false));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-trustgate-model")).hasValue("spare");
        assertThat(openai.requests()).as("the refused key is not tried again").isEqualTo(1);
        assertThat(registry.find("trustgate.upstream.errors")
                        .tag("code", UpstreamFailure.AUTH_FAILED)
                        .counter()
                        .count())
                .isEqualTo(1.0);

        openai.enqueue(new FakeOpenAiServer.Behavior.Status(403, 0));
        openai.enqueue(new FakeOpenAiServer.Behavior.Status(403, 0));
        HttpResponse<String> alone = post(chat("gpt", "hi", false));
        assertThat(alone.statusCode()).isEqualTo(502);
        assertThat(alone.body()).contains(UpstreamFailure.AUTH_FAILED);
        assertThat(openai.requests()).isEqualTo(2);
    }

    @Test
    void aTranslationRefusalIsNeitherAnUpstreamErrorNorAnAttempt() {
        HttpResponse<String> r =
                post("{\"model\":\"claude\",\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"param\":\"n\"");
        assertThat(claude.requests()).isZero();
        assertThat(upstreamErrors()).isZero();
        h.gateway().usageRecorder().flush();
        assertThat(h.store().usageOf(r.headers().firstValue("x-request-id").orElseThrow()))
                .singleElement()
                .satisfies(u -> assertThat(u.attempts()).isZero());
        assertThat(registry.find("trustgate.requests")
                        .tag("status", "400")
                        .tag("model", "-")
                        .counter())
                .isNotNull();
    }

    @Test
    void aRequestThatFailedAfterAttemptsKeepsItsModelInTheRequestsMetric() {
        HttpResponse<String> r = post(chat("dead", "hi", false));
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(registry.find("trustgate.requests")
                        .tag("status", "502")
                        .tag("model", "dead")
                        .tag("provider", "deadp")
                        .counter())
                .isNotNull()
                .satisfies(c -> assertThat(c.count()).isEqualTo(1.0));
    }

    @Test
    void anUpstream413ReachesTheClientAs413() {
        openai.enqueue(new FakeOpenAiServer.Behavior.Status(413, 0));
        HttpResponse<String> r = post(chat("gpt", "hi", false));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("\"code\":\"request_too_large\"").contains("invalid_request_error");
        assertThat(openai.requests()).as("not retried").isEqualTo(1);
    }
}
