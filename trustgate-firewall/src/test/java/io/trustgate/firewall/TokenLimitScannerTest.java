package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.api.Category;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanText;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Budgets, the byte pre-check's soundness and the cost of counting. */
class TokenLimitScannerTest {
    static List<Finding> scan(TokenLimitScanner s, String text) {
        return s.scan(ScanText.plain(text, ScanText.Stage.INPUT));
    }

    @Test
    void flagsAPromptOverItsBudget() {
        var s = new TokenLimitScanner(10, "cl100k_base");
        assertThat(scan(s, "hello world")).isEmpty();
        String longer = "The quick brown fox jumps over the lazy dog and keeps on running far away.";
        assertThat(scan(s, longer)).singleElement().satisfies(f -> {
            assertThat(f.category()).isEqualTo(Category.TOKEN_LIMIT);
            assertThat(f.type()).isEqualTo("TOO_MANY_TOKENS");
            assertThat(f.score()).isEqualTo(1.0);
            assertThat(f.hasSpan()).isFalse();
        });
    }

    @Test
    void fewerCharsThanTheBudgetCanStillExceedIt() {
        // rare CJK and emoji split into byte-level tokens: fewer chars than tokens
        String rare = "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 龘龘龘 🦜🦜🦜";
        var s = new TokenLimitScanner(rare.length(), "cl100k_base");
        assertThat(s.count(rare)).isGreaterThan(rare.length());
        assertThat(scan(s, rare)).hasSize(1);
    }

    @Test
    void theBytePreCheckNeverSkipsATextThatExceeds() {
        Random rnd = new Random(5);
        var s = new TokenLimitScanner(1_000, "o200k_base");
        String[] pieces = {"a", " ", "the", "龘", "🦜", "é", "\n", "<|endoftext|>", "1234", "\uD800", "ﬁ"};
        for (int i = 0; i < 500; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = rnd.nextInt(60); k > 0; k--) {
                sb.append(pieces[rnd.nextInt(pieces.length)]);
            }
            String text = sb.toString();
            int tokens = s.count(text);
            for (int max : new int[] {1, tokens - 1, tokens, tokens + 1}) {
                if (max >= 1 && !TokenLimitScanner.mayExceed(text, max)) {
                    assertThat(tokens)
                            .as("pre-check skipped a text of %d tokens at max %d", tokens, max)
                            .isLessThanOrEqualTo(max);
                }
            }
        }
    }

    @Test
    void specialTokenStringsCountAsText() {
        var s = new TokenLimitScanner(1_000_000, "cl100k_base");
        assertThat(s.count("<|endoftext|>")).isGreaterThan(1);
        assertThat(scan(s, "<|endoftext|>".repeat(10))).isEmpty();
    }

    @Test
    void countsATwoKilobytePromptInMicroseconds() {
        String unit = "Please review the attached quarterly report and summarise the revenue trend for the board. ";
        String prompt = unit.repeat(2048 / unit.length() + 1).substring(0, 2048);
        for (String enc : List.of("cl100k_base", "o200k_base")) {
            var s = new TokenLimitScanner(1_000, enc);
            ScanText st = ScanText.plain(prompt, ScanText.Stage.INPUT);
            long[] ns = Timing.run(() -> s.scan(st), 2_000);
            var skipping = new TokenLimitScanner(10_000, enc);
            long[] skip = Timing.run(() -> skipping.scan(st), 2_000);
            System.out.printf(
                    "token-limit %s, 2 KB prompt: counted p50 %d us, p99 %d us; pre-check skip p50 %d ns "
                            + "(%d tokens)%n",
                    enc, ns[0] / 1000, ns[1] / 1000, skip[0], s.count(prompt));
            assertThat(ns[0] / 1000).isLessThan(5000);
        }
    }
}
