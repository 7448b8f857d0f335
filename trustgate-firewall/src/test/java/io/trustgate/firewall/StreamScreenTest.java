package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.api.Action;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanContext;
import io.trustgate.api.ScanText;
import io.trustgate.api.Scanner;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamScreenTest {
    private static final String KEY = "AKIAABCDEFGHIJKLMNOP";

    private static FirewallChain secretsRedact() {
        return Scanners.chain(List.of(new FirewallChain.Rule(Scanners.create("secrets"), Action.REDACT, 0.5)));
    }

    /** Feeds the text in pieces of the given sizes; returns what the client would see, or null when stopped. */
    private static String stream(StreamScreen screen, String text, int[] sizes) {
        int[] k = {0};
        return stream(screen, text, () -> sizes[k[0]++ % sizes.length]);
    }

    /** Feeds the text in pieces of the sizes {@code nextSize} gives; what the client would see, or null when stopped. */
    static String stream(StreamScreen screen, String text, java.util.function.IntSupplier nextSize) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int n = Math.min(nextSize.getAsInt(), text.length() - i);
            StreamScreen.Step s = screen.push(text.substring(i, i + n));
            i += n;
            switch (s) {
                case StreamScreen.Step.Emit e -> out.append(e.text());
                case StreamScreen.Step.Stop stop -> {
                    return null;
                }
            }
        }
        return switch (screen.finish()) {
            case StreamScreen.Step.Emit e -> out.append(e.text()).toString();
            case StreamScreen.Step.Stop stop -> null;
        };
    }

    @Test
    void aRedactionItsCorroboratorDoesNotAgreeWithIsReportedNotMasked() {
        // the secrets rule redacts only where pii also finds something
        FirewallChain.Rule corroborated = new FirewallChain.Rule(
                Scanners.create("secrets"),
                Action.REDACT,
                0.5,
                FirewallChain.OnFailure.ALLOW,
                FirewallChain.Rule.ALL_SOURCES,
                java.util.Optional.of(new FirewallChain.Corroboration(Scanners.create("pii"), 0.5)));
        String alone = "Your key is " + KEY + " and it works. ".repeat(3);
        StreamScreen screen = new StreamScreen(Scanners.chain(List.of(corroborated)), ScanContext.NONE, 16, 32);
        assertThat(stream(screen, alone, new int[] {5})).isEqualTo(alone);
        assertThat(screen.findings()).extracting(Finding::type).contains("AWS_ACCESS_KEY_ID");
        assertThat(screen.actions()).containsOnly(Action.FLAG);

        String withMail = "Mail jane.doe@example.com the key " + KEY + " now, please. ".repeat(2);
        StreamScreen agreed = new StreamScreen(Scanners.chain(List.of(corroborated)), ScanContext.NONE, 32, 64);
        assertThat(stream(agreed, withMail, new int[] {5})).doesNotContain(KEY);
        assertThat(agreed.actions()).contains(Action.REDACT);
    }

    @Test
    void keySplitAcrossManyChunksIsMaskedWholeWhateverTheChunking() {
        String text = "Here is the config you asked for: aws_access_key_id = " + KEY
                + " and that is all. Keep it safe, and rotate it every ninety days as policy requires.";
        Random r = new Random(7);
        for (int run = 0; run < 200; run++) {
            int[] sizes = {1 + r.nextInt(12), 1 + r.nextInt(3), 1 + r.nextInt(30)};
            String out = stream(new StreamScreen(secretsRedact(), ScanContext.NONE, 64, 128), text, sizes);
            assertThat(out).doesNotContain("AKIA").doesNotContain("MNOP").contains("[AWS_ACCESS_KEY_ID_1]");
            assertThat(out).startsWith("Here is the config").endsWith("as policy requires.");
        }
    }

    @Test
    void cleanTextPassesUnchangedAndDelayedByAtMostTheHoldback() {
        String text = "The capital of France is Paris. It has been the capital for a long time.".repeat(5);
        StreamScreen screen = new StreamScreen(secretsRedact(), ScanContext.NONE, 32, 64);
        StringBuilder out = new StringBuilder();
        int fed = 0;
        for (int i = 0; i < text.length(); i += 5) {
            String piece = text.substring(i, Math.min(text.length(), i + 5));
            fed += piece.length();
            out.append(((StreamScreen.Step.Emit) screen.push(piece)).text());
            assertThat(fed - out.length()).isLessThanOrEqualTo(32);
        }
        out.append(((StreamScreen.Step.Emit) screen.finish()).text());
        assertThat(out.toString()).isEqualTo(text);
    }

    @Test
    void blockingFindingStopsBeforeTheOffendingTextLeaves() {
        FirewallChain chain =
                Scanners.chain(List.of(new FirewallChain.Rule(Scanners.create("secrets"), Action.BLOCK, 0.5)));
        StreamScreen screen = new StreamScreen(chain, ScanContext.NONE, 64, 128);
        String text = "Sure. The key is " + KEY + " and more text follows here for a while.";
        StringBuilder out = new StringBuilder();
        boolean stopped = false;
        for (int i = 0; i < text.length() && !stopped; i += 3) {
            switch (screen.push(text.substring(i, Math.min(text.length(), i + 3)))) {
                case StreamScreen.Step.Emit e -> out.append(e.text());
                case StreamScreen.Step.Stop s -> stopped = true;
            }
        }
        if (!stopped) {
            stopped = screen.finish() instanceof StreamScreen.Step.Stop;
        }
        assertThat(stopped).isTrue();
        assertThat(out.toString()).doesNotContain("AKIA");
        assertThat(screen.push("more")).isEqualTo(new StreamScreen.Step.Emit(""));
    }

    /** Judges only complete texts: flags anything that is not exactly "{}". */
    record WholeOnly() implements Scanner {
        @Override
        public String name() {
            return "whole";
        }

        @Override
        public List<Finding> scan(ScanText text) {
            return text.original().equals("{}")
                    ? List.of()
                    : List.of(new Finding("whole", io.trustgate.api.Category.INVALID_OUTPUT, "NOT_JSON", 1, 0, 0));
        }

        @Override
        public boolean wholeText() {
            return true;
        }
    }

    @Test
    void wholeTextScannersRunOnceAtTheEnd() {
        FirewallChain chain = Scanners.chain(List.of(new FirewallChain.Rule(new WholeOnly(), Action.BLOCK, 0.5)));
        StreamScreen ok = new StreamScreen(chain, ScanContext.NONE, 0, 0);
        assertThat(ok.push("{")).isEqualTo(new StreamScreen.Step.Emit("{"));
        assertThat(ok.push("}")).isEqualTo(new StreamScreen.Step.Emit("}"));
        assertThat(ok.finish()).isEqualTo(new StreamScreen.Step.Emit(""));
        StreamScreen bad = new StreamScreen(chain, ScanContext.NONE, 0, 0);
        bad.push("{");
        assertThat(bad.finish()).isInstanceOf(StreamScreen.Step.Stop.class);
        assertThat(bad.findings()).extracting(Finding::type).containsExactly("NOT_JSON");
    }

    /** Throws once the window holds a given word, as a scanner might on some hostile input. */
    record BreaksOn(String word) implements Scanner {
        @Override
        public String name() {
            return "fragile";
        }

        @Override
        public List<Finding> scan(ScanText text) {
            if (text.original().contains(word)) {
                throw new IllegalStateException("boom");
            }
            return List.of();
        }
    }

    @Test
    void aFailingFailClosedScannerStopsTheStreamBeforeTheTextLeaves() {
        FirewallChain chain =
                Scanners.chain(List.of(new FirewallChain.Rule(new BreaksOn("trigger"), Action.BLOCK, 0.5)));
        StreamScreen screen = new StreamScreen(chain, ScanContext.NONE, 16, 32);
        StringBuilder out = new StringBuilder();
        StreamScreen.Step last = null;
        for (String piece : List.of("all fine so far, ", "then a trig", "ger and more", " text after it")) {
            last = screen.push(piece);
            if (last instanceof StreamScreen.Step.Emit e) {
                out.append(e.text());
            } else {
                break;
            }
        }
        assertThat(last).isInstanceOfSatisfying(StreamScreen.Step.Stop.class, s -> {
            assertThat(FirewallChain.isFailure(s.cause())).isTrue();
            assertThat(s.cause().scanner()).isEqualTo("fragile");
        });
        assertThat(out.toString()).doesNotContain("trig");
        assertThat(screen.failedScanners()).containsExactly("fragile");
        assertThat(screen.findings()).extracting(Finding::type).containsExactly(FirewallChain.FAILURE_TYPE);
    }

    @Test
    void aFailingFailOpenScannerIsRecordedOnceAndTheStreamGoesOn() {
        FirewallChain chain = Scanners.chain(List.of(new FirewallChain.Rule(new BreaksOn("e"), Action.REDACT, 0.5)));
        StreamScreen screen = new StreamScreen(chain, ScanContext.NONE, 4, 8);
        String text = "every piece here fails the scanner";
        String out = stream(screen, text, new int[] {3, 5});
        assertThat(out).isEqualTo(text);
        assertThat(screen.failedScanners()).containsExactly("fragile");
        assertThat(screen.findings()).isEmpty();
    }
}
