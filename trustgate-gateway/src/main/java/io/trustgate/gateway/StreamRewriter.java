package io.trustgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanContext;
import io.trustgate.firewall.FirewallChain;
import io.trustgate.firewall.RedactionSession;
import io.trustgate.firewall.StreamScreen;
import io.trustgate.firewall.StreamingRestorer;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Rewrites a streamed answer (OpenAI {@code chat.completion.chunk} events) through the output firewall: each
 * choice's {@code delta.content} goes through its own {@link StreamScreen} (held back, scanned over a sliding
 * window, masked, or stopped) and then through the request's {@link StreamingRestorer} (anonymised placeholders put
 * back). Text held back is released into the chunk that carries the choice's {@code finish_reason}, or before
 * {@code [DONE]}. Events that carry no content pass unchanged. Not thread-safe: one per stream, on its event loop.
 */
final class StreamRewriter {
    /** What to send after one buffer of events. */
    sealed interface Out {
        /** Send these bytes (possibly none) and go on. */
        record Send(Buffer bytes) implements Out {}

        /** Send {@code before}, then end the stream with an error event: {@code cause} blocked it. */
        record Stop(Buffer before, Finding cause, String where) implements Out {}
    }

    private final Firewalls.Policy policy;
    private final ScanContext context;
    private final RedactionSession session;
    private final Map<Integer, StreamScreen> screens = new HashMap<>();
    private final Map<Integer, StreamingRestorer> restorers = new HashMap<>();
    private final SseParser parser;
    private final Screened findings = new Screened();
    private final Set<String> loggedFailures = new HashSet<>();
    private Buffer out;
    private Stopped stopped;
    private String template; // the last content chunk, as the shape of a synthetic flush chunk

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
        all.add(findings.findings(), findings.actions());
        screens.values().forEach(s -> all.add(s.findings(), s.actions()));
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
        if (data.equals("[DONE]")) {
            flushAll();
            if (stopped == null) {
                out.appendBuffer(e.raw());
            }
            return;
        }
        if (!data.contains("\"choices\"")) {
            out.appendBuffer(e.raw());
            return;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(data);
        } catch (IOException ex) {
            out.appendBuffer(e.raw()); // not JSON: nothing we could scan in it
            return;
        }
        JsonNode choices = root.path("choices");
        boolean changed = false;
        for (JsonNode c : choices) {
            if (!(c.path("delta") instanceof ObjectNode delta)) {
                continue;
            }
            int index = c.path("index").asInt(0);
            String piece =
                    delta.path("content").isTextual() ? delta.path("content").asText() : "";
            boolean last = c.hasNonNull("finish_reason");
            String released = pass(index, piece, last);
            if (released == null) {
                return; // stopped
            }
            if (delta.path("content").isTextual() || !released.isEmpty()) {
                if (!released.equals(piece)) {
                    delta.put("content", released);
                    changed = true;
                }
            }
        }
        if (root instanceof ObjectNode o && o.path("choices").size() > 0) {
            template = data;
        }
        if (changed && onlyEmptyContent(root)) {
            return; // everything it carried is held back: an event with nothing in it is not worth sending
        }
        if (changed) {
            out.appendString("data: ").appendBuffer(Json.write(root)).appendString("\n\n");
        } else {
            out.appendBuffer(e.raw());
        }
    }

    /** Whether a chunk carries nothing but empty content: no role, tool call, finish reason or usage. */
    private static boolean onlyEmptyContent(JsonNode root) {
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
                if (!name.equals("content") || !delta.path("content").asText("").isEmpty()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** One choice's piece through its screen and restorer; null when the stream was stopped. */
    private String pass(int index, String piece, boolean last) {
        String text = piece;
        if (!policy.output().isEmpty()) {
            StreamScreen screen = screens.computeIfAbsent(
                    index,
                    i -> new StreamScreen(
                            policy.output(), context, policy.streamHoldback(), policy.streamLookbehind()));
            StreamScreen.Step step = piece.isEmpty() ? new StreamScreen.Step.Emit("") : screen.push(piece);
            logFailures(screen, index);
            StringBuilder released = new StringBuilder();
            if (!collect(step, released, index)) {
                return null;
            }
            if (last) {
                screens.remove(index);
                boolean ok = collect(screen.finish(), released, index);
                logFailures(screen, index);
                findings.add(screen.findings(), screen.actions());
                if (!ok) {
                    return null;
                }
            }
            text = released.toString();
        }
        if (session.hasRestorable()) {
            StreamingRestorer r = restorers.computeIfAbsent(index, i -> session.restorer());
            text = r.push(text);
            if (last) {
                text += r.finish();
                restorers.remove(index);
            }
        }
        return text;
    }

    /**
     * Logs each scanner that failed on this stream once, by name and place, never with the text: the window is
     * scanned per chunk, so logging every failed scan would repeat one failure hundreds of times.
     */
    private void logFailures(StreamScreen screen, int index) {
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
        InputScreen.logFailures(fresh, closed, "choices[" + index + "].delta.content of a streamed answer");
    }

    private boolean collect(StreamScreen.Step step, StringBuilder released, int index) {
        return switch (step) {
            case StreamScreen.Step.Emit e -> {
                released.append(e.text());
                yield true;
            }
            case StreamScreen.Step.Stop s -> {
                stopped = new Stopped(s.cause(), "choices[" + index + "].delta.content");
                yield false;
            }
        };
    }

    /** Releases what every choice still holds, in one synthetic chunk per choice (before [DONE] or at the end). */
    private void flushAll() {
        List<Integer> indexes = new ArrayList<>(screens.keySet());
        restorers.keySet().stream().filter(i -> !indexes.contains(i)).forEach(indexes::add);
        for (int index : indexes) {
            String text = "";
            StreamScreen screen = screens.remove(index);
            if (screen != null) {
                StringBuilder released = new StringBuilder();
                StreamScreen.Step step = screen.finish();
                logFailures(screen, index);
                if (!collect(step, released, index)) {
                    return;
                }
                findings.add(screen.findings(), screen.actions());
                text = released.toString();
            }
            StreamingRestorer r = restorers.remove(index);
            if (r != null) {
                text = r.push(text) + r.finish();
            }
            if (!text.isEmpty()) {
                out.appendString("data: ")
                        .appendBuffer(Json.write(chunk(index, text)))
                        .appendString("\n\n");
            }
        }
    }

    private JsonNode chunk(int index, String text) {
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
        choice.put("index", index);
        choice.putObject("delta").put("content", text);
        choice.putNull("finish_reason");
        return n;
    }
}
