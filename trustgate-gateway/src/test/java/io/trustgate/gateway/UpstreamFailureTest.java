package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.api.TrustgateException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UpstreamFailureTest {
    @Test
    void theUpstreamsMessageIsPassedOnWithSecretsAndPersonalDataMaskedAndCut() {
        TrustgateException e = UpstreamFailure.status(
                "up",
                500,
                Duration.ZERO,
                "upstream failed on: key AKIAZ7QK3M5T2XW4PL9R for bob@example.com",
                Credentials.NONE);
        assertThat(e.getMessage())
                .startsWith("Upstream provider 'up' answered HTTP 500: upstream failed on: key [")
                .doesNotContain("AKIAZ7QK3M5T2XW4PL9R", "bob@example.com");
        TrustgateException rejected = UpstreamFailure.status(
                "up", 400, Duration.ZERO, "This model's maximum context length is 8192 tokens.", Credentials.NONE);
        assertThat(rejected.getMessage()).endsWith(": This model's maximum context length is 8192 tokens.");
        assertThat(UpstreamFailure.status("up", 400, Duration.ZERO, "x".repeat(5_000), Credentials.NONE)
                        .getMessage())
                .hasSizeLessThan(UpstreamFailure.MAX_DETAIL + 100)
                .endsWith("...");
    }
}
