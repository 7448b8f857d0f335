package io.trustgate.policy.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustgate.registry.profile.DataHandling;
import io.trustgate.registry.profile.DataHandlingCatalog;
import io.trustgate.registry.profile.Fact;
import io.trustgate.registry.profile.Hosting;
import io.trustgate.registry.profile.ModelProfile;
import io.trustgate.registry.profile.Weights;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The data-sensitivity rule table: each sensitivity against a vendor that says yes, says no, or is unknown. */
class DataRulesTest {
    static final String SRC = "https://vendor.example/terms (seen 2026-11-26)";

    static final ModelProfile API_ONLY =
            ModelProfile.minimal("acme-chat", "Acme Chat", "Acme", Set.of(Hosting.VENDOR_API), Weights.CLOSED);
    static final ModelProfile SELF_HOSTABLE = ModelProfile.minimal(
            "acme/open-7b", "Acme Open", "Acme", Set.of(Hosting.SELF_HOSTED, Hosting.VENDOR_API), Weights.OPEN);

    /** Every fact the way a careful context wants it. */
    static final DataHandling YES = new DataHandling(
            "Acme",
            "Acme API",
            Fact.of(false, SRC),
            Fact.of(0.0, SRC),
            Fact.of(true, SRC),
            Fact.of(List.of("EU"), SRC),
            Fact.of(true, SRC),
            Fact.of(true, SRC),
            Fact.of(true, SRC),
            "acme.yaml");
    /** Every fact the other way. */
    static final DataHandling NO = new DataHandling(
            "Acme",
            "Acme API",
            Fact.of(true, SRC),
            Fact.of(30.0, SRC),
            Fact.of(false, SRC),
            Fact.of(List.of("US"), SRC),
            Fact.of(false, SRC),
            Fact.of(false, SRC),
            Fact.of(false, SRC),
            "acme.yaml");

    static final DataHandling UNKNOWN = DataHandling.unknown("Acme");

    static Context context(DataSensitivity s, boolean euResidency) {
        return Contexts.parse("""
                name: ctx
                owner: me
                eu-ai-act: {role: deployer, prohibited-practice: none, annex-iii: none}
                data-sensitivity: %s
                requirements: {licence: {use: {commercial: true}}%s}
                """.formatted(s.key(), euResidency ? ", data-residency: EU" : ""), "ctx.yaml");
    }

    /** requirement suffix -> status, in order. */
    static Map<String, Check.Status> table(DataSensitivity s, boolean eu, ModelProfile p, DataHandling v) {
        Map<String, Check.Status> out = new LinkedHashMap<>();
        for (Check c : DataRules.checks(context(s, eu), p, "acme.yaml", v)) {
            assertThat(c.requirement()).startsWith("data (" + s.key() + "): ");
            assertThat(c.source()).isNotBlank();
            out.put(c.requirement().substring(("data (" + s.key() + "): ").length()), c.status());
        }
        return out;
    }

    static final Check.Status MET = Check.Status.MET;
    static final Check.Status NOT = Check.Status.NOT_MET;
    static final Check.Status UNK = Check.Status.UNKNOWN;

    @Test
    void publicDataAsksNothing() {
        for (DataHandling v : List.of(YES, NO, UNKNOWN)) {
            assertThat(table(DataSensitivity.PUBLIC, false, API_ONLY, v)).isEmpty();
        }
    }

    @Test
    void internalDataNeedsAVendorThatDoesNotTrainOnIt() {
        assertThat(table(DataSensitivity.INTERNAL, false, API_ONLY, YES))
                .containsExactly(Map.entry("no-training", MET));
        assertThat(table(DataSensitivity.INTERNAL, false, API_ONLY, NO)).containsExactly(Map.entry("no-training", NOT));
        assertThat(table(DataSensitivity.INTERNAL, false, API_ONLY, UNKNOWN))
                .containsExactly(Map.entry("no-training", UNK));
    }

    @Test
    void personalDataAddsADpaAndADocumentedProcessingRegionOrEuResidencyWhenAsked() {
        assertThat(table(DataSensitivity.PERSONAL, false, API_ONLY, YES))
                .containsExactly(
                        Map.entry("no-training", MET), Map.entry("dpa", MET), Map.entry("processing-region", MET));
        // A documented region is met even when it is the US: residency is only checked when the context asks.
        assertThat(table(DataSensitivity.PERSONAL, false, API_ONLY, NO))
                .containsExactly(
                        Map.entry("no-training", NOT), Map.entry("dpa", NOT), Map.entry("processing-region", MET));
        assertThat(table(DataSensitivity.PERSONAL, false, API_ONLY, UNKNOWN))
                .containsExactly(
                        Map.entry("no-training", UNK), Map.entry("dpa", UNK), Map.entry("processing-region", UNK));
        assertThat(table(DataSensitivity.PERSONAL, true, API_ONLY, YES)).containsEntry("eu-residency", MET);
        assertThat(table(DataSensitivity.PERSONAL, true, API_ONLY, NO))
                .containsEntry("eu-residency", NOT)
                .doesNotContainKey("processing-region");
        assertThat(table(DataSensitivity.PERSONAL, true, API_ONLY, UNKNOWN)).containsEntry("eu-residency", UNK);
    }

    @Test
    void healthDataAddsABaaAndZeroRetention() {
        assertThat(table(DataSensitivity.HEALTH, true, API_ONLY, YES))
                .containsExactly(
                        Map.entry("no-training", MET),
                        Map.entry("dpa", MET),
                        Map.entry("eu-residency", MET),
                        Map.entry("hipaa-baa", MET),
                        Map.entry("zero-retention", MET));
        assertThat(table(DataSensitivity.HEALTH, true, API_ONLY, NO))
                .containsOnlyKeys("no-training", "dpa", "eu-residency", "hipaa-baa", "zero-retention")
                .allSatisfy((k, v) -> assertThat(v).isEqualTo(NOT));
        assertThat(table(DataSensitivity.HEALTH, false, API_ONLY, UNKNOWN))
                .containsOnlyKeys("no-training", "dpa", "processing-region", "hipaa-baa", "zero-retention")
                .allSatisfy((k, v) -> assertThat(v).isEqualTo(UNK));
    }

    @Test
    void secretsGoToSelfHostedModelsOnlyWhateverTheVendorOffers() {
        for (DataHandling v : List.of(YES, NO, UNKNOWN)) {
            assertThat(table(DataSensitivity.SECRETS, true, API_ONLY, v))
                    .containsExactly(Map.entry("self-hosted", NOT));
        }
    }

    @Test
    void aSelfHostableModelMeetsEverySensitivityWhateverItsVendorsApiDoes() {
        for (DataSensitivity s : List.of(
                DataSensitivity.INTERNAL, DataSensitivity.PERSONAL, DataSensitivity.HEALTH, DataSensitivity.SECRETS)) {
            for (DataHandling v : List.of(YES, NO, UNKNOWN)) {
                assertThat(table(s, true, SELF_HOSTABLE, v)).containsExactly(Map.entry("self-hosted", MET));
            }
        }
    }

    @Test
    void unknownVendorFactsRefuseTheModelWithUnknownAsTheReasonNeverAsGood() {
        TrustEngine engine =
                TrustEngine.standard(LocalDate.of(2026, 11, 26)).withVendors(DataHandlingCatalog.of(List.of()));
        TrustDecision d = engine.decide(API_ONLY, "acme.yaml", context(DataSensitivity.INTERNAL, false));
        assertThat(d.allowed()).isFalse();
        Check first = d.firstFailure().orElseThrow();
        assertThat(first.toString()).startsWith("unknown: data (internal): no-training");
        assertThat(first.source()).contains("no data-handling file for provider 'Acme'");
        TrustDecision known = engine.withVendors(DataHandlingCatalog.of(List.of(YES)))
                .decide(API_ONLY, "acme.yaml", context(DataSensitivity.INTERNAL, false));
        assertThat(known.checks().get(0).status()).isEqualTo(MET);
        assertThat(known.checks().get(0).source()).isEqualTo(SRC);
    }

    @Test
    void dataResidencyAcceptsOnlyEu() {
        assertThatThrownBy(() -> Contexts.parse("""
                        name: ctx
                        owner: me
                        eu-ai-act: {role: deployer, prohibited-practice: none, annex-iii: none}
                        data-sensitivity: personal
                        requirements: {data-residency: Mars}
                        """, "ctx.yaml"))
                .hasMessageContaining("ctx.yaml:5")
                .hasMessageContaining("data-residency must be EU");
    }
}
