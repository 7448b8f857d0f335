package io.trustgate.registry.licence;

import java.util.Objects;
import java.util.Set;

/**
 * Something the licensee must do, with the clause that requires it.
 *
 * @param kind what kind of duty
 * @param licence the licence-terms key it comes from
 * @param on which parts of a use case make it apply (any of them)
 * @param clause the section of the licence
 * @param summary our paraphrase, including any prescribed text (a credit line is short enough to quote)
 */
public record Duty(DutyKind kind, String licence, Set<DutyTrigger> on, String clause, String summary) {
    public Duty {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(licence, "licence");
        on = Set.copyOf(on);
        Objects.requireNonNull(clause, "clause");
        Objects.requireNonNull(summary, "summary");
        if (on.isEmpty()) {
            throw new IllegalArgumentException(licence + ": duty " + kind + " needs at least one trigger");
        }
        if (clause.isBlank()) {
            throw new IllegalArgumentException(licence + ": duty " + kind + " must cite its clause");
        }
    }

    /** Whether this duty applies to the use case. */
    public boolean appliesTo(UseCase use) {
        return on.stream().anyMatch(t -> t.firesFor(use));
    }
}
