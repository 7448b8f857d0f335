package io.trustgate.assess.suite;

/** A suite's data files are missing or malformed: the user must point at the right folder or fix the file. */
public final class SuiteDataException extends RuntimeException {
    public SuiteDataException(String message) {
        super(message);
    }

    public SuiteDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
