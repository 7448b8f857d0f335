package io.trustgate.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link AuditLog}.
 *
 * @param dir the log's directory (the app uses {@code <data-dir>/audit})
 * @param queueCapacity events that may wait for the writer; when full, {@code append} waits up to {@code
 *     offerTimeout} and then fails the event's future with an {@link AuditException} (back-pressure the caller sees)
 * @param offerTimeout how long {@code append} may block its caller when the queue is full (zero: never block)
 * @param maxBatch events written and synced together at most (group commit)
 * @param checkpointEvery a signed checkpoint after this many events
 * @param checkpointInterval a signed checkpoint after this long, when events were written since the last one
 * @param segmentBytes a new segment file once the current one reaches this size
 * @param ack when an append's future completes: once its batch is written to the operating system, or once it is
 *     also synced to the disk
 */
public record AuditConfig(
        Path dir,
        int queueCapacity,
        Duration offerTimeout,
        int maxBatch,
        long checkpointEvery,
        Duration checkpointInterval,
        long segmentBytes,
        Ack ack) {

    /** When an append counts as done. */
    public enum Ack {
        /**
         * Once the batch is written to the operating system: survives a crash or {@code kill -9} of the process, not
         * a crash of the machine. The batch is still synced right after, so the window is one fsync.
         */
        WRITTEN,
        /** Once the batch is synced to the disk: survives a power loss too, at the cost of one fsync per answer. */
        SYNCED
    }

    public static final int DEFAULT_QUEUE_CAPACITY = 65_536;
    public static final int DEFAULT_MAX_BATCH = 4_096;
    public static final long DEFAULT_CHECKPOINT_EVERY = 10_000;
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);
    public static final long DEFAULT_SEGMENT_BYTES = 64L * 1024 * 1024;

    public AuditConfig {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(offerTimeout, "offerTimeout");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        Objects.requireNonNull(ack, "ack");
        if (queueCapacity < 1 || queueCapacity > 10_000_000) {
            throw new IllegalArgumentException("audit queue-capacity must be 1-10000000, was " + queueCapacity);
        }
        if (offerTimeout.isNegative()) {
            throw new IllegalArgumentException("audit offer-timeout must be >= 0, was " + offerTimeout);
        }
        if (maxBatch < 1 || maxBatch > queueCapacity) {
            throw new IllegalArgumentException(
                    "audit max-batch must be 1-queue-capacity (" + queueCapacity + "), was " + maxBatch);
        }
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("audit checkpoint-every must be >= 1, was " + checkpointEvery);
        }
        if (checkpointInterval.compareTo(Duration.ofMillis(10)) < 0) {
            throw new IllegalArgumentException("audit checkpoint-interval must be >= 10ms, was " + checkpointInterval);
        }
        if (segmentBytes < 4096) {
            throw new IllegalArgumentException("audit segment-bytes must be >= 4096, was " + segmentBytes);
        }
    }

    /** The defaults, in {@code dir}: never blocks the caller, a checkpoint every 10,000 events or 10 s. */
    public static AuditConfig defaults(Path dir) {
        return new AuditConfig(
                dir,
                DEFAULT_QUEUE_CAPACITY,
                Duration.ZERO,
                DEFAULT_MAX_BATCH,
                DEFAULT_CHECKPOINT_EVERY,
                DEFAULT_CHECKPOINT_INTERVAL,
                DEFAULT_SEGMENT_BYTES,
                Ack.SYNCED);
    }

    public AuditConfig withCheckpoints(long every, Duration interval) {
        return new AuditConfig(dir, queueCapacity, offerTimeout, maxBatch, every, interval, segmentBytes, ack);
    }

    public AuditConfig withSegmentBytes(long bytes) {
        return new AuditConfig(
                dir, queueCapacity, offerTimeout, maxBatch, checkpointEvery, checkpointInterval, bytes, ack);
    }

    public AuditConfig withQueue(int capacity, Duration timeout) {
        return new AuditConfig(
                dir,
                capacity,
                timeout,
                Math.min(maxBatch, capacity),
                checkpointEvery,
                checkpointInterval,
                segmentBytes,
                ack);
    }

    /** The same, acknowledging appends at {@code ack}. */
    public AuditConfig withAck(Ack ack) {
        return new AuditConfig(
                dir, queueCapacity, offerTimeout, maxBatch, checkpointEvery, checkpointInterval, segmentBytes, ack);
    }
}
