package io.trustgate.gateway;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.api.ErrorKind;
import io.trustgate.api.TrustgateException;
import io.trustgate.api.Usage;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every {@link Provider} passes, whatever its wire protocol: the compatibility kit of the provider SPI
 * (in the manner of Micrometer's TCK and LangChain4j's abstract model ITs). A subclass supplies the provider and
 * scripts its upstream through the hooks; the tests speak only to the SPI, the way the gateway does, making every
 * call on a Vert.x context and checking that every callback comes back on that same context.
 *
 * <p>What it checks, from {@link Provider}'s Javadoc: a non-streaming answer is a valid OpenAI
 * {@code chat.completion} whose usage the reply reports; a stream is paused until its handler is set, emits whole
 * SSE events in {@code chat.completion.chunk} format, ends with {@code data: [DONE]}, calls its end handler once
 * with usage, carries the usage chunk only when asked, honours pause, resume and cancel; an imposed completion cap
 * reaches the upstream; upstream 5xx fail retryably as {@code UPSTREAM_FAILED} and 400 as {@code INVALID_REQUEST}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = SECONDS)
abstract class ProviderContract {
    static final ObjectMapper JSON = new ObjectMapper();

    /** The answer the upstream gives (echoed back by the fakes that echo the last user message). */
    static final String ANSWER = "The quick brown fox jumps over the lazy dog, twice over.";

    /** A long answer for the cap tests: far more tokens than the cap. */
    static final String LONG_ANSWER =
            "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen";

    static final long CAP = 3;

    private Vertx vertx;
    private Context context;
    private Provider provider;
    private final List<String> offContext = new CopyOnWriteArrayList<>();

    // ---- hooks ----

    /** Starts what the provider talks to (a fake server), before each test. */
    protected void startUpstream(Vertx vertx) throws Exception {}

    /** Stops what {@link #startUpstream} started, after each test. */
    protected void stopUpstream() throws Exception {}

    /** A new provider under test, talking to the upstream of this test. */
    protected abstract Provider provider(Vertx vertx);

    /** The upstream model name put in requests. */
    protected abstract String model();

    /**
     * Makes the upstream answer {@code text} to the next successful call. The contract also sends {@code text} as the
     * last user message, so upstreams that echo it need not override this.
     */
    protected void scriptAnswer(String text) {}

    /** Whether the upstream can be scripted to fail; the failure tests are skipped when not. */
    protected boolean canFail() {
        return true;
    }

    /**
     * Makes the next call fail upstream with HTTP {@code status}; returns the user message to send with that call
     * (the sandbox fails on a matching message).
     */
    protected abstract String scriptFailure(int status);

    /**
     * Asserts that the last call reached the upstream capped at {@code cap} completion tokens, given the
     * {@code finish_reason} the provider returned (an upstream that truncates answers with {@code length}).
     */
    protected abstract void assertCappedUpstream(long cap, String finishReason);

    // ---- lifecycle ----

    @BeforeAll
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, SECONDS);
    }

    @BeforeEach
    void startProvider() throws Exception {
        offContext.clear();
        startUpstream(vertx);
        provider = provider(vertx);
        context = vertx.getOrCreateContext();
    }

    @AfterEach
    void stopProvider() throws Exception {
        try {
            // Not part of the threading check: Vert.x may complete a client's close off the context.
            CompletableFuture<Void> closed = new CompletableFuture<>();
            context.runOnContext(v -> provider.close().onComplete(ar -> closed.complete(null)));
            closed.get(10, SECONDS);
        } finally {
            stopUpstream();
        }
        assertThat(offContext)
                .as("callbacks that did not run on the context the call was made on")
                .isEmpty();
    }

    // ---- non-streaming ----

    @Test
    void answersWithAValidChatCompletionWhoseUsageMatchesTheReply() throws Exception {
        scriptAnswer(ANSWER);
        JsonReply reply = complete(call(ANSWER, false, false, Long.MAX_VALUE));

        JsonNode body = JSON.readTree(reply.body().getBytes());
        assertThat(body.path("id").isTextual()).as("id").isTrue();
        assertThat(body.path("id").asText()).isNotBlank();
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("created").isIntegralNumber()).as("created").isTrue();
        assertThat(body.path("model").isTextual()).as("model").isTrue();
        assertThat(body.path("choices").isArray()).as("choices").isTrue();
        assertThat(body.path("choices")).hasSize(1);
        JsonNode choice = body.path("choices").get(0);
        assertThat(choice.path("index").asInt(-1)).isZero();
        assertThat(choice.at("/message/role").asText()).isEqualTo("assistant");
        assertThat(choice.at("/message/content").asText()).isEqualTo(ANSWER);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = body.path("usage");
        assertThat(usage.path("prompt_tokens").isIntegralNumber())
                .as("usage.prompt_tokens")
                .isTrue();
        assertThat(usage.path("completion_tokens").isIntegralNumber())
                .as("usage.completion_tokens")
                .isTrue();
        assertThat(usage.path("total_tokens").asLong())
                .isEqualTo(usage.path("prompt_tokens").asLong()
                        + usage.path("completion_tokens").asLong());
        assertThat(reply.usage())
                .isEqualTo(new Usage(
                        usage.path("prompt_tokens").asLong(),
                        usage.path("completion_tokens").asLong()));
        assertThat(reply.usage().promptTokens()).isPositive();
        assertThat(reply.usage().completionTokens()).isPositive();
    }

    @Test
    void imposesTheCompletionCapUpstream() throws Exception {
        scriptAnswer(LONG_ANSWER);
        JsonReply reply = complete(call(LONG_ANSWER, false, false, CAP));
        JsonNode body = JSON.readTree(reply.body().getBytes());
        assertCappedUpstream(CAP, body.at("/choices/0/finish_reason").asText());
    }

    @Test
    void imposesTheCompletionCapUpstreamWhenStreaming() throws Exception {
        scriptAnswer(LONG_ANSWER);
        Consumed consumed = consume(stream(call(LONG_ANSWER, true, false, CAP)), s -> {});
        String finish = "";
        for (JsonNode c : consumed.chunks()) {
            for (JsonNode choice : c.path("choices")) {
                if (choice.path("finish_reason").isTextual()) {
                    finish = choice.path("finish_reason").asText();
                }
            }
        }
        assertCappedUpstream(CAP, finish);
    }

    // ---- streaming ----

    @Test
    void streamsWholeChunkEventsEndingWithDoneWithoutAUsageChunkUnlessAsked() throws Exception {
        scriptAnswer(ANSWER);
        Consumed consumed = consume(stream(call(ANSWER, true, false, Long.MAX_VALUE)), s -> {});

        consumed.assertEndedOnceWithoutFailure();
        List<JsonNode> chunks = consumed.chunks();
        assertThat(consumed.text()).isEqualTo(ANSWER);
        for (JsonNode c : chunks) {
            assertThat(c.path("choices"))
                    .as("a usage-only chunk the client did not ask for: %s", c)
                    .isNotEmpty();
            assertThat(c.path("usage").isObject())
                    .as("usage the client did not ask for: %s", c)
                    .isFalse();
        }
        assertThat(finishReasons(chunks)).containsExactly("stop");
        Usage usage = consumed.ends().getFirst();
        assertThat(usage.promptTokens()).as("prompt tokens at the end").isPositive();
        assertThat(usage.completionTokens()).as("completion tokens at the end").isPositive();
    }

    @Test
    void sendsTheUsageChunkLastWhenAskedAndEndsWithTheSameUsage() throws Exception {
        scriptAnswer(ANSWER);
        Consumed consumed = consume(stream(call(ANSWER, true, true, Long.MAX_VALUE)), s -> {});

        consumed.assertEndedOnceWithoutFailure();
        List<JsonNode> chunks = consumed.chunks();
        assertThat(consumed.text()).isEqualTo(ANSWER);
        List<JsonNode> usageChunks =
                chunks.stream().filter(c -> c.path("choices").isEmpty()).toList();
        assertThat(usageChunks).as("usage chunks").hasSize(1);
        JsonNode usageChunk = chunks.getLast();
        assertThat(usageChunk).as("the usage chunk is the last before [DONE]").isSameAs(usageChunks.getFirst());
        JsonNode u = usageChunk.path("usage");
        assertThat(u.path("total_tokens").asLong())
                .isEqualTo(u.path("prompt_tokens").asLong()
                        + u.path("completion_tokens").asLong());
        assertThat(consumed.ends().getFirst())
                .isEqualTo(new Usage(
                        u.path("prompt_tokens").asLong(),
                        u.path("completion_tokens").asLong()));
        assertThat(consumed.ends().getFirst().completionTokens()).isPositive();
    }

    @Test
    void staysPausedUntilTheHandlerIsSetAndLosesNothing() throws Exception {
        scriptAnswer(ANSWER);
        ChatStream s = stream(call(ANSWER, true, false, Long.MAX_VALUE));
        Thread.sleep(300); // an upstream has sent its whole answer by now
        Consumed consumed = consume(s, x -> {});
        consumed.assertEndedOnceWithoutFailure();
        assertThat(consumed.text()).isEqualTo(ANSWER);
    }

    @Test
    void pauseHoldsEventsAndResumeDeliversTheRest() throws Exception {
        scriptAnswer(ANSWER);
        ChatStream s = stream(call(ANSWER, true, false, Long.MAX_VALUE));
        boolean[] paused = {false, false};
        List<String> duringPause = new CopyOnWriteArrayList<>();
        Consumed consumed = consume(s, new Consumer<>() {
            @Override
            public void accept(String buffer) {
                if (paused[0]) {
                    duringPause.add(buffer);
                }
                if (!paused[1]) {
                    paused[1] = true; // pause once, after the first buffer
                    paused[0] = true;
                    s.pause();
                    vertx.setTimer(300, t -> {
                        paused[0] = false;
                        s.resume();
                    });
                }
            }
        });
        consumed.assertEndedOnceWithoutFailure();
        assertThat(duringPause).as("buffers delivered while paused").isEmpty();
        assertThat(consumed.text()).isEqualTo(ANSWER);
    }

    @Test
    void cancelStopsAllHandlerCalls() throws Exception {
        scriptAnswer(ANSWER);
        ChatStream s = stream(call(ANSWER, true, false, Long.MAX_VALUE));
        List<Object> calls = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> first = new CompletableFuture<>();
        context.runOnContext(v -> {
            s.endHandler(u -> calls.add(u));
            s.exceptionHandler(calls::add);
            s.handler(b -> {
                calls.add(b.toString(StandardCharsets.UTF_8));
                if (!first.isDone()) {
                    s.cancel();
                    first.complete(null);
                }
            });
        });
        first.get(10, SECONDS);
        Thread.sleep(300);
        assertThat(calls).as("handler calls, the first buffer included").hasSize(1);
    }

    // ---- failures ----

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {500, 503})
    void anUpstreamServerErrorIsARetryableUpstreamFailure(int status) throws Exception {
        Assumptions.assumeTrue(canFail(), "this upstream cannot be scripted to fail");
        for (boolean streaming : List.of(false, true)) {
            Throwable t = failure(call(scriptFailure(status), streaming, false, Long.MAX_VALUE));
            assertThat(t).isInstanceOfSatisfying(TrustgateException.class, e -> {
                assertThat(e.kind()).as("kind, streaming=%s", streaming).isEqualTo(ErrorKind.UPSTREAM_FAILED);
                assertThat(UpstreamFailure.retryable(e)).isTrue();
            });
        }
    }

    @Test
    void anUpstream400IsAnInvalidRequestNotRetried() throws Exception {
        Assumptions.assumeTrue(canFail(), "this upstream cannot be scripted to fail");
        for (boolean streaming : List.of(false, true)) {
            Throwable t = failure(call(scriptFailure(400), streaming, false, Long.MAX_VALUE));
            assertThat(t).isInstanceOfSatisfying(TrustgateException.class, e -> {
                assertThat(e.kind()).as("kind, streaming=%s", streaming).isEqualTo(ErrorKind.INVALID_REQUEST);
                assertThat(UpstreamFailure.retryable(e)).isFalse();
            });
        }
    }

    // ---- threading ----

    @Test
    void completesOnTheCallingContextWhicheverContextCalls() throws Exception {
        Context other = vertx.getOrCreateContext();
        assertThat(sameContext(other, context)).isFalse();
        for (Context ctx : List.of(context, other, context, other)) {
            scriptAnswer(ANSWER);
            AsyncResult<ChatResponse> plain = run(ctx, () -> provider.chat(call(ANSWER, false, false, Long.MAX_VALUE)));
            assertThat(plain.succeeded()).isTrue();
            scriptAnswer(ANSWER);
            AsyncResult<ChatResponse> streamed =
                    run(ctx, () -> provider.chat(call(ANSWER, true, true, Long.MAX_VALUE)));
            assertThat(streamed.result()).isInstanceOf(ChatResponse.Streaming.class);
            Consumed consumed = consume(ctx, ((ChatResponse.Streaming) streamed.result()).stream(), s -> {});
            consumed.assertEndedOnceWithoutFailure();
        }
        // offContext is checked after each test
    }

    // ---- helpers ----

    ChatCall call(String userText, boolean stream, boolean includeUsage, long cap) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model());
        body.putArray("messages")
                .add(JSON.createObjectNode().put("role", "system").put("content", "Be brief."))
                .add(JSON.createObjectNode().put("role", "user").put("content", userText));
        if (stream) {
            body.put("stream", true);
            if (includeUsage) {
                body.putObject("stream_options").put("include_usage", true);
            }
        }
        return new ChatCall("req-contract-1", body, stream, includeUsage, cap);
    }

    private JsonReply complete(ChatCall call) throws Exception {
        AsyncResult<ChatResponse> ar = run(context, () -> provider.chat(call));
        if (ar.failed()) {
            throw new AssertionError("the call failed", ar.cause());
        }
        assertThat(ar.result()).isInstanceOf(ChatResponse.Complete.class);
        return ((ChatResponse.Complete) ar.result()).reply();
    }

    private ChatStream stream(ChatCall call) throws Exception {
        AsyncResult<ChatResponse> ar = run(context, () -> provider.chat(call));
        if (ar.failed()) {
            throw new AssertionError("the call failed", ar.cause());
        }
        assertThat(ar.result()).isInstanceOf(ChatResponse.Streaming.class);
        return ((ChatResponse.Streaming) ar.result()).stream();
    }

    private Throwable failure(ChatCall call) throws Exception {
        AsyncResult<ChatResponse> ar = run(context, () -> provider.chat(call));
        assertThat(ar.failed()).as("the call failed").isTrue();
        return ar.cause();
    }

    /** Calls on {@code ctx}, as the gateway does, and waits for the outcome, checking where it was delivered. */
    private <T> AsyncResult<T> run(Context ctx, Supplier<Future<T>> action) throws Exception {
        CompletableFuture<AsyncResult<T>> done = new CompletableFuture<>();
        ctx.runOnContext(v -> {
            try {
                action.get().onComplete(ar -> {
                    checkContext(ctx, "future completion");
                    done.complete(ar);
                });
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done.get(15, SECONDS);
    }

    private Consumed consume(ChatStream s, Consumer<String> onBuffer) throws Exception {
        return consume(context, s, onBuffer);
    }

    /** Sets the handlers on {@code ctx} and waits for the end (and a little longer, to catch a second end). */
    private Consumed consume(Context ctx, ChatStream s, Consumer<String> onBuffer) throws Exception {
        List<String> buffers = new CopyOnWriteArrayList<>();
        List<Usage> ends = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> finished = new CompletableFuture<>();
        ctx.runOnContext(v -> {
            s.endHandler(u -> {
                checkContext(ctx, "end handler");
                ends.add(u);
                finished.complete(null);
            });
            s.exceptionHandler(t -> {
                checkContext(ctx, "exception handler");
                failures.add(t);
                finished.complete(null);
            });
            s.handler(b -> {
                checkContext(ctx, "handler");
                String text = b.toString(StandardCharsets.UTF_8);
                buffers.add(text);
                onBuffer.accept(text);
            });
        });
        finished.get(15, SECONDS);
        Thread.sleep(100);
        return new Consumed(List.copyOf(buffers), List.copyOf(ends), List.copyOf(failures));
    }

    private void checkContext(Context expected, String where) {
        Context current = Vertx.currentContext();
        if (current == null || !sameContext(current, expected)) {
            offContext.add(where + " ran on " + current + " in "
                    + Thread.currentThread().getName() + ", expected " + expected);
        }
    }

    /** The same context, a duplicate of it counting as the same (Vert.x may hand callbacks a duplicate). */
    private static boolean sameContext(Context a, Context b) {
        return a == b || ((ContextInternal) a).unwrap() == ((ContextInternal) b).unwrap();
    }

    private static List<String> finishReasons(List<JsonNode> chunks) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : chunks) {
            for (JsonNode choice : c.path("choices")) {
                if (choice.path("finish_reason").isTextual()) {
                    out.add(choice.path("finish_reason").asText());
                }
            }
        }
        return out;
    }

    /** What a consumed stream delivered: the buffers as text, the end handler calls and the failures. */
    record Consumed(List<String> buffers, List<Usage> ends, List<Throwable> failures) {
        void assertEndedOnceWithoutFailure() {
            assertThat(failures).as("failures").isEmpty();
            assertThat(ends).as("end handler calls").hasSize(1);
            assertThat(ends.getFirst()).as("usage at the end").isNotNull();
        }

        /** The data of every event, checking that each buffer holds whole {@code data:} events only. */
        List<String> data() {
            List<String> out = new ArrayList<>();
            for (String buffer : buffers) {
                assertThat(buffer).as("a buffer of whole events").endsWith("\n\n");
                for (String event : buffer.split("\n\n")) {
                    if (event.isEmpty()) {
                        continue;
                    }
                    assertThat(event).as("an event with one data line").startsWith("data: ");
                    assertThat(event).as("an event with one data line").doesNotContain("\n");
                    out.add(event.substring("data: ".length()));
                }
            }
            assertThat(out).as("events").isNotEmpty();
            assertThat(out.getLast()).as("the last event").isEqualTo("[DONE]");
            assertThat(out.indexOf("[DONE]")).as("[DONE] only at the end").isEqualTo(out.size() - 1);
            return out;
        }

        /** The chunks before {@code [DONE]}, each checked to be a {@code chat.completion.chunk}. */
        List<JsonNode> chunks() throws Exception {
            List<JsonNode> out = new ArrayList<>();
            List<String> data = data();
            for (String d : data.subList(0, data.size() - 1)) {
                JsonNode c = JSON.readTree(d);
                assertThat(c.path("object").asText()).as("object of %s", d).isEqualTo("chat.completion.chunk");
                assertThat(c.path("id").asText()).as("id of %s", d).isNotBlank();
                assertThat(c.path("created").isIntegralNumber())
                        .as("created of %s", d)
                        .isTrue();
                assertThat(c.path("model").isTextual()).as("model of %s", d).isTrue();
                assertThat(c.path("choices").isArray()).as("choices of %s", d).isTrue();
                for (JsonNode choice : c.path("choices")) {
                    assertThat(choice.path("index").isIntegralNumber())
                            .as("index in %s", d)
                            .isTrue();
                    assertThat(choice.path("delta").isObject())
                            .as("delta in %s", d)
                            .isTrue();
                }
                out.add(c);
            }
            assertThat(out).as("chunks").isNotEmpty();
            return out;
        }

        /** The concatenated delta contents. */
        String text() throws Exception {
            StringBuilder b = new StringBuilder();
            for (JsonNode c : chunks()) {
                for (JsonNode choice : c.path("choices")) {
                    b.append(choice.at("/delta/content").asText(""));
                }
            }
            return b.toString();
        }
    }
}
