package io.trustgate.api;

/**
 * What went wrong, in the caller's terms. The gateway's single error table maps each kind to an HTTP status and an
 * OpenAI-style {@code error.type}; nothing else decides a status code.
 */
public enum ErrorKind {
    /** Malformed JSON, a wrong type, a missing field, an out-of-range value: fix the request. */
    INVALID_REQUEST(false),
    /** No key, an unknown, revoked or expired key: fix the credential. */
    AUTHENTICATION(false),
    /** The key is valid but may not use this model or operation. */
    PERMISSION_DENIED(false),
    /** Unknown model or path. */
    NOT_FOUND(false),
    /** A known path asked with a method it does not take (POST /healthz). */
    METHOD_NOT_ALLOWED(false),
    /** The body is over the configured limit. */
    PAYLOAD_TOO_LARGE(false),
    /** The request line (URL) is over the HTTP decoder's limit. */
    URI_TOO_LONG(false),
    /** The request headers are over the HTTP decoder's limit. */
    HEADERS_TOO_LARGE(false),
    /** A rate limit or budget was reached: retry after the indicated delay. */
    RATE_LIMITED(true),
    /** The upstream provider failed (5xx, 429 after retries, connection error, bad answer). */
    UPSTREAM_FAILED(true),
    /** The upstream provider did not answer in time. */
    UPSTREAM_TIMEOUT(true),
    /** No provider of the route can be tried now (every circuit breaker open). */
    UNAVAILABLE(true),
    /** Trustgate itself is at capacity (every worker that screens long prompts busy, and its queue full). */
    OVERLOADED(true),
    /** A bug in Trustgate: the request id leads to the log line. */
    INTERNAL(true);

    private final boolean retryable;

    ErrorKind(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether the same request may succeed later without change. */
    public boolean retryable() {
        return retryable;
    }
}
