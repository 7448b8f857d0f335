package io.trustgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.api.TrustgateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A validated chat-completions request: the essentials the gateway acts on, plus the body itself, which goes
 * upstream untouched apart from the model name (multi-part content, tools, response_format and unknown future
 * fields pass through). Validation checks the types of the fields OpenAI's reference defines and names the
 * offending field the way OpenAI does ({@code messages[2].role}); it does not second-guess values the upstream
 * is better placed to judge.
 *
 * @param body the parsed body
 * @param model the requested model
 * @param stream whether SSE was asked for
 * @param includeUsage {@code stream_options.include_usage}
 * @param maxTokens {@code max_completion_tokens}, else {@code max_tokens}, else 0
 * @param texts the text of every message (content strings, text parts, tool-call arguments), of the tool definitions,
 *     the response schema and a predicted output, for token counting
 * @param params the request field each of {@code texts} is in ({@code messages}, {@code tools}, {@code functions},
 *     {@code response_format}, {@code prediction}), in the same order: a token limit's error names the one that
 *     holds most of the prompt
 */
record ChatRequest(
        ObjectNode body,
        String model,
        boolean stream,
        boolean includeUsage,
        long maxTokens,
        List<String> texts,
        List<String> params) {
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");

    ChatRequest {
        texts = List.copyOf(texts);
        params = List.copyOf(params);
        if (texts.size() != params.size()) {
            throw new IllegalArgumentException(texts.size() + " texts but " + params.size() + " params");
        }
    }

    static ChatRequest parse(JsonNode root) {
        if (!(root instanceof ObjectNode body)) {
            throw TrustgateException.invalid("The request body must be a JSON object.", "");
        }
        String model = requiredString(body, "model");
        JsonNode messages = body.get("messages");
        if (messages == null || messages.isNull()) {
            throw TrustgateException.invalid("Missing required parameter: 'messages'.", "messages");
        }
        if (!messages.isArray()) {
            throw TrustgateException.invalid("Invalid type for 'messages': expected an array.", "messages");
        }
        if (messages.isEmpty()) {
            throw TrustgateException.invalid("'messages' must contain at least one message.", "messages");
        }
        List<String> texts = new ArrayList<>(messages.size());
        List<String> params = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            texts.add(message(messages.get(i), "messages[" + i + "]"));
            params.add("messages");
        }
        boolean stream = optionalBoolean(body, "stream");
        boolean includeUsage = false;
        JsonNode so = body.get("stream_options");
        if (so != null && !so.isNull()) {
            if (!so.isObject()) {
                throw TrustgateException.invalid(
                        "Invalid type for 'stream_options': expected an object.", "stream_options");
            }
            if (!stream) {
                throw TrustgateException.invalid(
                        "'stream_options' is only allowed when 'stream' is true.", "stream_options");
            }
            includeUsage = optionalBoolean((ObjectNode) so, "include_usage", "stream_options.include_usage");
        }
        long maxTokens = positiveInt(body, "max_completion_tokens", Long.MAX_VALUE);
        if (maxTokens == 0) {
            maxTokens = positiveInt(body, "max_tokens", Long.MAX_VALUE);
        } else {
            positiveInt(body, "max_tokens", Long.MAX_VALUE);
        }
        positiveInt(body, "n", 128);
        number(body, "temperature", 0, 2);
        number(body, "top_p", 0, 1);
        number(body, "frequency_penalty", -2, 2);
        number(body, "presence_penalty", -2, 2);
        typed(body, "tools", JsonNode::isArray, "an array");
        typed(body, "response_format", JsonNode::isObject, "an object");
        typed(body, "stop", n -> n.isTextual() || n.isArray(), "a string or an array of strings");
        typed(body, "user", JsonNode::isTextual, "a string");
        typed(body, "seed", JsonNode::isIntegralNumber, "an integer");
        typed(body, "logprobs", JsonNode::isBoolean, "a boolean");
        typed(body, "parallel_tool_calls", JsonNode::isBoolean, "a boolean");
        typed(body, "tool_choice", n -> n.isTextual() || n.isObject(), "a string or an object");
        typed(body, "metadata", JsonNode::isObject, "an object");
        typed(body, "functions", JsonNode::isArray, "an array");
        typed(body, "prediction", JsonNode::isObject, "an object");
        // the firewall reads string values only: a value of another type would pass it unread; the bounds are
        // OpenAI's (16 pairs, keys up to 64 chars, values up to 512), which also keep the scan of them small
        if (body.get("metadata") instanceof ObjectNode metadata) {
            if (metadata.size() > 16) {
                throw TrustgateException.invalid(
                        "Invalid 'metadata': at most 16 key-value pairs, was " + metadata.size() + ".", "metadata");
            }
            metadata.fields().forEachRemaining(e -> {
                String at = io.trustgate.firewall.ToolDefinitionText.member("metadata", e.getKey());
                if (!e.getValue().isTextual()) {
                    throw TrustgateException.invalid("Invalid type for '" + at + "': expected a string.", at);
                }
                if (e.getKey().length() > 64 || e.getValue().asText().length() > 512) {
                    throw TrustgateException.invalid(
                            "Invalid 'metadata': keys are at most 64 characters and values at most 512.", at);
                }
            });
        }
        // what else the model reads counts as prompt (and decides whether the screen runs off the event loop)
        JsonNode schema = body.path("response_format").path("json_schema");
        if (schema.isObject()) {
            texts.add(schema.toString());
            params.add("response_format");
        }
        JsonNode prediction = body.path("prediction").path("content");
        if (prediction.isTextual()) {
            texts.add(prediction.asText());
            params.add("prediction");
        } else if (prediction.isArray()) {
            texts.add(prediction.toString());
            params.add("prediction");
        }
        JsonNode functions = body.get("functions");
        if (functions != null && functions.isArray()) {
            for (int i = 0; i < functions.size(); i++) {
                if (!functions.get(i).isObject()
                        || !functions.get(i).path("name").isTextual()) {
                    throw TrustgateException.invalid(
                            "Invalid function: each function must be an object with a string 'name'.",
                            "functions[" + i + "]");
                }
                texts.add(functions.get(i).toString());
                params.add("functions");
            }
        }
        JsonNode tools = body.get("tools");
        if (tools != null && tools.isArray()) {
            for (int i = 0; i < tools.size(); i++) {
                JsonNode t = tools.get(i);
                if (!t.isObject() || !t.path("type").isTextual()) {
                    throw TrustgateException.invalid(
                            "Invalid tool: each tool must be an object with a 'type'.", "tools[" + i + "]");
                }
                JsonNode f = t.get("function");
                if (f != null && !f.isNull()) {
                    if (!f.isObject() || !f.path("name").isTextual()) {
                        throw TrustgateException.invalid(
                                "Invalid tool: 'function.name' must be a string.", "tools[" + i + "].function.name");
                    }
                }
                texts.add(t.toString()); // the whole entry is screened (custom tools, extra keys), so it counts
                params.add("tools");
            }
        }
        JsonNode rf = body.get("response_format");
        if (rf != null && rf.isObject() && !rf.path("type").isTextual()) {
            throw TrustgateException.invalid("'response_format.type' must be a string.", "response_format.type");
        }
        return new ChatRequest(body, model, stream, includeUsage, maxTokens == 0 ? 0 : maxTokens, texts, params);
    }

    private static String message(JsonNode m, String where) {
        if (!m.isObject()) {
            throw TrustgateException.invalid("Invalid type for '" + where + "': expected an object.", where);
        }
        JsonNode role = m.get("role");
        if (role == null || role.isNull()) {
            throw TrustgateException.invalid("Missing required parameter: '" + where + ".role'.", where + ".role");
        }
        if (!role.isTextual() || !ROLES.contains(role.asText())) {
            throw TrustgateException.invalid(
                    "Invalid value for '" + where + ".role': expected one of system, developer, user, assistant, tool.",
                    where + ".role");
        }
        StringBuilder text = new StringBuilder();
        JsonNode content = m.get("content");
        boolean hasToolCalls =
                m.path("tool_calls").isArray() && !m.path("tool_calls").isEmpty();
        if (content == null || content.isNull()) {
            if (!role.asText().equals("assistant")) {
                throw TrustgateException.invalid(
                        "Missing required parameter: '" + where + ".content'.", where + ".content");
            }
        } else if (content.isTextual()) {
            text.append(content.asText());
        } else if (content.isArray()) {
            for (int j = 0; j < content.size(); j++) {
                JsonNode part = content.get(j);
                String pw = where + ".content[" + j + "]";
                if (!part.isObject() || !part.path("type").isTextual()) {
                    throw TrustgateException.invalid(
                            "Invalid content part: each part must be an object with a 'type'.", pw + ".type");
                }
                if (part.path("type").asText().equals("text")
                        && !part.path("text").isTextual()) {
                    throw TrustgateException.invalid(
                            "Invalid type for '" + pw + ".text': expected a string.", pw + ".text");
                }
                for (String field : List.of("text", "refusal")) {
                    JsonNode v = part.get(field);
                    if (v != null && !v.isNull() && !v.isTextual()) {
                        // in a part of any type: the firewall reads strings, another type would pass it unread
                        throw TrustgateException.invalid(
                                "Invalid type for '" + pw + "." + field + "': expected a string.", pw + "." + field);
                    }
                    text.append(v != null && v.isTextual() ? v.asText() : "");
                }
            }
        } else {
            throw TrustgateException.invalid(
                    "Invalid type for '" + where + ".content': expected a string or an array of content parts.",
                    where + ".content");
        }
        JsonNode tc = m.get("tool_calls");
        if (tc != null && !tc.isNull()) {
            if (!tc.isArray()) {
                throw TrustgateException.invalid(
                        "Invalid type for '" + where + ".tool_calls': expected an array.", where + ".tool_calls");
            }
            for (int k = 0; k < tc.size(); k++) {
                JsonNode call = tc.get(k);
                JsonNode args = call.path("function").path("arguments");
                if (!args.isMissingNode() && !args.isNull() && !args.isTextual()) {
                    // OpenAI takes the arguments as a JSON string; an object would pass the firewall unscanned
                    String at = where + ".tool_calls[" + k + "].function.arguments";
                    throw TrustgateException.invalid("Invalid type for '" + at + "': expected a string.", at);
                }
                text.append(call.path("function").path("name").asText("")).append(args.asText(""));
            }
        } else if (!hasToolCalls
                && role.asText().equals("assistant")
                && (content == null || content.isNull())
                && m.get("function_call") == null
                && m.get("refusal") == null
                && m.get("audio") == null) {
            throw TrustgateException.invalid(
                    "Missing required parameter: '" + where
                            + ".content' (an assistant message needs content, tool_calls or audio).",
                    where + ".content");
        }
        JsonNode audio = m.get("audio");
        if (audio != null && !audio.isNull()) {
            // an earlier audio answer, referred to by its id (how audio conversations go on); the firewall reads the
            // id, so it must be a string
            if (!audio.isObject() || !audio.path("id").isTextual()) {
                throw TrustgateException.invalid(
                        "Invalid type for '" + where + ".audio.id': expected a string.", where + ".audio.id");
            }
        }
        for (String field : List.of("name", "refusal", "tool_call_id")) {
            JsonNode v = m.get(field);
            if (v != null && !v.isNull() && !v.isTextual()) {
                // the firewall reads strings: any other type would pass it unread
                throw TrustgateException.invalid(
                        "Invalid type for '" + where + "." + field + "': expected a string.", where + "." + field);
            }
            text.append(v != null && v.isTextual() && !field.equals("tool_call_id") ? " " + v.asText() : "");
        }
        JsonNode fc = m.get("function_call");
        if (fc != null && fc.isObject()) {
            for (String field : List.of("name", "arguments")) {
                JsonNode v = fc.get(field);
                if (v != null && !v.isNull() && !v.isTextual()) {
                    String at = where + ".function_call." + field;
                    throw TrustgateException.invalid("Invalid type for '" + at + "': expected a string.", at);
                }
                text.append(v != null && v.isTextual() ? v.asText() : "");
            }
        }
        if (role.asText().equals("tool")) {
            JsonNode id = m.get("tool_call_id");
            if (id == null || !id.isTextual()) {
                throw TrustgateException.invalid(
                        "Missing required parameter: '" + where + ".tool_call_id'.", where + ".tool_call_id");
            }
        }
        return text.toString();
    }

    static String requiredString(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            throw TrustgateException.invalid("Missing required parameter: '" + field + "'.", field);
        }
        if (!n.isTextual()) {
            throw TrustgateException.invalid("Invalid type for '" + field + "': expected a string.", field);
        }
        if (n.asText().isBlank()) {
            throw TrustgateException.invalid("'" + field + "' must not be empty.", field);
        }
        return n.asText();
    }

    static boolean optionalBoolean(ObjectNode body, String field) {
        return optionalBoolean(body, field, field);
    }

    private static boolean optionalBoolean(ObjectNode body, String field, String param) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return false;
        }
        if (!n.isBoolean()) {
            throw TrustgateException.invalid("Invalid type for '" + param + "': expected a boolean.", param);
        }
        return n.asBoolean();
    }

    /** A positive integer field, 0 when absent. */
    static long positiveInt(ObjectNode body, String field, long max) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return 0;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw TrustgateException.invalid("Invalid type for '" + field + "': expected an integer.", field);
        }
        long v = n.asLong();
        if (v < 1 || v > max) {
            throw TrustgateException.invalid(
                    "Invalid value for '" + field + "': must be between 1 and " + max + ", was " + v + ".", field);
        }
        return v;
    }

    private static void number(ObjectNode body, String field, double min, double max) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return;
        }
        if (!n.isNumber()) {
            throw TrustgateException.invalid("Invalid type for '" + field + "': expected a number.", field);
        }
        double v = n.asDouble();
        if (!(v >= min && v <= max)) {
            throw TrustgateException.invalid(
                    "Invalid value for '" + field + "': must be between " + fmt(min) + " and " + fmt(max) + ".", field);
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static void typed(ObjectNode body, String field, java.util.function.Predicate<JsonNode> ok, String what) {
        JsonNode n = body.get(field);
        if (n != null && !n.isNull() && !ok.test(n)) {
            throw TrustgateException.invalid("Invalid type for '" + field + "': expected " + what + ".", field);
        }
    }
}
