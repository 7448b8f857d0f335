package io.trustgate.registry.licence;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers "may we use this model's licence this way, and what must we do?" from the structured licence terms, citing
 * the clause behind each answer. Conservative by construction: an id with no recorded terms, or a use the terms do not
 * cover, yields UNKNOWN, never ALLOWED. This is a reading aid, not legal advice: the terms are paraphrases of the
 * texts at the cited URLs and may lag behind licence updates.
 */
public final class LicenceAnalyzer {
    private final LicenceTermsCatalog terms;
    private final SpdxLicenceList spdx;

    public LicenceAnalyzer(LicenceTermsCatalog terms, SpdxLicenceList spdx) {
        this.terms = Objects.requireNonNull(terms, "terms");
        this.spdx = Objects.requireNonNull(spdx, "spdx");
    }

    /** An analyzer over the terms and SPDX list shipped in this jar. */
    public static LicenceAnalyzer shipped() {
        return new LicenceAnalyzer(LicenceTermsCatalog.shipped(), SpdxLicenceList.shipped());
    }

    public LicenceTermsCatalog terms() {
        return terms;
    }

    public SpdxLicenceList spdx() {
        return spdx;
    }

    /** Assesses one use of a licence given by licence-terms key, SPDX id, LicenseRef or Hugging Face tag. */
    public LicenceAssessment assess(String licenceId, UseCase use) {
        Objects.requireNonNull(licenceId, "licenceId");
        Objects.requireNonNull(use, "use");
        Optional<LicenceTerms> found = terms.find(licenceId);
        if (found.isEmpty()) {
            return unknownLicence(licenceId);
        }
        LicenceTerms t = found.get();
        List<Reason> reasons = new ArrayList<>();
        check(t, TermKind.USE, true, "running the model", reasons);
        check(t, TermKind.COMMERCIAL_USE, use.commercial(), "commercial use", reasons);
        check(t, TermKind.MODIFY, use.fineTune(), "fine-tuning / modification", reasons);
        check(t, TermKind.DISTRIBUTE_WEIGHTS, use.distributeWeights(), "distributing the weights", reasons);
        check(t, TermKind.HOSTED_SERVICE, use.hostedAsService(), "offering the model as a hosted service", reasons);
        check(
                t,
                TermKind.OUTPUTS_TRAIN_OTHER_MODELS,
                use.useOutputsToTrainOtherModels(),
                "using outputs to train other models",
                reasons);
        t.userCap().ifPresent(cap -> checkCap(t, cap, use, reasons));
        t.regionExclusion().ifPresent(ex -> checkRegion(t, ex, use, reasons));
        checkPurposes(t, use, reasons);
        Verdict verdict = reasons.stream().map(Reason::verdict).reduce(Verdict.ALLOWED, Verdict::and);
        List<Duty> duties = t.duties().stream().filter(d -> d.appliesTo(use)).toList();
        return new LicenceAssessment(licenceId, Optional.of(t.key()), verdict, reasons, duties, Optional.of(t.url()));
    }

    private LicenceAssessment unknownLicence(String licenceId) {
        Optional<SpdxLicence> s = spdx.find(licenceId);
        String text = s.map(l -> "SPDX licence '" + l.id() + "' (" + l.name() + ", OSI-approved: " + l.osiApproved()
                        + ", FSF libre: " + l.fsfLibre() + (l.deprecated() ? ", deprecated id" : "")
                        + ") has no structured terms here, so no use of it is assessed")
                .orElse("licence '" + licenceId + "' is neither in the SPDX list nor in the licence terms");
        return new LicenceAssessment(
                licenceId,
                Optional.empty(),
                Verdict.UNKNOWN,
                List.of(new Reason(Verdict.UNKNOWN, licenceId, "-", text)),
                List.of(),
                s.map(SpdxLicence::reference));
    }

    private static void check(LicenceTerms t, TermKind kind, boolean asked, String what, List<Reason> out) {
        if (!asked) {
            return;
        }
        Optional<Term> term = t.term(kind);
        if (term.isEmpty()) {
            out.add(new Reason(Verdict.UNKNOWN, t.key(), "-", what + ": not recorded for this licence"));
            return;
        }
        Term x = term.get();
        String clause = x.clause().isBlank() ? "-" : x.clause();
        out.add(new Reason(x.value(), t.key(), clause, what + ": " + x.summary()));
    }

    private static void checkCap(LicenceTerms t, UserCap cap, UseCase use, List<Reason> out) {
        if (cap.commercialOnly() && !use.commercial()) {
            return;
        }
        if (use.monthlyActiveUsers() > cap.monthlyActiveUsers()) {
            out.add(new Reason(
                    Verdict.NOT_ALLOWED,
                    t.key(),
                    cap.clause(),
                    use.monthlyActiveUsers() + " monthly active users is above the cap of " + cap.monthlyActiveUsers()
                            + ": " + cap.summary()));
        } else {
            out.add(new Reason(
                    Verdict.ALLOWED,
                    t.key(),
                    cap.clause(),
                    use.monthlyActiveUsers() + " monthly active users is within the cap of "
                            + cap.monthlyActiveUsers()));
        }
    }

    private static void checkPurposes(LicenceTerms t, UseCase use, List<Reason> out) {
        boolean hasPolicy = t.term(TermKind.ACCEPTABLE_USE).isPresent()
                || t.duties().stream().anyMatch(d -> d.kind() == DutyKind.ACCEPTABLE_USE_POLICY);
        for (String purpose : use.purposes().stream().sorted().toList()) {
            PurposeRestriction r = t.restrictedPurposes().get(purpose);
            if (r != null) {
                out.add(new Reason(
                        Verdict.NOT_ALLOWED, t.key(), r.clause(), "purpose " + purpose + ": " + r.summary()));
            } else if (hasPolicy) {
                // the use policy exists but was not recorded for this purpose: someone has to read it
                out.add(new Reason(
                        Verdict.CONDITIONAL,
                        t.key(),
                        "-",
                        "purpose " + purpose + ": not recorded as restricted, but the licence's use policy was not"
                                + " checked for it"));
            }
        }
    }

    private static void checkRegion(LicenceTerms t, RegionExclusion ex, UseCase use, List<Reason> out) {
        if (ex.multimodalOnly() && !use.multimodal()) {
            return;
        }
        String scope = ex.multimodalOnly() ? "multimodal models: " : "";
        if (!use.regionKnown()) {
            out.add(new Reason(
                    Verdict.CONDITIONAL,
                    t.key(),
                    ex.clause(),
                    scope + "allowed only if the licensee is outside " + ex.regions() + ": " + ex.summary()));
            return;
        }
        boolean excluded = ex.regions().stream()
                .anyMatch(r -> r.equalsIgnoreCase(use.region()) || (r.equalsIgnoreCase("EU") && use.inEu()));
        if (excluded) {
            out.add(new Reason(
                    Verdict.NOT_ALLOWED,
                    t.key(),
                    ex.clause(),
                    scope + "licensee region " + use.region() + " is excluded: " + ex.summary()));
        }
    }
}
