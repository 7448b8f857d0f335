package io.trustgate.registry.licence;

import java.util.Locale;

/**
 * The answer to "does this licence allow this use?", and the value of one recorded licence term. Ordered from the
 * weakest to the strongest: combining answers keeps the strongest, so one prohibition outweighs any number of
 * permissions, and an unknown is never rounded up to allowed.
 */
public enum Verdict {
    /** The licence text permits it, possibly with duties. */
    ALLOWED,
    /** Permitted only under a condition the use case does not settle (e.g. research purposes only). */
    CONDITIONAL,
    /** Not recorded or not verified: nobody has checked, so it must not count as allowed. */
    UNKNOWN,
    /** The licence forbids it, or requires a separate grant the licensee does not have. */
    NOT_ALLOWED;

    /** Parses the YAML spelling: {@code allowed}, {@code not-allowed}, {@code conditional}, {@code unknown}. */
    public static Verdict parse(String s, String where) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "allowed" -> ALLOWED;
            case "not-allowed" -> NOT_ALLOWED;
            case "conditional" -> CONDITIONAL;
            case "unknown" -> UNKNOWN;
            default ->
                throw new IllegalArgumentException(
                        where + ": value must be allowed, not-allowed, conditional or unknown, was '" + s + "'");
        };
    }

    /** The stronger of two verdicts (see the class comment for the order). */
    public Verdict and(Verdict other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /** The YAML / JSON spelling. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
