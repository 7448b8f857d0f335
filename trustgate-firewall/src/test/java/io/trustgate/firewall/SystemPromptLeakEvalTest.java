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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of {@link SystemPromptLeakScanner} on a small self-made set (src/test/resources/leak: five
 * invented system prompts, 35 responses labelled leak or not), plus canary variants made here; prints a table by
 * threshold, recall by kind of leak, and the time per response.
 */
class SystemPromptLeakEvalTest {
    record Case(String prompt, boolean leak, String kind, String response) {}

    static final double[] THRESHOLDS = {0.3, 0.4, 0.5, 0.6, 0.7, 0.9};

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        JsonNode prompts;
        try (InputStream in = SystemPromptLeakEvalTest.class.getResourceAsStream("/leak/prompts.json")) {
            prompts = InjectionHeuristicsEvalTest.JSON.readTree(in);
        }
        try (InputStream in = SystemPromptLeakEvalTest.class.getResourceAsStream("/leak/cases.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode j = InjectionHeuristicsEvalTest.JSON.readTree(line);
                out.add(new Case(
                        prompts.get(j.get("prompt").asText()).asText(),
                        j.get("leak").asBoolean(),
                        j.get("kind").asText(),
                        j.get("response").asText()));
            }
        }
        return out;
    }

    @Test
    void printsPrecisionAndRecallOnTheSelfMadeSet() throws IOException {
        SystemPromptLeakScanner scanner = new SystemPromptLeakScanner();
        Embedder.miniLm().embed("load the model before timing");
        List<Case> cases = cases();
        List<double[]> scored = new ArrayList<>(); // {label, score}
        Map<String, int[]> byKind = new TreeMap<>(); // kind -> {flagged at 0.5, n}
        long t0 = System.nanoTime();
        for (Case c : cases) {
            double s = score(scanner, c.response(), ScanContext.ofSystemPrompt(c.prompt()));
            scored.add(new double[] {c.leak() ? 1 : 0, s});
            int[] k = byKind.computeIfAbsent((c.leak() ? "leak/" : "ok/") + c.kind(), x -> new int[2]);
            k[0] += s >= 0.5 ? 1 : 0;
            k[1]++;
        }
        double msEach = (System.nanoTime() - t0) / 1e6 / cases.size();
        // canaries: the same prompts with a canary, leaked as is, spaced, lower-case with dashes, in base64
        int canaryHits = 0;
        int canaryN = 0;
        int canaryFalse = 0;
        for (Case c : cases) {
            String token = Canary.newToken();
            ScanContext ctx = new ScanContext(
                    Optional.of(c.prompt() + " " + Canary.instruction(token)), List.of(token), Optional.empty());
            for (String leak : List.of(
                    "The marker is " + token + ".",
                    String.join(" ", token.split("")),
                    String.join("-", token.toLowerCase().split("")),
                    Base64.getEncoder().encodeToString(("Marker: " + token).getBytes(StandardCharsets.UTF_8)))) {
                canaryN++;
                canaryHits += hasCanary(scanner, c.response() + "\n" + leak, ctx) ? 1 : 0;
            }
            canaryFalse += hasCanary(scanner, c.response(), ctx) ? 1 : 0;
        }

        StringBuilder b = new StringBuilder("system-prompt-leak on the self-made set (")
                .append(cases.size())
                .append(" responses, ")
                .append(scored.stream().filter(x -> x[0] == 1).count())
                .append(" leaks)\nthreshold  precision  recall  false-positives\n");
        for (double t : THRESHOLDS) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (double[] x : scored) {
                boolean flag = x[1] >= t;
                tp += flag && x[0] == 1 ? 1 : 0;
                fp += flag && x[0] == 0 ? 1 : 0;
                fn += !flag && x[0] == 1 ? 1 : 0;
            }
            b.append(String.format(
                    "  %.1f      %5.2f     %5.2f   %d%n",
                    t, tp + fp == 0 ? 1.0 : (double) tp / (tp + fp), (double) tp / (tp + fn), fp));
        }
        b.append("flagged at 0.5 by kind: ");
        byKind.forEach((k, v) ->
                b.append(k).append(' ').append(v[0]).append('/').append(v[1]).append("  "));
        b.append(String.format(
                "%ncanaries: %d/%d leaked forms found, %d false on %d clean responses%n%.1f ms per response (paraphrase"
                        + " check included; prompt vectors cached after first use)%n",
                canaryHits, canaryN, canaryFalse, cases.size(), msEach));
        System.out.print(b);
        assertThat(canaryHits).isEqualTo(canaryN);
        assertThat(canaryFalse).isZero();
    }

    private static double score(SystemPromptLeakScanner s, String response, ScanContext ctx) {
        return s.scan(Scanners.normalizer().normalize(response, ScanText.Stage.OUTPUT), ctx).stream()
                .mapToDouble(Finding::score)
                .max()
                .orElse(0);
    }

    private static boolean hasCanary(SystemPromptLeakScanner s, String response, ScanContext ctx) {
        return s.scan(Scanners.normalizer().normalize(response, ScanText.Stage.OUTPUT), ctx).stream()
                .anyMatch(f -> f.type().equals("CANARY"));
    }
}
