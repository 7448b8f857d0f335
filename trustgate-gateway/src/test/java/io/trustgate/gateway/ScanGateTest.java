package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScanGateTest {
    @Test
    void admitsUpToItsCapacityAndAgainAfterAnExit() {
        ScanGate gate = new ScanGate(2);
        assertThat(gate.tryEnter()).isTrue();
        assertThat(gate.tryEnter()).isTrue();
        assertThat(gate.tryEnter()).isFalse();
        assertThat(gate.held()).isEqualTo(2);
        gate.exit();
        assertThat(gate.tryEnter()).isTrue();
        gate.exit();
        gate.exit();
        assertThat(gate.held()).isZero();
    }

    @Test
    void anExitWithoutAnEntryIsABugNotANegativeCount() {
        ScanGate gate = new ScanGate(1);
        assertThatThrownBy(gate::exit).isInstanceOf(IllegalStateException.class);
        assertThat(gate.held()).isZero();
        assertThat(gate.tryEnter()).isTrue();
        assertThat(gate.tryEnter()).isFalse();
    }

    @Test
    void aCapacityUnderOneIsRefused() {
        assertThatThrownBy(() -> new ScanGate(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverHoldsMoreThanItsCapacityUnderContention() throws Exception {
        ScanGate gate = new ScanGate(3);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                start.await();
                for (int i = 0; i < 20_000; i++) {
                    if (gate.tryEnter()) {
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        inside.decrementAndGet();
                        gate.exit();
                    }
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(most.get()).isBetween(1, 3);
        assertThat(gate.held()).isZero();
    }
}
