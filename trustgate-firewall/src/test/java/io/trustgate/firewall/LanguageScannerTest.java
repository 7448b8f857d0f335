package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optimaize.langdetect.DetectedLanguage;
import io.trustgate.api.Category;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LanguageScannerTest {
    private static final LanguageScanner ENGLISH_ONLY = new LanguageScanner(
            Set.of("en"), LanguageScanner.DEFAULT_MIN_CHARS, LanguageScanner.DEFAULT_MIN_PROBABILITY);

    private static List<Finding> scan(LanguageScanner s, String text) {
        return s.scan(ScanText.plain(text, ScanText.Stage.INPUT));
    }

    private static List<String[]> samples() throws IOException {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = LanguageScannerTest.class.getResourceAsStream("/language/samples.tsv")) {
            assertThat(in).as("language/samples.tsv on the test classpath").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.add(line.split("\t", 2));
                }
            }
        }
        return out;
    }

    @Test
    void flagsAFrenchPromptWhenOnlyEnglishIsAllowed() {
        List<Finding> fs = scan(
                ENGLISH_ONLY,
                "Pouvez-vous m'aider à rédiger une lettre de motivation pour un poste de développeur à Lyon ?");
        assertThat(fs).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("LANGUAGE_fr");
            assertThat(f.category()).isEqualTo(Category.LANGUAGE);
            assertThat(f.hasSpan()).isFalse();
            assertThat(f.score()).isGreaterThanOrEqualTo(0.8);
        });
    }

    @Test
    void passesAnAllowedLanguage() {
        LanguageScanner enDe = new LanguageScanner(Set.of("en", "de"), 40, 0.9);
        assertThat(
                        scan(
                                enDe,
                                "Wir treffen uns morgen um zehn Uhr im großen Besprechungsraum, um die Strategie zu besprechen."))
                .isEmpty();
        assertThat(scan(enDe, "The deployment failed because the database migration timed out; please roll back."))
                .isEmpty();
    }

    @Test
    void doesNotJudgeTextsShorterThanMinChars() {
        assertThat(scan(ENGLISH_ONLY, "Merci beaucoup !")).isEmpty();
        assertThat(scan(new LanguageScanner(Set.of("en"), 5, 0.9), "Merci beaucoup, à demain !"))
                .extracting(Finding::type)
                .containsExactly("LANGUAGE_fr");
    }

    @Test
    void judgesMixedTextsByTheDominantLanguage() {
        assertThat(scan(
                        ENGLISH_ONLY,
                        "Please translate \"Je voudrais un café\" into English and explain the grammar of the sentence,"
                                + " in particular why the verb is in the conditional mood."))
                .isEmpty();
        assertThat(scan(
                        ENGLISH_ONLY,
                        "Ich habe ein Problem mit meinem Laptop: Beim Starten erscheint immer die Meldung \"Boot device"
                                + " not found\" und danach passiert gar nichts mehr."))
                .extracting(Finding::type)
                .containsExactly("LANGUAGE_de");
    }

    @Test
    void refusesBadOptions() {
        assertThatThrownBy(() -> LanguageScanner.fromOptions(ScannerOptions.NONE))
                .isInstanceOf(ScannerOptions.Invalid.class)
                .hasMessageContaining("allowed");
        assertThatThrownBy(() -> LanguageScanner.fromOptions(new ScannerOptions(Map.of("allowed", List.of("english")))))
                .hasMessageContaining("ISO 639-1");
        assertThatThrownBy(
                        () -> LanguageScanner.fromOptions(new ScannerOptions(Map.of("allowed", "en", "min-chars", 0))))
                .hasMessageContaining("min-chars");
        assertThatThrownBy(() -> LanguageScanner.fromOptions(new ScannerOptions(Map.of("allowed", "en", "langs", "x"))))
                .hasMessageContaining("unknown option");
        assertThat(LanguageScanner.fromOptions(new ScannerOptions(Map.of("allowed", "EN", "min-chars", 10)))
                        .name())
                .isEqualTo("language");
    }

    @Test
    void identifiesTheWrittenSamples() throws IOException {
        int right = 0;
        int total = 0;
        List<String> wrong = new ArrayList<>();
        for (String[] s : samples()) {
            String expected = s[0].startsWith("mixed:") ? s[0].substring(6) : s[0];
            DetectedLanguage d = LanguageScanner.detect(s[1]).orElseThrow();
            total++;
            if (d.getLocale().getLanguage().equals(expected)) {
                right++;
            } else {
                wrong.add(expected + " taken for " + d.getLocale() + " (" + d.getProbability() + ")");
            }
        }
        System.out.printf(
                "language identification on %d written samples: %d right (%.3f)%n",
                total, right, (double) right / total);
        wrong.forEach(w -> System.out.println("  " + w));
        assertThat((double) right / total).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void flagsEveryNonEnglishSampleAndNoEnglishOne() throws IOException {
        int flaggedForeign = 0;
        int foreign = 0;
        int flaggedEnglish = 0;
        for (String[] s : samples()) {
            boolean english = s[0].equals("en") || s[0].equals("mixed:en");
            boolean flagged = !scan(ENGLISH_ONLY, s[1]).isEmpty();
            if (english) {
                flaggedEnglish += flagged ? 1 : 0;
            } else {
                foreign++;
                flaggedForeign += flagged ? 1 : 0;
                if (!flagged) {
                    DetectedLanguage d = LanguageScanner.detect(s[1]).orElseThrow();
                    System.out.printf(
                            "  not flagged: %s sample, %d chars, detected %s (%.3f)%n",
                            s[0], s[1].length(), d.getLocale(), d.getProbability());
                }
            }
        }
        System.out.printf(
                "allowed [en]: %d of %d non-English samples flagged, %d English flagged%n",
                flaggedForeign, foreign, flaggedEnglish);
        assertThat(flaggedEnglish).isZero();
        assertThat(flaggedForeign).isEqualTo(foreign);
    }

    @Test
    void isDeterministic() {
        String text = "Le train a été annulé à cause de la grève, nous arriverons donc demain matin.".repeat(20);
        double first = LanguageScanner.detect(text).orElseThrow().getProbability();
        for (int i = 0; i < 20; i++) {
            assertThat(LanguageScanner.detect(text).orElseThrow().getProbability())
                    .isEqualTo(first);
        }
    }

    @Test
    void scansATwoKilobytePromptQuickly() {
        StringBuilder b = new StringBuilder();
        while (b.length() < 2048) {
            b.append(
                            "Hello team, please review the Q3 numbers before Friday; the deck is at v1.2 and totals $1,299.99. ")
                    .append("Reach me at dave.miller@example.com or +1 201 555 0147. ");
        }
        String prompt = b.substring(0, 2048);
        ScanText text = ScanText.plain(prompt, ScanText.Stage.INPUT);
        LanguageScanner s = new LanguageScanner(Set.of("de"), 40, 0.9);
        for (int i = 0; i < 300; i++) {
            s.scan(text);
        }
        int n = 1000;
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            s.scan(text);
            t[i] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(t);
        System.out.printf(
                "language scan of a 2 KB prompt: p50 %d us, p99 %d us (%d calls after warm-up)%n",
                t[n / 2] / 1000, t[n * 99 / 100] / 1000, n);
        assertThat(t[n / 2] / 1000).isLessThan(20_000);
    }
}
