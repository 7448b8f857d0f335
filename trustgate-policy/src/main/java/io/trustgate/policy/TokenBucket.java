package io.trustgate.policy;

/**
 * A token bucket refilled continuously: {@code capacity} units per minute, bursting up to {@code capacity}. The
 * balance may go below zero when a settlement charges more than was taken up front; the bucket then stays closed
 * until refill brings it back, so a key cannot outrun its limit by under-declaring.
 */
final class TokenBucket {
    private final long capacity;
    private final double refillPerNano;
    private double balance;
    private long lastNanos;

    TokenBucket(long capacityPerMinute, long nowNanos) {
        this.capacity = capacityPerMinute;
        this.refillPerNano = capacityPerMinute / 60e9;
        this.balance = capacityPerMinute;
        this.lastNanos = nowNanos;
    }

    /** Takes {@code n} units if they are there; otherwise returns the nanoseconds to wait, and takes nothing. */
    synchronized long tryTake(long n, long nowNanos) {
        refill(nowNanos);
        if (balance >= n) {
            balance -= n;
            return 0;
        }
        if (n > capacity) {
            return Long.MAX_VALUE; // can never fit
        }
        return (long) Math.ceil((n - balance) / refillPerNano);
    }

    /** Adds (or, when negative, removes) units after the fact. */
    synchronized void adjust(long delta, long nowNanos) {
        refill(nowNanos);
        balance = Math.min(capacity, balance + delta);
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            balance = Math.min(capacity, balance + elapsed * refillPerNano);
            lastNanos = nowNanos;
        }
    }
}
