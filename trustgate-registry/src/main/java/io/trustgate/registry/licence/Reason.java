package io.trustgate.registry.licence;

import java.util.Objects;

/**
 * One step of an assessment: what was checked, the answer, and the clause it rests on.
 *
 * @param verdict the answer for this one aspect
 * @param licence the licence-terms key (or the id asked about, when there are no terms)
 * @param clause the section cited; {@code -} when nothing could be cited
 * @param text what was found, in plain words
 */
public record Reason(Verdict verdict, String licence, String clause, String text) {
    public Reason {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(licence, "licence");
        Objects.requireNonNull(clause, "clause");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return verdict.yamlName() + ": " + text + " [" + licence + " " + clause + "]";
    }
}
