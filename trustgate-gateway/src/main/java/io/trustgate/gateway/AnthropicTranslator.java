package io.trustgate.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.api.TrustgateException;
import io.trustgate.api.Usage;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure translation between OpenAI chat completions and Anthropic's Messages API, kept apart from the I/O of
 * {@link AnthropicProvider} so that every mapping can be tested without a network. The streaming direction lives
 * in {@link AnthropicStreamTranslator}, since it carries state from event to event.
 *
 * <p>Requests the Messages API cannot express are refused with {@code INVALID_REQUEST} naming the parameter,
 * rather than silently approximated: a client that asked for {@code n: 3} or log-probabilities must learn that it
 * will not get them.
 */
final class AnthropicTranslator {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Anthropic requires {@code max_tokens}; used when neither the client nor the gateway sets a cap. */
    static final long DEFAULT_MAX_TOKENS = 4096;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AnthropicTranslator() {}

    /** Builds the body of {@code POST /v1/messages} from the client's chat completions request. */
    static ObjectNode toMessagesRequest(ChatCall call) {
        ObjectNode body = call.body();
        refuseUntranslatable(body);

        ObjectNode out = NODES.objectNode();
        out.put("model", text(body, "model"));

        List<String> system = new ArrayList<>();
        ArrayNode messages = out.putArray("messages");
        JsonNode inMessages = body.path("messages");
        if (!inMessages.isArray() || inMessages.isEmpty()) {
            throw TrustgateException.invalid("messages must be a non-empty array", "messages");
        }
        String lastRole = "";
        ArrayNode lastContent = null;
        for (int i = 0; i < inMessages.size(); i++) {
            JsonNode m = inMessages.get(i);
            String where = "messages[" + i + "]";
            String role = m.path("role").asText("");
            String anthropicRole;
            ArrayNode blocks = NODES.arrayNode();
            switch (role) {
                case "system", "developer" -> {
                    String t = joinedText(m.path("content"), where + ".content");
                    if (!t.isEmpty()) {
                        system.add(t);
                    }
                    continue;
                }
                case "user" -> {
                    anthropicRole = "user";
                    userContent(m.path("content"), where + ".content", blocks);
                }
                case "assistant" -> {
                    anthropicRole = "assistant";
                    String t = joinedText(m.path("content"), where + ".content");
                    if (!t.isEmpty()) {
                        blocks.addObject().put("type", "text").put("text", t);
                    }
                    toolUses(m.path("tool_calls"), where + ".tool_calls", blocks);
                    if (blocks.isEmpty() && m.hasNonNull("audio")) {
                        // dropping it would silently leave out a turn of the conversation
                        throw TrustgateException.invalid(
                                "Anthropic models do not take audio: an assistant message with only 'audio' cannot"
                                        + " be sent",
                                where + ".audio");
                    }
                }
                case "tool" -> {
                    anthropicRole = "user";
                    String id = m.path("tool_call_id").asText("");
                    if (id.isEmpty()) {
                        throw TrustgateException.invalid(
                                "a tool message needs the tool_call_id it answers", where + ".tool_call_id");
                    }
                    blocks.addObject()
                            .put("type", "tool_result")
                            .put("tool_use_id", id)
                            .put("content", joinedText(m.path("content"), where + ".content"));
                }
                default ->
                    throw TrustgateException.invalid(
                            "role '" + role + "' cannot be sent to an Anthropic model", where + ".role");
            }
            if (blocks.isEmpty()) {
                // Anthropic rejects empty content; an empty turn carries nothing, so it is dropped.
                continue;
            }
            if (anthropicRole.equals(lastRole)) {
                // The Messages API wants alternating turns: tool results and a following user text, or two
                // assistant messages, become one turn.
                lastContent.addAll(blocks);
            } else {
                ObjectNode msg = messages.addObject();
                msg.put("role", anthropicRole);
                msg.set("content", blocks);
                lastContent = blocks;
                lastRole = anthropicRole;
            }
        }
        if (!system.isEmpty()) {
            out.put("system", String.join("\n\n", system));
        }

        out.put("max_tokens", maxTokens(body, call));
        copyNumber(body, "temperature", out);
        JsonNode temperature = body.path("temperature");
        if (temperature.isNumber() && (temperature.asDouble() < 0 || temperature.asDouble() > 1)) {
            throw TrustgateException.invalid(
                    "temperature must be between 0 and 1 for Anthropic models, was " + temperature.asText(),
                    "temperature");
        }
        copyNumber(body, "top_p", out);
        stopSequences(body.path("stop"), out);
        tools(body, out);
        responseFormat(body.path("response_format"), out);
        JsonNode user = body.path("user");
        if (user.isTextual() && !user.asText().isEmpty()) {
            out.putObject("metadata").put("user_id", user.asText());
        }
        if (call.stream()) {
            out.put("stream", true);
        }
        return out;
    }

    private static void refuseUntranslatable(ObjectNode body) {
        JsonNode n = body.path("n");
        if (n.isNumber() && n.asLong() > 1) {
            throw TrustgateException.invalid("Anthropic models return one choice per request; n must be 1", "n");
        }
        if (body.path("logprobs").asBoolean(false) || body.hasNonNull("top_logprobs")) {
            throw TrustgateException.invalid(
                    "Anthropic models do not return log probabilities",
                    body.path("logprobs").asBoolean(false) ? "logprobs" : "top_logprobs");
        }
        JsonNode bias = body.path("logit_bias");
        if (bias.isObject() && !bias.isEmpty()) {
            throw TrustgateException.invalid("Anthropic models do not support logit_bias", "logit_bias");
        }
        for (String penalty : List.of("presence_penalty", "frequency_penalty")) {
            JsonNode p = body.path(penalty);
            if (p.isNumber() && p.asDouble() != 0) {
                throw TrustgateException.invalid("Anthropic models do not support " + penalty, penalty);
            }
        }
        if (body.hasNonNull("audio") || containsText(body.path("modalities"), "audio")) {
            throw TrustgateException.invalid("Anthropic models do not produce audio", "modalities");
        }
    }

    private static boolean containsText(JsonNode array, String value) {
        for (JsonNode v : array) {
            if (value.equals(v.asText())) {
                return true;
            }
        }
        return false;
    }

    /** The cap wins over a larger request: it is a limit of the key's tier or budget. */
    private static long maxTokens(ObjectNode body, ChatCall call) {
        JsonNode requested =
                body.hasNonNull("max_completion_tokens") ? body.path("max_completion_tokens") : body.path("max_tokens");
        long max = requested.isIntegralNumber() && requested.asLong() > 0 ? requested.asLong() : 0;
        if (call.capImposed()) {
            return max == 0 ? call.maxCompletionTokens() : Math.min(max, call.maxCompletionTokens());
        }
        return max == 0 ? DEFAULT_MAX_TOKENS : max;
    }

    private static void copyNumber(ObjectNode from, String field, ObjectNode to) {
        JsonNode v = from.path(field);
        if (v.isNumber()) {
            to.set(field, v);
        }
    }

    private static void stopSequences(JsonNode stop, ObjectNode out) {
        if (stop.isTextual()) {
            out.putArray("stop_sequences").add(stop.asText());
        } else if (stop.isArray() && !stop.isEmpty()) {
            ArrayNode seq = out.putArray("stop_sequences");
            for (int i = 0; i < stop.size(); i++) {
                if (!stop.get(i).isTextual()) {
                    throw TrustgateException.invalid("stop sequences must be strings", "stop[" + i + "]");
                }
                seq.add(stop.get(i).asText());
            }
        }
    }

    private static void userContent(JsonNode content, String where, ArrayNode blocks) {
        if (content.isTextual()) {
            if (!content.asText().isEmpty()) {
                blocks.addObject().put("type", "text").put("text", content.asText());
            }
            return;
        }
        if (!content.isArray()) {
            throw TrustgateException.invalid("content must be a string or an array of parts", where);
        }
        for (int j = 0; j < content.size(); j++) {
            JsonNode part = content.get(j);
            String partWhere = where + "[" + j + "]";
            switch (part.path("type").asText("")) {
                case "text" -> {
                    String t = part.path("text").asText("");
                    if (!t.isEmpty()) {
                        blocks.addObject().put("type", "text").put("text", t);
                    }
                }
                case "image_url" ->
                    blocks.add(image(part.path("image_url").path("url").asText(""), partWhere));
                default ->
                    throw TrustgateException.invalid(
                            "content part type '" + part.path("type").asText("") + "' cannot be sent to Anthropic",
                            partWhere + ".type");
            }
        }
    }

    private static ObjectNode image(String url, String where) {
        ObjectNode block = NODES.objectNode().put("type", "image");
        ObjectNode source = block.putObject("source");
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            String meta = comma < 0 ? "" : url.substring(5, comma);
            if (comma < 0 || !meta.endsWith(";base64") || meta.length() == ";base64".length()) {
                throw TrustgateException.invalid(
                        "an image data URL must be data:<media type>;base64,<data>", where + ".image_url.url");
            }
            source.put("type", "base64")
                    .put("media_type", meta.substring(0, meta.length() - ";base64".length()))
                    .put("data", url.substring(comma + 1));
        } else if (url.startsWith("https://") || url.startsWith("http://")) {
            source.put("type", "url").put("url", url);
        } else {
            throw TrustgateException.invalid("an image URL must be an http(s) or data: URL", where + ".image_url.url");
        }
        return block;
    }

    private static void toolUses(JsonNode toolCalls, String where, ArrayNode blocks) {
        for (int j = 0; j < toolCalls.size(); j++) {
            JsonNode tc = toolCalls.get(j);
            JsonNode fn = tc.path("function");
            String argsWhere = where + "[" + j + "].function.arguments";
            String args = fn.path("arguments").asText("");
            JsonNode input;
            try {
                input = args.isBlank() ? NODES.objectNode() : JSON.readTree(args);
            } catch (JsonProcessingException e) {
                throw TrustgateException.invalid("tool call arguments are not valid JSON", argsWhere);
            }
            if (!input.isObject()) {
                throw TrustgateException.invalid("tool call arguments must be a JSON object", argsWhere);
            }
            blocks.addObject()
                    .put("type", "tool_use")
                    .put("id", tc.path("id").asText(""))
                    .put("name", fn.path("name").asText(""))
                    .set("input", input);
        }
    }

    private static void tools(ObjectNode body, ObjectNode out) {
        JsonNode tools = body.path("tools");
        if (tools.isArray() && !tools.isEmpty()) {
            ArrayNode outTools = out.putArray("tools");
            for (int i = 0; i < tools.size(); i++) {
                JsonNode t = tools.get(i);
                if (!"function".equals(t.path("type").asText())) {
                    throw TrustgateException.invalid(
                            "only function tools can be sent to Anthropic", "tools[" + i + "].type");
                }
                JsonNode fn = t.path("function");
                ObjectNode tool =
                        outTools.addObject().put("name", fn.path("name").asText(""));
                if (fn.hasNonNull("description")) {
                    tool.put("description", fn.path("description").asText());
                }
                JsonNode params = fn.path("parameters");
                tool.set("input_schema", params.isObject() ? params : emptyObjectSchema());
                if (fn.path("strict").asBoolean(false)) {
                    tool.put("strict", true);
                }
            }
        }
        JsonNode choice = body.path("tool_choice");
        ObjectNode outChoice = null;
        if (choice.isTextual()) {
            outChoice = switch (choice.asText()) {
                case "auto" -> NODES.objectNode().put("type", "auto");
                case "none" -> NODES.objectNode().put("type", "none");
                case "required" -> NODES.objectNode().put("type", "any");
                default ->
                    throw TrustgateException.invalid(
                            "tool_choice must be auto, none, required or a function", "tool_choice");
            };
        } else if (choice.isObject()) {
            String name = choice.path("function").path("name").asText("");
            if (name.isEmpty()) {
                throw TrustgateException.invalid("tool_choice.function.name is required", "tool_choice.function.name");
            }
            outChoice = NODES.objectNode().put("type", "tool").put("name", name);
        }
        if (body.path("parallel_tool_calls").isBoolean()
                && !body.path("parallel_tool_calls").asBoolean()
                && out.has("tools")) {
            if (outChoice == null) {
                outChoice = NODES.objectNode().put("type", "auto");
            }
            if (!outChoice.path("type").asText().equals("none")) {
                outChoice.put("disable_parallel_tool_use", true);
            }
        }
        if (outChoice != null) {
            out.set("tool_choice", outChoice);
        }
    }

    private static ObjectNode emptyObjectSchema() {
        ObjectNode schema = NODES.objectNode().put("type", "object");
        schema.putObject("properties");
        return schema;
    }

    /**
     * {@code json_schema} maps to Anthropic's structured outputs ({@code output_config.format}); there is no
     * schema-less JSON mode, so {@code json_object} is refused rather than approximated with a prompt.
     */
    private static void responseFormat(JsonNode format, ObjectNode out) {
        if (!format.isObject()) {
            return;
        }
        switch (format.path("type").asText("")) {
            case "text" -> {}
            case "json_schema" -> {
                JsonNode schema = format.path("json_schema").path("schema");
                if (!schema.isObject()) {
                    throw TrustgateException.invalid(
                            "response_format.json_schema.schema is required", "response_format.json_schema.schema");
                }
                out.putObject("output_config")
                        .putObject("format")
                        .put("type", "json_schema")
                        .set("schema", schema);
            }
            case "json_object" ->
                throw TrustgateException.invalid(
                        "Anthropic models have no schema-less JSON mode; use response_format json_schema",
                        "response_format.type");
            default ->
                throw TrustgateException.invalid(
                        "unknown response_format type '" + format.path("type").asText() + "'", "response_format.type");
        }
    }

    /** The text of a content that must be text only: a string, or an array of text (or refusal) parts. */
    private static String joinedText(JsonNode content, String where) {
        if (content.isMissingNode() || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (!content.isArray()) {
            throw TrustgateException.invalid("content must be a string or an array of text parts", where);
        }
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < content.size(); j++) {
            JsonNode part = content.get(j);
            String type = part.path("type").asText("");
            if (!type.equals("text") && !type.equals("refusal")) {
                throw TrustgateException.invalid(
                        "only text parts are allowed here, found '" + type + "'", where + "[" + j + "].type");
            }
            sb.append(part.path(type).asText(""));
        }
        return sb.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw TrustgateException.invalid(field + " is required", field);
        }
        return v.asText();
    }

    // ---- responses ----

    /** Translates a whole Anthropic {@code message} into an OpenAI {@code chat.completion}. */
    static JsonReply toChatCompletion(JsonNode message, long createdEpochSeconds) {
        ObjectNode out = NODES.objectNode();
        out.put("id", "chatcmpl-" + message.path("id").asText(""));
        out.put("object", "chat.completion");
        out.put("created", createdEpochSeconds);
        out.put("model", message.path("model").asText(""));
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode msg = choice.putObject("message");
        msg.put("role", "assistant");
        StringBuilder text = new StringBuilder();
        boolean hasText = false;
        ArrayNode toolCalls = NODES.arrayNode();
        for (JsonNode block : message.path("content")) {
            switch (block.path("type").asText("")) {
                case "text" -> {
                    text.append(block.path("text").asText(""));
                    hasText = true;
                }
                case "tool_use" -> {
                    ObjectNode tc = toolCalls.addObject();
                    tc.put("id", block.path("id").asText(""));
                    tc.put("type", "function");
                    tc.putObject("function")
                            .put("name", block.path("name").asText(""))
                            .put(
                                    "arguments",
                                    block.path("input").isMissingNode()
                                            ? "{}"
                                            : block.path("input").toString());
                }
                default -> {
                    // thinking, redacted_thinking and server tool blocks have no chat completions equivalent.
                }
            }
        }
        if (hasText) {
            msg.put("content", text.toString());
        } else {
            msg.putNull("content");
        }
        msg.putNull("refusal");
        if (!toolCalls.isEmpty()) {
            msg.set("tool_calls", toolCalls);
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(message.path("stop_reason").asText("")));
        Usage usage = usage(message.path("usage"));
        out.set(
                "usage",
                usageJson(
                        usage,
                        message.path("usage").path("cache_read_input_tokens").asLong(0)));
        return new JsonReply(Buffer.buffer(out.toString()), usage);
    }

    /** Maps Anthropic's {@code stop_reason} to OpenAI's {@code finish_reason}. */
    static String finishReason(String stopReason) {
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop"; // end_turn, stop_sequence, pause_turn
        };
    }

    /** Prompt tokens include the cached ones, which Anthropic counts apart from {@code input_tokens}. */
    static Usage usage(JsonNode u) {
        long prompt = u.path("input_tokens").asLong(0)
                + u.path("cache_creation_input_tokens").asLong(0)
                + u.path("cache_read_input_tokens").asLong(0);
        return new Usage(prompt, u.path("output_tokens").asLong(0));
    }

    static ObjectNode usageJson(Usage usage, long cachedTokens) {
        ObjectNode u = NODES.objectNode()
                .put("prompt_tokens", usage.promptTokens())
                .put("completion_tokens", usage.completionTokens())
                .put("total_tokens", usage.totalTokens());
        if (cachedTokens > 0) {
            u.putObject("prompt_tokens_details").put("cached_tokens", cachedTokens);
        }
        return u;
    }

    /** The HTTP status Anthropic uses for an error type, for errors that arrive inside a 200 stream. */
    static int statusOfErrorType(String type) {
        return switch (type) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "overloaded_error" -> 529;
            default -> 500; // api_error and types added later
        };
    }

    /** {@code error.message} of an Anthropic error body, cut to 300 characters; empty when absent. */
    static String errorMessage(String body) {
        String message;
        try {
            message = JSON.readTree(body).path("error").path("message").asText("");
        } catch (JsonProcessingException e) {
            message = "";
        }
        return message.length() > 300 ? message.substring(0, 300) : message;
    }
}
