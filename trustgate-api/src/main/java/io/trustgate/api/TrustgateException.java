package io.trustgate.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The one unchecked exception of Trustgate's request path. Its {@link ErrorKind} says what the caller can do; the
 * gateway maps it to HTTP in one place. Messages are shown to API clients: they name the field or limit and never
 * contain prompt text or secrets.
 */
public class TrustgateException extends RuntimeException {
    private final ErrorKind kind;
    private final String param;
    private final String code;
    private final Duration retryAfter;

    public TrustgateException(ErrorKind kind, String message) {
        this(kind, message, "", "", Duration.ZERO, null);
    }

    public TrustgateException(ErrorKind kind, String message, String param, String code) {
        this(kind, message, param, code, Duration.ZERO, null);
    }

    public TrustgateException(
            ErrorKind kind, String message, String param, String code, Duration retryAfter, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.param = Objects.requireNonNull(param, "param");
        this.code = Objects.requireNonNull(code, "code");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public static TrustgateException invalid(String message, String param) {
        return new TrustgateException(ErrorKind.INVALID_REQUEST, message, param, "");
    }

    public static TrustgateException rateLimited(String message, String code, Duration retryAfter) {
        return new TrustgateException(ErrorKind.RATE_LIMITED, message, "", code, retryAfter, null);
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The request field at fault, e.g. {@code messages[0].role}. */
    public Optional<String> param() {
        return param.isEmpty() ? Optional.empty() : Optional.of(param);
    }

    /** A machine-readable code, e.g. {@code rate_limit_exceeded}. */
    public Optional<String> code() {
        return code.isEmpty() ? Optional.empty() : Optional.of(code);
    }

    /** How long to wait before retrying; zero when not applicable. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
