package io.trustgate.gateway;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admission to the scan workers: at most {@code capacity} long prompts being screened or waiting for a worker at once.
 * A worker pool has an unbounded queue, so without this a burst of long hostile prompts (each can take seconds:
 * docs/firewall.md, "Quadratic scans on repeated text") would make every later long prompt wait behind them; with it
 * the excess is refused at once with 503 {@code server_overloaded}, which clients retry. Lock-free; a prompt that
 * enters must exit exactly once.
 */
final class ScanGate {
    private final int capacity;
    private final AtomicInteger held = new AtomicInteger();

    ScanGate(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Takes a place if one is free. */
    boolean tryEnter() {
        while (true) {
            int n = held.get();
            if (n >= capacity) {
                return false;
            }
            if (held.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Gives back the place taken by {@link #tryEnter()}. */
    void exit() {
        if (held.decrementAndGet() < 0) {
            held.incrementAndGet();
            throw new IllegalStateException("ScanGate.exit without a matching tryEnter");
        }
    }

    /** Places taken now. */
    int held() {
        return held.get();
    }

    int capacity() {
        return capacity;
    }
}
