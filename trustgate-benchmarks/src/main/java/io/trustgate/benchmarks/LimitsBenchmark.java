package io.trustgate.benchmarks;

import io.trustgate.api.ApiKey;
import io.trustgate.api.Price;
import io.trustgate.api.Tier;
import io.trustgate.api.Usage;
import io.trustgate.policy.Admission;
import io.trustgate.policy.Limits;
import java.math.BigDecimal;
import java.time.Instant;
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
 * Admission and settlement of one request ({@link Limits#admit} then {@link Limits#settle}) for one key whose tier
 * has every limit finite: both per-minute buckets and both monthly budgets are checked and charged. The limits are
 * set high enough that no run of this benchmark can reach them (a refusal would measure the exception instead).
 * The settled cost is computed once in setup, so only the two calls are timed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LimitsBenchmark {
    private static final long PROMPT = 500;
    private static final long MAX_TOKENS = 256;

    private Limits limits;
    private ApiKey key;
    private Tier tier;
    private Price price;
    private Usage usage;
    private long costMicros;

    @Setup
    public void setUp() {
        limits = new Limits();
        key = new ApiKey(
                "key_bench",
                "bench",
                "default",
                "standard",
                "h",
                "tg-bench",
                Instant.now(),
                ApiKey.NEVER,
                ApiKey.NEVER);
        tier = new Tier(
                "standard",
                List.of("gpt-4o*"),
                1_000_000_000_000L, // requests per minute
                10_000_000_000_000L, // tokens per minute
                128_000, // tokens per request
                1_000_000_000_000_000L, // monthly tokens
                1_000_000_000_000_000L); // monthly cost, micro-units
        price = new Price(new BigDecimal("2.50"), new BigDecimal("10.00")); // gpt-4o list price per 1M tokens
        usage = new Usage(PROMPT, 120);
        costMicros = price.costMicros(usage);
    }

    @Benchmark
    public Admission admitAndSettle() {
        Admission a = limits.admit(key, tier, PROMPT, MAX_TOKENS, price);
        limits.settle(a, usage, costMicros);
        return a;
    }
}
