package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.trustgate.api.Category;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanText;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Must-flag and must-pass texts, options, evasions, fuzzing and the cost with 10 and 10,000 entries. */
class BannedSubstringsScannerTest {
    static final Normalizer NORMALIZER = new Normalizer();
    static final List<String> LIST = List.of("Project Falcon", "acme-internal.corp", "secret", "Zürich office", "C++");

    static BannedSubstringsScanner scanner(boolean caseSensitive, boolean wholeWords) {
        return new BannedSubstringsScanner(LIST, caseSensitive, wholeWords);
    }

    static List<Finding> scan(BannedSubstringsScanner s, String text) {
        return s.scan(NORMALIZER.normalize(text, ScanText.Stage.INPUT));
    }

    @Test
    void flagsEachEntryWithItsIndexAndOriginalSpan() {
        String text = "Status of PROJECT FALCON: ask at acme-internal.corp about the secret plan.";
        List<Finding> found = scan(scanner(false, true), text);
        assertThat(found)
                .extracting(Finding::type)
                .containsExactly("BANNED_SUBSTRING_0", "BANNED_SUBSTRING_1", "BANNED_SUBSTRING_2");
        assertThat(found).allSatisfy(f -> {
            assertThat(f.category()).isEqualTo(Category.BANNED_CONTENT);
            assertThat(f.score()).isEqualTo(1.0);
        });
        assertThat(text.substring(found.get(0).start(), found.get(0).end())).isEqualTo("PROJECT FALCON");
        assertThat(text.substring(found.get(2).start(), found.get(2).end())).isEqualTo("secret");
    }

    @Test
    void homoglyphsAndZeroWidthCharsDoNotEvadeIt() {
        String cyrillic = "the \u0455\u0435\u0441r\u0435t is out"; // ѕесrеt
        String zeroWidth = "the sec\u200Bret is out";
        String fullwidth = "the ｓｅｃｒｅｔ is out";
        for (String text : List.of(cyrillic, zeroWidth, fullwidth)) {
            List<Finding> found = scan(scanner(false, true), text);
            assertThat(found).as(text).singleElement().satisfies(f -> {
                assertThat(f.type()).isEqualTo("BANNED_SUBSTRING_2");
                assertThat(text.substring(f.start(), f.end()))
                        .doesNotContain(" ")
                        .hasSizeGreaterThanOrEqualTo(6);
            });
        }
    }

    @Test
    void findsEntriesInDecodedRuns() {
        String b64 =
                Base64.getEncoder().encodeToString("tell me the secret now please".getBytes(StandardCharsets.UTF_8));
        String text = "decode " + b64;
        assertThat(scan(scanner(false, true), text)).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("BANNED_SUBSTRING_2");
            assertThat(f.score()).isEqualTo(0.9);
            assertThat(text.substring(f.start(), f.end())).isEqualTo(b64);
        });
    }

    @Test
    void wholeWordsAndCaseSensitivityAreOptions() {
        assertThat(scan(scanner(false, true), "the secretary and secrets")).isEmpty();
        assertThat(scan(scanner(false, false), "the secretary")).hasSize(1);
        assertThat(scan(scanner(true, true), "the SECRET")).isEmpty();
        assertThat(scan(scanner(true, true), "the secret")).hasSize(1);
        // non-word edges need no boundary: "C++" inside "C++20"? the entry ends with '+', so "C++20" matches
        assertThat(scan(scanner(false, true), "I write C++20 code")).hasSize(1);
        assertThat(scan(scanner(false, true), "ABC++ is not it")).isEmpty();
    }

    @Test
    void matchesNonAsciiEntries() {
        assertThat(scan(scanner(false, true), "Meet at the ZÜRICH OFFICE."))
                .extracting(Finding::type)
                .containsExactly("BANNED_SUBSTRING_3");
        assertThat(scan(scanner(false, true), "Meet at the Zurich office.")).isEmpty();
    }

    @Test
    void passesOrdinaryText() {
        for (String text : List.of(
                "Please summarise the quarterly report.",
                "The falcon is a bird; the project is late.",
                "acme internal corp",
                "")) {
            assertThat(scan(scanner(false, true), text)).as(text).isEmpty();
        }
    }

    @Test
    void optionsAreValidated() {
        var s = BannedSubstringsScanner.fromOptions(new ScannerOptions(
                Map.of("substrings", List.of("x-ray"), "case-sensitive", true, "whole-words", false)));
        assertThat(scan(s, "an x-rayed bone")).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BannedSubstringsScanner(List.of(" "), false, true))
                .isInstanceOf(ScannerOptions.Invalid.class);
    }

    @Test
    void randomTextNeverThrowsAndSpansStayInBounds() {
        Random rnd = new Random(3);
        String[] seeds = {
            "secret",
            "SeCrEt",
            "\u200b",
            "\u0455",
            "Zürich",
            "office",
            " ",
            "C++",
            "ü",
            "\uD800",
            "ﬁ",
            "U2VjcmV0IHNlY3JldCBzZWNyZXQ="
        };
        BannedSubstringsScanner s = scanner(false, true);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 3000; i++) {
                StringBuilder sb = new StringBuilder();
                for (int k = rnd.nextInt(40); k > 0; k--) {
                    sb.append(
                            rnd.nextBoolean()
                                    ? seeds[rnd.nextInt(seeds.length)]
                                    : String.valueOf((char) rnd.nextInt(0x2000)));
                }
                String text = sb.toString();
                for (Finding f : scan(s, text)) {
                    assertThat(f.end()).isBetween(f.start(), text.length());
                }
            }
        });
    }

    static List<String> randomEntries(int n) {
        Random rnd = new Random(n);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder();
            int len = 6 + rnd.nextInt(15);
            for (int k = 0; k < len; k++) {
                sb.append((char) ('a' + rnd.nextInt(26)));
            }
            out.add(sb.toString());
        }
        return out;
    }

    @Test
    void costStaysFlatFromTenToTenThousandEntries() {
        String unit = "Please review the attached quarterly report and summarise the revenue trend for the board. ";
        String prompt = unit.repeat(2048 / unit.length() + 1).substring(0, 2048);
        ScanText st = NORMALIZER.normalize(prompt, ScanText.Stage.INPUT);
        long[] p50 = new long[2];
        int[] sizes = {10, 10_000};
        for (int i = 0; i < 2; i++) {
            List<String> entries = randomEntries(sizes[i]);
            java.util.Set<String> prefixes = new java.util.HashSet<>();
            for (String e : entries) {
                for (int k = 1; k <= e.length(); k++) {
                    prefixes.add(e.substring(0, k));
                }
            }
            long tableMb = (prefixes.size() + 1L) * 128 * 4 / (1 << 20); // one int per state and ASCII char
            long t0 = System.nanoTime();
            BannedSubstringsScanner s = new BannedSubstringsScanner(entries, false, true);
            long buildMs = (System.nanoTime() - t0) / 1_000_000;
            long[] ns = Timing.run(() -> s.scan(st));
            p50[i] = ns[0];
            System.out.printf(
                    "banned-substrings, %d entries, 2 KB prompt: p50 %d us, p99 %d us (build %d ms, %d states, table"
                            + " ~%d MB)%n",
                    sizes[i], ns[0] / 1000, ns[1] / 1000, buildMs, prefixes.size() + 1, tableMb);
        }
        assertThat(p50[1]).isLessThan(Math.max(p50[0] * 5, 50_000));
    }
}
