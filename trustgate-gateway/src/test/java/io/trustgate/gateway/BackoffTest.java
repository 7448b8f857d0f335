package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class BackoffTest {
    final ProviderConfig pc = GatewayHarness.upstream("p", ProviderConfig.Kind.OPENAI, URI.create("http://x"), "", "");
    // the harness provider: base 10 ms, cap 200 ms

    @RepeatedTest(50)
    void exponentialWithJitterWithinHalfToFullDelay() {
        assertThat(ChatExchange.backoff(pc, 1, Duration.ZERO)).isBetween(5L, 10L);
        assertThat(ChatExchange.backoff(pc, 3, Duration.ZERO)).isBetween(20L, 40L);
        assertThat(ChatExchange.backoff(pc, 30, Duration.ZERO)).isBetween(100L, 200L);
    }

    @Test
    void honoursRetryAfterUpToTheCap() {
        assertThat(ChatExchange.backoff(pc, 1, Duration.ofMillis(150))).isEqualTo(150L);
        assertThat(ChatExchange.backoff(pc, 1, Duration.ofSeconds(30))).isEqualTo(200L);
    }
}
