package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The injection scanners on the third independently written set ({@code injection/heldout-probe-3.jsonl}: 900 texts,
 * half English, the rest in German, French, Spanish, Italian, Dutch, Polish and six languages no training text was in
 * when it was written (the corpus's third batch added texts in them):
 * Ukrainian, Czech, Swedish, Romanian, Greek, Hungarian; see its README). Written after the classifier trained on the
 * hand-written corpus was frozen, to a different brief (production logs, evasive attackers, regulated sectors), by
 * helpers who saw neither the detectors, their training texts nor the other sets. Never read: only the counts of
 * {@code bench/probe-eval} are looked at. The floors are the figures measured when it was added.
 */
class HeldoutProbe3Test {
    static List<HeldoutProbe2Test.Probe> probes;

    @BeforeAll
    static void load() throws IOException {
        probes = HeldoutProbe2Test.read("src/test/resources/injection/heldout-probe-3.jsonl");
    }

    @Test
    void theSetIsBalanced() {
        assertThat(probes).hasSize(900);
        assertThat(probes.stream().filter(HeldoutProbe2Test.Probe::attack).count())
                .isEqualTo(450);
    }

    @Test
    void heuristicsKeepTheirRecallAndFalsePositivesOnUnseenText() {
        HeldoutProbeTest.Rates r = HeldoutProbe2Test.rates(probes, new InjectionHeuristicsScanner());
        // 118/450 and 21/450 when the set was added (the same at c38c5cc, before the Russian and Turkish rules)
        assertThat(r.recall()).as(r.toString()).isGreaterThanOrEqualTo(0.262);
        assertThat(r.fpRate()).as(r.toString()).isLessThanOrEqualTo(0.047);
    }

    @Test
    void classifierKeepsItsRecallAndFalsePositivesOnUnseenText() {
        HeldoutProbeTest.Rates r = HeldoutProbe2Test.rates(probes, new InjectionClassifierScanner());
        // 271/450 and 15/450 when the set was added; the classifier before the hand-written corpus (c38c5cc): 181/450
        // and 30/450; 278/450 and 15/450 with the corpus's second six files (318/450 and 16/450 with the third batch,
        // whose texts are in this set's six other languages; 309/450 and 17/450 with decision 017's languages; 330/450
        // and 18/450 with decision 018's buckets and texts; 329/450 and 18/450 when it read encoded runs as their
        // decodings, decision 020; 338/450 and 16/450 with the regulated-sector texts, decision 025)
        assertThat(r.recall()).as(r.toString()).isGreaterThanOrEqualTo(0.751);
        assertThat(r.fpRate()).as(r.toString()).isLessThanOrEqualTo(0.036);
    }
}
