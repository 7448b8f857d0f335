package io.trustgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.api.ErrorKind;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanContext;
import io.trustgate.api.ScanText;
import io.trustgate.api.TrustgateException;
import io.trustgate.api.Verdict;
import io.trustgate.firewall.FirewallChain;
import io.trustgate.firewall.RedactionSession;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The output firewall over a whole (non-streamed) answer: every choice's texts (content, refusal, reasoning) and
 * tool-call (and legacy function-call) arguments are scanned with the tier's output chain; a blocking verdict turns
 * the answer into a {@code content_policy_violation} error naming the category, the scanner and where, never the
 * text; a redacting verdict masks the spans. Then anonymised placeholders of the request are put back. An answer
 * that cannot be parsed while a chain is configured is refused (fail closed): it could not be screened.
 */
final class OutputScreen {
    /**
     * The text fields of an answer's message that are screened, besides the arguments of calls: the reasoning comes
     * as {@code reasoning_content} or {@code reasoning} from vLLM, Ollama and DeepSeek-style servers.
     */
    static final List<String> TEXT_FIELDS = List.of("content", "refusal", "reasoning_content", "reasoning");

    private OutputScreen() {}

    /** What the output scanners may know of the exchange, from the request as it goes upstream. */
    static ScanContext context(ObjectNode body, List<String> canaries) {
        StringBuilder system = new StringBuilder();
        JsonNode messages = body.path("messages");
        for (JsonNode m : messages) {
            String role = m.path("role").asText("");
            if (!role.equals("system") && !role.equals("developer")) {
                continue;
            }
            JsonNode content = m.path("content");
            if (content.isTextual()) {
                appendLine(system, content.asText());
            } else if (content.isArray()) {
                for (JsonNode part : content) {
                    if (part.path("text").isTextual()) {
                        appendLine(system, part.path("text").asText());
                    }
                }
            }
        }
        Optional<String> schema = Optional.empty();
        JsonNode rf = body.path("response_format");
        String type = rf.path("type").asText("");
        if (type.equals("json_schema")) {
            JsonNode s = rf.path("json_schema").path("schema");
            schema = Optional.of(s.isObject() ? s.toString() : "{}");
        } else if (type.equals("json_object")) {
            schema = Optional.of("{}");
        }
        return new ScanContext(system.isEmpty() ? Optional.empty() : Optional.of(system.toString()), canaries, schema);
    }

    private static void appendLine(StringBuilder b, String s) {
        if (!b.isEmpty()) {
            b.append('\n');
        }
        b.append(s);
    }

    /** The answer's body after screening and restoring; throws when blocked. */
    static Buffer screen(
            FirewallChain chain, ScanContext context, RedactionSession session, Buffer body, Screened found) {
        JsonNode root;
        try {
            root = Json.parse(body);
        } catch (IOException e) {
            if (chain.isEmpty()) {
                return body;
            }
            throw new TrustgateException(
                    ErrorKind.UPSTREAM_FAILED, "The upstream answer is not JSON, so it could not be screened.");
        }
        boolean changed = false;
        JsonNode choices = root.path("choices");
        for (int i = 0; i < choices.size(); i++) {
            JsonNode message = choices.get(i).path("message");
            if (!(message instanceof ObjectNode msg)) {
                continue;
            }
            String where = "choices[" + i + "].message";
            for (String field : TEXT_FIELDS) {
                if (msg.path(field).isTextual()) {
                    String out = check(chain, context, session, msg.path(field).asText(), where + "." + field, found);
                    if (out != null) {
                        msg.put(field, out);
                        changed = true;
                    }
                }
            }
            if (msg.path("function_call") instanceof ObjectNode f
                    && f.path("arguments").isTextual()) {
                String out = check(
                        chain,
                        context,
                        session,
                        f.path("arguments").asText(),
                        where + ".function_call.arguments",
                        found);
                if (out != null) {
                    f.put("arguments", out);
                    changed = true;
                }
            }
            if (choices.get(i).path("logprobs") instanceof ObjectNode lp) {
                // the answer's text again, token by token, with the alternatives: screened as one text; a token
                // cannot be half masked, so log probabilities that would be masked are dropped
                Verdict v = logprobsVerdict(chain, context, lp.path("content"), lp.path("refusal"), found);
                switch (v) {
                    case Verdict.Allow a -> {}
                    case Verdict.Redact r -> {
                        ((ObjectNode) choices.get(i)).putNull("logprobs");
                        changed = true;
                    }
                    case Verdict.Block b -> throw blocked(b.cause(), "choices[" + i + "].logprobs");
                }
            }
            if (msg.has("audio") && !chain.isEmpty()) {
                // a spoken answer: its transcript is screened; what would be masked cannot be masked in the sound
                Verdict v = chain.scan(
                        msg.path("audio").path("transcript").asText(""), ScanText.Stage.OUTPUT, Set.of(), context);
                found.add(v, Screened.Source.OUTPUT);
                switch (v) {
                    case Verdict.Allow a -> {}
                    case Verdict.Redact r -> {
                        msg.remove("audio");
                        changed = true;
                    }
                    case Verdict.Block b -> throw blocked(b.cause(), where + ".audio");
                }
            }
            JsonNode calls = msg.path("tool_calls");
            for (int j = 0; j < calls.size(); j++) {
                JsonNode fn = calls.get(j).path("function");
                if (fn instanceof ObjectNode f && f.path("arguments").isTextual()) {
                    String out = check(
                            chain,
                            context,
                            session,
                            f.path("arguments").asText(),
                            where + ".tool_calls[" + j + "].function.arguments",
                            found);
                    if (out != null) {
                        f.put("arguments", out);
                        changed = true;
                    }
                }
            }
        }
        return changed ? Json.write(root) : body;
    }

    /**
     * The verdict of the output chain on log probabilities: the text their tokens spell (answer, then refusal),
     * then every alternative token, so that neither the answer nor what the model weighed leaves unread. Allow when
     * there is no chain.
     */
    static Verdict logprobsVerdict(
            FirewallChain chain, ScanContext context, JsonNode content, JsonNode refusal, Screened found) {
        if (chain.isEmpty()) {
            return new Verdict.Allow(List.of(), List.of(), List.of());
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode list : List.of(content, refusal)) {
            for (JsonNode t : list) {
                text.append(t.path("token").asText(""));
            }
            text.append('\n');
            for (JsonNode t : list) {
                for (JsonNode alt : t.path("top_logprobs")) {
                    text.append(alt.path("token").asText("")).append(' ');
                }
            }
            text.append('\n');
        }
        Verdict v = chain.scan(text.toString(), ScanText.Stage.OUTPUT, Set.of(), context);
        found.add(v, Screened.Source.OUTPUT);
        return v;
    }

    /** The screened and restored text, or null when unchanged. */
    private static String check(
            FirewallChain chain,
            ScanContext context,
            RedactionSession session,
            String text,
            String where,
            Screened found) {
        String out = text;
        if (!chain.isEmpty()) {
            Verdict v = chain.scan(text, ScanText.Stage.OUTPUT, Set.of(), context);
            InputScreen.logFailures(v, where);
            found.add(v, Screened.Source.OUTPUT);
            out = switch (v) {
                case Verdict.Allow a -> text;
                case Verdict.Redact r -> r.text();
                case Verdict.Block b -> throw blocked(b.cause(), where);
            };
        }
        out = session.restore(out);
        return out.equals(text) ? null : out;
    }

    static TrustgateException blocked(Finding cause, String where) {
        return InputScreen.violation("response", cause, where);
    }
}
