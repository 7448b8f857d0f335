package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    final AtomicLong now = new AtomicLong();
    final CircuitBreaker b = new CircuitBreaker(new ProviderConfig.BreakerConfig(3, Duration.ofSeconds(10)), now::get);

    @Test
    void opensAfterConsecutiveFailuresAndRefusesCalls() {
        b.onFailure();
        b.onFailure();
        assertThat(b.tryAcquire()).isTrue();
        b.onFailure();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(b.tryAcquire()).isFalse();
    }

    @Test
    void successResetsTheFailureCount() {
        b.onFailure();
        b.onFailure();
        b.onSuccess();
        b.onFailure();
        b.onFailure();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void letsOneTrialThroughAfterOpenForAndClosesOnSuccess() {
        for (int i = 0; i < 3; i++) {
            b.onFailure();
        }
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        assertThat(b.tryAcquire()).isTrue();
        assertThat(b.tryAcquire()).as("only one trial at a time").isFalse();
        b.onSuccess();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(b.tryAcquire()).isTrue();
    }

    @Test
    void failedTrialOpensAgain() {
        for (int i = 0; i < 3; i++) {
            b.onFailure();
        }
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        assertThat(b.tryAcquire()).isTrue();
        b.onFailure();
        assertThat(b.tryAcquire()).isFalse();
    }

    @Test
    void theStateMetricIsZeroClosedOneHalfOpenTwoOpenAsDocumented() {
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        new GatewayMetrics(registry).breakers(java.util.Map.of("up", b));
        java.util.function.DoubleSupplier metric = () -> registry.find("trustgate.circuit.breaker.state")
                .tag("provider", "up")
                .gauge()
                .value();
        assertThat(metric.getAsDouble()).isZero();
        b.onFailure();
        b.onFailure();
        b.onFailure();
        assertThat(metric.getAsDouble()).as("open").isEqualTo(2.0);
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        assertThat(metric.getAsDouble()).as("half-open").isEqualTo(1.0);
    }
}
