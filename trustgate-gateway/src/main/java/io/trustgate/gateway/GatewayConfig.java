package io.trustgate.gateway;

import io.trustgate.api.Secret;
import java.time.Duration;
import java.util.Objects;

/**
 * The HTTP server of the gateway, as configured under {@code server:}.
 *
 * @param host address to listen on; loopback by default so that a fresh install is not exposed
 * @param port TCP port (0 picks a free one, for tests)
 * @param maxRequestBytes largest accepted request body; larger ones get 413 before they are read
 * @param eventLoops event-loop threads (0 = two per core)
 * @param adminToken credential of the admin API ({@code /admin/...}); empty disables that API
 * @param defaultTier the tier of keys created without one
 * @param scanThreads worker threads that screen long prompts and answers (over 8K chars) off the event loops, a pool
 *     of their own so that hostile long texts cannot take the threads of health checks and the admin API (0 = one per
 *     core)
 * @param scanQueue long prompts that may wait for one of those threads; a prompt that finds them all busy and the
 *     queue full gets 503 {@code server_overloaded} at once, before any upstream call
 * @param requestTimeout the longest a chat request may take from admission to its end, over every attempt, retry
 *     backoff and fallback (each provider's {@code total-timeout} bounds one attempt only); past it the client gets
 *     504 {@code request_timeout}, or an open stream ends with that error event
 */
public record GatewayConfig(
        String host,
        int port,
        long maxRequestBytes,
        int eventLoops,
        Secret adminToken,
        String defaultTier,
        int scanThreads,
        int scanQueue,
        Duration requestTimeout) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_REQUEST_BYTES = 4L * 1024 * 1024;
    public static final int DEFAULT_SCAN_QUEUE = 32;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(5);

    public GatewayConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(adminToken, "adminToken");
        Objects.requireNonNull(defaultTier, "defaultTier");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, was " + port);
        }
        if (maxRequestBytes < 1024 || maxRequestBytes > 1L << 30) {
            throw new IllegalArgumentException("max-request-bytes must be 1 KiB to 1 GiB, was " + maxRequestBytes);
        }
        if (eventLoops < 0 || eventLoops > 1024) {
            throw new IllegalArgumentException("event-loops must be 0-1024, was " + eventLoops);
        }
        if (!adminToken.isEmpty() && adminToken.reveal().length() < 16) {
            throw new IllegalArgumentException("admin-token must be at least 16 characters");
        }
        if (scanThreads < 0 || scanThreads > 1024) {
            throw new IllegalArgumentException("scan-threads must be 0-1024, was " + scanThreads);
        }
        if (scanQueue < 0 || scanQueue > 100_000) {
            throw new IllegalArgumentException("scan-queue must be 0-100000, was " + scanQueue);
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request-timeout must be > 0, was " + requestTimeout);
        }
    }

    /**
     * With the default scan pool (one thread per core, {@value #DEFAULT_SCAN_QUEUE} waiting) and request timeout
     * (5 minutes).
     */
    public GatewayConfig(
            String host, int port, long maxRequestBytes, int eventLoops, Secret adminToken, String defaultTier) {
        this(
                host,
                port,
                maxRequestBytes,
                eventLoops,
                adminToken,
                defaultTier,
                0,
                DEFAULT_SCAN_QUEUE,
                DEFAULT_REQUEST_TIMEOUT);
    }

    public static GatewayConfig defaults() {
        return new GatewayConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_REQUEST_BYTES, 0, Secret.of(""), "default");
    }

    public GatewayConfig withListen(String newHost, int newPort) {
        return new GatewayConfig(
                newHost,
                newPort,
                maxRequestBytes,
                eventLoops,
                adminToken,
                defaultTier,
                scanThreads,
                scanQueue,
                requestTimeout);
    }

    /** A copy with this scan pool. */
    public GatewayConfig withScanPool(int threads, int queue) {
        return new GatewayConfig(
                host, port, maxRequestBytes, eventLoops, adminToken, defaultTier, threads, queue, requestTimeout);
    }

    /** A copy with this request timeout. */
    public GatewayConfig withRequestTimeout(Duration timeout) {
        return new GatewayConfig(
                host, port, maxRequestBytes, eventLoops, adminToken, defaultTier, scanThreads, scanQueue, timeout);
    }

    /** The scan threads the gateway starts: {@code scan-threads}, or one per core when it is 0. */
    public int effectiveScanThreads() {
        return scanThreads > 0 ? scanThreads : Runtime.getRuntime().availableProcessors();
    }
}
