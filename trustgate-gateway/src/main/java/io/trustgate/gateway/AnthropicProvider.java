package io.trustgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustgate.api.TrustgateException;
import io.trustgate.api.Usage;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A provider for Anthropic's Messages API ({@code POST /v1/messages}), translating OpenAI chat completions to it
 * and its answers back, streaming included, so that OpenAI clients can use Claude models through the gateway.
 *
 * <p>Translated: system and developer messages (joined into the top-level {@code system}), multi-turn history
 * (consecutive same-role turns merged, as Anthropic requires alternation), text and image parts (data URLs as
 * base64, http(s) URLs as URL sources), assistant tool calls and tool results, function tools and
 * {@code tool_choice}, {@code parallel_tool_calls: false}, {@code max_tokens}/{@code max_completion_tokens}
 * (defaulting to 4096 because Anthropic requires it), {@code temperature}, {@code top_p}, {@code stop},
 * {@code user} (as {@code metadata.user_id}) and {@code response_format} {@code json_schema} (as Anthropic's
 * structured outputs, {@code output_config.format}, which only recent models accept).
 *
 * <p>Refused with {@code INVALID_REQUEST}, since Anthropic cannot do them and a silent approximation would lie to
 * the client: {@code n > 1}, log probabilities, {@code logit_bias}, presence and frequency penalties, audio,
 * {@code response_format: json_object} (no schema-less JSON mode), a temperature above 1, non-text content parts
 * other than images, non-function tools. Ignored: {@code seed}, {@code service_tier}, {@code store},
 * {@code metadata}, as best-effort or OpenAI-platform features. Dropped from answers: thinking blocks and server
 * tool blocks, which have no chat completions form.
 *
 * <p>Timeouts: connect through the client options, first byte (request sent to response headers) through a timer
 * that resets the request; the total timeout belongs to the gateway. Error bodies are read up to 64 KiB and only
 * Anthropic's {@code error.message} (at most 300 characters) is kept.
 */
public final class AnthropicProvider implements Provider {
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final int MAX_ANSWER_BODY = 32 * 1024 * 1024;
    private static final int MAX_EVENT_BYTES = 4 * 1024 * 1024;

    private final Vertx vertx;
    private final ProviderConfig config;
    private final HttpClientAgent client;
    private final String messagesUri;
    private final Credentials credentials;

    public AnthropicProvider(Vertx vertx, ProviderConfig config) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.config = Objects.requireNonNull(config, "config");
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int)
                        Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .setKeepAlive(true);
        this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(config.maxConnections()));
        this.messagesUri = messagesUri(config.baseUrl().toString());
        this.credentials = Credentials.of(config);
    }

    /** {@code {baseUrl}/v1/messages}, tolerating a base URL that already ends with {@code /v1}. */
    static String messagesUri(String baseUrl) {
        String base = baseUrl.replaceAll("/+$", "");
        return base.endsWith("/v1") ? base + "/messages" : base + "/v1/messages";
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public Future<ChatResponse> chat(ChatCall call) {
        Buffer body;
        try {
            body = Buffer.buffer(AnthropicTranslator.toMessagesRequest(call).toString());
        } catch (TrustgateException e) {
            return Future.failedFuture(new ProviderRefusal(e)); // refused by translation: no upstream call
        }
        Promise<ChatResponse> result = Promise.promise();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(messagesUri)
                .putHeader("content-type", "application/json")
                .putHeader("accept", call.stream() ? "text/event-stream" : "application/json")
                .putHeader("anthropic-version", config.apiVersion());
        if (!config.apiKey().isEmpty()) {
            options.putHeader("x-api-key", config.apiKey().reveal());
        }
        for (Map.Entry<String, String> h : config.headers().entrySet()) {
            options.putHeader(h.getKey(), h.getValue());
        }
        options.putHeader("x-request-id", call.requestId());
        if (!call.traceHeaders().isEmpty()) {
            call.traceHeaders().forEach(options::putHeader);
        }
        // a connection that fails is logged as the OpenAI provider's is (Upstream.describe: WARN with the request id,
        // the provider and the exception; never the body or a header), and the client sees only its kind
        client.request(options)
                .onFailure(e -> result.tryFail(
                        UpstreamFailure.connection(name(), Upstream.describe(name(), call.requestId(), e), e)))
                .onSuccess(request -> {
                    call.cancellation().onCancel(() -> {
                        if (result.tryFail(UpstreamFailure.connection(name(), "cancelled", null))) {
                            request.reset();
                        }
                    });
                    send(call, request, body, result);
                });
        return result.future();
    }

    private void send(ChatCall call, HttpClientRequest request, Buffer body, Promise<ChatResponse> result) {
        long timer = vertx.setTimer(config.firstByteTimeout().toMillis(), id -> {
            if (result.tryFail(UpstreamFailure.timeout(name(), "first byte"))) {
                request.reset();
            }
        });
        request.send(body).onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (ar.failed()) {
                // once failed (the first-byte timeout or a cancel, then our own reset) the exception is not news
                if (!result.future().isComplete()) {
                    result.tryFail(UpstreamFailure.connection(
                            name(), Upstream.describe(name(), call.requestId(), ar.cause()), ar.cause()));
                }
                return;
            }
            HttpClientResponse response = ar.result();
            if (result.future().isComplete()) {
                request.reset();
                return;
            }
            if (response.statusCode() / 100 != 2) {
                failWithStatus(response, result);
            } else if (call.stream()) {
                response.pause();
                AnthropicChatStream stream = new AnthropicChatStream(
                        call.requestId(),
                        request,
                        response,
                        new AnthropicStreamTranslator(name(), credentials, call.includeUsage(), nowSeconds()));
                result.tryComplete(new ChatResponse.Streaming(stream));
            } else {
                readBounded(response, call.requestId(), MAX_ANSWER_BODY, result, whole -> {
                    JsonNode message;
                    try {
                        message = AnthropicTranslator.JSON.readTree(whole.getBytes());
                    } catch (java.io.IOException e) {
                        result.tryFail(UpstreamFailure.connection(name(), "answer is not JSON", e));
                        return;
                    }
                    if ("error".equals(message.path("type").asText())) {
                        // an error inside a 200 (proxies, overload): a failure like its HTTP form, never an
                        // empty success, so that retries and fallbacks apply
                        String type = message.path("error").path("type").asText("");
                        result.tryFail(UpstreamFailure.status(
                                name(),
                                AnthropicTranslator.statusOfErrorType(type),
                                Duration.ZERO,
                                AnthropicTranslator.errorMessage(whole.toString(StandardCharsets.UTF_8)),
                                credentials));
                        return;
                    }
                    if (!"message".equals(message.path("type").asText())
                            || !message.path("content").isArray()) {
                        result.tryFail(UpstreamFailure.connection(name(), "answer is not a message", null));
                        return;
                    }
                    result.tryComplete(
                            new ChatResponse.Complete(AnthropicTranslator.toChatCompletion(message, nowSeconds())));
                });
            }
        });
    }

    private void failWithStatus(HttpClientResponse response, Promise<ChatResponse> result) {
        int status = response.statusCode();
        Duration retryAfter = retryAfter(response.getHeader("retry-after"));
        Buffer collected = Buffer.buffer();
        response.handler(chunk -> {
            int room = MAX_ERROR_BODY - collected.length();
            if (room > 0) {
                collected.appendBuffer(chunk.length() <= room ? chunk : chunk.getBuffer(0, room));
            }
        });
        response.exceptionHandler(
                e -> result.tryFail(UpstreamFailure.status(name(), status, retryAfter, "", credentials)));
        response.endHandler(v -> result.tryFail(UpstreamFailure.status(
                name(),
                status,
                retryAfter,
                AnthropicTranslator.errorMessage(collected.toString(StandardCharsets.UTF_8)),
                credentials)));
    }

    private <T> void readBounded(
            HttpClientResponse response, String requestId, int limit, Promise<T> result, Consumer<Buffer> onWhole) {
        Buffer collected = Buffer.buffer();
        response.handler(chunk -> {
            if (collected.length() + chunk.length() > limit) {
                result.tryFail(UpstreamFailure.connection(name(), "answer larger than " + limit + " bytes", null));
                response.request().reset();
            } else {
                collected.appendBuffer(chunk);
            }
        });
        response.exceptionHandler(e -> {
            if (!result.future().isComplete()) { // else our own reset of an answer too large: not news
                result.tryFail(UpstreamFailure.connection(
                        name(), "answer broken off: " + Upstream.describe(name(), requestId, e), e));
            }
        });
        response.endHandler(v -> {
            if (!result.future().isComplete()) {
                onWhole.accept(collected);
            }
        });
    }

    /** Retry-After in seconds (Anthropic sends seconds); zero when absent or not a number. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Duration.ZERO;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    @Override
    public Future<JsonReply> embeddings(EmbeddingsCall call) {
        // refused before any upstream call: not an upstream error
        return Future.failedFuture(new ProviderRefusal(
                TrustgateException.invalid("provider " + name() + " (anthropic) does not serve embeddings", "model")));
    }

    @Override
    public Future<Void> close() {
        return client.close();
    }

    /**
     * The translated event stream of one call. Upstream bytes are parsed and translated as they arrive; what one
     * upstream read produces is delivered as one buffer. While paused, the upstream response is paused and what a
     * read already produced waits in a small queue, so the gateway sees nothing until it resumes.
     */
    private final class AnthropicChatStream implements ChatStream {
        private final HttpClientRequest request;
        private final HttpClientResponse response;
        private final AnthropicStreamTranslator translator;
        private final SseParser parser;
        private final ArrayDeque<Buffer> queued = new ArrayDeque<>();
        private Buffer produced = Buffer.buffer();
        private Handler<Buffer> handler;
        private Handler<Usage> endHandler;
        private Handler<Throwable> exceptionHandler;
        private boolean paused;
        private boolean ended;
        private Throwable failure;
        private boolean done;
        private final StreamIdleTimer idle;

        AnthropicChatStream(
                String requestId,
                HttpClientRequest request,
                HttpClientResponse response,
                AnthropicStreamTranslator translator) {
            this.request = request;
            this.response = response;
            this.translator = translator;
            this.parser = new SseParser(MAX_EVENT_BYTES, event -> {
                if (failure == null && !translator.finished()) {
                    produced.appendBuffer(translator.onEvent(event.name(), event.data()));
                }
            });
            this.idle = new StreamIdleTimer(
                    vertx, config.idleTimeout(), () -> fail(UpstreamFailure.timeout(name(), "idle-timeout")));
            response.handler(this::onUpstream);
            response.exceptionHandler(e -> {
                if (failure == null && !ended && !done) { // else our own reset (a failure or a cancel): not news
                    fail(UpstreamFailure.connection(
                            name(), "stream broken off: " + Upstream.describe(name(), requestId, e), e));
                }
            });
            response.endHandler(v -> onUpstreamEnd());
        }

        private void onUpstream(Buffer chunk) {
            if (done || failure != null) {
                return;
            }
            idle.bytes();
            try {
                parser.feed(chunk);
            } catch (TrustgateException e) {
                flushProduced();
                fail(e);
                return;
            } catch (IllegalStateException e) {
                flushProduced();
                fail(UpstreamFailure.connection(name(), e.getMessage(), e));
                return;
            }
            flushProduced();
            if (translator.finished()) {
                ended = true;
                idle.stop();
                drain();
            }
        }

        private void onUpstreamEnd() {
            idle.stop();
            if (done || failure != null || ended) {
                return;
            }
            try {
                parser.finish();
            } catch (TrustgateException e) {
                flushProduced();
                fail(e);
                return;
            }
            flushProduced();
            if (translator.finished()) {
                ended = true;
                drain();
            } else {
                fail(UpstreamFailure.connection(name(), "stream ended before message_stop", null));
            }
        }

        private void flushProduced() {
            if (produced.length() > 0) {
                queued.add(produced);
                produced = Buffer.buffer();
            }
            drain();
        }

        private void fail(Throwable t) {
            idle.stop();
            if (failure == null && !ended) {
                failure = t;
                request.reset();
                drain();
            }
        }

        /** Delivers queued events, then the end or the failure, unless paused or not yet consumed. */
        private void drain() {
            while (!done && !paused && handler != null && !queued.isEmpty()) {
                handler.handle(queued.poll());
            }
            if (done || paused || handler == null || !queued.isEmpty()) {
                return;
            }
            if (failure != null) {
                done = true;
                if (exceptionHandler != null) {
                    exceptionHandler.handle(failure);
                }
            } else if (ended) {
                done = true;
                if (endHandler != null) {
                    endHandler.handle(translator.usage());
                }
            }
        }

        @Override
        public ChatStream handler(Handler<Buffer> handler) {
            this.handler = handler;
            if (!paused && !done) {
                response.resume();
            }
            drain();
            return this;
        }

        @Override
        public ChatStream endHandler(Handler<Usage> handler) {
            this.endHandler = handler;
            return this;
        }

        @Override
        public ChatStream exceptionHandler(Handler<Throwable> handler) {
            this.exceptionHandler = handler;
            return this;
        }

        @Override
        public ChatStream pause() {
            paused = true;
            idle.pause();
            if (!done) {
                response.pause();
            }
            return this;
        }

        @Override
        public ChatStream resume() {
            paused = false;
            idle.resume();
            if (!done && handler != null) {
                response.resume();
            }
            drain();
            return this;
        }

        @Override
        public void cancel() {
            idle.stop();
            if (!done) {
                done = true;
                queued.clear();
                request.reset();
            }
        }

        @Override
        public Usage usageSoFar() {
            return translator.usage();
        }
    }
}
