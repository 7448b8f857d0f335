package io.trustgate.gateway;

import io.trustgate.api.ErrorKind;
import io.trustgate.api.TrustgateException;
import java.time.Duration;

/**
 * Builds the exceptions providers fail with, carrying what the retry and fallback logic needs: the kind, the
 * upstream's status (0 for a connection failure) and its Retry-After. Of an upstream error body only its message
 * is passed on (the client needs "maximum context length exceeded"), cut to {@value #MAX_DETAIL} chars and with
 * secrets and personal data masked, since an upstream can echo text into it that no output firewall has screened,
 * and with the provider's own configured credentials masked, since an upstream or a proxy may quote the key it got.
 */
public final class UpstreamFailure {
    /** The longest upstream message passed on. */
    static final int MAX_DETAIL = 500;

    private UpstreamFailure() {}

    /** Built on the first upstream error message, not at start: most gateways seldom need it. */
    private static final class Masker {
        static final io.trustgate.firewall.FirewallChain CHAIN = AuditCapture.standardRedactor();
    }

    /** The upstream's message as the client (and any log) may see it: cut, and masked. */
    static String detail(String upstreamMessage, Credentials credentials) {
        if (upstreamMessage.isBlank()) {
            return "";
        }
        // masked before it is cut, so that a cut never leaves half a value the masking could not recognise; the
        // provider's own credentials first, over the whole message, as the pattern masker does not know their format
        String text = credentials.mask(upstreamMessage);
        text = text.substring(0, Math.min(text.length(), 4 * MAX_DETAIL));
        text = switch (Masker.CHAIN.scan(text, io.trustgate.api.ScanText.Stage.OUTPUT)) {
            case io.trustgate.api.Verdict.Redact r -> r.text();
            case io.trustgate.api.Verdict.Allow a -> text;
            // a masking chain does not block; if it ever did, pass nothing on rather than the text
            case io.trustgate.api.Verdict.Block b -> "(withheld)";
        };
        return ": " + (text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "..." : text);
    }

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

    /** The code of an upstream 401 or 403: the gateway's own credential for that provider is wrong. */
    static final String AUTH_FAILED = "upstream_auth_failed";

    /**
     * Maps an upstream HTTP error status. 429 and 5xx are retryable upstream failures; 400, 404 and 422 are the
     * client's request that the upstream refused, passed on as invalid requests, and 413 as too large; 401 and 403
     * mean the gateway's own provider credential is wrong, which is the operator's problem, so the client sees 502
     * ({@value #AUTH_FAILED}), and the next model of the route may serve, but the same provider is not retried.
     */
    static TrustgateException status(
            String provider, int status, Duration retryAfter, String upstreamMessage, Credentials credentials) {
        String detail = detail(upstreamMessage, credentials);
        if (status == 413) {
            return new TrustgateException(
                    ErrorKind.PAYLOAD_TOO_LARGE,
                    "Upstream provider '" + provider + "' rejected the request as too large (HTTP 413)" + detail,
                    "",
                    "request_too_large",
                    Duration.ZERO,
                    null);
        }
        if (status == 400 || status == 404 || status == 422) {
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
                status == 429
                        ? "upstream_rate_limited"
                        : status == 401 || status == 403 ? AUTH_FAILED : "upstream_error",
                retryAfter,
                null);
    }

    /**
     * Whether a retryable failure may be retried on the same provider: not when its credential was refused, as the
     * same key would be refused again (it may still fall back to another provider).
     */
    static boolean retrySameProvider(TrustgateException e) {
        return !AUTH_FAILED.equals(ErrorTable.code(e));
    }

    /** Whether a failure may be retried or passed to the next model of the route. */
    public static boolean retryable(Throwable t) {
        return t instanceof TrustgateException te
                && (te.kind() == ErrorKind.UPSTREAM_FAILED
                        || te.kind() == ErrorKind.UPSTREAM_TIMEOUT
                        || te.kind() == ErrorKind.UNAVAILABLE);
    }
}
