package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.api.Action;
import io.trustgate.api.ScanContext;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streamed output path over seeded multi-script texts ({@link ClassifierFuzzTest#text}) cut into random chunks,
 * some of them splitting a surrogate pair: no exception; a stream nothing was redacted in reaches the client
 * unchanged, char for char; a planted key or e-mail address never reaches it whole.
 */
class StreamScreenFuzzTest {
    static final String KEY = "AKIAQWERTYUIOPASDFGH";
    static final String MAIL = "jane.roe@example.org";

    /** The default output chain (secrets and exfiltration redacted) plus PII redaction and the flag-only scanners. */
    static FirewallChain chain() {
        return Scanners.chain(List.of(
                new FirewallChain.Rule(Scanners.create("secrets"), Action.REDACT, 0.5),
                new FirewallChain.Rule(Scanners.create("exfiltration"), Action.REDACT, 0.8),
                new FirewallChain.Rule(Scanners.create("pii"), Action.REDACT, 0.5),
                new FirewallChain.Rule(Scanners.create("refusal"), Action.FLAG, 0.5),
                new FirewallChain.Rule(Scanners.create("invisible-text"), Action.FLAG, 0.5)));
    }

    @Test
    void randomTextsInRandomChunksStreamLosslesslyOrRedacted() {
        FirewallChain chain = chain();
        Random r = new Random(20261129L);
        int planted = 0;
        for (int k = 0; k < 150; k++) {
            String text = ClassifierFuzzTest.text(r);
            boolean plant = k % 3 == 0 && text.length() > 10;
            if (plant) {
                int at = r.nextInt(text.length());
                // a key and an address, each set off by spaces so that they stand as tokens of their own
                text = text.substring(0, at) + " key " + KEY + " mail " + MAIL + " " + text.substring(at);
                planted++;
            }
            StreamScreen screen = new StreamScreen(chain, ScanContext.NONE, 64, 128);
            String out = StreamScreenTest.stream(screen, text, () -> r.nextInt(4) == 0 ? 1 : 1 + r.nextInt(40));
            assertThat(out).as("text %d was stopped; no rule blocks", k).isNotNull();
            if (!screen.actions().contains(Action.REDACT)) {
                assertThat(out).as("text %d", k).isEqualTo(text);
            }
            if (plant) {
                assertThat(out).as("text %d", k).doesNotContain(KEY).doesNotContain(MAIL);
            }
        }
        assertThat(planted).isGreaterThan(30);
    }
}
