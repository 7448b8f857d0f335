package io.trustgate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    @TempDir
    Path dir;

    @Test
    void eventsGetIncreasingSeqsAndTheLogVerifiesIntact() {
        List<Long> seqs = new ArrayList<>();
        try (AuditLog log = AuditLog.open(Events.config(dir, 4))) {
            for (int i = 0; i < 10; i++) {
                seqs.add(log.append(Events.request(i)).join());
            }
        }
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
        // genesis checkpoint at 0, then a checkpoint after every 4 events, and one on close
        assertThat(seqs).containsExactly(1L, 2L, 3L, 4L, 6L, 7L, 8L, 9L, 11L, 12L);
        assertThat(AuditVerifier.verifyDirectory(dir, Optional.empty())).isEqualTo(new VerifyResult.Intact(10, 4));
    }

    @Test
    void aLogBeingWrittenVerifiesIntactWhileCheckpointsAreAdded() throws Exception {
        // A checkpoint after every second event: verifying while they are written once read the side file after
        // the segments and took a checkpoint written in between for a truncated log.
        try (AuditLog log = AuditLog.open(Events.config(dir, 2))) {
            ExecutorService writer = Executors.newSingleThreadExecutor();
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            writer.submit(() -> {
                // paced and bounded, so that each check reads a log of a few hundred events, not an ever larger one
                for (int i = 0; !stop.get() && i < 600; i++) {
                    log.append(Events.request(i)).join();
                    java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                }
            });
            try {
                log.append(Events.request(-1)).join();
                for (int round = 0; round < 30; round++) {
                    assertThat(AuditVerifier.verifyDirectory(dir, Optional.empty()))
                            .as("round " + round)
                            .isInstanceOf(VerifyResult.Intact.class);
                }
            } finally {
                stop.set(true);
                writer.shutdown();
                writer.awaitTermination(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aCheckpointIsWrittenAfterTheIntervalWhenEventsAreWaiting() throws Exception {
        try (AuditLog log =
                AuditLog.open(AuditConfig.defaults(dir).withCheckpoints(1_000_000, Duration.ofMillis(50)))) {
            log.append(Events.request(0)).join();
            Thread.sleep(400);
            assertThat(Events.lines(dir.resolve(Segments.SIDE))).hasSize(2); // genesis + the timed one
        }
    }

    @Test
    void reopeningContinuesTheSameChain() {
        Events.write(dir, 5, 100);
        long seq;
        try (AuditLog log = AuditLog.open(Events.config(dir, 100))) {
            assertThat(log.truncatedOnOpen()).isZero();
            seq = log.append(Events.request(5)).join();
        }
        assertThat(seq).isEqualTo(7); // 0 genesis, 1-5 events, 6 close checkpoint
        assertThat(AuditVerifier.verifyDirectory(dir, Optional.empty())).isEqualTo(new VerifyResult.Intact(6, 3));
    }

    @Test
    void theKeyPairIsMadeOnceWithAnOwnerOnlyPrivateKey() throws Exception {
        String pem;
        try (AuditLog log = AuditLog.open(Events.config(dir, 10))) {
            pem = log.publicKeyPem();
        }
        try (AuditLog log = AuditLog.open(Events.config(dir, 10))) {
            assertThat(log.publicKeyPem()).isEqualTo(pem);
        }
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(AuditVerifier.readPublicKey(dir.resolve(Keys.PUBLIC_FILE)).getAlgorithm())
                .isIn("Ed25519", "EdDSA");
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(dir.resolve(Keys.PRIVATE_FILE)))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
    }

    @Test
    void segmentsRollOverAndEachOpensWithACheckpoint() {
        try (AuditLog log = AuditLog.open(Events.config(dir, 1000).withSegmentBytes(4096))) {
            for (int i = 0; i < 100; i++) {
                log.append(Events.request(i)).join();
            }
        }
        List<Path> segs = Segments.list(dir);
        assertThat(segs).hasSizeGreaterThan(3);
        for (Path s : segs) {
            assertThat(Events.lines(s).getFirst()).contains("\"type\":\"checkpoint\"");
        }
        assertThat(AuditVerifier.verifyDirectory(dir, Optional.empty()))
                .isInstanceOfSatisfying(
                        VerifyResult.Intact.class, r -> assertThat(r.events()).isEqualTo(100));
    }

    @Test
    void aWriterWaitsForOneThatHoldsTheLogBrieflyAndGivesUpAfterItsWait() throws Exception {
        AuditLog brief = AuditLog.open(Events.config(dir, 10));
        Thread release = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            brief.close();
        });
        try (AuditLog log = AuditLog.open(Events.config(dir, 10), java.time.Duration.ofSeconds(10))) {
            assertThat(log.append(Events.request(1)).join()).isNotNegative();
            long start = System.nanoTime();
            assertThatThrownBy(() -> AuditLog.open(Events.config(dir, 10), java.time.Duration.ofMillis(200)))
                    .isInstanceOf(AuditLog.Busy.class)
                    .hasMessageContaining("open in another writer");
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(200_000_000L);
        }
        release.join();
    }

    @Test
    void aSecondWriterOnTheSameDirectoryIsRefused() {
        try (AuditLog log = AuditLog.open(Events.config(dir, 10))) {
            assertThat(log.dir()).isEqualTo(dir);
            assertThatThrownBy(() -> AuditLog.open(Events.config(dir, 10)))
                    .isInstanceOf(AuditException.class)
                    .hasMessageContaining("open in another writer");
        }
    }

    @Test
    void aClosedLogRefusesEvents() {
        AuditLog log = AuditLog.open(Events.config(dir, 10));
        log.close();
        assertThat(log.append(Events.request(0))).isCompletedExceptionally();
    }

    @Test
    void aFullQueueFailsTheEventAtOnceWhenTheCallerMayNotWait() throws Exception {
        // A queue of one and a writer kept busy: some appends must be refused, none may hang.
        int refused = 0;
        try (AuditLog log = AuditLog.open(Events.config(dir, 10).withQueue(1, Duration.ZERO))) {
            List<CompletableFuture<Long>> fs = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                fs.add(log.append(Events.request(i)));
            }
            for (CompletableFuture<Long> f : fs) {
                try {
                    f.get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).hasMessageContaining("queue is full");
                    refused++;
                }
            }
        }
        assertThat(refused).isPositive();
        assertThat(AuditVerifier.verifyDirectory(dir, Optional.empty())).isInstanceOf(VerifyResult.Intact.class);
    }

    @Test
    void manyThreadsAppendingConcurrentlyAllCompleteAndTheChainIsIntact() throws Exception {
        int threads = 16;
        int each = 1000;
        List<CompletableFuture<Long>> fs = java.util.Collections.synchronizedList(new ArrayList<>());
        try (AuditLog log = AuditLog.open(Events.config(dir, 500).withQueue(4096, Duration.ofSeconds(30)))) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            for (int t = 0; t < threads; t++) {
                int base = t * each;
                pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        fs.add(log.append(Events.request(base + i)));
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        assertThat(fs.stream().map(CompletableFuture::join).distinct().count()).isEqualTo(threads * each);
        assertThat(AuditVerifier.verifyDirectory(dir, Optional.empty()))
                .isInstanceOfSatisfying(
                        VerifyResult.Intact.class, r -> assertThat(r.events()).isEqualTo(threads * each));
    }

    @Test
    void aShortCheckpointIntervalIsHonouredWhenCallersAppendDirectly() throws Exception {
        AuditConfig config = new AuditConfig(
                dir,
                AuditConfig.DEFAULT_QUEUE_CAPACITY,
                Duration.ZERO,
                AuditConfig.DEFAULT_MAX_BATCH,
                1_000_000,
                Duration.ofMillis(100),
                256 * 1024,
                AuditConfig.Ack.WRITTEN);
        try (AuditLog log = AuditLog.open(config)) {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
            for (int i = 0; System.nanoTime() < end; i++) {
                log.append(Events.request(i)).join();
                Thread.sleep(10);
            }
        }
        // about 15 at one per 100 ms of steady traffic; a one-second floor gave 2 or 3
        long checkpoints = Files.readAllLines(dir.resolve(Segments.SIDE)).size();
        assertThat(checkpoints).isGreaterThanOrEqualTo(8);
    }

    @Test
    void configRejectsNonsenseWithTheOptionName() {
        assertThatThrownBy(() -> AuditConfig.defaults(dir).withCheckpoints(0, Duration.ofSeconds(1)))
                .hasMessageContaining("checkpoint-every");
        assertThatThrownBy(() -> AuditConfig.defaults(dir).withSegmentBytes(10)).hasMessageContaining("segment-bytes");
        assertThatThrownBy(() -> AuditConfig.defaults(dir).withQueue(0, Duration.ZERO))
                .hasMessageContaining("queue-capacity");
        assertThat(Set.of(AuditConfig.defaults(dir).checkpointEvery())).containsExactly(10_000L);
    }

    @Test
    void aRejectedInboxFileIsLoggedThroughSlf4jLikeEveryOtherLine() throws Exception {
        // the app's logback turns SLF4J events into one JSON object per line; java.util.logging would bypass it
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> seen =
                new ch.qos.logback.core.read.ListAppender<>();
        seen.start();
        ch.qos.logback.classic.Logger audit =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.trustgate.audit");
        audit.addAppender(seen);
        try (AuditLog running = AuditLog.open(AuditConfig.defaults(dir))) {
            Files.createDirectories(dir.resolve(AuditLog.INBOX));
            Files.writeString(dir.resolve(AuditLog.INBOX).resolve("0000000000000000001-junk.json"), "{\"not\":1}");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (seen.list.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            audit.detachAppender(seen);
        }
        assertThat(seen.list)
                .singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage())
                        .contains("is not an audit event", "moved to inbox/rejected")
                        .doesNotContain("\"not\":1"));
    }

    @Test
    void anEventFromAnotherProcessIsSpooledAndJoinsTheChainOfTheRunningWriter() throws Exception {
        AuditConfig config = AuditConfig.defaults(dir);
        try (AuditLog running = AuditLog.open(config)) {
            running.append(Events.request(0)).join();
            assertThatThrownBy(() -> AuditLog.open(config)).isInstanceOf(AuditLog.Busy.class);
            AuditLog.record(config, Events.request(1)); // the log is busy: goes through the inbox
            Files.writeString(dir.resolve(AuditLog.INBOX).resolve("0000000000000000001-junk.json"), "{not json");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (AuditReader.query(dir, AuditReader.Query.all()).size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        assertThat(AuditReader.query(dir, AuditReader.Query.all()))
                .extracting(r -> r.event().requestId())
                .containsExactly(
                        Events.request(0).requestId(), Events.request(1).requestId());
        try (var left = Files.list(dir.resolve(AuditLog.INBOX))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("rejected");
        }
        assertThat(dir.resolve(AuditLog.INBOX).resolve("rejected").resolve("0000000000000000001-junk.json"))
                .exists();
        assertThat(AuditVerifier.verifyDirectory(dir, Optional.empty())).isInstanceOf(VerifyResult.Intact.class);

        AuditLog.record(config, Events.request(2)); // nobody holds it now: appended directly
        assertThat(AuditReader.query(dir, AuditReader.Query.all())).hasSize(3);
    }

    @Test
    void atWrittenCallersAppendDirectlyFromManyThreadsAndTheChainStaysWhole() throws Exception {
        AuditConfig config = new AuditConfig(
                dir,
                AuditConfig.DEFAULT_QUEUE_CAPACITY,
                Duration.ZERO,
                AuditConfig.DEFAULT_MAX_BATCH,
                997,
                Duration.ofMillis(50),
                256 * 1024,
                AuditConfig.Ack.WRITTEN);
        List<Long> seqs = java.util.Collections.synchronizedList(new ArrayList<>());
        try (AuditLog log = AuditLog.open(config)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int base = t * 5_000;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        CompletableFuture<Long> f = log.append(Events.request(base + i));
                        assertThat(f).as("acknowledged at once").isDone();
                        seqs.add(f.join());
                    }
                }));
            }
            for (var f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
        }
        assertThat(seqs).hasSize(20_000).doesNotHaveDuplicates();
        assertThat(Segments.list(dir)).as("rolled over several times").hasSizeGreaterThan(3);
        assertThat(AuditVerifier.verifyDirectory(dir, Optional.empty()))
                .isInstanceOfSatisfying(
                        VerifyResult.Intact.class, r -> assertThat(r.events()).isEqualTo(20_000));
    }
}
