package io.trustgate.policy.trust;

import java.util.Locale;

/** The six dimensions a trust score is made of (docs/trust.md lists the signals behind each). */
public enum Dimension {
    TRANSPARENCY,
    SECURITY,
    PERFORMANCE,
    ETHICS_AND_BIAS,
    GOVERNANCE_AND_COMPLIANCE,
    SUPPORT_AND_COMMUNITY;

    /** The YAML / JSON key, e.g. {@code ethics-and-bias}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Dimension parse(String s) {
        for (Dimension d : values()) {
            if (d.key().equals(s)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dimension '" + s + "' (transparency, security, performance,"
                + " ethics-and-bias, governance-and-compliance, support-and-community)");
    }
}
