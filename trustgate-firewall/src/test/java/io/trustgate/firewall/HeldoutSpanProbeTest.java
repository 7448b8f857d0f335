package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanText;
import io.trustgate.api.Scanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The PII and secrets scanners on the span sets written by someone who had not seen their rules or corpora
 * ({@code heldout/}, see its README). Their first run found real faults (every PEM key longer than 200 chars missed,
 * version numbers taken for IP addresses, birth dates in tables and other languages missed); the fixes were written
 * after reading those misses, so these floors guard the fixes rather than measure unseen text: docs/firewall.md gives
 * the blind figures of the first run next to them. The second sets ({@code heldout2/}, another author, another brief)
 * were run blind once in the fourteenth session and fixed the same way; their floors are the figures after the fixes.
 */
class HeldoutSpanProbeTest {
    static final double THRESHOLD = 0.5;
    static final Normalizer NORMALIZER = new Normalizer();

    record Span(String type, int start, int end) {}

    record Text(String text, List<Span> spans) {}

    record Counts(int gold, int goldMatched, int predicted, int predictedMatching) {
        double recall() {
            return (double) goldMatched / gold;
        }

        double precision() {
            return (double) predictedMatching / predicted;
        }
    }

    static List<Text> read(String file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Text> out = new ArrayList<>();
        for (String line : Files.readAllLines(
                Path.of("src/test/resources/" + (file.contains("/") ? file : "heldout/" + file)),
                StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            List<Span> spans = new ArrayList<>();
            n.get("spans")
                    .forEach(s -> spans.add(new Span(
                            s.get("type").asText(),
                            s.get("start").asInt(),
                            s.get("end").asInt())));
            out.add(new Text(n.get("text").asText(), spans));
        }
        return out;
    }

    /** Overlap matching, of the same type unless {@code anyType}, over the gold types in {@code types}. */
    static Counts count(Scanner scanner, List<Text> texts, Set<String> types, boolean anyType) {
        int gold = 0;
        int goldMatched = 0;
        int predicted = 0;
        int predictedMatching = 0;
        for (Text t : texts) {
            List<Finding> found = scanner.scan(NORMALIZER.normalize(t.text(), ScanText.Stage.INPUT)).stream()
                    .filter(f -> f.hasSpan() && f.score() >= THRESHOLD)
                    .filter(f -> anyType || types.contains(f.type()))
                    .toList();
            for (Span g : t.spans()) {
                if (types.contains(g.type())) {
                    gold++;
                    goldMatched += found.stream().anyMatch(f -> matches(f, g, anyType)) ? 1 : 0;
                }
            }
            for (Finding f : found) {
                predicted++;
                predictedMatching += t.spans().stream().anyMatch(g -> matches(f, g, anyType)) ? 1 : 0;
            }
        }
        return new Counts(gold, goldMatched, predicted, predictedMatching);
    }

    static boolean matches(Finding f, Span g, boolean anyType) {
        return (anyType || f.type().equals(g.type())) && f.start() < g.end() && g.start() < f.end();
    }

    @Test
    void piiStructuredTypesKeepRecallAndPrecisionAtTheGoal() throws IOException {
        assertStructuredTypesAtTheGoal(read("pii-probe.jsonl"), new PiiScanner());
    }

    /** Each structured PII type at recall and precision 0.95, the goal. */
    static void assertStructuredTypesAtTheGoal(List<Text> texts, PiiScanner pii) {
        for (String type : List.of(
                "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "IP_ADDRESS", "DATE_OF_BIRTH")) {
            Counts c = count(pii, texts, Set.of(type), false);
            assertThat(c.recall()).as(type + " recall " + c).isGreaterThanOrEqualTo(0.95);
            assertThat(c.precision()).as(type + " precision " + c).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void namesAndAddressesKeepTheirFigures() throws IOException {
        List<Text> texts = read("pii-probe.jsonl");
        PiiScanner pii = new PiiScanner();
        Counts person = count(pii, texts, Set.of("PERSON"), false);
        Counts address = count(pii, texts, Set.of("STREET_ADDRESS"), false);
        assertThat(person.recall()).as("PERSON " + person).isGreaterThanOrEqualTo(0.95);
        assertThat(person.precision()).as("PERSON " + person).isGreaterThanOrEqualTo(0.93);
        assertThat(address.recall()).as("STREET_ADDRESS " + address).isGreaterThanOrEqualTo(0.95);
        assertThat(address.precision()).as("STREET_ADDRESS " + address).isGreaterThanOrEqualTo(0.95);
    }

    /**
     * The third set ({@code heldout3/person/}, names only, written to a brief about look-alikes) was counted blind once
     * in the fifteenth session: precision 0.803, recall 0.651. The floors are the figures after the fixes that its
     * misses led to (0.814 / 0.702), a little under them.
     */
    @Test
    void thirdSetPersonFloors() throws IOException {
        List<Text> texts = read("heldout3/person/person-probe-3.jsonl");
        Counts person = count(new PiiScanner(), texts, Set.of("PERSON"), false);
        assertThat(person.gold()).isEqualTo(473);
        assertThat(person.recall()).as("PERSON " + person).isGreaterThanOrEqualTo(0.69);
        assertThat(person.precision()).as("PERSON " + person).isGreaterThanOrEqualTo(0.80);
    }

    @Test
    void secretsAreFoundWhateverTheTypeNames() throws IOException {
        List<Text> texts = read("secrets-probe.jsonl");
        Set<String> all = new java.util.HashSet<>();
        texts.forEach(t -> t.spans().forEach(s -> all.add(s.type())));
        Counts c = count(new SecretsScanner(), texts, all, true);
        assertThat(c.gold()).isEqualTo(205);
        assertThat(c.recall()).as("secrets " + c).isGreaterThanOrEqualTo(0.97);
        assertThat(c.precision()).as("secrets " + c).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void secondPiiSetKeepsTheStructuredTypesAtTheGoal() throws IOException {
        List<Text> texts = read("heldout2/pii/pii-probe-2.jsonl");
        PiiScanner pii = new PiiScanner();
        assertStructuredTypesAtTheGoal(texts, pii);
        // names and addresses were not worked on: these are their blind figures (152/164, 152/183; 50/55)
        Counts person = count(pii, texts, Set.of("PERSON"), false);
        Counts address = count(pii, texts, Set.of("STREET_ADDRESS"), false);
        assertThat(person.recall()).as("PERSON " + person).isGreaterThanOrEqualTo(0.92);
        assertThat(person.precision()).as("PERSON " + person).isGreaterThanOrEqualTo(0.83);
        assertThat(address.recall()).as("STREET_ADDRESS " + address).isGreaterThanOrEqualTo(0.90);
        assertThat(address.precision()).as("STREET_ADDRESS " + address).isGreaterThanOrEqualTo(0.99);
    }

    /**
     * The fourth PII set ({@code heldout4/pii/}, structured types only, 14 languages, tables and logs) was counted blind
     * once in the seventeenth session: cards 0.935 / 0.879, birth dates 0.938 / 0.517, e-mail 0.972 / 1.000, IBAN
     * 1.000 / 0.957, IP 0.694 / 0.915, phone 0.648 / 0.976 (precision / recall). These are the floors after its
     * fixes. Its author labels loopback addresses ({@code 127.0.0.1}, {@code ::1}); the scanner does not report
     * them, by choice, so IP recall stops at 44 of 47.
     */
    @Test
    void fourthPiiSetKeepsTheStructuredTypesAtTheGoal() throws IOException {
        List<Text> texts = read("heldout4/pii/pii-probe-4.jsonl");
        PiiScanner pii = new PiiScanner();
        for (String type :
                List.of("EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "DATE_OF_BIRTH")) {
            Counts c = count(pii, texts, Set.of(type), false);
            assertThat(c.recall()).as(type + " recall " + c).isGreaterThanOrEqualTo(0.95);
            assertThat(c.precision()).as(type + " precision " + c).isGreaterThanOrEqualTo(0.95);
        }
        Counts ip = count(pii, texts, Set.of("IP_ADDRESS"), false);
        assertThat(ip.goldMatched()).as("IP " + ip).isGreaterThanOrEqualTo(44);
        assertThat(ip.precision()).as("IP " + ip).isGreaterThanOrEqualTo(0.95);
    }

    /**
     * The third secrets set ({@code heldout4/secrets/}, 46 kinds in code, config, shell history and logs) was counted
     * blind once in the seventeenth session: recall 0.909, precision 0.985, 3 of its 130 look-alike texts flagged. These
     * are the floors after its fixes (1.000, 1.000, none).
     */
    @Test
    void thirdSecretsSetIsFoundAndItsLookAlikesPass() throws IOException {
        assertSecretsSet("heldout4/secrets/secrets-probe-3.jsonl", 285, 1);
    }

    @Test
    void secondSecretsSetIsFoundAndItsLookAlikesMostlyPass() throws IOException {
        // 143 texts hold only look-alikes; blind, 11 of them were flagged, after the fixes 2 (GitLab cache keys), then
        // 0
        assertSecretsSet("heldout2/secrets/secrets-probe-2.jsonl", 231, 2);
    }

    /**
     * A secrets set: {@code gold} spans, recall and precision at least 0.99 whatever the type names, and at most
     * {@code maxFlagged} of its texts with nothing to find flagged.
     */
    private static void assertSecretsSet(String file, int gold, long maxFlagged) throws IOException {
        List<Text> texts = read(file);
        Set<String> all = new java.util.HashSet<>();
        texts.forEach(t -> t.spans().forEach(s -> all.add(s.type())));
        SecretsScanner secrets = new SecretsScanner();
        Counts c = count(secrets, texts, all, true);
        assertThat(c.gold()).isEqualTo(gold);
        assertThat(c.recall()).as("secrets " + c).isGreaterThanOrEqualTo(0.99);
        assertThat(c.precision()).as("secrets " + c).isGreaterThanOrEqualTo(0.99);
        long flagged = texts.stream()
                .filter(t -> t.spans().isEmpty())
                .filter(t -> secrets.scan(NORMALIZER.normalize(t.text(), ScanText.Stage.INPUT)).stream()
                        .anyMatch(f -> f.score() >= THRESHOLD))
                .count();
        assertThat(flagged).as(file + ": look-alike texts flagged").isLessThanOrEqualTo(maxFlagged);
    }
}
