package io.trustgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.api.Category;
import io.trustgate.api.ErrorKind;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanContext;
import io.trustgate.api.ScanText;
import io.trustgate.api.TrustgateException;
import io.trustgate.api.Verdict;
import io.trustgate.firewall.FirewallChain;
import io.trustgate.firewall.RedactionSession;
import io.trustgate.firewall.ToolDefinitionText;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the input firewall over every message of a chat request (system, developer, user, assistant and tool
 * results, since indirect injection lives in tool results): its content (each text part, and the text parts joined),
 * refusal, the arguments of its tool calls and its name; over the definitions of the tools the model may call and of
 * the response schema (tool poisoning lives there); over a predicted output; and over the fields the provider keeps
 * ({@code user}, {@code metadata}), where only data rules act. A blocking verdict refuses the request with
 * {@code content_policy_violation}, naming the category and scanner but never the matched text; a redacting verdict
 * replaces the text in the body that goes upstream.
 */
final class InputScreen {
    private InputScreen() {}

    /**
     * Screens the request body in place, adding every finding to {@code findings} with its action (those of a
     * blocked message included, before the block is thrown); returns whether anything was found.
     */
    static boolean screen(FirewallChain chain, ObjectNode body, RedactionSession session, Screened findings) {
        int before = findings.size();
        if (chain.isEmpty()) {
            return false;
        }
        session.requestText(body::toString); // read only if something is masked: typed placeholders stay apart
        JsonNode messages = body.path("messages");
        for (int i = 0; i < messages.size(); i++) {
            if (!(messages.get(i) instanceof ObjectNode m)) {
                continue;
            }
            String role = m.path("role").asText();
            ScanContext.Source source = ScanContext.Source.ofRole(role);
            // the operator's own messages may set personas: their injection findings are not acted on
            Set<Category> disregarded = source.notActedOn();
            // a tool result is data: scanners that know indirect injection judge it as such
            ScanContext context = ScanContext.of(source);
            String at = "messages[" + i + "]";
            // a message's identifiers (names, ids) are scanned together, once: an agent's history holds many
            Identifiers ids = new Identifiers();
            Identifiers fetched = new Identifiers(); // URLs and file names the provider fetches or keeps
            JsonNode content = m.path("content");
            if (content.isTextual()) {
                field(chain, m, "content", at + ".content", findings, disregarded, context, session);
            } else if (content instanceof ArrayNode parts) {
                for (int j = 0; j < parts.size(); j++) {
                    if (parts.get(j) instanceof ObjectNode part) {
                        String where = at + ".content[" + j + "]";
                        field(chain, part, "text", where + ".text", findings, disregarded, context, session);
                        field(chain, part, "refusal", where + ".refusal", findings, disregarded, context, session);
                        // the provider fetches the URL and keeps the file name: a key in them leaves the network
                        JsonNode url = part.path("image_url").path("url");
                        if (!url.asText("").startsWith("data:")) {
                            fetched.add(url, where + ".image_url.url");
                        }
                        fetched.add(part.path("file").path("filename"), where + ".file.filename");
                    }
                }
                joined(chain, parts, at + ".content", findings, disregarded, context, session);
            }
            field(chain, m, "refusal", at + ".refusal", findings, disregarded, context, session);
            JsonNode calls = m.path("tool_calls");
            for (int j = 0; j < calls.size(); j++) {
                String call = at + ".tool_calls[" + j + "]";
                if (calls.get(j).path("function") instanceof ObjectNode fn) {
                    field(
                            chain,
                            fn,
                            "arguments",
                            call + ".function.arguments",
                            findings,
                            disregarded,
                            context,
                            session);
                    ids.add(fn.path("name"), call + ".function.name");
                }
                ids.add(calls.get(j).path("id"), call + ".id");
            }
            if (m.path("function_call") instanceof ObjectNode fn) {
                String where = at + ".function_call";
                field(chain, fn, "arguments", where + ".arguments", findings, disregarded, context, session);
                ids.add(fn.path("name"), where + ".name");
            }
            // the participant's name and the ids reach the model too (a secret or an address typed there leaves)
            ids.add(m.path("name"), at + ".name");
            ids.add(m.path("tool_call_id"), at + ".tool_call_id");
            ids.add(m.path("audio").path("id"), at + ".audio.id"); // an earlier audio answer's id
            ids.scan(chain, findings, disregarded, context, session);
            fetched.scan(chain, findings, ONLY_SECRETS, context, session);
        }
        JsonNode tools = body.path("tools");
        for (int i = 0; i < tools.size(); i++) {
            if (tools.get(i) instanceof ObjectNode tool) {
                definition(chain, tool, "tools[" + i + "]", findings, session);
            }
        }
        JsonNode functions = body.path("functions"); // the deprecated form of tools
        for (int i = 0; i < functions.size(); i++) {
            if (functions.get(i) instanceof ObjectNode fn) {
                definition(chain, fn, "functions[" + i + "]", findings, session);
            }
        }
        // a schema's descriptions are read by the model as it writes the answer, as a tool's are
        if (body.path("response_format").path("json_schema") instanceof ObjectNode schema) {
            definition(chain, schema, "response_format.json_schema", findings, session);
        }
        ScanContext user = ScanContext.of(ScanContext.Source.USER);
        if (body.path("prediction") instanceof ObjectNode prediction) {
            JsonNode content = prediction.path("content");
            if (content.isTextual()) {
                field(chain, prediction, "content", "prediction.content", findings, Set.of(), user, session);
            } else if (content instanceof ArrayNode parts) {
                for (int j = 0; j < parts.size(); j++) {
                    if (parts.get(j) instanceof ObjectNode part) {
                        String where = "prediction.content[" + j + "].text";
                        field(chain, part, "text", where, findings, Set.of(), user, session);
                    }
                }
            }
        }
        for (String kind : List.of("function", "custom")) {
            String where = "tool_choice." + kind + ".name";
            identifier(
                    chain, body.path("tool_choice").path(kind).path("name"), where, findings, Set.of(), user, session);
        }
        // read by the provider, not the model: data rules act, injection findings are not acted on
        for (String key : List.of("user", "safety_identifier", "prompt_cache_key")) {
            field(chain, body, key, key, findings, EMBEDDED, ScanContext.NONE, session);
            number(chain, body.path(key), key, findings, EMBEDDED, ScanContext.NONE, session);
        }
        if (body.path("metadata") instanceof ObjectNode metadata) {
            Identifiers keys = new Identifiers(); // kept by the provider as the values are, and cannot be masked
            for (String key : iterable(metadata.fieldNames())) {
                String where = ToolDefinitionText.member("metadata", key);
                field(chain, metadata, key, where, findings, EMBEDDED, ScanContext.NONE, session);
                keys.add(key, where + " (key)");
            }
            keys.scan(chain, findings, EMBEDDED, ScanContext.NONE, session);
        }
        rest(chain, body, findings, session);
        return findings.size() > before;
    }

    /** Top-level fields read above with every text they hold. */
    private static final Set<String> READ = Set.of(
            "model", "messages", "tools", "functions", "user", "safety_identifier", "prompt_cache_key", "metadata");

    /**
     * Settings: no text when they are of the type OpenAI defines (a flag, a number), so read only when they are not
     * (a string in {@code store}, an object in {@code stream_options}).
     */
    private static final Set<String> SETTINGS = Set.of(
            "stream",
            "max_tokens",
            "max_completion_tokens",
            "n",
            "temperature",
            "top_p",
            "frequency_penalty",
            "presence_penalty",
            "seed",
            "logprobs",
            "top_logprobs",
            "parallel_tool_calls",
            "store");

    /**
     * The values OpenAI defines for a string setting, by its path (a content part's from the part): they hold no
     * text, so a request that has only these has nothing more to read. Any other value is read.
     */
    private static final Map<String, Set<String>> KNOWN = Map.of(
            "tool_choice", Set.of("none", "auto", "required"),
            "service_tier", Set.of("auto", "default", "flex", "scale", "priority"),
            "reasoning_effort", Set.of("none", "minimal", "low", "medium", "high"),
            "verbosity", Set.of("low", "medium", "high"),
            "response_format.type", Set.of("text", "json_object", "json_schema"),
            "type", Set.of("text", "refusal", "image_url", "input_audio", "file"),
            "image_url.detail", Set.of("auto", "low", "high"),
            "input_audio.format", Set.of("wav", "mp3"));

    /**
     * The parts of fields read above in part, taken out of what {@link #rest} reads: a response schema, a predicted
     * output's content, the names of {@code tool_choice}.
     */
    private static final Map<String, List<String>> READ_IN_PART = Map.of(
            "response_format", List.of("json_schema"),
            "prediction", List.of("content"),
            "tool_choice", List.of("function.name", "custom.name"));

    /** The fields of a message read above. */
    private static final Set<String> MESSAGE_READ =
            Set.of("role", "content", "name", "refusal", "tool_calls", "tool_call_id", "function_call", "audio");

    /**
     * The fields of a content part read above, or that hold the bytes of a file, an image or a sound (scanning them
     * for text would cost much and find nothing).
     */
    private static final List<String> PART_READ =
            List.of("text", "refusal", "image_url.url", "file.filename", "file.file_data", "input_audio.data");

    /** Whether {@code value}, found at {@code path}, is a value OpenAI defines there ({@link #KNOWN}). */
    private static boolean known(String path, JsonNode value) {
        return value.isTextual() && KNOWN.getOrDefault(path, Set.of()).contains(value.asText());
    }

    /**
     * Every other field of the request, of its messages and of their content parts goes upstream too: an
     * OpenAI-compatible server may render unknown fields into the model's prompt (vLLM passes them to chat
     * templates), and a provider keeps what it is sent. What they hold (strings, keys and long numbers) is read for
     * secrets, which block; nothing else is acted on, since their meaning is not known here and nothing in them can
     * be masked safely. One text for them all, one field a line: one scan per request, whatever the fields.
     */
    private static void rest(FirewallChain chain, ObjectNode body, Screened findings, RedactionSession session) {
        Identifiers rest = new Identifiers();
        for (String key : iterable(body.fieldNames())) {
            JsonNode value = body.get(key);
            if (READ.contains(key)
                    || (SETTINGS.contains(key) && (value.isBoolean() || value.isNumber() || value.isNull()))
                    || known(key, value)) {
                continue;
            }
            JsonNode other = without(value, READ_IN_PART.getOrDefault(key, List.of()));
            if (other instanceof ObjectNode o && known(key + ".type", o.path("type"))) {
                o = o == value ? o.deepCopy() : o;
                o.remove("type");
                other = o;
            }
            if (!(other instanceof ObjectNode o && o.isEmpty())) {
                unread(key, other, "", rest);
            }
        }
        JsonNode messages = body.path("messages");
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i) instanceof ObjectNode m) {
                String at = "messages[" + i + "]";
                for (String key : iterable(m.fieldNames())) {
                    if (!MESSAGE_READ.contains(key)) {
                        unread(key, m.get(key), at, rest);
                    }
                }
                JsonNode parts = m.path("content");
                for (int j = 0; parts.isArray() && j < parts.size(); j++) {
                    if (parts.get(j) instanceof ObjectNode part) {
                        ObjectNode other = (ObjectNode) without(part, PART_READ);
                        for (String key : iterable(other.fieldNames())) {
                            JsonNode value = other.get(key);
                            if (known(key, value)) {
                                continue;
                            }
                            if (value instanceof ObjectNode o) {
                                for (String inner : iterable(o.fieldNames())) {
                                    if (known(key + "." + inner, o.get(inner))) {
                                        o.remove(inner); // a copy: without() copied the part
                                    }
                                }
                                if (o.isEmpty()) {
                                    continue;
                                }
                            }
                            unread(key, value, at + ".content[" + j + "]", rest);
                        }
                    }
                }
            }
        }
        rest.scan(chain, findings, ONLY_SECRETS, ScanContext.NONE, session);
    }

    /**
     * A copy of {@code value} without the members at {@code paths} (dotted, from its top), and without the objects
     * that leaves empty; {@code value} itself when there is nothing to take out. Strings are shared, not copied.
     */
    private static JsonNode without(JsonNode value, List<String> paths) {
        if (paths.isEmpty() || !(value instanceof ObjectNode object)) {
            return value;
        }
        ObjectNode copy = object.deepCopy();
        for (String path : paths) {
            int dot = path.indexOf('.');
            if (dot < 0) {
                copy.remove(path);
            } else if (copy.get(path.substring(0, dot)) instanceof ObjectNode inner) {
                inner.remove(path.substring(dot + 1));
                if (inner.isEmpty()) {
                    copy.remove(path.substring(0, dot));
                }
            }
        }
        return copy;
    }

    /**
     * Adds a field's key and the strings, keys and long numbers it holds, as one text, to what {@link #rest} reads
     * for secrets, named by its path under {@code parent}.
     */
    private static void unread(String key, JsonNode value, String parent, Identifiers rest) {
        String where = ToolDefinitionText.member(parent, key);
        StringBuilder text = new StringBuilder(key);
        if (value.isTextual()) {
            text.append('\n').append(value.asText());
        }
        ToolDefinitionText.numberText(value).ifPresent(n -> text.append('\n').append(n));
        for (ToolDefinitionText.Part leaf : ToolDefinitionText.data(value, where)) {
            text.append('\n').append(leaf.text());
        }
        rest.add(text.toString(), where);
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
        List<T> all = new java.util.ArrayList<>();
        it.forEachRemaining(all::add);
        return all;
    }

    private static final ScanContext DEFINITION = ScanContext.of(ScanContext.Source.TOOL_DEFINITION);

    /**
     * Definitions each chain let through unchanged, by their joined text: an application sends the same tools with
     * every request, and scanning them again would cost each request about half a millisecond per tool. Weak keys:
     * a chain dropped by a configuration reload takes its entries with it.
     */
    private static final Map<FirewallChain, Passed> ALLOWED =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** At most this many definitions are remembered per chain, ... */
    static final int PASSED_PER_CHAIN = 1024;

    /** ... holding at most this many chars in all (about 8 MB), ... */
    static final long PASSED_CHARS_PER_CHAIN = 4L << 20;

    /** ... none longer than this: a real definition is a few KB, and a longer one is scanned each time. */
    static final int PASSED_MAX_CHARS = 16_384;

    /** The definitions one chain passed unchanged, by text, and the chars they hold. */
    private record Passed(Map<String, Verdict> verdicts, java.util.concurrent.atomic.AtomicLong chars) {
        Passed() {
            this(new ConcurrentHashMap<>(), new java.util.concurrent.atomic.AtomicLong());
        }

        void remember(String text, Verdict v) {
            if (verdicts.size() >= PASSED_PER_CHAIN || chars.get() + text.length() > PASSED_CHARS_PER_CHAIN) {
                // crude, but a working set of a thousand definitions is far beyond real ones
                verdicts.clear();
                chars.set(0);
            }
            if (verdicts.putIfAbsent(text, v) == null) {
                chars.addAndGet(text.length());
            }
        }
    }

    /**
     * Screens a tool definition (or a response schema) as one text: its strings and keys but the keywords of JSON
     * Schema and of the tool formats, and type names ({@link ToolDefinitionText}), one per line, since a poisoned definition spreads its instruction over the description and the
     * parameters, and a short parameter description alone ("The user's password.") says too little to judge; one scan
     * per definition also keeps a request with many tools cheap. A block names the definition for an injection (judged
     * on the whole) and the string for anything else; what is masked goes back into the string it was found in (a
     * span across two strings is masked in each). What would have to be masked in a key, in the tool's name or in a
     * number (a card number as a {@code default}), which cannot change, blocks the request instead.
     */
    private static void definition(
            FirewallChain chain, ObjectNode node, String where, Screened findings, RedactionSession session) {
        List<ToolDefinitionText.Part> leaves = ToolDefinitionText.parts(node, where);
        if (leaves.isEmpty()) {
            return;
        }
        StringBuilder joined = new StringBuilder();
        int[] starts = new int[leaves.size()];
        for (int i = 0; i < leaves.size(); i++) {
            if (i > 0) {
                joined.append('\n');
            }
            starts[i] = joined.length();
            joined.append(leaves.get(i).text());
        }
        String text = joined.toString();
        Passed passed = ALLOWED.computeIfAbsent(chain, c -> new Passed());
        Verdict v = passed.verdicts().get(text);
        if (v == null) {
            v = chain.scan(text, ScanText.Stage.INPUT, Set.of(), DEFINITION, session);
            // only a verdict that changed nothing and had every scanner finish is the same next time
            if (v instanceof Verdict.Allow && v.failedScanners().isEmpty() && text.length() <= PASSED_MAX_CHARS) {
                passed.remember(text, v);
            }
        }
        logFailures(v, where);
        findings.add(v, Screened.Source.TOOL_DEFINITION);
        switch (v) {
            case Verdict.Allow a -> {
                // nothing acted on
            }
            case Verdict.Block b -> {
                Finding cause = b.cause();
                boolean whole = cause.category() == Category.PROMPT_INJECTION
                        || cause.category() == Category.JAILBREAK
                        || !cause.hasSpan();
                throw blocked(
                        cause,
                        whole
                                ? where
                                : leaves.get(leafAt(starts, cause.start())).path());
            }
            case Verdict.Redact r -> {
                for (int k = 0; k < r.findings().size(); k++) {
                    Finding f = r.findings().get(k);
                    io.trustgate.api.Action action = r.actions().get(k);
                    boolean masks =
                            action == io.trustgate.api.Action.REDACT || action == io.trustgate.api.Action.ANONYMIZE;
                    if (masks && f.hasSpan()) {
                        for (int i = leafAt(starts, f.start()); i < leaves.size() && starts[i] < f.end(); i++) {
                            if (leaves.get(i).fixed()) {
                                throw blocked(f, leaves.get(i).path());
                            }
                        }
                    }
                }
                for (int i = 0; i < leaves.size(); i++) {
                    ToolDefinitionText.Part leaf = leaves.get(i);
                    int from = starts[i];
                    int to = from + leaf.text().length();
                    List<Finding> masked = new java.util.ArrayList<>();
                    List<Finding> anonymized = new java.util.ArrayList<>();
                    for (int k = 0; k < r.findings().size(); k++) {
                        Finding f = r.findings().get(k);
                        io.trustgate.api.Action action = r.actions().get(k);
                        if (!f.hasSpan() || f.end() <= from || f.start() >= to) {
                            continue;
                        }
                        Finding here = new Finding(
                                f.scanner(),
                                f.category(),
                                f.type(),
                                f.score(),
                                Math.max(f.start(), from) - from,
                                Math.min(f.end(), to) - from);
                        if (action == io.trustgate.api.Action.REDACT) {
                            masked.add(here);
                        } else if (action == io.trustgate.api.Action.ANONYMIZE) {
                            anonymized.add(here);
                        }
                    }
                    if (!masked.isEmpty() || !anonymized.isEmpty()) {
                        leaf.set(session.apply(leaf.text(), masked, anonymized));
                    }
                }
            }
        }
    }

    /** The index of the string whose text holds {@code offset} of the joined text. */
    private static int leafAt(int[] starts, int offset) {
        int i = java.util.Arrays.binarySearch(starts, offset);
        return i >= 0 ? i : Math.max(0, -i - 2);
    }

    /**
     * What is dropped (neither acted on nor reported) in a text sent for embedding: it instructs no model, so an
     * injection in a document being indexed is data (a retrieval system's own firewall meets it when it is retrieved
     * into a prompt).
     */
    static final Set<Category> EMBEDDED = Set.of(Category.PROMPT_INJECTION, Category.JAILBREAK);

    /**
     * Screens the texts of an embeddings request in place ({@code input}: a string or a list of strings; token
     * lists are left as they are): secrets, personal data and the other rules of the chain act as on a chat
     * message, injection and jailbreak findings are dropped ({@link #EMBEDDED}). Anonymised values are masked,
     * since nothing comes back to restore them into.
     */
    static void embeddings(FirewallChain chain, ObjectNode body, Screened findings) {
        if (chain.isEmpty()) {
            return;
        }
        RedactionSession session = new RedactionSession();
        session.requestText(body::toString);
        JsonNode input = body.path("input");
        Screened.Source source = Screened.Source.EMBEDDINGS_INPUT;
        if (input.isTextual()) {
            String redacted =
                    check(chain, input.asText(), "input", findings, source, EMBEDDED, ScanContext.NONE, session);
            if (redacted != null) {
                body.put("input", redacted);
            }
        } else if (input instanceof ArrayNode list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).isTextual()) {
                    String redacted = check(
                            chain,
                            list.get(i).asText(),
                            "input[" + i + "]",
                            findings,
                            source,
                            EMBEDDED,
                            ScanContext.NONE,
                            session);
                    if (redacted != null) {
                        list.set(i, redacted);
                    }
                }
            }
        }
    }

    /** Every category but secrets: for texts where nothing else can be acted on (a URL the provider fetches). */
    private static final Set<Category> ONLY_SECRETS = java.util.Collections.unmodifiableSet(
            java.util.EnumSet.complementOf(java.util.EnumSet.of(Category.SECRET)));

    /**
     * Identifiers of one message (names, ids, URLs), scanned as one text, one a line: none can be masked without
     * breaking what refers to it, so what would be masked blocks the request, naming the identifier it is in.
     */
    private static final class Identifiers {
        private final List<String> texts = new java.util.ArrayList<>(0);
        private final List<String> wheres = new java.util.ArrayList<>(0);

        void add(JsonNode value, String where) {
            if (value.isTextual()) {
                add(value.asText(), where);
            }
        }

        void add(String text, String where) {
            if (!text.isEmpty()) {
                texts.add(text);
                wheres.add(where);
            }
        }

        void scan(
                FirewallChain chain,
                Screened findings,
                Set<Category> disregarded,
                ScanContext context,
                RedactionSession session) {
            if (texts.isEmpty()) {
                return;
            }
            int[] starts = new int[texts.size()];
            StringBuilder joined = new StringBuilder();
            for (int i = 0; i < texts.size(); i++) {
                if (i > 0) {
                    joined.append('\n');
                }
                starts[i] = joined.length();
                joined.append(texts.get(i));
            }
            Verdict v = chain.scan(joined.toString(), ScanText.Stage.INPUT, disregarded, context, session);
            logFailures(v, wheres.size() == 1 ? wheres.get(0) : wheres.toString());
            findings.add(v, Screened.Source.of(context.source()));
            Finding cause = null;
            switch (v) {
                case Verdict.Allow a -> {
                    // nothing to act on
                }
                case Verdict.Block b -> cause = b.cause();
                case Verdict.Redact r -> {
                    for (int k = 0; k < r.findings().size() && cause == null; k++) {
                        io.trustgate.api.Action action = r.actions().get(k);
                        if (action == io.trustgate.api.Action.REDACT || action == io.trustgate.api.Action.ANONYMIZE) {
                            cause = r.findings().get(k);
                        }
                    }
                }
            }
            if (cause != null) {
                throw blocked(cause, cause.hasSpan() ? wheres.get(leafAt(starts, cause.start())) : wheres.get(0));
            }
        }
    }

    /**
     * Scans an identifier (a name, an id, a URL), if {@code value} is a string: it cannot be masked without breaking
     * what refers to it, so what would be masked blocks the request instead.
     */
    private static void identifier(
            FirewallChain chain,
            JsonNode value,
            String where,
            Screened findings,
            Set<Category> disregarded,
            ScanContext context,
            RedactionSession session) {
        Identifiers one = new Identifiers();
        one.add(value, where);
        one.scan(chain, findings, disregarded, context, session);
    }

    /**
     * Scans a long number's digits ({@link ToolDefinitionText#numberText}), if {@code value} is one, as an
     * identifier: its masked form would be a string, so what would be masked blocks the request.
     */
    private static void number(
            FirewallChain chain,
            JsonNode value,
            String where,
            Screened findings,
            Set<Category> disregarded,
            ScanContext context,
            RedactionSession session) {
        ToolDefinitionText.numberText(value)
                .ifPresent(n -> identifier(
                        chain,
                        com.fasterxml.jackson.databind.node.TextNode.valueOf(n),
                        where,
                        findings,
                        disregarded,
                        context,
                        session));
    }

    /** Scans the text of {@code node}'s {@code field}, if it has one, and puts the redacted text back. */
    private static void field(
            FirewallChain chain,
            ObjectNode node,
            String field,
            String where,
            Screened findings,
            Set<Category> disregarded,
            ScanContext context,
            RedactionSession session) {
        if (node.path(field).isTextual()) {
            String redacted = check(
                    chain,
                    node.path(field).asText(),
                    where,
                    findings,
                    Screened.Source.of(context.source()),
                    disregarded,
                    context,
                    session);
            if (redacted != null) {
                node.put(field, redacted);
            }
        }
    }

    /**
     * The text parts of one message scanned again as the one text the model reads, so that a value or an
     * instruction split across parts ({@code "AKIAZ7QK3M"}, {@code "5T2XW4PL9R"}) is found too. Each part was
     * scanned alone before (so a part's own findings are not recorded twice: an allowed joined text adds nothing).
     * When the joined text is redacted, its redacted form goes into the first text part and the others are
     * emptied: a span across parts cannot be masked part by part. When it is blocked, the parts are joined the same
     * way before the block is thrown, so that the audit event's redaction sees the value whole.
     */
    private static void joined(
            FirewallChain chain,
            ArrayNode parts,
            String where,
            Screened findings,
            Set<Category> disregarded,
            ScanContext context,
            RedactionSession session) {
        List<ObjectNode> texts = new java.util.ArrayList<>();
        StringBuilder joined = new StringBuilder();
        for (JsonNode part : parts) {
            if (part instanceof ObjectNode o && o.path("text").isTextual()) {
                texts.add(o);
                joined.append(o.path("text").asText());
            }
        }
        if (texts.size() < 2) {
            return;
        }
        Verdict v = chain.scan(joined.toString(), ScanText.Stage.INPUT, disregarded, context, session);
        logFailures(v, where);
        switch (v) {
            case Verdict.Allow a -> {
                // whatever it holds, the parts' own scans found and recorded
            }
            case Verdict.Redact r -> {
                findings.add(v, Screened.Source.of(context.source()));
                collapse(texts, r.text());
            }
            case Verdict.Block b -> {
                findings.add(v, Screened.Source.of(context.source()));
                collapse(texts, joined.toString());
                throw blocked(b.cause(), where);
            }
        }
    }

    private static void collapse(List<ObjectNode> texts, String text) {
        texts.get(0).put("text", text);
        for (int k = 1; k < texts.size(); k++) {
            texts.get(k).put("text", "");
        }
    }

    /**
     * Scans one text, its findings counted under {@code source}; throws on block, returns the redacted text or null
     * when unchanged.
     */
    private static String check(
            FirewallChain chain,
            String text,
            String where,
            Screened findings,
            Screened.Source source,
            Set<Category> disregarded,
            ScanContext context,
            RedactionSession session) {
        Verdict v = chain.scan(text, ScanText.Stage.INPUT, disregarded, context, session);
        logFailures(v, where);
        findings.add(v, source);
        return switch (v) {
            case Verdict.Allow a -> null;
            case Verdict.Redact r -> r.text();
            case Verdict.Block b -> throw blocked(b.cause(), where);
        };
    }

    /**
     * A scanner that threw is left out of the verdict and the request goes on (the others still ran), unless its
     * rule fails closed ({@code on-failure: block}), when the verdict blocks; operators must see either, so it is
     * logged by scanner name and place, never with the text.
     */
    static void logFailures(Verdict v, String where) {
        if (v.failedScanners().isEmpty()) {
            return;
        }
        if (v.findings().stream().anyMatch(FirewallChain::isTimeLimit)) {
            LOG.warn("firewall scan of {} used its time limit (firewall.scan-time-limit)", where);
        }
        List<String> closed = v.findings().stream()
                .filter(FirewallChain::isFailure)
                .map(Finding::scanner)
                .distinct()
                .toList();
        logFailures(v.failedScanners(), closed, where);
    }

    /** Logs that the scanners {@code failed} failed on {@code where}; {@code closed} are those whose rule blocked. */
    static void logFailures(List<String> failed, List<String> closed, String where) {
        List<String> open =
                failed.stream().filter(n -> !closed.contains(n)).distinct().toList();
        if (!open.isEmpty()) {
            LOG.warn("firewall scanner(s) {} failed on {}; their verdict is missing", open, where);
        }
        if (!closed.isEmpty()) {
            LOG.warn("firewall scanner(s) {} failed on {}; their rules fail closed, so it is blocked", closed, where);
        }
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(InputScreen.class);

    static TrustgateException blocked(Finding cause, String where) {
        return violation("request", cause, where);
    }

    /**
     * The {@code content_policy_violation} error for a blocked request or response: the category (with its OWASP
     * id), the scanner and where, never the matched text.
     */
    static TrustgateException violation(String subject, Finding cause, String where) {
        if (FirewallChain.isTimeLimit(cause)) {
            // nothing was found either: the text cost more to scan than the operator allows
            return new TrustgateException(
                    ErrorKind.INVALID_REQUEST,
                    "The " + subject + " was blocked by the firewall: scanner '" + cause.scanner()
                            + "' did not finish on " + where
                            + " within the scan time limit (firewall.scan-time-limit) and its rule fails closed"
                            + " (on-failure: block), so the " + subject + " could not be checked for "
                            + cause.category() + ". Send a shorter text.",
                    where,
                    "content_policy_violation");
        }
        if (FirewallChain.isFailure(cause)) {
            // say that nothing was found: the scanner could not look, and its rule does not let that through
            return new TrustgateException(
                    ErrorKind.INVALID_REQUEST,
                    "The " + subject + " was blocked by the firewall: scanner '" + cause.scanner() + "' failed on "
                            + where + " and its rule fails closed (on-failure: block), so the " + subject
                            + " could not be checked for " + cause.category() + ".",
                    where,
                    "content_policy_violation");
        }
        return new TrustgateException(
                ErrorKind.INVALID_REQUEST,
                "The " + subject + " was blocked by the firewall: " + cause.category()
                        + cause.category()
                                .owaspId()
                                .map(id -> " (OWASP " + id + ")")
                                .orElse("")
                        + " found by scanner '" + cause.scanner() + "' in " + where + ".",
                where,
                "content_policy_violation");
    }
}
