package io.trustgate.benchmarks;

import io.trustgate.api.TrustgateException;
import io.trustgate.gateway.ErrorTable;
import io.vertx.core.buffer.Buffer;
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

/** Rendering the OpenAI-style error body ({@link ErrorTable#body}) of a rejected request (INVALID_REQUEST). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ErrorTableBenchmark {
    private TrustgateException invalid;

    @Setup
    public void setUp() {
        invalid = TrustgateException.invalid(
                "Invalid value for 'messages[2].role': expected one of system, developer, user, assistant, tool.",
                "messages[2].role");
    }

    @Benchmark
    public Buffer invalidRequestBody() {
        return ErrorTable.body(invalid);
    }
}
