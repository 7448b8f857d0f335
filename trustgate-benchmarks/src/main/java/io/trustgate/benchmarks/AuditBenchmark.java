package io.trustgate.benchmarks;

import io.trustgate.audit.AuditConfig;
import io.trustgate.audit.AuditLog;
import io.trustgate.audit.AuditVerifier;
import io.trustgate.audit.VerifyResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The audit log on a real file system (a temp directory): {@code appendBatchOf1000} queues 1,000 events and waits
 * for all (group commit with one {@code fsync} per batch; the score is events per second), {@code verify100kRecords}
 * checks a log of 100,000 events (the score is records per second). The end-to-end figures (a million events,
 * several producers) come from {@code bench/audit}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class AuditBenchmark {
    private Path dir;
    private AuditLog log;
    private Path verifyDir;
    private long n;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("trustgate-audit-jmh-");
        log = AuditLog.open(AuditConfig.defaults(dir).withQueue(65_536, Duration.ofSeconds(10)));
        verifyDir = Files.createTempDirectory("trustgate-audit-jmh-verify-");
        try (AuditLog v = AuditLog.open(AuditConfig.defaults(verifyDir))) {
            CompletableFuture<?>[] fs = new CompletableFuture<?>[100_000];
            for (int i = 0; i < fs.length; i++) {
                fs[i] = v.append(AuditEvents.request(i));
            }
            CompletableFuture.allOf(fs).join();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        log.close();
        delete(dir);
        delete(verifyDir);
    }

    @Benchmark
    @OperationsPerInvocation(1000)
    public long appendBatchOf1000() {
        CompletableFuture<?>[] fs = new CompletableFuture<?>[1000];
        for (int i = 0; i < fs.length; i++) {
            fs[i] = log.append(AuditEvents.request(n++));
        }
        CompletableFuture.allOf(fs).join();
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(100_000)
    public VerifyResult verify100kRecords() {
        VerifyResult r = AuditVerifier.verifyDirectory(verifyDir, Optional.empty());
        if (!(r instanceof VerifyResult.Intact)) {
            throw new IllegalStateException("benchmark log not intact: " + r);
        }
        return r;
    }

    static void delete(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
