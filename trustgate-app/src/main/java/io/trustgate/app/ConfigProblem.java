package io.trustgate.app;

/** Placeholder. */
public record ConfigProblem(String source, int line, String key, String message) {
    @Override
    public String toString() {
        return source + ":" + line + ": " + key + ": " + message;
    }
}
