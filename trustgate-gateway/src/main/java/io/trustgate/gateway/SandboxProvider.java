package io.trustgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.api.Usage;
import io.trustgate.policy.TokenCounter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The built-in SANDBOX provider, for trying Trustgate and for tests: no network, no model. {@code sandbox-echo}
 * answers with the last user message verbatim (streamed in several chunks, with usage counted by the tokenizer),
 * unless a scripted reply matches; a scripted reply with a status other than 200 fails like an upstream would
 * (503 is retryable, 400 is the client's fault), which lets tests exercise retries and fallbacks offline. The
 * embedding model returns deterministic unit vectors derived from the text's hash: equal texts get equal
 * vectors, nothing more. Its answers mean nothing; it is labelled as such in every listing.
 */
final class SandboxProvider implements Provider {
    static final int EMBEDDING_DIMENSIONS = 256;
    private static final int CHUNKS = 4;

    private final ProviderConfig config;
    private final Vertx vertx;
    private final TokenCounter tokens;

    SandboxProvider(Vertx vertx, ProviderConfig config, TokenCounter tokens) {
        this.vertx = vertx;
        this.config = config;
        this.tokens = tokens;
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public Future<ChatResponse> chat(ChatCall call) {
        ObjectNode body = call.body();
        String model = body.path("model").asText();
        String last = lastUserText(body.path("messages"));
        String reply = last;
        for (ProviderConfig.ScriptedReply s : config.sandbox()) {
            if (last.contains(s.match())) {
                if (s.status() != 200) {
                    return Future.failedFuture(UpstreamFailure.status(
                            config.name(), s.status(), Duration.ZERO, "scripted sandbox failure", Credentials.NONE));
                }
                reply = s.reply();
                break;
            }
        }
        long cap = call.maxCompletionTokens();
        JsonNode mt = body.has("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
        if (mt != null && mt.canConvertToLong()) {
            cap = Math.min(cap, mt.asLong());
        }
        String finish = "stop";
        if (cap < Integer.MAX_VALUE && tokens.count(model, reply) > cap) {
            reply = tokens.truncate(model, reply, (int) cap);
            finish = "length";
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode m : body.path("messages")) {
            texts.add(text(m.path("content")));
        }
        int n = Math.max(1, body.path("n").asInt(1));
        Usage usage = new Usage(tokens.countChat(model, texts), (long) tokens.count(model, reply) * n);
        String id = "chatcmpl-sandbox-"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        long created = System.currentTimeMillis() / 1000;
        if (!call.stream()) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("id", id)
                    .put("object", "chat.completion")
                    .put("created", created)
                    .put("model", model);
            ArrayNode choices = root.putArray("choices");
            for (int i = 0; i < n; i++) {
                ObjectNode c = choices.addObject();
                c.put("index", i);
                c.putObject("message")
                        .put("role", "assistant")
                        .put("content", reply)
                        .putNull("refusal");
                c.putNull("logprobs");
                c.put("finish_reason", finish);
            }
            usageNode(root, usage);
            root.put("system_fingerprint", "trustgate-sandbox");
            return Future.succeededFuture(new ChatResponse.Complete(new JsonReply(Json.write(root), usage)));
        }
        List<Buffer> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ObjectNode first = chunk(id, created, model, i);
            first.withArray("choices")
                    .get(0)
                    .withObject("delta")
                    .put("role", "assistant")
                    .put("content", "");
            events.add(sse(first));
            for (String piece : split(reply, CHUNKS)) {
                ObjectNode c = chunk(id, created, model, i);
                c.withArray("choices").get(0).withObject("delta").put("content", piece);
                events.add(sse(c));
            }
            ObjectNode end = chunk(id, created, model, i);
            ((ObjectNode) end.withArray("choices").get(0)).put("finish_reason", finish);
            events.add(sse(end));
        }
        if (call.includeUsage()) {
            ObjectNode u = Json.MAPPER.createObjectNode();
            u.put("id", id)
                    .put("object", "chat.completion.chunk")
                    .put("created", created)
                    .put("model", model);
            u.putArray("choices");
            usageNode(u, usage);
            events.add(sse(u));
        }
        events.add(Buffer.buffer("data: [DONE]\n\n"));
        return Future.succeededFuture(
                new ChatResponse.Streaming(new QueueStream(vertx.getOrCreateContext(), events, usage)));
    }

    private static void usageNode(ObjectNode root, Usage u) {
        root.putObject("usage")
                .put("prompt_tokens", u.promptTokens())
                .put("completion_tokens", u.completionTokens())
                .put("total_tokens", u.totalTokens());
    }

    private static ObjectNode chunk(String id, long created, String model, int index) {
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.put("id", id)
                .put("object", "chat.completion.chunk")
                .put("created", created)
                .put("model", model);
        c.put("system_fingerprint", "trustgate-sandbox");
        ObjectNode choice = c.putArray("choices").addObject();
        choice.put("index", index);
        choice.putObject("delta");
        choice.putNull("logprobs");
        choice.putNull("finish_reason");
        return c;
    }

    private static Buffer sse(ObjectNode n) {
        return Buffer.buffer("data: ").appendBuffer(Json.write(n)).appendString("\n\n");
    }

    /** Splits into at most {@code parts} pieces at word boundaries where possible (never mid code point). */
    static List<String> split(String s, int parts) {
        List<String> out = new ArrayList<>();
        if (s.isEmpty()) {
            return out;
        }
        int target = Math.max(1, s.length() / parts);
        int start = 0;
        while (start < s.length()) {
            int end = Math.min(s.length(), start + target);
            int space = s.indexOf(' ', end);
            end = out.size() == parts - 1 || space < 0 ? s.length() : Math.min(s.length(), space + 1);
            if (end < s.length() && Character.isLowSurrogate(s.charAt(end))) {
                end++;
            }
            out.add(s.substring(start, end));
            start = end;
        }
        return out;
    }

    static String lastUserText(JsonNode messages) {
        String last = "";
        for (JsonNode m : messages) {
            if ("user".equals(m.path("role").asText())) {
                last = text(m.path("content"));
            }
        }
        return last;
    }

    /** The text of a message's content: a string, or the text parts of an array of parts. */
    static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder b = new StringBuilder();
            for (JsonNode part : content) {
                if ("text".equals(part.path("type").asText())
                        && part.path("text").isTextual()) {
                    b.append(part.path("text").asText());
                }
            }
            return b.toString();
        }
        return "";
    }

    @Override
    public Future<JsonReply> embeddings(EmbeddingsCall call) {
        JsonNode input = call.body().path("input");
        List<String> inputs = new ArrayList<>();
        if (input.isTextual()) {
            inputs.add(input.asText());
        } else {
            for (JsonNode i : input) {
                inputs.add(i.isTextual() ? i.asText() : i.toString());
            }
        }
        String model = call.body().path("model").asText();
        boolean base64 = "base64".equals(call.body().path("encoding_format").asText());
        int dims = call.body().path("dimensions").asInt(EMBEDDING_DIMENSIONS);
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        long promptTokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            float[] v = vector(inputs.get(i), dims);
            ObjectNode d = data.addObject();
            d.put("object", "embedding").put("index", i);
            if (base64) {
                ByteBuffer bb = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (float f : v) {
                    bb.putFloat(f);
                }
                d.put("embedding", Base64.getEncoder().encodeToString(bb.array()));
            } else {
                ArrayNode arr = d.putArray("embedding");
                for (float f : v) {
                    arr.add(f);
                }
            }
            promptTokens += tokens.count(model, inputs.get(i));
        }
        root.put("model", model);
        root.putObject("usage").put("prompt_tokens", promptTokens).put("total_tokens", promptTokens);
        return Future.succeededFuture(new JsonReply(Json.write(root), new Usage(promptTokens, 0)));
    }

    static float[] vector(String text, int dims) {
        float[] v = new float[dims];
        long seed =
                UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double norm = 0;
        for (int i = 0; i < dims; i++) {
            v[i] = (float) r.nextGaussian();
            norm += v[i] * v[i];
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dims; i++) {
            v[i] *= inv;
        }
        return v;
    }

    /** A stream of prepared events, one per event-loop turn, honouring pause and resume. */
    static final class QueueStream implements ChatStream {
        private final Context context;
        private final ArrayDeque<Buffer> queue;
        private final Usage usage;
        private Handler<Buffer> handler;
        private Handler<Usage> endHandler = u -> {};
        private boolean paused;
        private boolean cancelled;
        private boolean scheduled;

        QueueStream(Context context, List<Buffer> events, Usage usage) {
            this.context = context;
            this.queue = new ArrayDeque<>(events);
            this.usage = usage;
        }

        @Override
        public ChatStream handler(Handler<Buffer> h) {
            this.handler = h;
            schedule();
            return this;
        }

        private void schedule() {
            if (!scheduled && !paused && !cancelled && handler != null) {
                scheduled = true;
                context.runOnContext(v -> {
                    scheduled = false;
                    step();
                });
            }
        }

        private void step() {
            if (paused || cancelled) {
                return;
            }
            Buffer next = queue.poll();
            if (next == null) {
                cancelled = true;
                endHandler.handle(usage);
                return;
            }
            handler.handle(next);
            schedule();
        }

        @Override
        public ChatStream endHandler(Handler<Usage> h) {
            this.endHandler = h;
            return this;
        }

        @Override
        public ChatStream exceptionHandler(Handler<Throwable> h) {
            return this; // a prepared stream cannot break
        }

        @Override
        public ChatStream pause() {
            paused = true;
            return this;
        }

        @Override
        public ChatStream resume() {
            paused = false;
            schedule();
            return this;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public Usage usageSoFar() {
            return usage;
        }
    }
}
