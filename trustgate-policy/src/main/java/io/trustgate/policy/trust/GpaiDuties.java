package io.trustgate.policy.trust;

import io.trustgate.registry.profile.Fact;
import io.trustgate.registry.profile.ModelProfile;
import io.trustgate.registry.profile.Weights;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a model's role under the EU AI Act implies (Regulation (EU) 2024/1689, Chapter V): the general-purpose AI
 * model provider's duties of Art. 53, the systemic-risk duties of Art. 55 when the Art. 51(2) presumption holds
 * (derived from the training compute; unknown compute leaves it unknown), and what the downstream provider or deployer
 * must obtain. A first reading from the profile's facts, not legal advice: a Commission designation (Art. 51(1)(b)) and
 * the provider's place of establishment (Art. 54) are not known here.
 *
 * @param role the role ({@code general-purpose-ai-model}, ...) or {@code unknown}
 * @param roleSource where the role comes from; {@code -} when unknown
 * @param systemicRisk {@code presumed}, {@code not presumed} or {@code unknown}, with the compute behind it
 * @param systemicRiskSource the training compute's source; {@code -} when unknown
 * @param duties the duties, each with its article; empty when the role is unknown or not a GPAI model
 */
public record GpaiDuties(
        String role, String roleSource, String systemicRisk, String systemicRiskSource, List<Obligation> duties) {
    /** Chapter V applies from this date (Art. 113(b)). */
    static final LocalDate CHAPTER_V_APPLIES = LocalDate.of(2025, 8, 2);

    static final String GPAI = "general-purpose-ai-model";

    public GpaiDuties {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(roleSource, "roleSource");
        Objects.requireNonNull(systemicRisk, "systemicRisk");
        Objects.requireNonNull(systemicRiskSource, "systemicRiskSource");
        duties = List.copyOf(duties);
    }

    /** Derives the duties from a profile. */
    static GpaiDuties of(ModelProfile p) {
        Fact<Boolean> risk = p.systemicRiskPresumed();
        String riskText = switch (p.trainingComputeFlop()) {
            case Fact.Known<Double> k ->
                (k.value() > ModelProfile.SYSTEMIC_RISK_FLOP ? "presumed" : "not presumed") + " (training compute "
                        + String.format(java.util.Locale.ROOT, "%.3g", k.value()) + " FLOP "
                        + (k.value() > ModelProfile.SYSTEMIC_RISK_FLOP ? ">" : "<=") + " 1e25, Art. 51(2))";
            case Fact.Unknown<Double> u -> "unknown (training compute not known)";
        };
        String riskSource = p.trainingComputeFlop().citation().orElse("-");
        if (!(p.euAiAct().role() instanceof Fact.Known<String> role)) {
            return new GpaiDuties("unknown", "-", riskText, riskSource, List.of());
        }
        if (!role.value().equals(GPAI)) {
            return new GpaiDuties(role.value(), role.source(), riskText, riskSource, List.of());
        }
        boolean systemic = risk.optional().orElse(false);
        List<Obligation> out = new ArrayList<>();
        // Art. 53(2): free and open-source licence with public weights, and no systemic risk: (a) and (b) do not apply.
        boolean openSource = p.weights() == Weights.OPEN
                && p.licence()
                        .id()
                        .optional()
                        .filter(id -> !id.startsWith("LicenseRef-"))
                        .isPresent();
        if (openSource && !systemic) {
            out.add(new Obligation(
                    "Art. 53(2)",
                    "provider",
                    "public weights under a free and open-source licence ("
                            + p.licence().id().display()
                            + "): the documentation duties of Art. 53(1)(a) and (b) do not apply unless the model has"
                            + " systemic risk; (c) and (d) still do"));
        } else {
            out.add(new Obligation(
                    "Art. 53(1)(a)",
                    "provider",
                    "technical documentation of the model, its training, testing and evaluation (Annex XI), for the AI"
                            + " Office and national authorities on request"));
            out.add(new Obligation(
                    "Art. 53(1)(b)",
                    "provider",
                    "information and documentation for providers integrating the model (Annex XII): capabilities,"
                            + " limitations, intended tasks, integration"));
        }
        out.add(new Obligation(
                "Art. 53(1)(c)",
                "provider",
                "a policy to comply with Union copyright law, including text-and-data-mining opt-outs (Directive (EU)"
                        + " 2019/790 Art. 4(3))"));
        out.add(new Obligation(
                "Art. 53(1)(d)",
                "provider",
                "a public, sufficiently detailed summary of the content used for training (AI Office template)"));
        if (systemic) {
            out.add(new Obligation(
                    "Art. 52(1)",
                    "provider",
                    "notify the Commission within two weeks of meeting the systemic-risk threshold"));
            out.add(new Obligation(
                    "Art. 55(1)(a)",
                    "provider",
                    "evaluate the model with standardised protocols, including adversarial testing"));
            out.add(new Obligation(
                    "Art. 55(1)(b)", "provider", "assess and mitigate possible systemic risks at Union level"));
            out.add(new Obligation(
                    "Art. 55(1)(c)",
                    "provider",
                    "track, document and report serious incidents and corrective measures to the AI Office"));
            out.add(new Obligation(
                    "Art. 55(1)(d)",
                    "provider",
                    "an adequate level of cybersecurity for the model and its infrastructure"));
        }
        out.add(new Obligation(
                "Art. 53(1)(b)",
                "downstream provider or deployer",
                openSource && !systemic
                        ? "the provider may not owe you the Annex XII information (Art. 53(2)): collect the model card"
                                + " and published documentation for your own duties"
                        : "obtain the provider's Annex XII information and documentation before integrating the model,"
                                + " and keep it with this context's records"));
        p.releaseDate()
                .optional()
                .filter(d -> d.isBefore(CHAPTER_V_APPLIES))
                .ifPresent(d -> out.add(new Obligation(
                        "Art. 111(3)",
                        "provider",
                        "placed on the market before 2 August 2025 (released " + d
                                + "): the Chapter V duties apply by 2" + " August 2027")));
        return new GpaiDuties(role.value(), role.source(), riskText, riskSource, out);
    }

    /** The articles, e.g. {@code Art. 53(1)(a), Art. 53(1)(b), ...}, or {@code none}. */
    public String articles() {
        return duties.isEmpty()
                ? "none"
                : String.join(
                        ", ",
                        duties.stream().map(Obligation::article).distinct().toList());
    }
}
