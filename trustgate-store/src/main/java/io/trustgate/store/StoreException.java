package io.trustgate.store;

/** The store could not be opened, migrated, read or written. Not retryable by the caller as is. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
