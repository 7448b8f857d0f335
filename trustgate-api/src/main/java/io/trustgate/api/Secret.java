package io.trustgate.api;

import java.util.Objects;

/**
 * A credential. Its {@code toString()} never shows the value, so that it cannot leak through a log line or an
 * exception message by accident; call {@link #reveal()} at the one place that must send it.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return value.isEmpty() ? "<empty>" : "****";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && java.security.MessageDigest.isEqual(value.getBytes(), s.value.getBytes());
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
