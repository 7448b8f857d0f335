package io.trustgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.api.Usage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.Map;

/**
 * Provider for OpenAI's chat-completions protocol and the servers that speak it (OpenAI, Azure OpenAI, Mistral,
 * vLLM, llama.cpp server, Ollama's /v1). The request goes upstream as the client sent it, with three changes:
 * {@code model} is the upstream name, a completion cap imposed by a limit is added, and
 * {@code stream_options.include_usage} is set so that usage can be settled. Streams pass through event by event
 * as they arrive; the usage-only chunk is dropped when the client did not ask for it.
 *
 * <p>Limits: a server that never reports usage in a stream is charged an estimate of one token per content
 * chunk; Azure is addressed by deployment (the model's upstream name is the deployment name).
 */
final class OpenAiProvider implements Provider {
    static final int MAX_BODY_BYTES = 32 * 1024 * 1024;
    static final int MAX_EVENT_BYTES = 4 * 1024 * 1024;

    private final Vertx vertx;
    private final ProviderConfig config;
    private final Credentials credentials;
    private final Upstream upstream;
    private final boolean azure;
    private final String base;
    private final String capField;
    private final Map<String, String> jsonHeaders;
    private final Map<String, String> streamHeaders;

    OpenAiProvider(Vertx vertx, ProviderConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.credentials = Credentials.of(config);
        this.upstream = new Upstream(vertx, config);
        this.azure = config.kind() == ProviderConfig.Kind.AZURE_OPENAI;
        String b = config.baseUrl().toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        // OpenAI's reasoning models refuse max_tokens; most compatible servers know only max_tokens.
        String host = config.baseUrl().getHost() == null ? "" : config.baseUrl().getHost();
        this.capField = host.endsWith("openai.com") ? "max_completion_tokens" : "max_tokens";
        this.jsonHeaders = buildHeaders(false);
        this.streamHeaders = buildHeaders(true);
    }

    @Override
    public String name() {
        return config.name();
    }

    private String url(String operation, String model) {
        if (azure) {
            return base + "/openai/deployments/"
                    + java.net.URLEncoder.encode(model, java.nio.charset.StandardCharsets.UTF_8) + "/" + operation
                    + "?api-version=" + config.apiVersion();
        }
        return base + "/" + operation;
    }

    /** The headers of every call, built once; only the request id varies per call. */
    private Map<String, String> headers(boolean stream) {
        return stream ? streamHeaders : jsonHeaders;
    }

    private Map<String, String> buildHeaders(boolean stream) {
        Map<String, String> h = new java.util.LinkedHashMap<>(config.headers());
        if (!config.apiKey().isEmpty()) {
            if (azure) {
                h.put("api-key", config.apiKey().reveal());
            } else {
                h.put("authorization", "Bearer " + config.apiKey().reveal());
            }
        }
        h.put("accept", stream ? "text/event-stream" : "application/json");
        return java.util.Collections.unmodifiableMap(h);
    }

    @Override
    public Future<ChatResponse> chat(ChatCall call) {
        ObjectNode body = call.body().deepCopy();
        if (call.capImposed()) {
            body.remove("max_tokens");
            body.remove("max_completion_tokens");
            body.put(capField, call.maxCompletionTokens());
        }
        if (call.stream()) {
            body.withObject("stream_options").put("include_usage", true);
        }
        String model = body.path("model").asText();
        return upstream.post(
                        url("chat/completions", model),
                        headers(call.stream()),
                        call.traceHeaders(),
                        call.requestId(),
                        Json.write(body),
                        call.cancellation())
                .compose(ex -> {
                    int status = ex.response().statusCode();
                    if (status / 100 != 2) {
                        return failFromStatus(ex);
                    }
                    if (call.stream() && isEventStream(ex)) {
                        return Future.succeededFuture(new ChatResponse.Streaming(new OpenAiStream(
                                ex,
                                config.name(),
                                credentials,
                                call.includeUsage(),
                                idle -> new StreamIdleTimer(vertx, config.idleTimeout(), idle))));
                    }
                    return Upstream.body(ex, config.name(), MAX_BODY_BYTES).map(b -> complete(b, call));
                });
    }

    private static boolean isEventStream(Upstream.Exchange ex) {
        String ct = ex.response().getHeader("content-type");
        return ct != null && ct.toLowerCase(java.util.Locale.ROOT).startsWith("text/event-stream");
    }

    private ChatResponse complete(Buffer b, ChatCall call) {
        JsonNode root;
        try {
            root = Json.parse(b);
        } catch (IOException e) {
            throw UpstreamFailure.connection(config.name(), "response is not JSON", e);
        }
        if (!root.isObject() || !root.path("choices").isArray()) {
            throw UpstreamFailure.connection(config.name(), "response has no choices", null);
        }
        if (call.stream()) {
            // Asked for a stream, got JSON (some servers ignore stream): the gateway cannot re-stream it honestly.
            throw UpstreamFailure.connection(config.name(), "asked for a stream, got a JSON body", null);
        }
        return new ChatResponse.Complete(new JsonReply(b, Json.usage(root).orElse(Usage.ZERO)));
    }

    private <T> Future<T> failFromStatus(Upstream.Exchange ex) {
        int status = ex.response().statusCode();
        java.time.Duration ra = Upstream.retryAfter(ex.response());
        return Upstream.body(ex, config.name(), 64 * 1024)
                .recover(t -> Future.succeededFuture(Buffer.buffer()))
                .compose(b -> Future.failedFuture(
                        UpstreamFailure.status(config.name(), status, ra, Json.errorMessage(b), credentials)));
    }

    @Override
    public Future<JsonReply> embeddings(EmbeddingsCall call) {
        String model = call.body().path("model").asText();
        return upstream.post(
                        url("embeddings", model),
                        headers(false),
                        call.traceHeaders(),
                        call.requestId(),
                        Json.write(call.body()),
                        new Cancellation())
                .compose(ex -> {
                    if (ex.response().statusCode() / 100 != 2) {
                        return failFromStatus(ex);
                    }
                    return Upstream.body(ex, config.name(), MAX_BODY_BYTES).map(b -> {
                        try {
                            JsonNode root = Json.parse(b);
                            return new JsonReply(b, Json.usage(root).orElse(Usage.ZERO));
                        } catch (IOException e) {
                            throw UpstreamFailure.connection(config.name(), "embeddings response is not JSON", e);
                        }
                    });
                });
    }

    @Override
    public Future<Void> close() {
        return upstream.close();
    }

    /** The pass-through stream: whole SSE events as they arrive, usage picked out on the way. */
    static final class OpenAiStream implements ChatStream {
        private final Upstream.Exchange ex;
        private final String provider;
        private final Credentials credentials;
        private final boolean includeUsage;
        private final SseParser parser;
        private Buffer out;
        private Usage usage = Usage.ZERO;
        private boolean sawUsage;
        private long contentChunks;
        private boolean done;
        private boolean sawFinish;
        private boolean finished;
        private io.vertx.core.Handler<Buffer> handler;
        private io.vertx.core.Handler<Usage> endHandler = u -> {};
        private io.vertx.core.Handler<Throwable> exceptionHandler = t -> {};
        private final StreamIdleTimer idle;

        OpenAiStream(
                Upstream.Exchange ex,
                String provider,
                Credentials credentials,
                boolean includeUsage,
                java.util.function.Function<Runnable, StreamIdleTimer> idleTimer) {
            this.ex = ex;
            this.provider = provider;
            this.credentials = credentials;
            this.includeUsage = includeUsage;
            this.parser = new SseParser(MAX_EVENT_BYTES, this::onEvent);
            this.idle = idleTimer.apply(() -> fail(UpstreamFailure.timeout(provider, "idle-timeout")));
        }

        private void onEvent(SseParser.Event e) {
            String data = e.data();
            if (done) {
                return;
            }
            if (data.equals("[DONE]")) {
                done = true;
                out.appendBuffer(e.raw());
                return;
            }
            boolean forward = true;
            if (data.contains("\"usage\"") && data.contains("prompt_tokens")) {
                try {
                    JsonNode n = Json.MAPPER.readTree(data);
                    Json.usage(n).ifPresent(u -> {
                        usage = u;
                        sawUsage = true;
                    });
                    if (!includeUsage) {
                        JsonNode choices = n.path("choices");
                        if (choices.isArray() && choices.isEmpty()) {
                            forward = false;
                        } else if (n instanceof ObjectNode on) {
                            on.putNull("usage");
                            out.appendString("data: ")
                                    .appendBuffer(Json.write(on))
                                    .appendString("\n\n");
                            forward = false;
                        }
                    }
                } catch (IOException ignored) {
                    // not JSON: pass it on as is, the client sees what the upstream sent
                }
            } else if (data.contains("\"error\"") && !data.contains("\"choices\"")) {
                fail(UpstreamFailure.connection(
                        provider,
                        "error event in stream"
                                + UpstreamFailure.detail(Json.errorMessage(Buffer.buffer(data)), credentials),
                        null));
                return;
            }
            if (data.contains("\"finish_reason\":\"") || data.contains("\"finish_reason\": \"")) {
                sawFinish = true;
            }
            contentChunks++;
            if (forward) {
                out.appendBuffer(e.raw());
            }
        }

        @Override
        public ChatStream handler(io.vertx.core.Handler<Buffer> h) {
            this.handler = h;
            var r = ex.response();
            r.handler(chunk -> {
                if (finished) {
                    return;
                }
                idle.bytes();
                out = Buffer.buffer(chunk.length() + 64);
                try {
                    parser.feed(chunk);
                } catch (IllegalStateException tooBig) {
                    fail(UpstreamFailure.connection(provider, tooBig.getMessage(), tooBig));
                    return;
                }
                if (!finished && out.length() > 0) {
                    handler.handle(out);
                }
            });
            r.exceptionHandler(t -> {
                if (!finished) { // else it is our own reset (a failure or a cancel already reported), not news
                    fail(UpstreamFailure.connection(
                            provider, "stream broke: " + Upstream.describe(provider, ex.requestId(), t), t));
                }
            });
            r.endHandler(v -> {
                if (finished) {
                    return;
                }
                out = Buffer.buffer();
                parser.finish();
                if (!done) {
                    if (!sawFinish) {
                        fail(UpstreamFailure.connection(provider, "stream ended before it was complete", null));
                        return;
                    }
                    out.appendString("data: [DONE]\n\n");
                }
                if (out.length() > 0) {
                    handler.handle(out);
                }
                finished = true;
                idle.stop();
                if (!sawUsage) {
                    usage = new Usage(0, contentChunks);
                }
                endHandler.handle(usage);
            });
            r.resume();
            return this;
        }

        private void fail(Throwable t) {
            if (!finished) {
                finished = true;
                idle.stop();
                ex.request().reset();
                exceptionHandler.handle(t);
            }
        }

        @Override
        public ChatStream endHandler(io.vertx.core.Handler<Usage> h) {
            this.endHandler = h;
            return this;
        }

        @Override
        public ChatStream exceptionHandler(io.vertx.core.Handler<Throwable> h) {
            this.exceptionHandler = h;
            return this;
        }

        @Override
        public ChatStream pause() {
            ex.response().pause();
            idle.pause();
            return this;
        }

        @Override
        public ChatStream resume() {
            idle.resume();
            ex.response().resume();
            return this;
        }

        @Override
        public void cancel() {
            if (!finished) {
                finished = true;
                idle.stop();
                ex.request().reset();
            }
        }

        @Override
        public Usage usageSoFar() {
            return sawUsage ? usage : new Usage(0, contentChunks);
        }
    }
}
