package io.trustgate.policy.trust;

import java.util.Locale;

/** The most sensitive kind of data a context sends to a model, from the least to the most sensitive. */
public enum DataSensitivity {
    PUBLIC,
    INTERNAL,
    PERSONAL,
    HEALTH,
    SECRETS;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DataSensitivity parse(String s) {
        for (DataSensitivity d : values()) {
            if (d.key().equals(s)) {
                return d;
            }
        }
        throw new IllegalArgumentException("must be public, internal, personal, health or secrets, was '" + s + "'");
    }
}
