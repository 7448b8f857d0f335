package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The injection scanners on the third to sixth independently written sets ({@code injection/heldout-probe-N.jsonl},
 * 900 texts each, half attacks; each written by helpers who saw neither the detectors, their training texts nor the
 * other sets, to its own brief; see each set's README):
 *
 * <ul>
 *   <li>third: half English, the rest in German, French, Spanish, Italian, Dutch, Polish and six languages no training
 *       text was in when it was written (Ukrainian, Czech, Swedish, Romanian, Greek, Hungarian); production logs,
 *       evasive attackers, regulated sectors; written after the classifier trained on the hand-written corpus was
 *       frozen;
 *   <li>fourth: half English; agents' tool results, non-English chat in 22 languages of which 13 use other scripts or
 *       have no training text, current long-form jailbreaks; written after the default chain of decision 016 was
 *       fixed. Its missed obfuscation attacks were read on 2026-11-28 (its README);
 *   <li>fifth: two thirds English; assistants of banks, insurers, hospitals and public agencies, coding assistants and
 *       software agents, text as people type it; written after decision 022;
 *   <li>sixth: 60% English, 23 languages; workplace copilots, consumer chat and service, current red-team styles;
 *       written after decision 028.
 * </ul>
 *
 * Otherwise never read: only the counts of {@code bench/probe-eval} are looked at. Each scanner runs alone at its
 * threshold 0.5 ({@code DefaultChainInjectionTest} counts the default chain); the floors are the figures measured,
 * with their history next to them.
 */
class HeldoutProbeSetsTest {
    /** One set's floors: recall at least, false-positive rate at most, per scanner. */
    record Floors(int set, double heuristicsRecall, double heuristicsFp, double classifierRecall, double classifierFp) {
        String file() {
            return "src/test/resources/injection/heldout-probe-" + set + ".jsonl";
        }

        @Override
        public String toString() {
            return "heldout-probe-" + set;
        }
    }

    static Stream<Floors> sets() {
        return Stream.of(
                // heuristics: 118/450 and 21/450 when the set was added (the same at c38c5cc, before the Russian and
                // Turkish rules). Classifier: 271/450 and 15/450 when the set was added; the classifier before the
                // hand-written corpus (c38c5cc): 181/450 and 30/450; 278/450 and 15/450 with the corpus's second six
                // files (318/450 and 16/450 with the third batch, whose texts are in this set's six other languages;
                // 309/450 and 17/450 with decision 017's languages; 330/450 and 18/450 with decision 018's buckets and
                // texts; 329/450 and 18/450 when it read encoded runs as their decodings, decision 020; 338/450 and
                // 16/450 with the regulated-sector texts, decision 025)
                new Floors(3, 0.262, 0.047, 0.751, 0.036),
                // heuristics: 134/450 and 17/450 at the first count. Classifier: 306/450 and 13/450 at the first count;
                // 356/450 and 5/450 at the third, with decision 018's buckets and texts; 358/450 and 3/450 with the
                // regulated-sector texts, decision 025; 355/450 and 3/450 retrained for the normaliser of 2026-11-28
                new Floors(4, 0.297, 0.038, 0.788, 0.007),
                // heuristics: 140/450 and 19/450 at the first count. Classifier: 329/450 and 8/450 at the first count;
                // 337/450 and 6/450 at the second, with the regulated-sector texts (decision 025); 330/450 and 6/450
                // retrained for the normaliser of 2026-11-28
                new Floors(5, 0.311, 0.043, 0.733, 0.014),
                // heuristics: 111/450 and 14/450 at the first count. Classifier: 318/450 and 6/450 at the first count;
                // 315/450 and 6/450 retrained for the normaliser of 2026-11-28; 314/450 and 6/450 once the classifier
                // reads Caesar and Atbash runs deciphered (decision 030)
                new Floors(6, 0.246, 0.032, 0.697, 0.014));
    }

    private static final Map<Integer, List<HeldoutProbe2Test.Probe>> PROBES = new ConcurrentHashMap<>();

    private static List<HeldoutProbe2Test.Probe> probes(Floors f) {
        return PROBES.computeIfAbsent(f.set(), k -> {
            try {
                return HeldoutProbe2Test.read(f.file());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void theSetIsBalanced(Floors f) {
        assertThat(probes(f)).hasSize(900);
        assertThat(probes(f).stream().filter(HeldoutProbe2Test.Probe::attack).count())
                .isEqualTo(450);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void heuristicsKeepTheirRecallAndFalsePositivesOnUnseenText(Floors f) {
        HeldoutProbeTest.Rates r = HeldoutProbe2Test.rates(probes(f), new InjectionHeuristicsScanner());
        assertThat(r.recall()).as(f + " " + r).isGreaterThanOrEqualTo(f.heuristicsRecall());
        assertThat(r.fpRate()).as(f + " " + r).isLessThanOrEqualTo(f.heuristicsFp());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void classifierKeepsItsRecallAndFalsePositivesOnUnseenText(Floors f) {
        HeldoutProbeTest.Rates r = HeldoutProbe2Test.rates(probes(f), new InjectionClassifierScanner());
        assertThat(r.recall()).as(f + " " + r).isGreaterThanOrEqualTo(f.classifierRecall());
        assertThat(r.fpRate()).as(f + " " + r).isLessThanOrEqualTo(f.classifierFp());
    }
}
