package io.trustgate.registry.profile;

/** A profile file or catalog folder is invalid; the message names the file and line (or key). */
public final class ProfileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProfileException(String message) {
        super(message);
    }

    public ProfileException(String message, Throwable cause) {
        super(message, cause);
    }
}
