package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The idle timer of an upstream stream: started by the first bytes, reset by each, held while paused. */
class StreamIdleTimerTest {
    static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    /** Runs on an event loop, as the streams do, and waits. */
    private static void onLoop(Runnable r) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        vertx.runOnContext(v -> {
            r.run();
            done.countDown();
        });
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void doesNotRunBeforeTheFirstBytes() throws Exception {
        AtomicInteger fired = new AtomicInteger();
        onLoop(() -> new StreamIdleTimer(vertx, Duration.ofMillis(50), fired::incrementAndGet));
        Thread.sleep(200);
        assertThat(fired).hasValue(0);
    }

    @Test
    void firesOnceAfterAGapAndEachArrivalResetsIt() throws Exception {
        AtomicInteger fired = new AtomicInteger();
        StreamIdleTimer[] t = new StreamIdleTimer[1];
        onLoop(() -> {
            t[0] = new StreamIdleTimer(vertx, Duration.ofMillis(150), fired::incrementAndGet);
            t[0].bytes();
        });
        for (int i = 0; i < 5; i++) { // 5 x 60 ms: longer in all than the timeout, no gap as long
            Thread.sleep(60);
            onLoop(() -> t[0].bytes());
        }
        assertThat(fired).hasValue(0);
        Thread.sleep(400);
        assertThat(fired).hasValue(1);
        onLoop(() -> t[0].bytes()); // after it fired, nothing more
        Thread.sleep(300);
        assertThat(fired).hasValue(1);
    }

    @Test
    void aPauseForAClientThatLagsIsNotCountedAndAStopEndsIt() throws Exception {
        AtomicInteger fired = new AtomicInteger();
        StreamIdleTimer[] t = new StreamIdleTimer[1];
        onLoop(() -> {
            t[0] = new StreamIdleTimer(vertx, Duration.ofMillis(100), fired::incrementAndGet);
            t[0].bytes();
            t[0].pause();
        });
        Thread.sleep(300);
        assertThat(fired).hasValue(0);
        onLoop(() -> t[0].resume());
        Thread.sleep(300);
        assertThat(fired).as("the gap counts again from the resume").hasValue(1);

        AtomicInteger other = new AtomicInteger();
        onLoop(() -> {
            t[0] = new StreamIdleTimer(vertx, Duration.ofMillis(100), other::incrementAndGet);
            t[0].bytes();
            t[0].stop();
        });
        Thread.sleep(250);
        assertThat(other).hasValue(0);
    }
}
