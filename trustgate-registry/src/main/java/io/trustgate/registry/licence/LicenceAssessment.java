package io.trustgate.registry.licence;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer for one licence and one use case: the verdict, every reason (each citing licence and clause) and the
 * duties the use triggers.
 *
 * @param licenceId the id asked about
 * @param termsKey the licence-terms entry used, if the id was known there
 * @param verdict the strongest of the reasons' verdicts; UNKNOWN when nothing could be checked
 * @param reasons what was checked, in order
 * @param duties what the licensee must do for this use
 * @param url the licence text the clauses refer to, if known
 */
public record LicenceAssessment(
        String licenceId,
        Optional<String> termsKey,
        Verdict verdict,
        List<Reason> reasons,
        List<Duty> duties,
        Optional<String> url) {
    public LicenceAssessment {
        Objects.requireNonNull(licenceId, "licenceId");
        Objects.requireNonNull(termsKey, "termsKey");
        Objects.requireNonNull(verdict, "verdict");
        reasons = List.copyOf(reasons);
        duties = List.copyOf(duties);
        Objects.requireNonNull(url, "url");
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("an assessment must give at least one reason");
        }
    }

    /** Reasons with exactly this verdict (e.g. the prohibitions behind a NOT_ALLOWED). */
    public List<Reason> reasons(Verdict v) {
        return reasons.stream().filter(r -> r.verdict() == v).toList();
    }

    public boolean hasDuty(DutyKind kind) {
        return duties.stream().anyMatch(d -> d.kind() == kind);
    }
}
