package io.trustgate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScanDeadlineTest {
    /** Keeps the busy loop's result alive, so that it is not optimised away. */
    static volatile long sink;

    /** Works until a tick throws; fails the test after 10 s of wall time instead of hanging. */
    private static long spinUntilStopped() {
        long start = System.nanoTime();
        long x = 0;
        try {
            while (System.nanoTime() - start < 10_000_000_000L) {
                for (int i = 0; i < 100; i++) {
                    x += i ^ x;
                }
                ScanDeadline.tick();
            }
        } catch (ScanDeadline.Exceeded e) {
            sink = x;
            return (System.nanoTime() - start) / 1_000_000;
        }
        throw new AssertionError("no tick threw within 10 s");
    }

    @Test
    void ticksThrowOnceTheCpuTimeIsUsedAndStayExpired() {
        ScanDeadline d = ScanDeadline.enter(20_000_000);
        try {
            assertThat(d.expired()).isFalse();
            long tookMs = spinUntilStopped();
            assertThat(tookMs).isGreaterThanOrEqualTo(19).isLessThan(5_000);
            assertThat(d.expired()).isTrue();
            assertThatThrownBy(ScanDeadline::checkNow).isInstanceOf(ScanDeadline.Exceeded.class);
        } finally {
            d.exit();
        }
        ScanDeadline.checkNow(); // gone with exit()
    }

    @Test
    void waitingDoesNotUseTheLimit() throws InterruptedException {
        // the limit is CPU time: a thread that waits (a loaded machine, a descheduled thread) keeps its budget
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.lang.management.ManagementFactory.getThreadMXBean().isCurrentThreadCpuTimeSupported(),
                "this JVM has no thread CPU clock: the limit falls back to wall time here");
        ScanDeadline d = ScanDeadline.enter(50_000_000);
        try {
            Thread.sleep(200);
            ScanDeadline.checkNow();
            assertThat(d.expired()).isFalse();
        } finally {
            d.exit();
        }
    }

    @Test
    void anInnerDeadlineAlsoHonoursTheOuterOne() {
        ScanDeadline outer = ScanDeadline.enter(10_000_000);
        try {
            ScanDeadline inner = ScanDeadline.enter(3_600_000_000_000L);
            try {
                spinUntilStopped();
                assertThat(outer.expired()).isTrue();
            } finally {
                inner.exit();
            }
            assertThatThrownBy(ScanDeadline::checkNow).isInstanceOf(ScanDeadline.Exceeded.class);
        } finally {
            outer.exit();
        }
        ScanDeadline.checkNow();
    }

    @Test
    void aLimitMustBePositive() {
        assertThatThrownBy(() -> ScanDeadline.enter(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theExceptionCarriesNoStack() {
        ScanDeadline d = ScanDeadline.enter(1);
        try {
            spinUntilStopped();
            assertThatThrownBy(ScanDeadline::checkNow)
                    .isInstanceOfSatisfying(
                            ScanDeadline.Exceeded.class,
                            e -> assertThat(e.getStackTrace()).isEmpty());
        } finally {
            d.exit();
        }
    }
}
