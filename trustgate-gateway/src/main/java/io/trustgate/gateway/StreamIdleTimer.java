package io.trustgate.gateway;

import io.vertx.core.Vertx;

/**
 * The idle timeout of one upstream stream ({@code providers.NAME.idle-timeout}): fires when no upstream bytes arrived
 * for that long after the first. Bytes are counted as they come off the connection, before any translation, so that
 * keep-alive pings and events the gateway drops (Anthropic's {@code ping}, thinking deltas) show the upstream alive.
 * Held while the gateway pauses the stream for a slow client: that silence is the gateway's, not the upstream's.
 *
 * <p>One timer per stream, not one per chunk: each arrival only notes the time, and the timer, when it fires early,
 * sets itself again for the rest of the gap. Confined to the stream's event loop.
 */
final class StreamIdleTimer {
    private final Vertx vertx;
    private final long idleNanos;
    private final Runnable onIdle;
    private long lastBytes;
    private long timer = -1;
    private boolean started;
    private boolean paused;
    private boolean stopped;

    StreamIdleTimer(Vertx vertx, java.time.Duration idle, Runnable onIdle) {
        this.vertx = vertx;
        this.idleNanos = Math.max(1, idle.toNanos());
        this.onIdle = onIdle;
    }

    /** Upstream bytes arrived: the first start the clock, every one resets it. */
    void bytes() {
        if (stopped) {
            return;
        }
        lastBytes = System.nanoTime();
        started = true;
        if (timer < 0 && !paused) {
            schedule(idleNanos);
        }
    }

    /** The gateway stopped reading (client back-pressure): the gap is not the upstream's. */
    void pause() {
        paused = true;
        cancel();
    }

    /** Reading again: the gap counts from now. */
    void resume() {
        paused = false;
        if (started && !stopped && timer < 0) {
            lastBytes = System.nanoTime();
            schedule(idleNanos);
        }
    }

    /** The stream ended, failed or was cancelled. */
    void stop() {
        stopped = true;
        cancel();
    }

    private void schedule(long nanos) {
        timer = vertx.setTimer(Math.max(1, nanos / 1_000_000L), t -> {
            timer = -1;
            if (stopped || paused) {
                return;
            }
            long quiet = System.nanoTime() - lastBytes;
            if (quiet >= idleNanos) {
                stopped = true;
                onIdle.run();
            } else {
                schedule(idleNanos - quiet);
            }
        });
    }

    private void cancel() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
