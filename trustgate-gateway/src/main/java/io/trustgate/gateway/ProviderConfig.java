package io.trustgate.gateway;

import io.trustgate.api.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One upstream provider, as configured under {@code providers:}.
 *
 * @param name the name models refer to
 * @param kind the wire protocol
 * @param baseUrl e.g. {@code https://api.openai.com/v1}; for Azure the resource URL
 *     ({@code https://NAME.openai.azure.com}); unused by the sandbox
 * @param apiKey the provider credential (usually {@code ${ENV_VAR}}); may be empty for local servers
 * @param apiVersion Azure's {@code api-version} query parameter, or Anthropic's {@code anthropic-version} header
 * @param headers extra headers sent on every call (e.g. an organisation id)
 * @param connectTimeout TCP (and TLS) connect timeout
 * @param firstByteTimeout time from sending the request to the response headers
 * @param totalTimeout time for the whole call, streaming included
 * @param idleTimeout longest gap between two upstream bytes of a stream, after the first; past it the stream ends as
 *     on a total timeout (retried or fallen back while nothing reached the client, else an error event)
 * @param maxRetries retries of one model on a retryable failure before falling back (0 = no retry)
 * @param retryBaseDelay first backoff delay; doubled per retry, with full jitter
 * @param retryMaxDelay ceiling of one backoff delay (and of an honoured Retry-After)
 * @param maxConnections connection pool size towards this provider
 * @param breaker circuit breaker settings
 * @param sandbox scripted replies, for the sandbox kind only
 */
public record ProviderConfig(
        String name,
        Kind kind,
        URI baseUrl,
        Secret apiKey,
        String apiVersion,
        Map<String, String> headers,
        Duration connectTimeout,
        Duration firstByteTimeout,
        Duration totalTimeout,
        Duration idleTimeout,
        int maxRetries,
        Duration retryBaseDelay,
        Duration retryMaxDelay,
        int maxConnections,
        BreakerConfig breaker,
        List<ScriptedReply> sandbox) {

    public ProviderConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(apiVersion, "apiVersion");
        headers = Map.copyOf(headers);
        sandbox = List.copyOf(sandbox);
        Objects.requireNonNull(breaker, "breaker");
        if (!name.matches("[a-z0-9][a-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException(
                    "provider name must be 1-64 lower-case letters, digits, '.', '_' or '-', was '" + name + "'");
        }
        if (kind != Kind.SANDBOX) {
            String scheme = baseUrl.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
                throw new IllegalArgumentException(
                        "base-url must be an http(s) URL with a host, was '" + baseUrl + "'");
            }
        }
        positive("connect-timeout", connectTimeout);
        positive("first-byte-timeout", firstByteTimeout);
        positive("total-timeout", totalTimeout);
        positive("idle-timeout", idleTimeout);
        positive("retry-base-delay", retryBaseDelay);
        positive("retry-max-delay", retryMaxDelay);
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("max-retries must be 0-10, was " + maxRetries);
        }
        if (maxConnections < 1 || maxConnections > 10_000) {
            throw new IllegalArgumentException("max-connections must be 1-10000, was " + maxConnections);
        }
    }

    private static void positive(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be > 0, was " + d);
        }
    }

    /** Defaults for a provider of this name and kind; the config loader overrides what the file sets. */
    public static ProviderConfig defaults(String name, Kind kind, URI baseUrl) {
        return new ProviderConfig(
                name,
                kind,
                baseUrl,
                Secret.of(""),
                kind == Kind.ANTHROPIC ? "2023-06-01" : kind == Kind.AZURE_OPENAI ? "2024-10-21" : "",
                Map.of(),
                Duration.ofSeconds(5),
                Duration.ofSeconds(60),
                Duration.ofMinutes(10),
                Duration.ofSeconds(60),
                2,
                Duration.ofMillis(200),
                Duration.ofSeconds(10),
                256,
                BreakerConfig.DEFAULT,
                List.of());
    }

    /** Wire protocol of a provider. */
    public enum Kind {
        /** OpenAI and compatible servers: Mistral, vLLM, llama.cpp server, Ollama's /v1. */
        OPENAI,
        /** Azure OpenAI: deployments in the URL, {@code api-key} header, {@code api-version} parameter. */
        AZURE_OPENAI,
        /** Anthropic's Messages API, translated to and from chat completions. */
        ANTHROPIC,
        /** Built-in offline provider for trying Trustgate and for tests. */
        SANDBOX
    }

    /**
     * Circuit breaker: after {@code failureThreshold} consecutive failures the provider is skipped for
     * {@code openFor}; then one trial call decides whether it closes again.
     */
    public record BreakerConfig(int failureThreshold, Duration openFor) {
        public static final BreakerConfig DEFAULT = new BreakerConfig(5, Duration.ofSeconds(30));

        public BreakerConfig {
            if (failureThreshold < 1) {
                throw new IllegalArgumentException(
                        "circuit-breaker.failure-threshold must be >= 1, was " + failureThreshold);
            }
            if (openFor == null || openFor.isNegative() || openFor.isZero()) {
                throw new IllegalArgumentException("circuit-breaker.open-for must be > 0, was " + openFor);
            }
        }
    }

    /**
     * A scripted reply of the sandbox provider: when the last user message contains {@code match}, answer with
     * {@code reply}, or fail with HTTP {@code status} when it is not 200.
     */
    public record ScriptedReply(String match, String reply, int status) {
        public ScriptedReply {
            Objects.requireNonNull(match, "match");
            Objects.requireNonNull(reply, "reply");
            if (status < 200 || status > 599) {
                throw new IllegalArgumentException("status of a sandbox reply must be 200-599, was " + status);
            }
        }
    }
}
