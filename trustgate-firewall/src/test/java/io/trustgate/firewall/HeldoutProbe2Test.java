package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustgate.api.ScanContext;
import io.trustgate.api.Scanner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The injection scanners on the second independently written set ({@code injection/heldout-probe-2.jsonl}: 942 texts
 * in ten languages and mixed-language texts, written by three helpers who had seen neither the detectors, their
 * training data nor the first set; see its README). Its texts are never read while the detectors are worked on: only
 * the counts of {@code bench/probe-eval} are looked at. The floors are the figures measured at the commit that added
 * the scanners' scenario signal, rounded down: a change that loses ground on this unseen text fails here.
 */
class HeldoutProbe2Test {
    record Probe(String text, boolean attack, String category, ScanContext context) {}

    static List<Probe> probes;

    @BeforeAll
    static void load() throws IOException {
        probes = read("src/test/resources/injection/heldout-probe-2.jsonl");
    }

    /** A set of {@code {"text", "label", "category", "role"}} lines, each with the context its role gives. */
    static List<Probe> read(String path) throws IOException {
        List<Probe> out = new ArrayList<>();
        for (JsonNode n : HeldoutProbeTest.jsonLines(path)) {
            ScanContext.Source source =
                    "tool".equals(n.get("role").asText()) ? ScanContext.Source.TOOL : ScanContext.Source.USER;
            out.add(new Probe(
                    n.get("text").asText(),
                    n.get("label").asBoolean(),
                    n.get("category").asText(),
                    ScanContext.of(source)));
        }
        return out;
    }

    /** Counted as in {@link HeldoutProbeTest}, each text scanned as its role. */
    static HeldoutProbeTest.Rates rates(Scanner scanner) {
        return rates(probes, scanner);
    }

    static HeldoutProbeTest.Rates rates(List<Probe> set, Scanner scanner) {
        return HeldoutProbeTest.tally(set, Probe::attack, p -> HeldoutProbeTest.flags(scanner, p.text(), p.context()));
    }

    @Test
    void theSetIsBalanced() {
        assertThat(probes).hasSize(942);
        assertThat(probes.stream().filter(Probe::attack).count()).isEqualTo(472);
    }

    @Test
    void heuristicsKeepTheirRecallAndFalsePositivesOnUnseenText() {
        HeldoutProbeTest.Rates r = rates(new InjectionHeuristicsScanner());
        // 142/472 and 34/470 before the scenario signal, 156/472 and 34/470 with it; 153/472 and 20/470 once attacks
        // that a security text quotes were told from attacks made (Residue); 157/472 and 20/470 with the Russian and
        // Turkish rules (FoldedRules)
        assertThat(r.recall()).as(r.toString()).isGreaterThanOrEqualTo(0.332);
        assertThat(r.fpRate()).as(r.toString()).isLessThanOrEqualTo(0.043);
    }

    @Test
    void classifierKeepsItsRecallAndFalsePositivesOnUnseenText() {
        HeldoutProbeTest.Rates r = rates(new InjectionClassifierScanner());
        // 213/472 and 53/470, most false positives security texts that quote attacks; 210/472 and 30/470 once the
        // user's own words around a quoted attack were scored alone; 355/472 and 15/470 with the hand-written training
        // corpus's first six files (training/corpus: written to a brief close to this set's, by other helpers, so
        // partly
        // in its style), 357/472 and 12/470 with all of them (368/472 and 10/470 with the third batch; 367/472 and
        // 12/470 with decision 017's languages, whose benign sources moved the operating point up; 386/472 and 11/470
        // with decision 018's buckets and texts; 384/472 and 11/470 when it read encoded runs as their decodings,
        // decision 020; 380/472 and 9/470 with the regulated-sector texts, decision 025; 375/472 and 9/470 retrained
        // for the normaliser of 2026-11-28)
        assertThat(r.recall()).as(r.toString()).isGreaterThanOrEqualTo(0.794);
        assertThat(r.fpRate()).as(r.toString()).isLessThanOrEqualTo(0.020);
    }
}
