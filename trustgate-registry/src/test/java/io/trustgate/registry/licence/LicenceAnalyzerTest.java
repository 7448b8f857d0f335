package io.trustgate.registry.licence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One allowed and one not-allowed use per licence, each with the clause the answer must cite. */
class LicenceAnalyzerTest {
    private static final LicenceAnalyzer A = LicenceAnalyzer.shipped();

    private static UseCase.Builder commercial() {
        return UseCase.builder().commercial(true).monthlyActiveUsers(50_000).region("DE");
    }

    private static void assertCites(LicenceAssessment a, Verdict v, String clause) {
        assertThat(a.verdict()).as(a.reasons().toString()).isEqualTo(v);
        assertThat(a.reasons(v))
                .as(a.reasons().toString())
                .anyMatch(r -> r.clause().contains(clause));
    }

    @Test
    void unknownLicenceIsUnknownNeverAllowed() {
        LicenceAssessment a = A.assess("LicenseRef-Made-Up", commercial().build());
        assertThat(a.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(a.termsKey()).isEmpty();
    }

    @Test
    void spdxLicenceWithoutTermsIsUnknownButNamed() {
        LicenceAssessment a = A.assess("BSD-3-Clause", commercial().build());
        assertThat(a.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(a.reasons().get(0).text()).contains("OSI-approved: true");
    }

    @Test
    void llama31CommercialUnderTheCapIsAllowedWithAttributionAndNaming() {
        LicenceAssessment a = A.assess(
                "llama-3.1-community",
                commercial().fineTune(true).distributeWeights(true).build());
        assertThat(a.verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(a.hasDuty(DutyKind.ATTRIBUTION)).isTrue();
        assertThat(a.hasDuty(DutyKind.NAMING)).isTrue();
        assertThat(a.hasDuty(DutyKind.NOTICE_FILE)).isTrue();
    }

    @Test
    void llama31AboveSevenHundredMillionUsersIsNotAllowedCitingSection2() {
        assertCites(
                A.assess(
                        "LicenseRef-Llama-3.1-Community",
                        commercial().monthlyActiveUsers(800_000_000L).build()),
                Verdict.NOT_ALLOWED,
                "§2");
    }

    @Test
    void llama2ForbidsTrainingOtherModelsOnOutputs() {
        assertCites(
                A.assess(
                        "llama-2-community",
                        commercial().useOutputsToTrainOtherModels(true).build()),
                Verdict.NOT_ALLOWED,
                "§1.b.v");
        assertThat(A.assess("llama2", commercial().build()).verdict()).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void llama3ForbidsOutputTrainingButLlama31AllowsItWithNaming() {
        assertCites(
                A.assess(
                        "llama-3-community",
                        commercial().useOutputsToTrainOtherModels(true).build()),
                Verdict.NOT_ALLOWED,
                "§1.b.v");
        LicenceAssessment a = A.assess(
                "llama-3.1-community",
                commercial().useOutputsToTrainOtherModels(true).build());
        assertThat(a.verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(a.hasDuty(DutyKind.NAMING)).isTrue();
        assertThat(A.assess(
                                "llama-3-community",
                                commercial().hostedAsService(true).build())
                        .hasDuty(DutyKind.ATTRIBUTION))
                .isTrue();
    }

    @Test
    void llama32MultimodalIsNotLicensedToEuCompaniesButTextModelsAre() {
        assertCites(
                A.assess("llama-3.2-community", commercial().multimodal(true).build()),
                Verdict.NOT_ALLOWED,
                "Acceptable Use Policy");
        assertThat(A.assess(
                                "llama-3.2-community",
                                commercial().multimodal(false).build())
                        .verdict())
                .isEqualTo(Verdict.ALLOWED);
        assertThat(A.assess(
                                "llama-3.2-community",
                                commercial().region("US").multimodal(true).build())
                        .verdict())
                .isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void unknownRegionMakesTheMultimodalExclusionConditional() {
        assertThat(A.assess(
                                "llama-4-community",
                                commercial()
                                        .region(UseCase.ANY_REGION)
                                        .multimodal(true)
                                        .build())
                        .verdict())
                .isEqualTo(Verdict.CONDITIONAL);
    }

    @Test
    void llama33AndLlama4FollowTheSameCapAndEuRule() {
        assertCites(
                A.assess(
                        "llama-3.3-community",
                        commercial().monthlyActiveUsers(700_000_001L).build()),
                Verdict.NOT_ALLOWED,
                "§2");
        assertThat(A.assess("llama3.3", commercial().region("FR").build()).verdict())
                .isEqualTo(Verdict.ALLOWED);
        assertCites(
                A.assess(
                        "llama-4-community",
                        commercial().region("EU").multimodal(true).build()),
                Verdict.NOT_ALLOWED,
                "Llama 4 Acceptable Use Policy");
        assertThat(A.assess("llama4", commercial().region("JP").multimodal(true).build())
                        .verdict())
                .isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void gemmaHostingPassesUseRestrictionsOn() {
        LicenceAssessment a =
                A.assess("gemma-terms", commercial().hostedAsService(true).build());
        assertThat(a.verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(a.hasDuty(DutyKind.PASS_THROUGH_USE_RESTRICTIONS)).isTrue();
        assertThat(a.hasDuty(DutyKind.NOTICE_FILE)).isFalse();
    }

    @Test
    void gemmaDistillationIsOnlyConditional() {
        assertCites(
                A.assess(
                        "gemma", commercial().useOutputsToTrainOtherModels(true).build()),
                Verdict.CONDITIONAL,
                "§1.1(e)");
    }

    @Test
    void tongyiQianwenCapsCommercialUseAtOneHundredMillionUsers() {
        assertCites(
                A.assess(
                        "tongyi-qianwen",
                        commercial().monthlyActiveUsers(150_000_000L).build()),
                Verdict.NOT_ALLOWED,
                "§4");
        // the cap only binds commercial use
        assertThat(A.assess(
                                "tongyi-qianwen",
                                UseCase.builder()
                                        .monthlyActiveUsers(150_000_000L)
                                        .build())
                        .verdict())
                .isEqualTo(Verdict.ALLOWED);
        assertCites(
                A.assess(
                        "tongyi-qianwen",
                        commercial().useOutputsToTrainOtherModels(true).build()),
                Verdict.NOT_ALLOWED,
                "§5.b");
    }

    @Test
    void qwen2024KnownCapButUnverifiedTermsStayUnknown() {
        assertCites(
                A.assess(
                        "qwen-2024",
                        commercial().monthlyActiveUsers(100_000_001L).build()),
                Verdict.NOT_ALLOWED,
                "§4");
        assertThat(A.assess("qwen-2024", commercial().build()).verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(A.assess("qwen-2024", commercial().fineTune(true).build()).verdict())
                .isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void deepseekLicenceAllowsSaasWithPassThroughAndMitVersionsHaveNone() {
        LicenceAssessment a = A.assess(
                "deepseek-license-1.0", commercial().hostedAsService(true).build());
        assertThat(a.verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(a.duties())
                .anyMatch(d -> d.kind() == DutyKind.PASS_THROUGH_USE_RESTRICTIONS
                        && d.clause().contains("§4.a"));
        assertCites(
                A.assess(
                        "deepseek",
                        commercial().useOutputsToTrainOtherModels(true).build()),
                Verdict.CONDITIONAL,
                "§1");
    }

    @Test
    void bloomRailAllowsCommercialUseButOutputTrainingIsUnverified() {
        LicenceAssessment hosted = A.assess(
                "BigScience-BLOOM-RAIL-1.0", commercial().hostedAsService(true).build());
        assertThat(hosted.verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(hosted.hasDuty(DutyKind.PASS_THROUGH_USE_RESTRICTIONS)).isTrue();
        assertThat(A.assess(
                                "bigscience-bloom-rail-1.0",
                                commercial().distributeWeights(true).build())
                        .hasDuty(DutyKind.PASS_THROUGH_USE_RESTRICTIONS))
                .isTrue();
        assertThat(A.assess("bigscience-bloom-rail-1.0", commercial().build()).verdict())
                .isEqualTo(Verdict.ALLOWED);
        assertThat(A.assess(
                                "bigscience-bloom-rail-1.0",
                                commercial().useOutputsToTrainOtherModels(true).build())
                        .verdict())
                .isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void creativeMlOpenRailMAllowsCommercialUseAndUnverifiedHostingIsUnknown() {
        assertThat(A.assess("creativeml-openrail-m", commercial().build()).verdict())
                .isEqualTo(Verdict.ALLOWED);
        assertThat(A.assess(
                                "creativeml-openrail-m",
                                commercial().hostedAsService(true).build())
                        .verdict())
                .isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void mistralResearchLicenceForbidsCommercialUse() {
        assertCites(A.assess("mrl", commercial().build()), Verdict.NOT_ALLOWED, "§3.2");
        assertCites(A.assess("mrl", commercial().hostedAsService(true).build()), Verdict.NOT_ALLOWED, "§9");
        assertCites(
                A.assess("mistral-research-license", UseCase.builder().build()),
                Verdict.CONDITIONAL,
                "Research Purposes");
    }

    @Test
    void mistralNonProductionLicenceForbidsCommercialHostedServices() {
        assertCites(A.assess("mnpl", commercial().hostedAsService(true).build()), Verdict.NOT_ALLOWED, "§3.2");
        assertThat(A.assess("mnpl", UseCase.builder().build()).verdict()).isEqualTo(Verdict.CONDITIONAL);
        assertThat(A.assess("mnpl", UseCase.builder().hostedAsService(true).build())
                        .verdict())
                .isEqualTo(Verdict.CONDITIONAL);
    }

    @Test
    void apacheCommercialIsAllowedWithNoticeDuty() {
        LicenceAssessment a =
                A.assess("Apache-2.0", commercial().distributeWeights(true).build());
        assertThat(a.verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(a.duties())
                .anyMatch(d -> d.kind() == DutyKind.NOTICE_FILE && d.clause().equals("§4(d)"));
        assertThat(a.duties()).anyMatch(d -> d.kind() == DutyKind.LICENCE_COPY);
    }

    @Test
    void mitAllowsEverythingWithNoticeRetention() {
        LicenceAssessment a = A.assess(
                "MIT", commercial().distributeWeights(true).fineTune(true).build());
        assertThat(a.verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(a.hasDuty(DutyKind.RETAIN_NOTICES)).isTrue();
        assertThat(A.assess("MIT", commercial().build()).duties()).isEmpty();
    }

    @Test
    void ccByNcForbidsCommercialUse() {
        assertCites(A.assess("CC-BY-NC-4.0", commercial().build()), Verdict.NOT_ALLOWED, "§2(a)(1)");
        LicenceAssessment nc = A.assess(
                "cc-by-nc-4.0", UseCase.builder().distributeWeights(true).build());
        assertThat(nc.verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(nc.hasDuty(DutyKind.ATTRIBUTION)).isTrue();
    }

    @Test
    void falcon180bTermsAreUnverifiedSoUnknown() {
        assertThat(A.assess("falcon-180b-tii", commercial().build()).verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(A.assess("falcon-180b-tii", UseCase.builder().build()).verdict())
                .isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void vendorApiCommercialUseIsAllowedButWeightsAreNot() {
        for (String vendor : new String[] {
            "LicenseRef-Proprietary-OpenAI", "LicenseRef-Proprietary-Anthropic", "LicenseRef-Proprietary-Google"
        }) {
            LicenceAssessment ok = A.assess(vendor, commercial().build());
            assertThat(ok.verdict()).as(vendor).isEqualTo(Verdict.ALLOWED);
            assertThat(ok.hasDuty(DutyKind.ACCEPTABLE_USE_POLICY)).as(vendor).isTrue();
            assertThat(A.assess(vendor, commercial().distributeWeights(true).build())
                            .verdict())
                    .as(vendor)
                    .isEqualTo(Verdict.NOT_ALLOWED);
            assertThat(A.assess(
                                    vendor,
                                    commercial()
                                            .useOutputsToTrainOtherModels(true)
                                            .build())
                            .verdict())
                    .as(vendor)
                    .isEqualTo(Verdict.CONDITIONAL);
        }
    }

    @Test
    void deepseekLicenceForbidsMilitaryUseAndAutomatedAdverseDecisions() {
        assertCites(
                A.assess(
                        "deepseek-license-1.0",
                        commercial().purposes("military").build()),
                Verdict.NOT_ALLOWED,
                "Attachment A");
        assertCites(
                A.assess(
                        "deepseek",
                        commercial()
                                .purposes("fully-automated-adverse-decisions")
                                .build()),
                Verdict.NOT_ALLOWED,
                "Attachment A");
    }

    @Test
    void llamaUsePolicyForbidsUnlicensedProfessionalPracticeAndGemmaWeapons() {
        assertCites(
                A.assess(
                        "llama-3.1-community",
                        commercial()
                                .purposes("unlicensed-professional-practice")
                                .build()),
                Verdict.NOT_ALLOWED,
                "Llama 3.1 Acceptable Use Policy");
        assertCites(
                A.assess(
                        "llama-4-community",
                        commercial().region("US").purposes("military").build()),
                Verdict.NOT_ALLOWED,
                "Llama 4 Acceptable Use Policy");
        assertCites(
                A.assess(
                        "gemma-terms",
                        commercial().purposes("weapons-development").build()),
                Verdict.NOT_ALLOWED,
                "Prohibited Use Policy");
    }

    @Test
    void aPurposeTheUsePolicyWasNotCheckedForIsConditionalAndPermissiveLicencesAreSilent() {
        assertThat(A.assess(
                                "bigscience-bloom-rail-1.0",
                                commercial().purposes("military").build())
                        .verdict())
                .isEqualTo(Verdict.CONDITIONAL);
        assertThat(A.assess("Apache-2.0", commercial().purposes("military").build())
                        .verdict())
                .isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void everyShippedLicenceCitesAClauseForEveryKnownTermAndHasAUrl() {
        for (LicenceTerms t : A.terms().all()) {
            assertThat(t.url()).as(t.key()).startsWith("https://");
            t.terms().values().stream()
                    .filter(x -> x.value() != Verdict.UNKNOWN)
                    .forEach(x ->
                            assertThat(x.clause()).as(t.key() + " " + x.kind()).isNotBlank());
        }
        assertThat(A.terms().keys()).hasSizeGreaterThanOrEqualTo(21);
    }
}
