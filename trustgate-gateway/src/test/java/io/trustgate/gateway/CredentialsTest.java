package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.api.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialsTest {
    static final String AZURE_STYLE_KEY = "3f9a1c7e5b2d48f0a6c1e9b7d3f5a2c8";

    static ProviderConfig withKey(String key, Map<String, String> headers) {
        ProviderConfig d =
                GatewayHarness.upstream("up", ProviderConfig.Kind.OPENAI, URI.create("http://127.0.0.1:1/v1"), key, "");
        return new ProviderConfig(
                d.name(),
                d.kind(),
                d.baseUrl(),
                Secret.of(key),
                d.apiVersion(),
                headers,
                d.connectTimeout(),
                d.firstByteTimeout(),
                d.totalTimeout(),
                d.idleTimeout(),
                d.maxRetries(),
                d.retryBaseDelay(),
                d.retryMaxDelay(),
                d.maxConnections(),
                d.breaker(),
                d.sandbox());
    }

    @Test
    void masksTheConfiguredKeyWhateverItsFormatAndItsCommonEncodings() {
        Credentials c = Credentials.of(withKey("k3y/with+odd=chars", Map.of("x-proxy-token", "proxy-secret-42")));
        String b64 = Base64.getEncoder().encodeToString("k3y/with+odd=chars".getBytes(StandardCharsets.UTF_8));
        String masked = c.mask("used: Bearer k3y/with+odd=chars, url k3y%2Fwith%2Bodd%3Dchars, b64 " + b64
                + ", proxy proxy-secret-42");
        assertThat(masked)
                .doesNotContain("k3y", "proxy-secret-42", b64)
                .contains("Bearer " + Credentials.PLACEHOLDER)
                .contains("proxy " + Credentials.PLACEHOLDER);
        assertThat(c.toString()).doesNotContain("k3y", "proxy-secret");
    }

    @Test
    void theUpstreamsMessageNeverCarriesTheProvidersOwnKey() {
        Credentials c = Credentials.of(withKey(AZURE_STYLE_KEY, Map.of()));
        String message = UpstreamFailure.status(
                        "azure",
                        401,
                        Duration.ZERO,
                        "Access denied: key Bearer " + AZURE_STYLE_KEY + " is not valid. " + "x".repeat(2_000)
                                + AZURE_STYLE_KEY,
                        c)
                .getMessage();
        assertThat(message).doesNotContain(AZURE_STYLE_KEY).contains("Bearer " + Credentials.PLACEHOLDER);
    }

    @Test
    void leavesShortValuesAlone() {
        Credentials c = Credentials.of(withKey("abc", Map.of("x-flag", "yes")));
        assertThat(c.values()).isEmpty();
        assertThat(c.mask("abc yes")).isEqualTo("abc yes");
    }
}
