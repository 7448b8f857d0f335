package io.trustgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * The text of a request or an answer as an audit event keeps it: one line per message, {@code role: text} (text
 * parts joined by spaces, tool-call arguments included), and for answers the content of every choice. Bounded by a cap; what
 * is past it is counted, not kept.
 */
final class AuditText {
    private final StringBuilder text = new StringBuilder();
    private final int cap;
    private long dropped;

    AuditText(int cap) {
        this.cap = cap;
    }

    /** The prompt of a chat request body. */
    static String prompt(JsonNode body, int cap) {
        AuditText t = new AuditText(cap);
        for (JsonNode m : body.path("messages")) {
            if (t.text.length() > 0) {
                t.append("\n");
            }
            t.append(m.path("role").asText("?")).append(": ");
            t.content(m.path("content"));
            for (JsonNode call : m.path("tool_calls")) {
                t.append(" [tool ")
                        .append(call.path("function").path("name").asText(""))
                        .append(" ")
                        .append(call.path("function").path("arguments").asText(""))
                        .append("]");
            }
        }
        return t.toString();
    }

    /** The answer text of a chat.completion body (each choice's content, refusal and tool calls). */
    static String completion(Buffer body, int cap) {
        AuditText t = new AuditText(cap);
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body.getBytes());
        } catch (IOException e) {
            return "";
        }
        for (JsonNode c : root.path("choices")) {
            JsonNode m = c.path("message");
            if (t.text.length() > 0) {
                t.append("\n");
            }
            t.content(m.path("content"));
            if (m.path("refusal").isTextual()) {
                t.append(m.path("refusal").asText());
            }
            if (m.path("function_call").path("arguments").isTextual()) {
                t.append(" [function ")
                        .append(m.path("function_call").path("arguments").asText())
                        .append("]");
            }
            for (JsonNode call : m.path("tool_calls")) {
                t.append(" [tool ")
                        .append(call.path("function").path("name").asText(""))
                        .append(" ")
                        .append(call.path("function").path("arguments").asText(""))
                        .append("]");
            }
        }
        return t.toString();
    }

    /** Adds the delta text of one streamed chat.completion.chunk (its JSON). */
    void chunk(String data) {
        if (dropped > 0 && text.length() >= cap) {
            return; // past the cap: nothing more is kept, no need to parse
        }
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(data);
        } catch (IOException e) {
            return;
        }
        for (JsonNode c : n.path("choices")) {
            JsonNode d = c.path("delta");
            if (d.path("content").isTextual()) {
                append(d.path("content").asText());
            }
            if (d.path("refusal").isTextual()) {
                append(d.path("refusal").asText());
            }
            for (JsonNode call : d.path("tool_calls")) {
                append(call.path("function").path("arguments").asText(""));
            }
            append(d.path("function_call").path("arguments").asText(""));
        }
    }

    private void content(JsonNode content) {
        if (content.isTextual()) {
            append(content.asText());
        } else if (content.isArray()) {
            boolean first = true;
            for (JsonNode part : content) {
                // parts apart, so that the audit's redaction finds a value at the start of a part as it would alone
                // ("Hello" + "AKIA..." must not read "HelloAKIA...", which no secret rule matches)
                String sep = first ? "" : " ";
                if (part.path("text").isTextual()) {
                    append(sep).append(part.path("text").asText());
                } else if (part.path("refusal").isTextual()) {
                    append(sep).append(part.path("refusal").asText());
                } else if (part.has("type")) {
                    append(sep).append("[" + part.path("type").asText() + "]");
                } else {
                    continue;
                }
                first = false;
            }
        }
    }

    AuditText append(String s) {
        int room = cap + 1 - text.length(); // one over the cap, so that the capture marks the cut
        if (room <= 0) {
            dropped += s.length();
        } else if (s.length() <= room) {
            text.append(s);
        } else {
            text.append(s, 0, room);
            dropped += s.length() - room;
        }
        return this;
    }

    /** Characters kept (at most one over the cap). */
    int length() {
        return text.length();
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
