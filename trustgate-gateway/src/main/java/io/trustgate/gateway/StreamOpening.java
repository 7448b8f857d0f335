package io.trustgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.Map;

/**
 * Tells the opening events of a chat stream, which carry no answer yet (OpenAI's first chunk with only
 * {@code role: assistant} and an empty {@code content}; Anthropic's {@code message_start} translated to that), from
 * the events that do. The gateway holds the opening back until the first event with content, so that a failure
 * before any content (Anthropic's in-stream overload, a reset right after the opening) can still be retried or
 * fall back: nothing reached the client.
 *
 * <p>Conservative: anything it does not recognise as an empty opening (a finish reason, usage, log probabilities,
 * a tool call, a refusal, an error, text that is not JSON) counts as content and releases the stream.
 */
final class StreamOpening {
    /**
     * How long the opening is held at most when no content follows (a reasoning model may think for minutes): then
     * it is sent, so that the client sees headers, and the stream counts as started.
     */
    static final long HOLD_MILLIS = 10_000;

    private StreamOpening() {}

    /** Whether every whole event in {@code events} is an empty opening (true when there is none). */
    static boolean contentless(Buffer events) {
        boolean[] content = {false};
        SseParser parser = new SseParser(OpenAiProvider.MAX_EVENT_BYTES, e -> {
            if (!content[0] && !contentless(e.data())) {
                content[0] = true;
            }
        });
        try {
            parser.feed(events);
        } catch (RuntimeException e) {
            return false; // an odd event is not held: the stream goes on as before
        }
        return !content[0];
    }

    static boolean contentless(String data) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(data);
        } catch (IOException e) {
            return false;
        }
        if (!n.isObject() || n.has("error") || present(n.get("usage"))) {
            return false;
        }
        JsonNode choices = n.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            return false;
        }
        for (JsonNode c : choices) {
            if (present(c.get("finish_reason")) || present(c.get("logprobs"))) {
                return false;
            }
            JsonNode delta = c.path("delta");
            if (!delta.isObject()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> f : delta.properties()) {
                boolean empty = switch (f.getKey()) {
                    case "role" -> true;
                    case "content" ->
                        !present(f.getValue())
                                || (f.getValue().isTextual()
                                        && f.getValue().asText().isEmpty());
                    case "refusal" -> !present(f.getValue());
                    default -> false;
                };
                if (!empty) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean present(JsonNode v) {
        return v != null && !v.isNull();
    }
}
