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

    /** What a model reachable only through its vendor's API must have for this data (docs/trust.md). */
    public String vendorApiRule() {
        return switch (this) {
            case PUBLIC -> "nothing";
            case INTERNAL -> "the vendor does not train on the data";
            case PERSONAL ->
                "no training on the data, a DPA, a documented processing region (EU residency with data-residency: EU)";
            case HEALTH -> "as for personal data, plus a HIPAA BAA and zero retention offered";
            case SECRETS -> "not allowed: self-hosted models only";
        };
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
