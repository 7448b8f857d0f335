package io.trustgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanContext;
import io.trustgate.api.Verdict;
import io.trustgate.firewall.FirewallChain;
import io.trustgate.firewall.RedactionSession;
import io.trustgate.firewall.StreamScreen;
import io.trustgate.firewall.StreamingRestorer;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Rewrites a streamed answer (OpenAI {@code chat.completion.chunk} events) through the output firewall. Every text a
 * choice streams is screened on its own: its {@code content}, {@code refusal}, reasoning ({@code reasoning_content}
 * or {@code reasoning}, as vLLM, Ollama and DeepSeek send it), each tool call's {@code function.arguments} and the
 * legacy {@code function_call.arguments}. Each goes through its own {@link StreamScreen} (held back, scanned over a
 * sliding window, masked, or stopped) and then through the request's {@link StreamingRestorer} (anonymised
 * placeholders put back). Text held back is released into the chunk that carries the choice's {@code finish_reason},
 * or before {@code [DONE]}. Since each text is held back on its own, one text's end may reach the client after
 * another text the upstream sent later (content before a tool call's arguments); clients join each text by itself.
 * An event whose data is not JSON cannot be screened and is not sent: the stream then ends as the upstream's
 * fault. Events that carry no text pass unchanged. Not thread-safe: one per stream, on its event loop.
 */
final class StreamRewriter {
    /** What to send after one buffer of events. */
    sealed interface Out {
        /** Send these bytes (possibly none) and go on. */
        record Send(Buffer bytes) implements Out {}

        /** Send {@code before}, then end the stream with an error event: {@code cause} blocked it. */
        record Stop(Buffer before, Finding cause, String where) implements Out {}
    }

    /** The plain text fields of a delta that are screened, besides the arguments of calls: a message's own. */
    private static final List<String> TEXT_FIELDS = OutputScreen.TEXT_FIELDS;

    /**
     * One text a choice streams: a field of its delta ({@link #TEXT_FIELDS}), a tool call's arguments
     * ({@code tool_calls}, with the call's index) or the legacy {@code function_call}'s.
     */
    private record Part(int choice, String field, int call) {
        String where() {
            String delta = "choices[" + choice + "].delta.";
            return switch (field) {
                case "tool_calls" -> delta + "tool_calls[" + call + "].function.arguments";
                case "function_call" -> delta + "function_call.arguments";
                default -> delta + field;
            };
        }

        /** This part's text in a delta; empty when the delta has none. */
        Optional<String> read(ObjectNode delta) {
            JsonNode text = switch (field) {
                case "tool_calls" ->
                    call(delta, false)
                            .map(c -> c.path("function").path("arguments"))
                            .orElse(MissingNode.getInstance());
                case "function_call" -> delta.path("function_call").path("arguments");
                default -> delta.path(field);
            };
            return text.isTextual() ? Optional.of(text.asText()) : Optional.empty();
        }

        /** Sets this part's text in a delta, adding the call or field when it is missing. */
        void write(ObjectNode delta, String text) {
            switch (field) {
                case "tool_calls" -> {
                    ObjectNode c = call(delta, true).orElseThrow();
                    ObjectNode fn = c.path("function") instanceof ObjectNode f ? f : c.putObject("function");
                    fn.put("arguments", text);
                }
                case "function_call" -> {
                    ObjectNode fn =
                            delta.path("function_call") instanceof ObjectNode f ? f : delta.putObject("function_call");
                    fn.put("arguments", text);
                }
                default -> delta.put(field, text);
            }
        }

        private Optional<ObjectNode> call(ObjectNode delta, boolean add) {
            JsonNode calls = delta.path("tool_calls");
            for (int i = 0; i < calls.size(); i++) {
                if (calls.get(i) instanceof ObjectNode c && callIndex(c, i) == call) {
                    return Optional.of(c);
                }
            }
            if (!add) {
                return Optional.empty();
            }
            ArrayNode list = delta.path("tool_calls") instanceof ArrayNode a ? a : delta.putArray("tool_calls");
            ObjectNode c = list.addObject();
            c.put("index", call);
            return Optional.of(c);
        }
    }

    /** A streamed tool call's index (OpenAI sends one; its position in the list stands in when it is missing). */
    private static int callIndex(JsonNode call, int position) {
        return call.path("index").isInt() ? call.path("index").asInt() : position;
    }

    private final Firewalls.Policy policy;
    private final ScanContext context;
    private final RedactionSession session;
    private final Map<Part, StreamScreen> screens = new LinkedHashMap<>();
    private final Map<Part, StreamingRestorer> restorers = new LinkedHashMap<>();
    private final SseParser parser;
    private final Screened findings = new Screened();
    private final Set<String> loggedFailures = new HashSet<>();
    private Buffer out;
    private Stopped stopped;
    private String template; // the last chunk with choices, as the shape of a synthetic flush chunk

    private record Stopped(Finding cause, String where) {}

    StreamRewriter(Firewalls.Policy policy, ScanContext context, RedactionSession session) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.context = Objects.requireNonNull(context, "context");
        this.session = Objects.requireNonNull(session, "session");
        this.parser = new SseParser(OpenAiProvider.MAX_EVENT_BYTES, this::onEvent);
    }

    /** Whether a stream needs rewriting at all under this policy and request. */
    static boolean needed(Firewalls.Policy policy, RedactionSession session) {
        return !policy.output().isEmpty() || session.hasRestorable();
    }

    /** Rewrites one buffer of whole events. */
    Out rewrite(Buffer events) {
        out = Buffer.buffer(events.length() + 32);
        if (stopped == null) {
            parser.feed(events);
        }
        return result();
    }

    /** The upstream ended (after its last buffer): releases whatever is still held. */
    Out finish() {
        out = Buffer.buffer();
        if (stopped == null) {
            parser.finish();
            flushAll();
        }
        return result();
    }

    /** Every output finding so far, with its action. */
    Screened findings() {
        Screened all = new Screened();
        all.addAll(findings);
        screens.values().forEach(s -> all.add(s.findings(), s.actions(), Screened.Source.OUTPUT));
        return all;
    }

    private Out result() {
        if (stopped != null) {
            return new Out.Stop(out, stopped.cause(), stopped.where());
        }
        return new Out.Send(out);
    }

    private void onEvent(SseParser.Event e) {
        if (stopped != null) {
            return;
        }
        String data = e.data();
        if (data.isEmpty()) {
            return; // no data: only field lines (event, id, retry) the client's protocol does not use
        }
        if (data.equals("[DONE]")) {
            flushAll();
            if (stopped == null) {
                out.appendString("data: [DONE]\n\n");
            }
            return;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(data);
        } catch (IOException ex) {
            return; // not JSON: it could not be screened, so it is not sent
        }
        if (!(root instanceof ObjectNode o)
                || (o.has("choices") && !o.path("choices").isArray())) {
            return; // not a chunk of the protocol: nothing in it could be screened
        }
        boolean changed = false;
        if (root.path("choices") instanceof ArrayNode choices) {
            // a choice that is not an object carries nothing the client's protocol knows
            changed = choices.valueStream().anyMatch(c -> !c.isObject());
            choices.removeIf(c -> !c.isObject());
        }
        for (JsonNode c : root.path("choices")) {
            ObjectNode choice = (ObjectNode) c;
            int index = c.path("index").asInt(0);
            changed |= onlyKnown(choice);
            // a null (what upstreams send when none were asked for) stays as sent: holding it would add an empty
            // list the upstream never sent
            if (holdLogprobs() && choice.hasNonNull("logprobs")) {
                hold(index, choice.remove("logprobs"));
                changed = true;
            }
            ObjectNode delta = c.path("delta") instanceof ObjectNode d ? d : null;
            if (delta != null) {
                for (Part part : parts(index, delta)) {
                    String piece = part.read(delta).orElseThrow();
                    String released = pass(part, piece);
                    if (released == null) {
                        return; // stopped
                    }
                    if (!released.equals(piece)) {
                        part.write(delta, released);
                        changed = true;
                    }
                }
            }
            if (c.hasNonNull("finish_reason")) {
                // the choice is complete: what each of its texts still holds goes out in this chunk
                for (Part part : open(index)) {
                    String rest = finish(part);
                    if (rest == null) {
                        return; // stopped
                    }
                    if (!rest.isEmpty()) {
                        if (delta == null) {
                            delta = choice.putObject("delta");
                        }
                        part.write(delta, part.read(delta).orElse("") + rest);
                        changed = true;
                    }
                }
                Optional<JsonNode> held = releaseLogprobs(index);
                if (stopped != null) {
                    return;
                }
                if (held.isPresent()) {
                    choice.set("logprobs", held.get());
                    changed = true;
                }
            }
        }
        if (root.path("choices").size() > 0) {
            template = data;
        }
        if (changed && onlyEmptyText(root)) {
            return; // everything it carried is held back: an event with nothing in it is not worth sending
        }
        // only the data goes out, never the upstream's other field lines
        out.appendString("data: ")
                .appendBuffer(changed ? Json.write(root) : Buffer.buffer(data))
                .appendString("\n\n");
    }

    /** The fields of a streamed choice and of its delta the rewriter knows how to screen. */
    private static final Set<String> CHOICE_FIELDS = Set.of("index", "delta", "finish_reason", "logprobs");

    private static final Set<String> DELTA_FIELDS =
            Set.of("role", "content", "refusal", "reasoning_content", "reasoning", "tool_calls", "function_call");

    /**
     * Removes what the rewriter cannot screen (a {@code message} in a stream, an {@code audio} delta whose
     * transcript and sound would leave unread); whether anything was removed.
     */
    private static boolean onlyKnown(ObjectNode choice) {
        boolean removed = choice.properties().removeIf(f -> !CHOICE_FIELDS.contains(f.getKey()));
        if (choice.path("delta") instanceof ObjectNode delta) {
            removed |= delta.properties().removeIf(f -> !DELTA_FIELDS.contains(f.getKey()));
        }
        return removed;
    }

    /** The tokens of a choice's log probabilities, held until the choice ends, and screened then. */
    private static final class HeldLogprobs {
        final ArrayNode content = Json.MAPPER.createArrayNode();
        final ArrayNode refusal = Json.MAPPER.createArrayNode();
        boolean dropped;
    }

    /** At most this many tokens' log probabilities are held for one choice; beyond, they are dropped. */
    static final int MAX_HELD_LOGPROBS = 65_536;

    private final Map<Integer, HeldLogprobs> heldLogprobs = new LinkedHashMap<>();

    /**
     * Log probabilities carry the answer's text token by token, and the alternatives the model weighed: they are
     * held while an output chain screens the text (not when the rewriter only restores anonymised values).
     */
    private boolean holdLogprobs() {
        return !policy.output().isEmpty();
    }

    private void hold(int index, JsonNode logprobs) {
        HeldLogprobs held = heldLogprobs.computeIfAbsent(index, i -> new HeldLogprobs());
        for (String list : List.of("content", "refusal")) {
            ArrayNode into = list.equals("content") ? held.content : held.refusal;
            for (JsonNode token : logprobs.path(list)) {
                if (held.content.size() + held.refusal.size() >= MAX_HELD_LOGPROBS) {
                    held.dropped = true;
                    return;
                }
                into.add(token);
            }
        }
    }

    /**
     * A choice's held log probabilities once it ends, screened as the text their tokens spell together with every
     * alternative token: sent when the chain lets that text through, dropped ({@code null}) when it would mask
     * something (a token cannot be half masked), and the stream stopped when it blocks. Empty when none were held or
     * the stream was stopped.
     */
    private Optional<JsonNode> releaseLogprobs(int index) {
        HeldLogprobs held = heldLogprobs.remove(index);
        if (held == null) {
            return Optional.empty();
        }
        if (held.dropped) {
            return Optional.of(NullNode.getInstance());
        }
        ArrayNode content = held.content;
        ArrayNode refusal = held.refusal;
        return switch (OutputScreen.logprobsVerdict(policy.output(), context, content, refusal, findings)) {
            case Verdict.Allow a -> {
                ObjectNode logprobs = Json.MAPPER.createObjectNode();
                logprobs.set("content", content);
                if (!refusal.isEmpty()) {
                    logprobs.set("refusal", refusal);
                }
                yield Optional.of(logprobs);
            }
            case Verdict.Redact r -> Optional.of(NullNode.getInstance());
            case Verdict.Block b -> {
                stopped = new Stopped(b.cause(), "choices[" + index + "].logprobs");
                yield Optional.empty();
            }
        };
    }

    /** The texts a delta carries, in the order of {@link #TEXT_FIELDS}, then tool calls, then a function call. */
    private static List<Part> parts(int choice, ObjectNode delta) {
        List<Part> parts = new ArrayList<>(2);
        for (String field : TEXT_FIELDS) {
            if (delta.path(field).isTextual()) {
                parts.add(new Part(choice, field, 0));
            }
        }
        JsonNode calls = delta.path("tool_calls");
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).path("function").path("arguments").isTextual()) {
                parts.add(new Part(choice, "tool_calls", callIndex(calls.get(i), i)));
            }
        }
        if (delta.path("function_call").path("arguments").isTextual()) {
            parts.add(new Part(choice, "function_call", 0));
        }
        return parts;
    }

    /** The texts of a choice that hold something or wait for their end. */
    private List<Part> open(int choice) {
        List<Part> parts = new ArrayList<>();
        for (Part p : screens.keySet()) {
            if (p.choice() == choice) {
                parts.add(p);
            }
        }
        for (Part p : restorers.keySet()) {
            if (p.choice() == choice && !parts.contains(p)) {
                parts.add(p);
            }
        }
        return parts;
    }

    /**
     * Whether a chunk carries nothing but empty texts: no role, call id or name, finish reason, usage or logprobs.
     */
    private static boolean onlyEmptyText(JsonNode root) {
        if (root.hasNonNull("usage")) {
            return false;
        }
        for (JsonNode c : root.path("choices")) {
            if (c.hasNonNull("finish_reason") || c.hasNonNull("logprobs")) {
                return false;
            }
            JsonNode delta = c.path("delta");
            var names = delta.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                JsonNode v = delta.path(name);
                boolean empty = switch (name) {
                    case "tool_calls" -> onlyEmptyArguments(v);
                    case "function_call" ->
                        v.size() == 1 && v.path("arguments").asText("").isEmpty();
                    default -> TEXT_FIELDS.contains(name) && v.asText("").isEmpty();
                };
                if (!empty) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether every call of a tool-call delta has only its index and empty arguments. */
    private static boolean onlyEmptyArguments(JsonNode calls) {
        for (JsonNode call : calls) {
            var names = call.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                boolean empty = switch (name) {
                    case "index" -> true;
                    case "function" ->
                        call.path("function").size() == 1
                                && call.path("function")
                                        .path("arguments")
                                        .asText("")
                                        .isEmpty();
                    default -> false;
                };
                if (!empty) {
                    return false;
                }
            }
        }
        return true;
    }

    /** One piece of a text through its screen and restorer; null when the stream was stopped. */
    private String pass(Part part, String piece) {
        String text = piece;
        if (!policy.output().isEmpty()) {
            StreamScreen screen = screens.computeIfAbsent(
                    part,
                    p -> new StreamScreen(
                            policy.output(), context, policy.streamHoldback(), policy.streamLookbehind()));
            StreamScreen.Step step = piece.isEmpty() ? new StreamScreen.Step.Emit("") : screen.push(piece);
            logFailures(screen, part);
            StringBuilder released = new StringBuilder();
            if (!collect(step, released, part)) {
                return null;
            }
            text = released.toString();
        }
        if (session.hasRestorable()) {
            text = restorers.computeIfAbsent(part, p -> session.restorer()).push(text);
        }
        return text;
    }

    /** The end of a text: what its screen and restorer still hold; null when the stream was stopped. */
    private String finish(Part part) {
        String text = "";
        StreamScreen screen = screens.remove(part);
        if (screen != null) {
            StringBuilder released = new StringBuilder();
            boolean ok = collect(screen.finish(), released, part);
            logFailures(screen, part);
            findings.add(screen.findings(), screen.actions(), Screened.Source.OUTPUT);
            if (!ok) {
                return null;
            }
            text = released.toString();
        }
        StreamingRestorer r = restorers.remove(part);
        if (r != null) {
            text = r.push(text) + r.finish();
        }
        return text;
    }

    /**
     * Logs each scanner that failed on this stream once, by name and place, never with the text: the window is
     * scanned per chunk, so logging every failed scan would repeat one failure hundreds of times.
     */
    private void logFailures(StreamScreen screen, Part part) {
        List<String> fresh = new ArrayList<>();
        for (String name : screen.failedScanners()) {
            if (loggedFailures.add(name)) {
                fresh.add(name);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        List<String> closed = screen.findings().stream()
                .filter(FirewallChain::isFailure)
                .map(Finding::scanner)
                .filter(fresh::contains)
                .distinct()
                .toList();
        InputScreen.logFailures(fresh, closed, part.where() + " of a streamed answer");
    }

    private boolean collect(StreamScreen.Step step, StringBuilder released, Part part) {
        return switch (step) {
            case StreamScreen.Step.Emit e -> {
                released.append(e.text());
                yield true;
            }
            case StreamScreen.Step.Stop s -> {
                stopped = new Stopped(s.cause(), part.where());
                yield false;
            }
        };
    }

    /** Releases what every text still holds, in one synthetic chunk per text (before [DONE] or at the end). */
    private void flushAll() {
        List<Part> parts = new ArrayList<>(screens.keySet());
        restorers.keySet().stream().filter(p -> !parts.contains(p)).forEach(parts::add);
        for (Part part : parts) {
            String text = finish(part);
            if (text == null) {
                return; // stopped
            }
            if (!text.isEmpty()) {
                out.appendString("data: ")
                        .appendBuffer(Json.write(chunk(part, text)))
                        .appendString("\n\n");
            }
        }
        for (int index : List.copyOf(heldLogprobs.keySet())) {
            Optional<JsonNode> held = releaseLogprobs(index);
            if (stopped != null) {
                return;
            }
            if (held.isPresent()) {
                JsonNode n = chunk(new Part(index, "content", 0), "");
                ((ObjectNode) n.path("choices").get(0)).set("logprobs", held.get());
                out.appendString("data: ").appendBuffer(Json.write(n)).appendString("\n\n");
            }
        }
    }

    private JsonNode chunk(Part part, String text) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        if (template != null) {
            try {
                JsonNode t = Json.MAPPER.readTree(template);
                for (String f : List.of("id", "object", "created", "model", "system_fingerprint")) {
                    if (t.has(f)) {
                        n.set(f, t.get(f));
                    }
                }
            } catch (IOException ignored) {
                // the template was parsed before; cannot happen
            }
        }
        if (!n.has("object")) {
            n.put("object", "chat.completion.chunk");
        }
        ObjectNode choice = n.putArray("choices").addObject();
        choice.put("index", part.choice());
        part.write(choice.putObject("delta"), text);
        choice.putNull("finish_reason");
        return n;
    }
}
