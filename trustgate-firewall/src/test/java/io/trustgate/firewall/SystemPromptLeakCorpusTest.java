package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanContext;
import io.trustgate.api.ScanText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link SystemPromptLeakScanner} against corpora: the must-flag and must-pass rows of src/test/resources/leak/details
 * (written for Trustgate: three invented prompts with confidential and public details), and a floor on the development
 * half of the independently written set (src/test/resources/heldout-output/sysprompt-leak-dev.jsonl; the held half is
 * never read here).
 */
class SystemPromptLeakCorpusTest {
    static final double THRESHOLD = 0.5;

    private final SystemPromptLeakScanner scanner = new SystemPromptLeakScanner();

    record Row(String prompt, boolean flag, String kind, String response) {}

    static List<Row> corpus() throws IOException {
        JsonNode prompts;
        try (InputStream in = SystemPromptLeakCorpusTest.class.getResourceAsStream("/leak/details/prompts.json")) {
            prompts = InjectionHeuristicsEvalTest.JSON.readTree(in);
        }
        List<Row> out = new ArrayList<>();
        for (JsonNode j : lines("/leak/details/cases.jsonl")) {
            out.add(new Row(
                    prompts.get(j.get("prompt").asText()).asText(),
                    j.get("expect").asText().equals("flag"),
                    j.get("prompt").asText() + "/" + j.get("kind").asText(),
                    j.get("response").asText()));
        }
        return out;
    }

    static List<JsonNode> lines(String resource) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (InputStream in = SystemPromptLeakCorpusTest.class.getResourceAsStream(resource)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.add(InjectionHeuristicsEvalTest.JSON.readTree(line));
                }
            }
        }
        return out;
    }

    private double score(String response, String prompt) {
        ScanText t = Scanners.normalizer().normalize(response, ScanText.Stage.OUTPUT);
        return scanner.scan(t, ScanContext.ofSystemPrompt(prompt)).stream()
                .mapToDouble(Finding::score)
                .max()
                .orElse(0);
    }

    @Test
    void flagsEveryMustFlagRowAndPassesEveryMustPassRow() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Row r : corpus()) {
            double s = score(r.response(), r.prompt());
            if ((s >= THRESHOLD) != r.flag()) {
                wrong.add(String.format("%s %s scored %.2f", r.flag() ? "missed" : "false alarm", r.kind(), s));
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void catchesMostLeaksOfTheDevelopmentHalfWithoutNewFalseAlarms() throws IOException {
        int tp = 0;
        int fp = 0;
        for (JsonNode j : lines("/heldout-output/sysprompt-leak-dev.jsonl")) {
            boolean flagged = score(j.get("text").asText(), j.get("system").asText()) >= THRESHOLD;
            tp += flagged && j.get("label").asBoolean() ? 1 : 0;
            fp += flagged && !j.get("label").asBoolean() ? 1 : 0;
        }
        // 27 leaks and 40 answers that are not; blind, before any change: 8 and 1
        assertThat(tp).isGreaterThanOrEqualTo(24);
        assertThat(fp).isZero();
    }
}
