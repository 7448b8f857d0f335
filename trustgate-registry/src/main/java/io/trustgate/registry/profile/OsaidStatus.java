package io.trustgate.registry.profile;

import java.util.Locale;

/** The model's standing against the OSI Open Source AI Definition 1.0. */
public enum OsaidStatus {
    COMPLIANT,
    NON_COMPLIANT,
    NOT_ASSESSED;

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static OsaidStatus parse(String s) {
        for (OsaidStatus v : values()) {
            if (v.key().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("osaid must be compliant, non-compliant or not-assessed, was '" + s + "'");
    }
}
