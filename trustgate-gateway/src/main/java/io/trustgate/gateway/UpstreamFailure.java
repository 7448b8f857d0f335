package io.trustgate.gateway;

import io.trustgate.api.ErrorKind;
import io.trustgate.api.TrustgateException;
import java.time.Duration;

/**
 * Builds the exceptions providers fail with, carrying what the retry and fallback logic needs: the kind, the
 * upstream's status (0 for a connection failure) and its Retry-After. Upstream error bodies are not copied into
 * the message, since they can echo prompt text.
 */
public final class UpstreamFailure {
    private UpstreamFailure() {}

    /** A failure to connect, a reset or a malformed answer: retryable. */
    public static TrustgateException connection(String provider, String what, Throwable cause) {
        return new TrustgateException(
                ErrorKind.UPSTREAM_FAILED,
                "Upstream provider '" + provider + "' failed: " + what,
                "",
                "upstream_error",
                Duration.ZERO,
                cause);
    }

    public static TrustgateException timeout(String provider, String which) {
        return new TrustgateException(
                ErrorKind.UPSTREAM_TIMEOUT,
                "Upstream provider '" + provider + "' timed out (" + which + ")",
                "",
                "upstream_timeout",
                Duration.ZERO,
                null);
    }

    /**
     * Maps an upstream HTTP error status. 429 and 5xx are retryable upstream failures; 400, 404, 413 and 422 are the
     * client's request that the upstream refused, passed on as invalid requests; 401 and 403 mean the gateway's own
     * provider credential is wrong, which is the operator's problem, so the client sees 502.
     */
    public static TrustgateException status(String provider, int status, Duration retryAfter, String upstreamMessage) {
        String detail = upstreamMessage.isBlank() ? "" : ": " + upstreamMessage;
        if (status == 400 || status == 404 || status == 413 || status == 422) {
            return new TrustgateException(
                    ErrorKind.INVALID_REQUEST,
                    "Upstream provider '" + provider + "' rejected the request (HTTP " + status + ")" + detail,
                    "",
                    "upstream_rejected",
                    Duration.ZERO,
                    null);
        }
        return new TrustgateException(
                ErrorKind.UPSTREAM_FAILED,
                "Upstream provider '" + provider + "' answered HTTP " + status + detail,
                "",
                status == 429 ? "upstream_rate_limited" : "upstream_error",
                retryAfter,
                null);
    }

    /** Whether a failure may be retried or passed to the next model of the route. */
    public static boolean retryable(Throwable t) {
        return t instanceof TrustgateException te
                && (te.kind() == ErrorKind.UPSTREAM_FAILED
                        || te.kind() == ErrorKind.UPSTREAM_TIMEOUT
                        || te.kind() == ErrorKind.UNAVAILABLE);
    }
}
