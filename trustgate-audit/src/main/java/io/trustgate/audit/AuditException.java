package io.trustgate.audit;

/** The audit log cannot do what was asked (storage failed, queue full, files damaged, in use); the message says why. */
public class AuditException extends RuntimeException {
    public AuditException(String message) {
        super(message);
    }

    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
