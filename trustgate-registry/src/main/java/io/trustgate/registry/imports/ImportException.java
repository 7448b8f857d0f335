package io.trustgate.registry.imports;

/** An import source is not valid input for its format; the message names the file (and line where known). */
public final class ImportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ImportException(String message) {
        super(message);
    }
}
