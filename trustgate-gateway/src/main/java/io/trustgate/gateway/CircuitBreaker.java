package io.trustgate.gateway;

import java.util.function.LongSupplier;

/**
 * One provider's circuit breaker. Closed: calls flow and consecutive failures are counted. After
 * {@code failureThreshold} of them it opens: calls are refused (the route falls back at once instead of waiting
 * for timeouts) until {@code openFor} has passed. Then it lets exactly one trial call through (half-open); its
 * success closes the breaker, its failure opens it again.
 */
final class CircuitBreaker {
    /** The breaker's state, as exported in metrics. */
    enum State {
        CLOSED(0),
        OPEN(2),
        HALF_OPEN(1);

        /**
         * The value of {@code trustgate_circuit_breaker_state}, as docs/observability.md gives it (0 closed,
         * 1 half-open, 2 open: the higher, the worse); written out, so that reordering the constants cannot change
         * what alerts see.
         */
        final int metricValue;

        State(int metricValue) {
            this.metricValue = metricValue;
        }
    }

    private final int threshold;
    private final long openNanos;
    private final LongSupplier clock;
    private State state = State.CLOSED;
    private int failures;
    private long openedAt;
    private boolean trialInFlight;

    CircuitBreaker(ProviderConfig.BreakerConfig config, LongSupplier nanoClock) {
        this.threshold = config.failureThreshold();
        this.openNanos = config.openFor().toNanos();
        this.clock = nanoClock;
    }

    /** Whether a call may go now; in half-open state only the first caller gets true. */
    synchronized boolean tryAcquire() {
        switch (state) {
            case CLOSED -> {
                return true;
            }
            case OPEN -> {
                if (clock.getAsLong() - openedAt < openNanos) {
                    return false;
                }
                state = State.HALF_OPEN;
                trialInFlight = true;
                return true;
            }
            case HALF_OPEN -> {
                if (trialInFlight) {
                    return false;
                }
                trialInFlight = true;
                return true;
            }
        }
        return false;
    }

    synchronized void onSuccess() {
        state = State.CLOSED;
        failures = 0;
        trialInFlight = false;
    }

    synchronized void onFailure() {
        trialInFlight = false;
        if (state == State.HALF_OPEN || ++failures >= threshold) {
            state = State.OPEN;
            openedAt = clock.getAsLong();
            failures = 0;
        }
    }

    /** Releases a trial call that ended for reasons that say nothing about the provider (client went away). */
    synchronized void onIgnored() {
        trialInFlight = false;
    }

    synchronized State state() {
        if (state == State.OPEN && clock.getAsLong() - openedAt >= openNanos) {
            return State.HALF_OPEN;
        }
        return state;
    }
}
