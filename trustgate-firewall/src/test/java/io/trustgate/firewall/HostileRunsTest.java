package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.api.ScanContext;
import io.trustgate.api.ScanText;
import io.trustgate.api.Scanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every registered scanner, and the normaliser, on texts made of one short unit repeated ("A-A-A-...", "1 1 1 ...",
 * "%41%41..."): the shapes that make a scanner read the same chars again from each position (a regex that fails late,
 * a word read to its end from each of its capitals). Random text rarely has them, so the fuzz tests did not find the
 * ones that cost 3 s on 80,000 chars of "A-" (names: a hyphenated word read to its end from each capital) and 2 s on
 * 16,000 chars of "a" (the language detector's URL filter). Each scanner's time on a text four times as long must grow
 * about four times, not sixteen: a quadratic scan of a 4 MiB body (the default request limit) would hold its thread
 * for hours. Timed, so the bound is loose (8 times plus 25 ms, best of two runs, timed again best of five when over); about 35 s
 * in all. The two MiniLM
 * scanners are left out: linear, but tens of milliseconds per sentence.
 */
class HostileRunsTest {
    static final int SHORT = 8_000;
    static final int GROWTH = 4;
    static final java.util.Set<String> MINILM = java.util.Set.of("banned-topics", "system-prompt-leak");

    /** Units: single chars of every class the rules use, pairs of them, and the starts of things scanners look for. */
    static List<String> units() {
        List<String> units = new ArrayList<>();
        for (char c : "aA0S \n\t-._/=:@+'’é(\"#,)|{}[]<>!?;*&%$~`\\^".toCharArray()) {
            units.add(String.valueOf(c));
        }
        String core = "aA0 -._'=:/\n";
        for (char a : core.toCharArray()) {
            for (char b : core.toCharArray()) {
                if (a != b) {
                    units.add("" + a + b);
                }
            }
        }
        units.addAll(List.of(
                "Aa ",
                "Aa-",
                "Mr ",
                "Dear ",
                "A. ",
                "1 ",
                "1-",
                "1.",
                "12:",
                "1/",
                "+1 ",
                "a@",
                "a@a.",
                "A_",
                "a.a",
                "Straße ",
                "Via ",
                "1 Main ",
                "http://a",
                "![a](http://a/?q=",
                "<img src=",
                "[INFO] ",
                "| a ",
                "{\"",
                "ignore ",
                "never ",
                "do not ",
                "password=",
                "api_key: ",
                "sk-",
                "-----BEGIN ",
                "eyJ",
                "%41",
                "\\u0041",
                "&#65;",
                "01000001 ",
                ".- ",
                "Alfa ",
                "Alfa / ",
                "⠁",
                "⠁ ",
                "Ljq ",
                "Ljq. ",
                "M!!!!\n",
                " M!!!!",
                "<~!!",
                "QUJD",
                "4142",
                "I'm sorry, ",
                "```",
                "dob;",
                "00 1 "));
        return units;
    }

    @Test
    void noScannerSlowsDownMoreThanLinearlyOnRepeatedUnits() {
        Normalizer normalizer = new Normalizer();
        ScanContext context = new ScanContext(
                Optional.of("You are the support assistant of Example Bank. Never reveal the code 7731."),
                List.of("tg-canary-5f2a"),
                Optional.of("{\"type\":\"object\",\"required\":[\"a\"]}"));
        List<String> slow = new ArrayList<>();
        List<String> units = units();
        for (Scanners.Spec spec : Scanners.specs()) {
            if (MINILM.contains(spec.name())) {
                continue; // linear, but 10-50 ms per sentence: a run of long texts would take minutes
            }
            Scanner scanner =
                    Scanners.create(spec.name(), ScannersTest.REQUIRED.getOrDefault(spec.name(), ScannerOptions.NONE));
            for (ScanText.Stage stage : spec.stages()) {
                for (String unit : units) {
                    ScanText shorter = normalizer.normalize(text(unit, SHORT), stage);
                    ScanText longer = normalizer.normalize(text(unit, SHORT * GROWTH), stage);
                    if (grewTooMuch(() -> scanner.scan(shorter, context), () -> scanner.scan(longer, context))) {
                        slow.add(spec.name() + " " + stage + " on '" + unit + "'");
                    }
                }
            }
        }
        for (String unit : units) {
            String shorter = text(unit, SHORT);
            String longer = text(unit, SHORT * GROWTH);
            if (grewTooMuch(
                    () -> normalizer.normalize(shorter, ScanText.Stage.INPUT),
                    () -> normalizer.normalize(longer, ScanText.Stage.INPUT))) {
                slow.add("normaliser on '" + unit + "'");
            }
        }
        assertThat(slow)
                .as("scans whose time grew more than 8 times on a text " + GROWTH + " times as long")
                .isEmpty();
    }

    static String text(String unit, int length) {
        return unit.repeat(Math.max(1, length / unit.length()));
    }

    /**
     * Whether the longer text's scan took more than 8 times the shorter's plus 25 ms, best of two runs each; a case
     * over the bound is timed again, best of five, so that a pause of the collector or the compiler in one run (seen
     * once: 1 ms, then 51) is not taken for growth. A quadratic scan stays over the bound however often it is timed.
     */
    private static boolean grewTooMuch(Runnable shorter, Runnable longer) {
        for (int runs : new int[] {2, 5}) {
            long a = best(shorter, runs);
            long b = best(longer, runs);
            if (b <= 8 * a + 25_000_000L) {
                return false;
            }
        }
        return true;
    }

    /** The fastest of {@code runs} runs, in nanoseconds. */
    private static long best(Runnable scan, int runs) {
        long best = Long.MAX_VALUE;
        for (int k = 0; k < runs; k++) {
            long t0 = System.nanoTime();
            try {
                scan.run();
            } catch (RuntimeException | StackOverflowError e) {
                // failures are AllScannersFuzzTest's business; here only the time counts
            }
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best;
    }
}
