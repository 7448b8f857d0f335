package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.api.Finding;
import io.trustgate.api.ScanText;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values hidden from the value scanners by invisible chars or fullwidth forms, found through the normalised text. */
class NormalizedSpansTest {
    static final Normalizer NORMALIZER = new Normalizer();
    static final String TOKEN = "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";

    static List<Finding> scan(io.trustgate.api.Scanner scanner, String text) {
        return scanner.scan(NORMALIZER.normalize(text, ScanText.Stage.OUTPUT));
    }

    static String fullwidth(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.append(c > 0x20 && c < 0x7F ? (char) (c - 0x21 + 0xFF01) : (char) c));
        return b.toString();
    }

    @Test
    void anEmailWithAZeroWidthCharOrInFullwidthFormsIsFoundOnItsWholeOriginalRun() {
        PiiScanner pii = new PiiScanner();
        for (String hidden : List.of("bob\u200B@example.com", fullwidth("bob@example.com"), "bob@exa\u2060mple.com")) {
            String text = "write to " + hidden + " today";
            assertThat(scan(pii, text)).as(hidden).singleElement().satisfies(f -> {
                assertThat(f.type()).isEqualTo("EMAIL_ADDRESS");
                assertThat(text.substring(f.start(), f.end())).isEqualTo(hidden);
            });
        }
    }

    @Test
    void aTokenWithAZeroWidthCharOrInFullwidthFormsIsFound() {
        SecretsScanner secrets = new SecretsScanner();
        for (String hidden : List.of(
                TOKEN.substring(0, 17) + "\u200B" + TOKEN.substring(17),
                fullwidth(TOKEN),
                TOKEN.replace("_", "\u00AD_"))) {
            String text = "please use " + hidden + " for the build";
            List<Finding> found = scan(secrets, text);
            assertThat(found).as(hidden).isNotEmpty();
            assertThat(found.get(0).type()).as(hidden + " " + found).isEqualTo("GITHUB_TOKEN");
            assertThat(text.substring(found.get(0).start(), found.get(0).end())).contains(hidden);
        }
    }

    @Test
    void aPlainValueIsFoundOnceWithItsExactSpan() {
        String text = "caf\u00e9 \uFF01 mail bob@example.com or " + TOKEN + " now";
        assertThat(scan(new PiiScanner(), text))
                .singleElement()
                .satisfies(f -> assertThat(text.substring(f.start(), f.end())).isEqualTo("bob@example.com"));
        assertThat(scan(new SecretsScanner(), text))
                .singleElement()
                .satisfies(f -> assertThat(text.substring(f.start(), f.end())).isEqualTo(TOKEN));
    }
}
