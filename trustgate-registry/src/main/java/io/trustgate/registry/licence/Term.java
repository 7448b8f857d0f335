package io.trustgate.registry.licence;

import java.util.Objects;
import java.util.Optional;

/**
 * One recorded licence term: what the licence says about one kind of use, and where it says it.
 *
 * @param kind what the term is about
 * @param value allowed / not-allowed / conditional / unknown (unverified terms are recorded as unknown)
 * @param clause the section of the licence text, e.g. {@code §2} or {@code AUP, closing paragraph}
 * @param summary our paraphrase of the clause (never the licence's wording beyond a few words)
 * @param note anything a reader needs besides the paraphrase (e.g. where a fact was verified)
 */
public record Term(TermKind kind, Verdict value, String clause, String summary, Optional<String> note) {
    public Term {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(clause, "clause");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(note, "note");
        if (value != Verdict.UNKNOWN && clause.isBlank()) {
            throw new IllegalArgumentException(kind.key() + ": a known term must cite its clause");
        }
    }
}
