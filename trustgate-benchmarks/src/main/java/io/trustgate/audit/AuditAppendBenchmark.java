package io.trustgate.audit;

import io.trustgate.api.audit.AuditEvent;
import io.trustgate.api.audit.CaptureMode;
import io.trustgate.api.audit.CapturedContent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The audit cost one gateway request pays at {@code ack: written} (the default of {@code trustgate serve}), on a real
 * file system (a temp directory): {@code encodeEventBody} the canonical body alone; {@code appendWritten} encode,
 * chain (hash) and write of one event until its future completes, from one thread; {@code appendWritten4Threads}
 * the same from four threads at once, as four event loops do (contention for the log). The event is what bench/run's
 * requests write (redacted capture of a short prompt and answer, about 560 bytes on disk). It lives in
 * {@code io.trustgate.audit} to reach the package-private encoder.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AuditAppendBenchmark {
    private Path dir;
    private AuditLog log;
    private final AuditEvent event = AuditEvent.builder(
                    AuditEvent.Kind.API_REQUEST, Instant.parse("2026-11-26T10:00:01.123456Z"))
            .requestId("9b2f6c1e-4a57-4c1b-9a0e-3f5d2b7c8e11")
            .keyId("key_7f3a9c2e51")
            .tenant("acme")
            .context("bench")
            .modelRequested("bench-model")
            .modelServed("bench-model")
            .provider("fake")
            .route(List.of("bench-model"))
            .tokens(12, 1)
            .costMicros(14)
            .latencyMs(1)
            .status(200)
            .content(new CapturedContent(CaptureMode.REDACTED, "user: Say ok.", "ok"))
            .build();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("trustgate-audit-append-jmh-");
        log = AuditLog.open(AuditConfig.defaults(dir).withAck(AuditConfig.Ack.WRITTEN));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        log.close();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    @Benchmark
    public byte[] encodeEventBody() {
        return Codec.eventBody(event);
    }

    @Benchmark
    public long appendWritten() {
        return log.append(event).join();
    }

    @Benchmark
    @Threads(4)
    public long appendWritten4Threads() {
        return log.append(event).join();
    }
}
