package io.trustgate.registry.profile;

import java.util.Locale;

/** Whether the model's weights are published. */
public enum Weights {
    OPEN,
    CLOSED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Weights parse(String s) {
        return switch (s) {
            case "open" -> OPEN;
            case "closed" -> CLOSED;
            default -> throw new IllegalArgumentException("weights must be open or closed, was '" + s + "'");
        };
    }
}
