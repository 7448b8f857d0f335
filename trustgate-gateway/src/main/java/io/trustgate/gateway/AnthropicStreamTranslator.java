package io.trustgate.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.api.TrustgateException;
import io.trustgate.api.Usage;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns one Anthropic Messages event stream into OpenAI {@code chat.completion.chunk} events, one Anthropic event
 * at a time, so that nothing is held back: each call returns the OpenAI bytes that event produces (often none).
 *
 * <p>State carried between events: the message id and model (from {@code message_start}), the mapping from
 * Anthropic content-block index to OpenAI tool-call index (OpenAI numbers tool calls alone, Anthropic numbers all
 * blocks), the stop reason and the usage. Thinking, signature and citation deltas have no chat completions
 * equivalent and are dropped; unknown event types are ignored, as Anthropic's versioning policy asks.
 *
 * <p>Not thread-safe: one instance per stream, fed from the stream's event loop.
 */
final class AnthropicStreamTranslator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");

    private final String provider;
    private final Credentials credentials;
    private final boolean includeUsage;
    private final long created;
    private final Map<Integer, Integer> toolIndexOfBlock = new HashMap<>();

    private String id = "chatcmpl-";
    private String model = "";
    private String stopReason = "";
    private long inputTokens;
    private long cacheReadTokens;
    private long outputTokens;
    /** Whether {@code message_delta} reported output tokens: until then they are {@code message_start}'s placeholder. */
    private boolean finalUsage;
    /** Text and tool-argument deltas seen, and their characters: the estimate of a stream that broke off. */
    private long contentDeltas;

    private long contentChars;
    private boolean started;
    private boolean finished;

    /** Without credentials to mask (a provider with no key, and tests). */
    AnthropicStreamTranslator(String provider, boolean includeUsage, long createdEpochSeconds) {
        this(provider, Credentials.NONE, includeUsage, createdEpochSeconds);
    }

    /** With the provider's credentials, masked in the message of an {@code error} event. */
    AnthropicStreamTranslator(
            String provider, Credentials credentials, boolean includeUsage, long createdEpochSeconds) {
        this.provider = provider;
        this.credentials = credentials;
        this.includeUsage = includeUsage;
        this.created = createdEpochSeconds;
    }

    /**
     * Translates one event.
     *
     * @param name the SSE {@code event:} name (the JSON {@code type} is used when it is empty)
     * @param data the event's JSON
     * @return the OpenAI SSE bytes to send, possibly empty
     * @throws TrustgateException for an Anthropic {@code error} event or an event that is not JSON
     */
    Buffer onEvent(String name, String data) {
        JsonNode event;
        try {
            event = data.isEmpty() ? NODES.objectNode() : AnthropicTranslator.JSON.readTree(data);
        } catch (JsonProcessingException e) {
            throw UpstreamFailure.connection(provider, "malformed stream event '" + name + "'", null);
        }
        String type = name.isEmpty() ? event.path("type").asText("") : name;
        Buffer out = Buffer.buffer();
        switch (type) {
            case "message_start" -> {
                JsonNode message = event.path("message");
                id = "chatcmpl-" + message.path("id").asText("");
                model = message.path("model").asText("");
                updateUsage(message.path("usage"));
                started = true;
                ObjectNode delta = NODES.objectNode().put("role", "assistant").put("content", "");
                append(out, chunk(delta, null));
            }
            case "content_block_start" -> {
                JsonNode block = event.path("content_block");
                int index = event.path("index").asInt();
                switch (block.path("type").asText("")) {
                    case "text" -> {
                        String text = block.path("text").asText("");
                        if (!text.isEmpty()) {
                            counted(text);
                            append(out, chunk(NODES.objectNode().put("content", text), null));
                        }
                    }
                    case "tool_use" -> {
                        int toolIndex = toolIndexOfBlock.size();
                        toolIndexOfBlock.put(index, toolIndex);
                        ObjectNode call = NODES.objectNode().put("index", toolIndex);
                        call.put("id", block.path("id").asText(""));
                        call.put("type", "function");
                        call.putObject("function")
                                .put("name", block.path("name").asText(""))
                                .put("arguments", "");
                        append(out, chunk(toolCalls(call), null));
                    }
                    default -> {}
                }
            }
            case "content_block_delta" -> {
                JsonNode delta = event.path("delta");
                switch (delta.path("type").asText("")) {
                    case "text_delta" -> {
                        String text = delta.path("text").asText("");
                        if (!text.isEmpty()) {
                            counted(text);
                            append(out, chunk(NODES.objectNode().put("content", text), null));
                        }
                    }
                    case "input_json_delta" -> {
                        Integer toolIndex =
                                toolIndexOfBlock.get(event.path("index").asInt());
                        String partial = delta.path("partial_json").asText("");
                        if (toolIndex != null && !partial.isEmpty()) {
                            counted(partial);
                            ObjectNode call = NODES.objectNode().put("index", toolIndex);
                            call.putObject("function").put("arguments", partial);
                            append(out, chunk(toolCalls(call), null));
                        }
                    }
                    default -> {}
                }
            }
            case "message_delta" -> {
                String reason = event.path("delta").path("stop_reason").asText("");
                if (!reason.isEmpty()) {
                    stopReason = reason;
                }
                if (event.path("usage").has("output_tokens")) {
                    finalUsage = true;
                }
                updateUsage(event.path("usage"));
            }
            case "message_stop" -> {
                if (!finished) {
                    finished = true;
                    append(out, chunk(NODES.objectNode(), AnthropicTranslator.finishReason(stopReason)));
                    if (includeUsage) {
                        ObjectNode u = base();
                        u.putArray("choices");
                        u.set("usage", AnthropicTranslator.usageJson(usage(), cacheReadTokens));
                        append(out, u);
                    }
                    out.appendBuffer(DONE);
                }
            }
            case "error" -> {
                JsonNode error = event.path("error");
                String errorType = error.path("type").asText("");
                String message = error.path("message").asText("");
                throw UpstreamFailure.status(
                        provider,
                        AnthropicTranslator.statusOfErrorType(errorType),
                        Duration.ZERO,
                        message.length() > 300 ? message.substring(0, 300) : message,
                        credentials);
            }
            default -> {
                // ping, content_block_stop and event types added later carry nothing for the client.
            }
        }
        return out;
    }

    /** Whether {@code message_stop} was seen and {@code data: [DONE]} produced. */
    boolean finished() {
        return finished;
    }

    /** Whether {@code message_start} was seen. */
    boolean started() {
        return started;
    }

    /**
     * Usage so far: input tokens from {@code message_start}; output tokens as {@code message_delta} reported them,
     * or, when it never came (a stream that broke off), an estimate of what was streamed, since the upstream bills
     * those tokens and {@code message_start}'s count is a placeholder (usually 1). The estimate is one token per
     * delta or per four characters, whichever is more, and never below what the upstream reported.
     */
    Usage usage() {
        if (finalUsage) {
            return new Usage(inputTokens, outputTokens);
        }
        long estimate = Math.max(contentDeltas, (contentChars + 3) / 4);
        return new Usage(inputTokens, Math.max(outputTokens, estimate));
    }

    private void counted(String text) {
        contentDeltas++;
        contentChars += text.length();
    }

    /** Usage fields are cumulative in every event that carries them, so the latest value wins. */
    private void updateUsage(JsonNode u) {
        if (!u.isObject()) {
            return;
        }
        if (u.has("input_tokens") || u.has("cache_creation_input_tokens") || u.has("cache_read_input_tokens")) {
            long prompt = AnthropicTranslator.usage(u).promptTokens();
            if (prompt > 0) {
                inputTokens = prompt;
            }
            cacheReadTokens =
                    Math.max(cacheReadTokens, u.path("cache_read_input_tokens").asLong(0));
        }
        if (u.has("output_tokens")) {
            outputTokens = u.path("output_tokens").asLong(outputTokens);
        }
    }

    private static ObjectNode toolCalls(ObjectNode call) {
        ObjectNode delta = NODES.objectNode();
        ArrayNode calls = delta.putArray("tool_calls");
        calls.add(call);
        return delta;
    }

    private ObjectNode base() {
        return NODES.objectNode()
                .put("id", id)
                .put("object", "chat.completion.chunk")
                .put("created", created)
                .put("model", model);
    }

    private ObjectNode chunk(ObjectNode delta, String finishReason) {
        ObjectNode c = base();
        ObjectNode choice = c.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        if (includeUsage) {
            // OpenAI sends "usage": null on every chunk but the last when the client asked for usage.
            c.putNull("usage");
        }
        return c;
    }

    private static void append(Buffer out, ObjectNode chunk) {
        out.appendString("data: ").appendString(chunk.toString()).appendString("\n\n");
    }
}
