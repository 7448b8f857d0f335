package io.trustgate.gateway;

import io.trustgate.api.UsageRecord;
import io.trustgate.api.UsageStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes usage records off the request path: event loops enqueue (a lock-free offer, no I/O), one writer thread
 * drains up to {@link #BATCH} records at a time into one store transaction (group commit). On shutdown it drains
 * what is queued. If the queue is ever full (the store stalled for seconds under load), records are counted as
 * dropped and a warning is logged rather than stalling every request.
 */
public final class UsageRecorder implements AutoCloseable {
    static final int BATCH = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(UsageRecorder.class);

    private final UsageStore store;
    private final BlockingQueue<UsageRecord> queue;
    private final Thread writer;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong enqueued = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running = true;

    public UsageRecorder(UsageStore store, int capacity) {
        this.store = store;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer =
                Thread.ofPlatform().name("trustgate-usage-writer").daemon(true).start(this::run);
    }

    public void record(UsageRecord r) {
        if (queue.offer(r)) {
            enqueued.incrementAndGet();
        } else {
            long d = dropped.incrementAndGet();
            if (Long.bitCount(d) == 1) { // 1, 2, 4, 8...: say it, without flooding the log
                LOG.warn("usage queue full: {} usage records dropped so far", d);
            }
        }
    }

    private void run() {
        List<UsageRecord> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                UsageRecord first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        queue.drainTo(batch);
        write(batch);
    }

    private void write(List<UsageRecord> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            store.append(batch);
            written.addAndGet(batch.size());
        } catch (RuntimeException e) {
            failed.addAndGet(batch.size());
            LOG.error("could not write {} usage records: {}", batch.size(), e.getMessage());
        }
        batch.clear();
    }

    /** Records written so far. */
    public long written() {
        return written.get();
    }

    public long dropped() {
        return dropped.get() + failed.get();
    }

    /** Waits until every record queued so far is written (for tests and orderly shutdown). */
    public void flush() {
        long target = enqueued.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (written.get() + failed.get() < target && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
