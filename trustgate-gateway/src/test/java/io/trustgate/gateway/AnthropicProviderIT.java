package io.trustgate.gateway;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.api.ErrorKind;
import io.trustgate.api.Secret;
import io.trustgate.api.TrustgateException;
import io.trustgate.api.Usage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Drives {@link AnthropicProvider} against {@link FakeAnthropicServer} over loopback. */
class AnthropicProviderIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Vertx vertx;
    private static Context context;
    private static FakeAnthropicServer server;
    private static AnthropicProvider provider;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        server = await(() -> FakeAnthropicServer.start(vertx));
        provider = new AnthropicProvider(
                vertx, config(server.baseUrl(), FakeAnthropicServer.API_KEY, Duration.ofSeconds(5)));
    }

    @AfterAll
    static void stop() throws Exception {
        await(() -> provider.close());
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(5, SECONDS);
    }

    static ProviderConfig config(URI baseUrl, String key, Duration firstByte) {
        return new ProviderConfig(
                "claude",
                ProviderConfig.Kind.ANTHROPIC,
                baseUrl,
                Secret.of(key),
                "2023-06-01",
                Map.of("anthropic-beta", "fake-beta"),
                Duration.ofSeconds(2),
                firstByte,
                Duration.ofMinutes(1),
                Duration.ofSeconds(30),
                0,
                Duration.ofMillis(100),
                Duration.ofSeconds(1),
                4,
                ProviderConfig.BreakerConfig.DEFAULT,
                List.of());
    }

    /** Runs an action on the event loop, as the gateway does, and waits for its result. */
    static <T> T await(Supplier<Future<T>> action) throws Exception {
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> action.get().onComplete(promise));
        return promise.future().toCompletionStage().toCompletableFuture().get(10, SECONDS);
    }

    static Throwable failure(Supplier<Future<?>> action) throws Exception {
        Promise<Object> promise = Promise.promise();
        context.runOnContext(
                v -> action.get().onComplete(ar -> promise.complete(ar.failed() ? ar.cause() : ar.result())));
        Object outcome =
                promise.future().toCompletionStage().toCompletableFuture().get(10, SECONDS);
        assertThat(outcome).isInstanceOf(Throwable.class);
        return (Throwable) outcome;
    }

    static ChatCall call(boolean stream, boolean includeUsage) {
        return call("""
                {"model":"claude-fake-1","messages":[
                  {"role":"system","content":"Be brief."},
                  {"role":"user","content":"Say hello"}]}""", stream, includeUsage);
    }

    static ChatCall call(String body, boolean stream, boolean includeUsage) {
        try {
            return new ChatCall("req-it-1", (ObjectNode) JSON.readTree(body), stream, includeUsage, Long.MAX_VALUE);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** What a consumed stream delivered. */
    record Consumed(String sse, Usage usage, Throwable failure) {
        List<JsonNode> chunks() throws Exception {
            List<JsonNode> out = new ArrayList<>();
            for (String data : dataLines()) {
                if (!data.equals("[DONE]")) {
                    out.add(JSON.readTree(data));
                }
            }
            return out;
        }

        List<String> dataLines() {
            List<String> out = new ArrayList<>();
            for (String event : sse.split("\n\n")) {
                if (!event.isEmpty()) {
                    assertThat(event).startsWith("data: ");
                    out.add(event.substring("data: ".length()));
                }
            }
            return out;
        }
    }

    /** Starts a streaming call and consumes it on the event loop. */
    static Consumed stream(ChatCall call) throws Exception {
        CompletableFuture<Consumed> done = new CompletableFuture<>();
        context.runOnContext(v -> provider.chat(call).onComplete(ar -> {
            if (ar.failed()) {
                done.completeExceptionally(ar.cause());
                return;
            }
            ChatStream s = ((ChatResponse.Streaming) ar.result()).stream();
            Buffer all = Buffer.buffer();
            s.endHandler(u -> done.complete(new Consumed(all.toString(StandardCharsets.UTF_8), u, null)));
            s.exceptionHandler(t -> done.complete(new Consumed(all.toString(StandardCharsets.UTF_8), null, t)));
            s.handler(all::appendBuffer);
        }));
        return done.get(10, SECONDS);
    }

    @Test
    void answersATextRequestWithAChatCompletion() throws Exception {
        server.answerWith(new FakeAnthropicServer.Behaviour.Text("Hello there, friend.", "end_turn"));
        ChatResponse response = await(() -> provider.chat(call(false, false)));

        JsonReply reply = ((ChatResponse.Complete) response).reply();
        JsonNode body = JSON.readTree(reply.body().getBytes());
        assertThat(body.get("id").asText()).isEqualTo("chatcmpl-msg_fake01");
        assertThat(body.get("object").asText()).isEqualTo("chat.completion");
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Hello there, friend.");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(reply.usage()).isEqualTo(new Usage(FakeAnthropicServer.INPUT_TOKENS, 3));

        assertThat(server.lastRequest().getString("system")).isEqualTo("Be brief.");
        assertThat(server.lastRequest().getInteger("max_tokens")).isEqualTo(4096);
        assertThat(server.lastRequest().containsKey("stream")).isFalse();
        assertThat(server.lastHeaders())
                .containsEntry("anthropic-version", "2023-06-01")
                .containsEntry("anthropic-beta", "fake-beta")
                .containsEntry("x-request-id", "req-it-1");
    }

    @Test
    void streamsChunksInOrderEndingWithDoneAndNoUsageChunkUnlessAsked() throws Exception {
        server.answerWith(new FakeAnthropicServer.Behaviour.Text("One two three four five six.", "end_turn"));
        Consumed consumed = stream(call(true, false));

        assertThat(consumed.failure()).isNull();
        assertThat(server.lastRequest().getBoolean("stream")).isTrue();
        List<String> lines = consumed.dataLines();
        assertThat(lines.getLast()).isEqualTo("[DONE]");
        List<JsonNode> chunks = consumed.chunks();
        assertThat(chunks.getFirst().at("/choices/0/delta"))
                .isEqualTo(JSON.readTree("{\"role\":\"assistant\",\"content\":\"\"}"));
        StringBuilder text = new StringBuilder();
        for (JsonNode c : chunks) {
            assertThat(c.get("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(c.get("choices")).hasSize(1);
            text.append(c.at("/choices/0/delta/content").asText(""));
        }
        assertThat(text).hasToString("One two three four five six.");
        assertThat(chunks.getLast().at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(consumed.sse()).doesNotContain("\"usage\"");
        assertThat(consumed.usage()).isEqualTo(new Usage(FakeAnthropicServer.INPUT_TOKENS, 6));
    }

    @Test
    void sendsAUsageChunkBeforeDoneWhenTheClientAskedForUsage() throws Exception {
        server.answerWith(new FakeAnthropicServer.Behaviour.Text("Just this.", "max_tokens"));
        Consumed consumed = stream(call(true, true));

        List<JsonNode> chunks = consumed.chunks();
        JsonNode usageChunk = chunks.getLast();
        assertThat(usageChunk.get("choices")).isEmpty();
        assertThat(usageChunk.get("usage"))
                .isEqualTo(JSON.readTree("{\"prompt_tokens\":21,\"completion_tokens\":2,\"total_tokens\":23}"));
        assertThat(chunks.get(chunks.size() - 2).at("/choices/0/finish_reason").asText())
                .isEqualTo("length");
        assertThat(consumed.dataLines().getLast()).isEqualTo("[DONE]");
    }

    @Test
    void roundTripsAToolCall() throws Exception {
        server.answerWith(new FakeAnthropicServer.Behaviour.ToolUse(
                "toolu_42", "weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}"));
        String ask = """
                {"model":"claude-fake-1","messages":[{"role":"user","content":"Weather in Paris?"}],
                 "tools":[{"type":"function","function":{"name":"weather","parameters":{"type":"object"}}}],
                 "tool_choice":"auto"}""";
        JsonReply reply = ((ChatResponse.Complete) await(() -> provider.chat(call(ask, false, false)))).reply();
        JsonNode toolCall = JSON.readTree(reply.body().getBytes()).at("/choices/0/message/tool_calls/0");
        assertThat(toolCall.get("id").asText()).isEqualTo("toolu_42");
        assertThat(toolCall.at("/function/name").asText()).isEqualTo("weather");
        assertThat(JSON.readTree(toolCall.at("/function/arguments").asText()))
                .isEqualTo(JSON.readTree("{\"city\":\"Paris\",\"unit\":\"celsius\"}"));

        Consumed streamed = stream(call(ask, true, false));
        StringBuilder args = new StringBuilder();
        String id = "";
        for (JsonNode c : streamed.chunks()) {
            JsonNode tc = c.at("/choices/0/delta/tool_calls/0");
            if (!tc.isMissingNode()) {
                assertThat(tc.get("index").asInt()).isZero();
                id = tc.has("id") ? tc.get("id").asText() : id;
                args.append(tc.at("/function/arguments").asText(""));
            }
        }
        assertThat(id).isEqualTo("toolu_42");
        assertThat(JSON.readTree(args.toString()))
                .isEqualTo(JSON.readTree("{\"city\":\"Paris\",\"unit\":\"celsius\"}"));
        assertThat(streamed.chunks().getLast().at("/choices/0/finish_reason").asText())
                .isEqualTo("tool_calls");

        server.answerWith(new FakeAnthropicServer.Behaviour.Text("It is 18C.", "end_turn"));
        String answer = """
                {"model":"claude-fake-1","messages":[{"role":"user","content":"Weather in Paris?"},
                  {"role":"assistant","content":null,"tool_calls":[{"id":"toolu_42","type":"function",
                     "function":{"name":"weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                  {"role":"tool","tool_call_id":"toolu_42","content":"18C"}]}""";
        await(() -> provider.chat(call(answer, false, false)));
        JsonNode sent = JSON.readTree(server.lastRequest().encode());
        assertThat(sent.at("/messages/1/content/0"))
                .isEqualTo(
                        JSON.readTree(
                                "{\"type\":\"tool_use\",\"id\":\"toolu_42\",\"name\":\"weather\",\"input\":{\"city\":\"Paris\"}}"));
        assertThat(sent.at("/messages/2"))
                .isEqualTo(
                        JSON.readTree(
                                "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_42\",\"content\":\"18C\"}]}"));
    }

    @Test
    void mapsErrorStatusesToErrorKinds() throws Exception {
        record Case(int status, String type, ErrorKind kind, boolean retryable) {}
        for (Case c : List.of(
                new Case(400, "invalid_request_error", ErrorKind.INVALID_REQUEST, false),
                new Case(401, "authentication_error", ErrorKind.UPSTREAM_FAILED, true),
                new Case(429, "rate_limit_error", ErrorKind.UPSTREAM_FAILED, true),
                new Case(500, "api_error", ErrorKind.UPSTREAM_FAILED, true),
                new Case(529, "overloaded_error", ErrorKind.UPSTREAM_FAILED, true))) {
            server.answerWith(new FakeAnthropicServer.Behaviour.Error(
                    c.status(), c.type(), "message for " + c.status(), c.status() == 429 ? 7 : 0));
            for (boolean streaming : List.of(false, true)) {
                Throwable t = failure(() -> provider.chat(call(streaming, false)));
                assertThat(t).isInstanceOfSatisfying(TrustgateException.class, e -> {
                    assertThat(e.kind()).as("kind for %d", c.status()).isEqualTo(c.kind());
                    assertThat(e.getMessage()).contains("message for " + c.status());
                    assertThat(UpstreamFailure.retryable(e)).isEqualTo(c.retryable());
                    if (c.status() == 429) {
                        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
                        assertThat(e.code()).contains("upstream_rate_limited");
                    }
                });
            }
        }
    }

    @Test
    void aWrongApiKeyIsTheOperatorsProblemNotTheClients() throws Exception {
        AnthropicProvider wrongKey =
                new AnthropicProvider(vertx, config(server.baseUrl(), "sk-wrong", Duration.ofSeconds(5)));
        try {
            Throwable t = failure(() -> wrongKey.chat(call(false, false)));
            assertThat(((TrustgateException) t).kind()).isEqualTo(ErrorKind.UPSTREAM_FAILED);
            assertThat(t.getMessage()).contains("401").contains("invalid x-api-key");
        } finally {
            await(wrongKey::close);
        }
    }

    @Test
    void failsWithATimeoutWhenTheFirstByteIsLate() throws Exception {
        AnthropicProvider impatient = new AnthropicProvider(
                vertx, config(server.baseUrl(), FakeAnthropicServer.API_KEY, Duration.ofMillis(200)));
        server.answerWith(new FakeAnthropicServer.Behaviour.SlowFirstByte(
                Duration.ofSeconds(2), new FakeAnthropicServer.Behaviour.Text("Too late.", "end_turn")));
        try {
            long start = System.nanoTime();
            Throwable t = failure(() -> impatient.chat(call(true, false)));
            assertThat(((TrustgateException) t).kind()).isEqualTo(ErrorKind.UPSTREAM_TIMEOUT);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
        } finally {
            await(impatient::close);
        }
    }

    @Test
    void aConnectionDroppedMidStreamReachesTheExceptionHandler() throws Exception {
        server.answerWith(new FakeAnthropicServer.Behaviour.DropMidStream("These words will not all arrive here."));
        Consumed consumed = stream(call(true, false));

        assertThat(consumed.usage()).as("no end handler call").isNull();
        assertThat(consumed.failure()).isInstanceOfSatisfying(TrustgateException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_FAILED);
            assertThat(UpstreamFailure.retryable(e)).isTrue();
        });
        assertThat(consumed.sse()).doesNotContain("[DONE]");
    }

    @Test
    void anErrorEventMidStreamReachesTheExceptionHandler() throws Exception {
        server.answerWith(new FakeAnthropicServer.Behaviour.ErrorEventMidStream("overloaded_error", "Overloaded"));
        Consumed consumed = stream(call(true, false));

        assertThat(consumed.failure()).isInstanceOfSatisfying(TrustgateException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_FAILED);
            assertThat(e.getMessage()).contains("529").contains("Overloaded");
        });
        assertThat(consumed.sse()).contains("Partial ").doesNotContain("[DONE]");
    }

    @Test
    void cancelClosesTheUpstreamConnection() throws Exception {
        server.answerWith(new FakeAnthropicServer.Behaviour.Hang());
        Future<Void> closed = server.nextEarlyClose();
        int closedBefore = server.clientClosedEarly();
        CompletableFuture<String> firstEvents = new CompletableFuture<>();
        List<Object> afterCancel = new ArrayList<>();
        context.runOnContext(v -> provider.chat(call(true, false)).onSuccess(r -> {
            ChatStream s = ((ChatResponse.Streaming) r).stream();
            s.endHandler(afterCancel::add).exceptionHandler(afterCancel::add);
            s.handler(b -> {
                if (firstEvents.isDone()) {
                    afterCancel.add(b);
                    return;
                }
                firstEvents.complete(b.toString(StandardCharsets.UTF_8));
                s.cancel();
            });
        }));
        assertThat(firstEvents.get(5, SECONDS)).contains("chat.completion.chunk");
        closed.toCompletionStage().toCompletableFuture().get(5, SECONDS);
        assertThat(server.clientClosedEarly()).isEqualTo(closedBefore + 1);
        Thread.sleep(100);
        assertThat(await(() -> Future.succeededFuture(List.copyOf(afterCancel))))
                .isEmpty();
    }

    @Test
    void staysPausedUntilTheHandlerIsSetAndLosesNothing() throws Exception {
        server.answerWith(new FakeAnthropicServer.Behaviour.Text("Nothing is lost while paused.", "end_turn"));
        ChatResponse response = await(() -> provider.chat(call(true, false)));
        Thread.sleep(300); // the whole upstream stream has been written by now
        ChatStream s = ((ChatResponse.Streaming) response).stream();
        CompletableFuture<String> done = new CompletableFuture<>();
        Buffer all = Buffer.buffer();
        context.runOnContext(v -> s.endHandler(u -> done.complete(all.toString(StandardCharsets.UTF_8)))
                .exceptionHandler(done::completeExceptionally)
                .handler(all::appendBuffer));
        String sse = done.get(5, SECONDS);
        StringBuilder text = new StringBuilder();
        for (JsonNode c : new Consumed(sse, null, null).chunks()) {
            text.append(c.at("/choices/0/delta/content").asText(""));
        }
        assertThat(text).hasToString("Nothing is lost while paused.");
        assertThat(sse).endsWith("data: [DONE]\n\n");
    }

    @Test
    void anUnreachableUpstreamIsARetryableConnectionFailure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AnthropicProvider unreachable = new AnthropicProvider(
                vertx,
                config(
                        URI.create("http://127.0.0.1:" + closedPort),
                        FakeAnthropicServer.API_KEY,
                        Duration.ofSeconds(5)));
        try {
            Throwable t = failure(() -> unreachable.chat(call(false, false)));
            assertThat(((TrustgateException) t).kind()).isEqualTo(ErrorKind.UPSTREAM_FAILED);
            assertThat(UpstreamFailure.retryable(t)).isTrue();
        } finally {
            await(unreachable::close);
        }
    }

    @Test
    void refusesEmbeddingsAsAnInvalidRequest() throws Exception {
        Throwable t = failure(() -> provider.embeddings(new EmbeddingsCall("r", JSON.createObjectNode())));
        assertThat(((TrustgateException) t).kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(t.getMessage()).isEqualTo("provider claude (anthropic) does not serve embeddings");
    }

    @Test
    void refusesUntranslatableRequestsWithoutCallingUpstream() throws Exception {
        server.answerWith(new FakeAnthropicServer.Behaviour.Text("unused", "end_turn"));
        server.lastRequest().clear();
        Throwable t = failure(() -> provider.chat(call(
                "{\"model\":\"claude-fake-1\",\"n\":3,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                false,
                false)));
        assertThat(((TrustgateException) t).param()).contains("n");
        assertThat(server.lastRequest().isEmpty()).isTrue();
    }
}
