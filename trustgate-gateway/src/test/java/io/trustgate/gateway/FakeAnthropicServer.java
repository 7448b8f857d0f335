package io.trustgate.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server speaking Anthropic's Messages API wire protocol ({@code POST /v1/messages}, JSON answers,
 * named server-sent events, Anthropic error bodies), for integration tests of anything that talks to Anthropic.
 *
 * <p>It checks {@code x-api-key} and {@code anthropic-version} as Anthropic does, answers in the
 * {@link Behaviour} last scripted, and writes streams in several TCP writes with small delays, splitting events at
 * awkward places, so that a client that assumes one event per read fails. It records the last request body and
 * counts connections closed by the client before the answer ended (a cancelled stream).
 */
public final class FakeAnthropicServer implements AutoCloseable {
    /** The key the server accepts. */
    public static final String API_KEY = "sk-ant-fake-key";

    public static final String MODEL = "claude-fake-1";

    /** What the server answers to the next requests. */
    public sealed interface Behaviour {
        /** A text answer, streamed word by word when the client streams. */
        record Text(String text, String stopReason) implements Behaviour {
            public Text {
                Objects.requireNonNull(text, "text");
                Objects.requireNonNull(stopReason, "stopReason");
            }
        }

        /** A tool call with its input as JSON text, streamed in pieces when the client streams. */
        record ToolUse(String id, String name, String inputJson) implements Behaviour {}

        /** An HTTP error with Anthropic's error body; {@code retryAfterSeconds} is sent when > 0. */
        record Error(int status, String type, String message, int retryAfterSeconds) implements Behaviour {}

        /** Waits before answering as {@code then}. */
        record SlowFirstByte(Duration delay, Behaviour then) implements Behaviour {}

        /** Streams the start and the first words of {@code text}, then closes the connection. */
        record DropMidStream(String text) implements Behaviour {}

        /** Streams the start and some words, then an Anthropic {@code error} event, as on overload. */
        record ErrorEventMidStream(String type, String message) implements Behaviour {}

        /** Streams the start and one word, then sends nothing more and never ends. */
        record Hang() implements Behaviour {}

        /** Streams {@code message_start} and a ping, then an {@code error} event before any content. */
        record ErrorEventAtStart(String type, String message) implements Behaviour {}

        /** HTTP 200 with Anthropic's error body, as some proxies and overloaded front ends answer. */
        record ErrorIn200(String type, String message) implements Behaviour {}

        /** Streams the start and every word of {@code text}, then closes the connection before message_delta. */
        record DropAfterText(String text) implements Behaviour {}
    }

    /** Input tokens every answer reports. */
    public static final int INPUT_TOKENS = 21;

    private final Vertx vertx;
    private final HttpServer server;
    private final AtomicInteger clientClosedEarly = new AtomicInteger();
    private final java.util.Set<HttpServerResponse> droppedByServer =
            java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile Behaviour behaviour = new Behaviour.Text("Hello from the fake.", "end_turn");
    private final java.util.Queue<Behaviour> next = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile JsonObject lastRequest = new JsonObject();
    private volatile Map<String, String> lastHeaders = Map.of();
    private volatile Promise<Void> nextEarlyClose = Promise.promise();

    private FakeAnthropicServer(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** Starts a server on 127.0.0.1 and a free port. */
    public static Future<FakeAnthropicServer> start(Vertx vertx) {
        HttpServer server = vertx.createHttpServer();
        FakeAnthropicServer fake = new FakeAnthropicServer(vertx, server);
        server.requestHandler(fake::handle);
        return server.listen(0, "127.0.0.1").map(s -> fake);
    }

    public int port() {
        return server.actualPort();
    }

    /** The base URL to configure a provider with. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Sets what the server answers from now on. */
    public FakeAnthropicServer answerWith(Behaviour behaviour) {
        this.behaviour = Objects.requireNonNull(behaviour, "behaviour");
        return this;
    }

    /** Answers the next requests with these behaviours, one each, before going back to {@link #answerWith}'s. */
    public FakeAnthropicServer enqueue(Behaviour... behaviours) {
        next.addAll(List.of(behaviours));
        return this;
    }

    /** Requests that passed the header and body checks. */
    public int requests() {
        return requests.get();
    }

    /** The body of the last request that passed the header checks. */
    public JsonObject lastRequest() {
        return lastRequest;
    }

    /** The headers of the last request, names in lower case. */
    public Map<String, String> lastHeaders() {
        return lastHeaders;
    }

    /** How many times a client closed the connection before the answer ended. */
    public int clientClosedEarly() {
        return clientClosedEarly.get();
    }

    /** Completes when a client next closes a connection before its answer ended. */
    public Future<Void> nextEarlyClose() {
        return nextEarlyClose.future();
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpServerRequest request) {
        request.bodyHandler(body -> {
            HttpServerResponse response = request.response();
            if (!request.method().name().equals("POST") || !request.path().equals("/v1/messages")) {
                error(response, new Behaviour.Error(404, "not_found_error", "Not found", 0));
                return;
            }
            if (!API_KEY.equals(request.getHeader("x-api-key"))) {
                error(response, new Behaviour.Error(401, "authentication_error", "invalid x-api-key", 0));
                return;
            }
            if (request.getHeader("anthropic-version") == null) {
                error(
                        response,
                        new Behaviour.Error(400, "invalid_request_error", "anthropic-version: header is required", 0));
                return;
            }
            JsonObject json;
            try {
                json = body.toJsonObject();
            } catch (RuntimeException e) {
                error(response, new Behaviour.Error(400, "invalid_request_error", "body is not JSON", 0));
                return;
            }
            if (!json.containsKey("max_tokens") || !json.containsKey("model") || !json.containsKey("messages")) {
                error(
                        response,
                        new Behaviour.Error(
                                400, "invalid_request_error", "model, max_tokens and messages are required", 0));
                return;
            }
            lastRequest = json;
            Map<String, String> headers = new java.util.HashMap<>();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue()));
            lastHeaders = Map.copyOf(headers);
            response.closeHandler(v -> {
                // ended() is true only once end() was called; the end handler also runs on a close.
                if (!response.ended() && !droppedByServer.remove(response)) {
                    clientClosedEarly.incrementAndGet();
                    Promise<Void> p = nextEarlyClose;
                    nextEarlyClose = Promise.promise();
                    p.tryComplete();
                }
            });
            requests.incrementAndGet();
            Behaviour scripted = next.poll();
            answer(response, scripted != null ? scripted : behaviour, json.getBoolean("stream", false));
        });
    }

    private void answer(HttpServerResponse response, Behaviour b, boolean stream) {
        switch (b) {
            case Behaviour.Error e -> error(response, e);
            case Behaviour.SlowFirstByte s ->
                vertx.setTimer(s.delay().toMillis(), id -> {
                    if (!response.closed()) {
                        answer(response, s.then(), stream);
                    }
                });
            case Behaviour.Text t -> {
                if (stream) {
                    List<String> events = new ArrayList<>(start());
                    events.addAll(textBlock(0, words(t.text())));
                    events.addAll(finish(t.stopReason(), words(t.text()).size()));
                    writeStream(response, events, Tail.END);
                } else {
                    json(
                            response,
                            message(
                                    new JsonArray().add(textJson(t.text())),
                                    t.stopReason(),
                                    words(t.text()).size()));
                }
            }
            case Behaviour.ToolUse u -> {
                if (stream) {
                    List<String> events = new ArrayList<>(start());
                    events.add(event(
                            "content_block_start",
                            new JsonObject()
                                    .put("type", "content_block_start")
                                    .put("index", 0)
                                    .put(
                                            "content_block",
                                            new JsonObject()
                                                    .put("type", "tool_use")
                                                    .put("id", u.id())
                                                    .put("name", u.name())
                                                    .put("input", new JsonObject()))));
                    List<String> pieces = new ArrayList<>();
                    pieces.add("");
                    String input = u.inputJson();
                    for (int i = 0; i < input.length(); i += 7) {
                        pieces.add(input.substring(i, Math.min(input.length(), i + 7)));
                    }
                    for (String piece : pieces) {
                        events.add(event(
                                "content_block_delta",
                                new JsonObject()
                                        .put("type", "content_block_delta")
                                        .put("index", 0)
                                        .put(
                                                "delta",
                                                new JsonObject()
                                                        .put("type", "input_json_delta")
                                                        .put("partial_json", piece))));
                    }
                    events.add(event(
                            "content_block_stop",
                            new JsonObject().put("type", "content_block_stop").put("index", 0)));
                    events.addAll(finish("tool_use", pieces.size()));
                    writeStream(response, events, Tail.END);
                } else {
                    JsonObject block = new JsonObject()
                            .put("type", "tool_use")
                            .put("id", u.id())
                            .put("name", u.name())
                            .put("input", new JsonObject(u.inputJson()));
                    json(response, message(new JsonArray().add(block), "tool_use", 9));
                }
            }
            case Behaviour.DropMidStream d -> {
                List<String> events = new ArrayList<>(start());
                List<String> words = words(d.text());
                events.addAll(textBlock(0, words.subList(0, Math.max(1, words.size() / 2)))
                        .subList(0, 2));
                writeStream(response, events, Tail.DROP);
            }
            case Behaviour.DropAfterText d -> {
                List<String> events = new ArrayList<>(start());
                List<String> block = textBlock(0, words(d.text()));
                events.addAll(block.subList(0, block.size() - 1));
                writeStream(response, events, Tail.DROP);
            }
            case Behaviour.ErrorEventMidStream e -> {
                List<String> events = new ArrayList<>(start());
                events.addAll(textBlock(0, List.of("Partial ", "answer")).subList(0, 3));
                events.add(event(
                        "error",
                        new JsonObject()
                                .put("type", "error")
                                .put(
                                        "error",
                                        new JsonObject().put("type", e.type()).put("message", e.message()))));
                writeStream(response, events, Tail.END);
            }
            case Behaviour.ErrorEventAtStart e -> {
                List<String> events = new ArrayList<>(start());
                events.add(event(
                        "error",
                        new JsonObject()
                                .put("type", "error")
                                .put(
                                        "error",
                                        new JsonObject().put("type", e.type()).put("message", e.message()))));
                writeStream(response, events, Tail.END);
            }
            case Behaviour.ErrorIn200 e ->
                json(
                        response,
                        new JsonObject()
                                .put("type", "error")
                                .put(
                                        "error",
                                        new JsonObject().put("type", e.type()).put("message", e.message())));
            case Behaviour.Hang h -> {
                List<String> events = new ArrayList<>(start());
                events.addAll(textBlock(0, List.of("Waiting")).subList(0, 2));
                writeStream(response, events, Tail.HANG);
            }
        }
    }

    private enum Tail {
        END,
        DROP,
        HANG
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i - 1) == ' ') {
                if (i > from) {
                    words.add(text.substring(from, i));
                }
                from = i;
            }
        }
        return words;
    }

    private static JsonObject textJson(String text) {
        return new JsonObject().put("type", "text").put("text", text);
    }

    private static JsonObject message(JsonArray content, String stopReason, int outputTokens) {
        return new JsonObject()
                .put("id", "msg_fake01")
                .put("type", "message")
                .put("role", "assistant")
                .put("model", MODEL)
                .put("content", content)
                .put("stop_reason", stopReason)
                .put("stop_sequence", (Object) null)
                .put("usage", new JsonObject().put("input_tokens", INPUT_TOKENS).put("output_tokens", outputTokens));
    }

    private static List<String> start() {
        JsonObject message = message(new JsonArray(), null, 1);
        return List.of(
                event(
                        "message_start",
                        new JsonObject().put("type", "message_start").put("message", message)),
                event("ping", new JsonObject().put("type", "ping")));
    }

    private static List<String> textBlock(int index, List<String> words) {
        List<String> events = new ArrayList<>();
        events.add(event(
                "content_block_start",
                new JsonObject()
                        .put("type", "content_block_start")
                        .put("index", index)
                        .put("content_block", textJson(""))));
        for (String w : words) {
            events.add(event(
                    "content_block_delta",
                    new JsonObject()
                            .put("type", "content_block_delta")
                            .put("index", index)
                            .put(
                                    "delta",
                                    new JsonObject().put("type", "text_delta").put("text", w))));
        }
        events.add(event(
                "content_block_stop",
                new JsonObject().put("type", "content_block_stop").put("index", index)));
        return events;
    }

    private static List<String> finish(String stopReason, int outputTokens) {
        return List.of(
                event(
                        "message_delta",
                        new JsonObject()
                                .put("type", "message_delta")
                                .put(
                                        "delta",
                                        new JsonObject()
                                                .put("stop_reason", stopReason)
                                                .put("stop_sequence", (Object) null))
                                .put("usage", new JsonObject().put("output_tokens", outputTokens))),
                event("message_stop", new JsonObject().put("type", "message_stop")));
    }

    private static String event(String name, JsonObject data) {
        return "event: " + name + "\ndata: " + data.encode() + "\n\n";
    }

    /** Writes the events as pieces that cut events apart, each after a short delay, then ends as told. */
    private void writeStream(HttpServerResponse response, List<String> events, Tail tail) {
        response.setStatusCode(200)
                .setChunked(true)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-cache")
                .putHeader("request-id", "req_fake01");
        byte[] all = String.join("", events).getBytes(StandardCharsets.UTF_8);
        List<Buffer> pieces = new ArrayList<>();
        int step = Math.max(16, all.length / 6);
        for (int i = 0; i < all.length; i += step) {
            pieces.add(Buffer.buffer().appendBytes(all, i, Math.min(step, all.length - i)));
        }
        writePieces(response, pieces, 0, tail);
    }

    private void writePieces(HttpServerResponse response, List<Buffer> pieces, int next, Tail tail) {
        if (response.closed()) {
            return;
        }
        if (next == pieces.size()) {
            switch (tail) {
                case END -> response.end();
                case DROP -> {
                    droppedByServer.add(response);
                    response.reset();
                }
                case HANG -> {}
            }
            return;
        }
        response.write(pieces.get(next));
        vertx.setTimer(5, id -> writePieces(response, pieces, next + 1, tail));
    }

    private static void json(HttpServerResponse response, JsonObject body) {
        response.setStatusCode(200)
                .putHeader("content-type", "application/json")
                .putHeader("request-id", "req_fake01")
                .end(body.encode());
    }

    private static void error(HttpServerResponse response, Behaviour.Error e) {
        response.setStatusCode(e.status()).putHeader("content-type", "application/json");
        if (e.retryAfterSeconds() > 0) {
            response.putHeader("retry-after", Integer.toString(e.retryAfterSeconds()));
        }
        response.end(new JsonObject()
                .put("type", "error")
                .put("error", new JsonObject().put("type", e.type()).put("message", e.message()))
                .encode());
    }
}
