package io.trustgate.benchmarks;

import io.trustgate.policy.TokenCounter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Counting a chat prompt's tokens ({@link TokenCounter#countChat}, o200k_base as for gpt-4o) before admission: a
 * short prompt of exactly 20 tokens and a long one of exactly 2,000.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TokenCounterBenchmark {
    static final String MODEL = "gpt-4o";
    private static final String PROSE = "The gateway counts the prompt's tokens before every call, so that rate limits"
            + " and monthly budgets can be checked up front. Counting is exact for OpenAI's models and an estimate"
            + " for others; the upstream's own usage settles the difference afterwards. Customers ask about orders,"
            + " refunds, delivery dates (2026-11-28), invoices #INV-20931 and API errors such as HTTP 429, and"
            + " sometimes paste code: `for (int i = 0; i < n; i++) { sum += a[i]; }`. ";

    private TokenCounter counter;
    private List<String> shortPrompt;
    private List<String> longPrompt;

    @Setup
    public void setUp() {
        counter = new TokenCounter();
        shortPrompt = List.of(exactly(20));
        longPrompt = List.of(exactly(2_000));
    }

    /** A text of exactly {@code tokens} tokens, cut from repeated prose. */
    private String exactly(int tokens) {
        String text = PROSE.repeat(tokens / 50 + 1);
        String cut = counter.truncate(MODEL, text, tokens);
        int n = counter.count(MODEL, cut);
        if (n != tokens) {
            throw new IllegalStateException("wanted " + tokens + " tokens, got " + n);
        }
        return cut;
    }

    @Benchmark
    public int countChatShort20() {
        return counter.countChat(MODEL, shortPrompt);
    }

    @Benchmark
    public int countChatLong2000() {
        return counter.countChat(MODEL, longPrompt);
    }
}
