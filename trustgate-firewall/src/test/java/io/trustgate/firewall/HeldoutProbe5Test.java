package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The injection scanners on the fifth independently written set ({@code injection/heldout-probe-5.jsonl}: 900 texts,
 * two thirds English; assistants of banks, insurers, hospitals and public agencies, coding assistants and software
 * agents, and text as people type it; see its README). Written after decision 022 by helpers who saw neither the
 * detectors, their training texts nor the other sets. Never read: only the counts of {@code bench/probe-eval} are
 * looked at. The floors are the figures of its first count.
 */
class HeldoutProbe5Test {
    static List<HeldoutProbe2Test.Probe> probes;

    @BeforeAll
    static void load() throws IOException {
        probes = HeldoutProbe2Test.read("src/test/resources/injection/heldout-probe-5.jsonl");
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
        // 140/450 and 19/450 at the first count
        assertThat(r.recall()).as(r.toString()).isGreaterThanOrEqualTo(0.311);
        assertThat(r.fpRate()).as(r.toString()).isLessThanOrEqualTo(0.043);
    }

    @Test
    void classifierKeepsItsRecallAndFalsePositivesOnUnseenText() {
        HeldoutProbeTest.Rates r = HeldoutProbe2Test.rates(probes, new InjectionClassifierScanner());
        // 329/450 and 8/450 at the first count (threshold 0.5); 337/450 and 6/450 at the second, with the
        // regulated-sector texts (decision 025); 330/450 and 6/450 retrained for the normaliser of 2026-11-28
        assertThat(r.recall()).as(r.toString()).isGreaterThanOrEqualTo(0.733);
        assertThat(r.fpRate()).as(r.toString()).isLessThanOrEqualTo(0.014);
    }
}
