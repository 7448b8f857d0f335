package io.trustgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenCounterTest {
    static final TokenCounter TOKENS = new TokenCounter();

    @Test
    void countsWithTheEncodingOfTheModelFamily() {
        assertThat(TOKENS.count("gpt-4o", "Hello world")).isEqualTo(2);
        assertThat(TOKENS.count("gpt-3.5-turbo", "Hello world")).isEqualTo(2);
        assertThat(TOKENS.count("gpt-4o", "")).isZero();
    }

    @Test
    void chatCountAddsMessageFraming() {
        int plain = TOKENS.count("gpt-4o", "Hello world");
        assertThat(TOKENS.countChat("gpt-4o", List.of("Hello world"))).isEqualTo(plain + 3 + 3);
    }

    @Test
    void truncatesToATokenBudget() {
        String t = TOKENS.truncate("gpt-4o", "one two three four five six", 3);
        assertThat(TOKENS.count("gpt-4o", t)).isEqualTo(3);
        assertThat("one two three four five six").startsWith(t);
    }
}
