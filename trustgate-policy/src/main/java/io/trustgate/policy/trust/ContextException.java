package io.trustgate.policy.trust;

/** A context file is invalid or missing; the message names the file, the line and the key. */
public final class ContextException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ContextException(String message) {
        super(message);
    }

    public ContextException(String message, Throwable cause) {
        super(message, cause);
    }
}
