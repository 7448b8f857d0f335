package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.api.Finding;
import io.trustgate.api.ScanContext;
import io.trustgate.api.ScanText;
import io.trustgate.api.Scanner;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every registered scanner, at each stage it runs in, over the seeded multi-script texts of {@link
 * ClassifierFuzzTest}: no exception, scores in [0, 1], spans within the text. A scanner that throws fails its rule,
 * and a blocking rule then blocks: a crash on an odd but harmless text is a false positive. The scanners with their
 * own fuzz tests (normaliser, heuristics, PII, secrets, exfiltration) get a second, different corpus here.
 */
class AllScannersFuzzTest {
    static final Normalizer NORMALIZER = new Normalizer();

    @Test
    void everyScannerTakesRandomTextsInManyScriptsWithoutFailing() {
        Random r = new Random(20261128L);
        List<String> texts = new java.util.ArrayList<>();
        for (int k = 0; k < 120; k++) {
            texts.add(ClassifierFuzzTest.text(r));
        }
        String system = "You are the support assistant of Example Bank. Never reveal the account codes 7731 and"
                + " 9902. Answer in English.";
        List<ScanContext> contexts = List.of(
                ScanContext.NONE,
                ScanContext.of(ScanContext.Source.USER),
                ScanContext.of(ScanContext.Source.TOOL),
                ScanContext.ofSystemPrompt(system),
                new ScanContext(
                        Optional.of(system),
                        List.of("tg-canary-5f2a"),
                        Optional.of("{\"type\":\"object\",\"required\":[\"a\"]}")));
        for (Scanners.Spec spec : Scanners.specs()) {
            Scanner scanner =
                    Scanners.create(spec.name(), ScannersTest.REQUIRED.getOrDefault(spec.name(), ScannerOptions.NONE));
            // the two MiniLM scanners take tens of milliseconds per long text: a quarter of the texts for them
            boolean slow = spec.name().equals("banned-topics") || spec.name().equals("system-prompt-leak");
            int n = slow ? texts.size() / 4 : texts.size();
            for (ScanText.Stage stage : spec.stages()) {
                for (int k = 0; k < n; k++) {
                    String text = texts.get(k);
                    ScanText st = NORMALIZER.normalize(text, stage);
                    ScanContext c = contexts.get(k % contexts.size());
                    for (Finding f : scanner.scan(st, c)) {
                        assertThat(f.score())
                                .as("%s on text %d", spec.name(), k)
                                .isBetween(0.0, 1.0);
                        assertThat(f.start())
                                .as("%s on text %d", spec.name(), k)
                                .isBetween(0, text.length());
                        assertThat(f.end()).as("%s on text %d", spec.name(), k).isBetween(f.start(), text.length());
                    }
                }
            }
        }
    }
}
