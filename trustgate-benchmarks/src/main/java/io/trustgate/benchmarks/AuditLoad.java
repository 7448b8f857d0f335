package io.trustgate.benchmarks;

import io.trustgate.audit.AuditConfig;
import io.trustgate.audit.AuditLog;
import io.trustgate.audit.AuditVerifier;
import io.trustgate.audit.VerifyResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The audit log's end-to-end figures (run by {@code bench/audit}): {@code producers} threads each keep up to
 * {@code window} appends in flight (like that many concurrent requests waiting for their event to be durable) until
 * {@code events} are written with group commit and fsync; then the resulting log is verified {@code verifyRuns}
 * times. Prints one line per figure.
 *
 * <p>Arguments: {@code events producers window verifyRuns [dir]} (defaults 1000000 4 256 3, a temp directory).
 */
public final class AuditLoad {
    private AuditLoad() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int producers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int window = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        int verifyRuns = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path dir = args.length > 4 ? Path.of(args[4]) : Files.createTempDirectory("trustgate-audit-load-");
        try {
            run(events, producers, window, verifyRuns, dir);
        } finally {
            if (args.length <= 4) {
                AuditBenchmark.delete(dir);
            }
        }
    }

    /**
     * The latency an event adds to its request at a steady {@code rate} (events/s, paced from one thread): time from
     * {@code append} to the future completing (encode, queue, write, fsync). Prints p50, p99 and max.
     */
    private static void paced(Path dir, int rate, int seconds) throws Exception {
        int total = rate * seconds;
        long[] lat = new long[total];
        long intervalNanos = 1_000_000_000L / rate;
        try (AuditLog log = AuditLog.open(AuditConfig.defaults(dir))) {
            long start = System.nanoTime();
            List<CompletableFuture<Long>> fs = new ArrayList<>(total);
            for (int i = 0; i < total; i++) {
                long due = start + i * intervalNanos;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                int k = i;
                long t = System.nanoTime();
                fs.add(log.append(AuditEvents.request(i)).whenComplete((seq, err) -> lat[k] = System.nanoTime() - t));
            }
            fs.forEach(CompletableFuture::join);
        }
        AuditBenchmark.delete(dir);
        long[] sorted = lat.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "latency at %d events/s for %d s (append to durable): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                rate,
                seconds,
                sorted[total / 2] / 1e6,
                sorted[(int) (total * 0.99)] / 1e6,
                sorted[total - 1] / 1e6);
    }

    private static void run(int events, int producers, int window, int verifyRuns, Path dir) throws Exception {
        AuditConfig config = AuditConfig.defaults(dir).withQueue(65_536, Duration.ofSeconds(30));
        // warm-up: JIT the encoder, hasher and writer
        Path warm = Files.createTempDirectory("trustgate-audit-warm-");
        try (AuditLog w = AuditLog.open(AuditConfig.defaults(warm).withQueue(65_536, Duration.ofSeconds(30)))) {
            List<CompletableFuture<Long>> fs = new ArrayList<>();
            for (int i = 0; i < 50_000; i++) {
                fs.add(w.append(AuditEvents.request(i)));
            }
            fs.forEach(CompletableFuture::join);
        }
        AuditBenchmark.delete(warm);

        long t0 = System.nanoTime();
        try (AuditLog log = AuditLog.open(config)) {
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int id = p;
                threads.add(Thread.ofPlatform().start(() -> {
                    ArrayDeque<CompletableFuture<Long>> inFlight = new ArrayDeque<>();
                    for (long i = id; i < events; i += producers) {
                        if (inFlight.size() >= window) {
                            inFlight.removeFirst().join();
                        }
                        inFlight.addLast(log.append(AuditEvents.request(i)));
                    }
                    inFlight.forEach(CompletableFuture::join);
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        long bytes = 0;
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                bytes += Files.size(p);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "append: %d events, %d producers x %d in flight, group commit + fsync: %.2f s, %.0f events/s,"
                        + " %.1f MB on disk%n",
                events,
                producers,
                window,
                secs,
                events / secs,
                bytes / 1e6);
        paced(dir.resolveSibling(dir.getFileName() + "-paced"), 2_000, 5);
        for (int r = 0; r < verifyRuns; r++) {
            long v0 = System.nanoTime();
            VerifyResult res = AuditVerifier.verifyDirectory(dir, Optional.empty());
            double vs = (System.nanoTime() - v0) / 1e9;
            System.out.printf(
                    Locale.ROOT, "verify run %d: %s in %.2f s (%.0f records/s)%n", r + 1, res, vs, events / vs);
        }
    }
}
