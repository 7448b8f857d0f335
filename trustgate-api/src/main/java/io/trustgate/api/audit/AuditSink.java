package io.trustgate.api.audit;

import java.util.concurrent.CompletableFuture;

/**
 * Where audit events go. An implementation must make an event durable before it completes its future, so a caller
 * that waits for the future before answering a request never answers a request whose event could be lost.
 */
public interface AuditSink extends AutoCloseable {

    /**
     * Queues {@code event}; the future completes with the event's sequence number once the event is durable, or
     * exceptionally when it cannot be recorded (the sink is closed, overloaded or its storage failed).
     */
    CompletableFuture<Long> append(AuditEvent event);

    /** Whether appends can succeed now (false after a storage failure or once closed); for readiness checks. */
    default boolean healthy() {
        return true;
    }

    /** A sink that keeps nothing and completes at once (tests, and a gateway run with the audit log off). */
    static AuditSink discarding() {
        return new AuditSink() {
            @Override
            public CompletableFuture<Long> append(AuditEvent event) {
                return CompletableFuture.completedFuture(-1L);
            }

            @Override
            public void close() {}
        };
    }

    /** Flushes what is queued, then releases the storage; later appends fail. */
    @Override
    void close();
}
