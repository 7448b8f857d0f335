package io.trustgate.app;

import java.util.Objects;

/**
 * One thing wrong with a configuration file: where it is and what is wrong. Messages never contain the value of a
 * credential.
 *
 * @param source the file (or the name given to {@link ConfigLoader#parse})
 * @param line 1-based line of the offending key or value
 * @param key dotted path of the option, e.g. {@code providers.openai.connect-timeout}; empty when the problem is
 *     not about one option (a YAML syntax error, an unreadable file)
 * @param message what is wrong, naming the bad value unless it is secret
 */
public record ConfigProblem(String source, int line, String key, String message) {
    public ConfigProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1, was " + line + " (" + source + ": " + message + ")");
        }
    }

    /** {@code FILE:LINE: KEY: MESSAGE}, or {@code FILE:LINE: MESSAGE} when there is no key. */
    @Override
    public String toString() {
        return source + ":" + line + ": " + (key.isEmpty() ? "" : key + ": ") + message;
    }
}
