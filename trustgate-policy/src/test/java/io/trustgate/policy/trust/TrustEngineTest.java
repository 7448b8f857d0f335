package io.trustgate.policy.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.api.Price;
import io.trustgate.api.evidence.Evidence;
import io.trustgate.api.evidence.EvidenceKind;
import io.trustgate.api.evidence.Measurement;
import io.trustgate.registry.profile.Hosting;
import io.trustgate.registry.profile.ModelProfile;
import io.trustgate.registry.profile.ProfileCatalog;
import io.trustgate.registry.profile.Weights;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Trust decisions on the shipped catalog and contexts: they differ by context, cite their facts, never reward unknowns. */
class TrustEngineTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    static ProfileCatalog catalog;
    static Contexts contexts;
    static TrustEngine engine;

    @BeforeAll
    static void load() {
        catalog = ProfileCatalog.load(List.of());
        contexts = Contexts.load(Optional.empty());
        engine = TrustEngine.standard(TODAY);
    }

    static Recommendation recommend(String context) {
        return engine.recommend(contexts.find(context).orElseThrow(), catalog.all(), catalog::origin);
    }

    static TrustDecision decide(String model, String context) {
        ModelProfile p = catalog.find(model).orElseThrow();
        return engine.decide(p, catalog.origin(p.id()), contexts.find(context).orElseThrow());
    }

    @Test
    void internalToolingAllowsMostModelsOpenAndClosed() {
        Recommendation r = recommend("internal-tooling");
        assertThat(r.allowed().size()).isGreaterThanOrEqualTo(catalog.size() * 3 / 4);
        assertThat(r.open()).isNotEmpty();
        assertThat(r.closed()).isNotEmpty();
        assertThat(r.hybrid()).isTrue();
        assertThat(r.route()).hasSizeBetween(2, 3);
    }

    @Test
    void healthDataRefusesAClosedApiModelWhoseVendorLacksEuResidencyAndNamesTheFactAndItsSource() {
        TrustDecision claude = decide("claude-sonnet-4-20250514", "clinical-notes");
        assertThat(claude.allowed()).isFalse();
        Check first = claude.firstFailure().orElseThrow();
        assertThat(first.requirement()).isEqualTo("data (health): eu-residency");
        assertThat(first.status()).isEqualTo(Check.Status.NOT_MET);
        assertThat(first.source()).startsWith("https://platform.claude.com/").endsWith("(seen 2026-11-26)");
        // The same model with internal data: the vendor does not train on it, so it is allowed.
        assertThat(decide("claude-sonnet-4-20250514", "internal-tooling").allowed())
                .isTrue();
        // Unknown never passes: nobody sourced Google's BAA for Gemini on Vertex AI.
        Check gemini = decide("gemini-2.5-pro", "clinical-notes").firstFailure().orElseThrow();
        assertThat(gemini.status()).isEqualTo(Check.Status.UNKNOWN);
        assertThat(gemini.requirement()).isEqualTo("data (health): hipaa-baa");
        assertThat(gemini.source()).isEqualTo("classpath:catalog/providers/google.yaml");

        Recommendation r = recommend("clinical-notes");
        assertThat(r.closed()).isEmpty();
        assertThat(r.allowed()).isNotEmpty().allMatch(d -> d.hosting().contains(Hosting.SELF_HOSTED));
        assertThat(r.allowed())
                .allMatch(d -> d.checks().stream()
                        .anyMatch(c -> c.requirement().equals("data (health): self-hosted")
                                && c.status() == Check.Status.MET));
        assertThat(r.hybrid()).isFalse();
    }

    @Test
    void everyShippedClosedModelIsAllowedForInternalToolingButNoneForClinicalNotes() {
        Set<String> internal = Set.copyOf(recommend("internal-tooling").closed().stream()
                .map(TrustDecision::model)
                .toList());
        assertThat(internal).contains("claude-sonnet-4-20250514", "gemini-2.5-pro", "gpt-4o");
        assertThat(recommend("clinical-notes").closed()).isEmpty();
        for (String m : internal) {
            assertThat(decide(m, "internal-tooling").checks())
                    .anyMatch(c -> c.requirement().equals("data (internal): no-training")
                            && c.status() == Check.Status.MET
                            && c.source().contains("(seen "));
        }
    }

    static Context withSensitivity(Context c, DataSensitivity s) {
        return new Context(
                c.name(),
                c.description(),
                c.owner(),
                c.euAiAct(),
                s,
                c.requirements(),
                c.weights(),
                c.firewall(),
                c.source());
    }

    @Test
    void onlyTheSensitivityChangedChangesTheAnswerForTheSameModels() {
        Context internal = contexts.find("internal-tooling").orElseThrow();
        Recommendation asShipped = engine.recommend(internal, catalog.all(), catalog::origin);
        Recommendation secrets =
                engine.recommend(withSensitivity(internal, DataSensitivity.SECRETS), catalog.all(), catalog::origin);
        assertThat(asShipped.closed()).isNotEmpty();
        assertThat(secrets.closed()).isEmpty();
        // Self-hostable models keep their answer: the data stays with the operator.
        assertThat(secrets.open())
                .extracting(TrustDecision::model)
                .containsExactlyElementsOf(
                        asShipped.open().stream().map(TrustDecision::model).toList());
        for (TrustDecision d : secrets.notAllowed()) {
            if (d.weights() == Weights.CLOSED) {
                assertThat(d.firstFailure().orElseThrow().requirement()).isEqualTo("data (secrets): self-hosted");
            }
        }
        // And the other way: clinical notes with internal data lets Claude's data checks pass.
        Context clinical = contexts.find("clinical-notes").orElseThrow();
        ModelProfile claude = catalog.find("claude-sonnet-4-20250514").orElseThrow();
        assertThat(engine.decide(claude, "o", clinical).checks())
                .anyMatch(c -> c.requirement().startsWith("data (health)") && c.status() != Check.Status.MET);
        assertThat(engine.decide(claude, "o", withSensitivity(clinical, DataSensitivity.INTERNAL))
                        .checks())
                .filteredOn(c -> c.requirement().startsWith("data ("))
                .isNotEmpty()
                .allMatch(c -> c.status() == Check.Status.MET);
    }

    @Test
    void gpaiDutiesFollowTheRoleAndTheSystemicRiskPresumptionFromTrainingCompute() {
        GpaiDuties big =
                decide("meta-llama/Llama-3.1-405B-Instruct", "internal-tooling").gpai();
        assertThat(big.role()).isEqualTo("general-purpose-ai-model");
        assertThat(big.systemicRisk()).startsWith("presumed");
        assertThat(big.duties())
                .extracting(Obligation::article)
                .contains("Art. 53(1)(a)", "Art. 53(1)(b)", "Art. 55(1)(a)", "Art. 55(1)(c)", "Art. 52(1)");
        assertThat(big.duties()).anyMatch(o -> o.who().contains("deployer"));
        GpaiDuties gpt = decide("gpt-4o", "internal-tooling").gpai();
        assertThat(gpt.systemicRisk()).startsWith("unknown");
        assertThat(gpt.duties()).extracting(Obligation::article).doesNotContain("Art. 55(1)(a)");
        // Open weights under an SPDX open-source licence: Art. 53(2) lifts (a) and (b) without systemic risk.
        GpaiDuties phi = decide("microsoft/phi-4", "internal-tooling").gpai();
        assertThat(phi.duties())
                .extracting(Obligation::article)
                .contains("Art. 53(2)")
                .doesNotContain("Art. 53(1)(a)");
    }

    @Test
    void creditDecisionsAllowsNothingUntilRedTeamEvidenceIsThereAndThenOnlyWhatPasses() {
        assertThat(recommend("credit-decisions").allowed()).isEmpty();
        Context credit = contexts.find("credit-decisions").orElseThrow();
        ModelProfile llama = catalog.find("meta-llama/Llama-3.3-70B-Instruct").orElseThrow();
        TrustDecision before = engine.decide(llama, "x.yaml", credit);
        assertThat(before.firstFailure().orElseThrow().status()).isEqualTo(Check.Status.UNKNOWN);
        assertThat(before.firstFailure().orElseThrow().requirement()).contains("red-team", "attack_success_rate");

        TrustDecision good = engine.decide(llama.withEvidence(List.of(redTeam(llama.id(), 0.05))), "x.yaml", credit);
        assertThat(good.allowed()).isTrue();
        assertThat(good.checks()).anyMatch(c -> c.source().equals("run-1") && c.status() == Check.Status.MET);
        assertThat(good.score()).isGreaterThan(before.score());

        TrustDecision bad = engine.decide(
                llama.withEvidence(List.of(redTeam(llama.id(), 0.05), redTeam(llama.id(), 0.3))), "x.yaml", credit);
        assertThat(bad.allowed()).isFalse();
        assertThat(bad.firstFailure().orElseThrow().finding()).contains("0.3", "worst of 2");
    }

    @Test
    void decisionsDifferByContext() {
        Set<String> internal = Set.copyOf(recommend("internal-tooling").allowed().stream()
                .map(TrustDecision::model)
                .toList());
        Set<String> clinical = Set.copyOf(recommend("clinical-notes").allowed().stream()
                .map(TrustDecision::model)
                .toList());
        Set<String> credit = Set.copyOf(recommend("credit-decisions").allowed().stream()
                .map(TrustDecision::model)
                .toList());
        assertThat(internal).isNotEqualTo(clinical).isNotEqualTo(credit);
        assertThat(internal).containsAll(clinical);
        // The same model weighs differently: weights come from the context.
        assertThat(decide("gpt-4o", "internal-tooling").score())
                .isNotEqualTo(decide("gpt-4o", "credit-decisions").score());
    }

    @Test
    void everyReasonAndEveryKnownSignalCitesASource() {
        for (Context c : contexts.all()) {
            for (TrustDecision d :
                    engine.recommend(c, catalog.all(), catalog::origin).allowed()) {
                assertThat(d.checks())
                        .isNotEmpty()
                        .allSatisfy(ch -> assertThat(ch.source()).isNotBlank());
            }
            for (ModelProfile p : catalog.all()) {
                TrustDecision d = engine.decide(p, catalog.origin(p.id()), c);
                assertThat(d.checks()).allSatisfy(ch -> {
                    assertThat(ch.source()).isNotBlank();
                    assertThat(ch.finding()).isNotBlank();
                });
                for (DimensionScore ds : d.dimensions()) {
                    for (Signal s : ds.signals()) {
                        if (s.value().isPresent()) {
                            assertThat(s.source()).isNotBlank().isNotEqualTo("-");
                        } else {
                            assertThat(s.basis()).startsWith("unknown");
                        }
                    }
                }
            }
        }
    }

    @Test
    void aModelWithNothingKnownHasEveryEvidenceDimensionUnknownAndScoresBelowAnyDocumentedOne() {
        ModelProfile bare = ModelProfile.minimal("x/bare", "Bare", "Nobody", Set.of(Hosting.SELF_HOSTED), Weights.OPEN);
        for (Context c : contexts.all()) {
            TrustDecision d = engine.decide(bare, "mem", c);
            assertThat(d.allowed()).isFalse();
            assertThat(d.firstFailure().orElseThrow().status()).isEqualTo(Check.Status.UNKNOWN);
            for (Dimension dim : List.of(
                    Dimension.TRANSPARENCY,
                    Dimension.SECURITY,
                    Dimension.PERFORMANCE,
                    Dimension.ETHICS_AND_BIAS,
                    Dimension.GOVERNANCE_AND_COMPLIANCE)) {
                assertThat(d.dimension(dim).score()).as(dim.key()).isEmpty();
            }
            assertThat(d.coverage()).isLessThan(0.2);
            for (ModelProfile p : catalog.all()) {
                assertThat(engine.decide(p, "o", c).score()).isGreaterThanOrEqualTo(d.score());
            }
        }
    }

    @Test
    void makingAFactUnknownNeverRaisesTheScore() {
        for (Context c : contexts.all()) {
            for (ModelProfile p : catalog.all()) {
                double full = engine.decide(p, "o", c).score();
                ModelProfile noEvidence = strip(p);
                assertThat(engine.decide(noEvidence, "o", c).score())
                        .as(p.id() + " in " + c.name())
                        .isLessThanOrEqualTo(full + 1e-12);
            }
        }
    }

    @Test
    void aBadKnownResultStillScoresAtLeastAsMuchAsUnknownInItsSlot() {
        Context c = contexts.find("internal-tooling").orElseThrow();
        ModelProfile p = ModelProfile.minimal("x/m", "M", "P", Set.of(Hosting.SELF_HOSTED), Weights.OPEN);
        double unknown = engine.decide(p, "o", c).dimension(Dimension.SECURITY).signals().stream()
                .mapToDouble(s -> s.value().orElse(0.0))
                .sum();
        TrustDecision worst = engine.decide(p.withEvidence(List.of(redTeam("x/m", 1.0))), "o", c);
        assertThat(worst.dimension(Dimension.SECURITY).score()).contains(0.0);
        assertThat(unknown).isZero();
        assertThat(engine.decide(p, "o", c).dimension(Dimension.SECURITY).score())
                .isEmpty();
    }

    @Test
    void aCostCeilingIsUnknownWithoutAPriceAndCheckedWithOne() {
        Context base = contexts.find("internal-tooling").orElseThrow();
        Requirements r = base.requirements();
        Context capped = new Context(
                base.name(),
                base.description(),
                base.owner(),
                base.euAiAct(),
                base.dataSensitivity(),
                new Requirements(
                        r.selfHosting(),
                        r.licenceUse(),
                        r.allowedLicenceVerdicts(),
                        r.minMofClass(),
                        r.evidence(),
                        Optional.of(5.0)),
                base.weights(),
                base.firewall(),
                "t.yaml");
        ModelProfile gpt = catalog.find("gpt-4o").orElseThrow();
        assertThat(engine.decide(gpt, "o", capped).firstFailure().orElseThrow().status())
                .isEqualTo(Check.Status.UNKNOWN);
        TrustEngine priced = engine.withPrices(Map.of(
                "gpt-4o",
                new TrustEngine.KnownPrice(
                        new Price(new BigDecimal("2.5"), new BigDecimal("10")), "trustgate.yaml models.gpt-4o.price")));
        Check cost = priced.decide(gpt, "o", capped).firstFailure().orElseThrow();
        assertThat(cost.requirement()).isEqualTo("max-cost-per-1m-tokens");
        assertThat(cost.status()).isEqualTo(Check.Status.NOT_MET);
        assertThat(cost.source()).isEqualTo("trustgate.yaml models.gpt-4o.price");
    }

    @Test
    void aMinimumMofClassIsCheckedAgainstTheClassifier() {
        Context c = Contexts.parse(ContextsTest.VALID + "requirements:\n  min-mof-class: III\n", "m.yaml");
        TrustDecision gpt = engine.decide(catalog.find("gpt-4o").orElseThrow(), "o", c);
        Check mof = gpt.checks().stream()
                .filter(x -> x.requirement().equals("min-mof-class"))
                .findFirst()
                .orElseThrow();
        assertThat(mof.status()).isEqualTo(Check.Status.NOT_MET);
        assertThat(mof.source()).contains("model_openness_tool");
    }

    @Test
    void aProhibitedContextAllowsNoModel() {
        Context c = Contexts.parse(
                ContextsTest.VALID.replace("prohibited-practice: none", "prohibited-practice: c"), "p.yaml");
        assertThat(engine.recommend(c, catalog.all(), catalog::origin).allowed())
                .isEmpty();
        assertThat(engine.decide(catalog.find("gpt-4o").orElseThrow(), "o", c)
                        .firstFailure()
                        .orElseThrow()
                        .source())
                .contains("Art. 5");
    }

    @Test
    void theRouteIsHybridWhenTheContextAllowsBothKinds() {
        Recommendation r = recommend("customer-support-chat");
        assertThat(r.route()).isNotEmpty();
        TrustDecision primary = r.primary().orElseThrow();
        assertThat(primary).isEqualTo(r.allowed().get(0));
        assertThat(r.route().get(1).weights()).isNotEqualTo(primary.weights());
    }

    static Evidence redTeam(String model, double asr) {
        return new Evidence(
                model,
                EvidenceKind.RED_TEAM,
                "advbench",
                "run-" + (asr < 0.1 ? "1" : "2"),
                LocalDate.of(2026, 11, 20),
                "100 prompts, keyword judge",
                List.of(Measurement.of("attack_success_rate", asr, 100)),
                List.of());
    }

    /** The profile with every evidence and fact that can be unknown made unknown. */
    static ModelProfile strip(ModelProfile p) {
        return new ModelProfile(
                p.id(),
                p.name(),
                p.aliases(),
                p.family(),
                p.provider(),
                p.hosting(),
                p.weights(),
                io.trustgate.registry.profile.Fact.unknown(),
                p.parameters(),
                p.activeParameters(),
                p.trainingComputeFlop(),
                p.trainingTokens(),
                p.baseModels(),
                io.trustgate.registry.profile.Fact.unknown(),
                p.licence(),
                io.trustgate.registry.profile.MofComponents.unknown(),
                io.trustgate.registry.profile.Fact.unknown(),
                Optional.empty(),
                io.trustgate.registry.profile.EuAiAct.unknown(),
                io.trustgate.registry.profile.Provenance.none(),
                List.of(),
                List.of());
    }
}
