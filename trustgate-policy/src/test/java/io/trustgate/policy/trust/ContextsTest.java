package io.trustgate.policy.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustgate.registry.licence.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading contexts: the shipped examples, users' folders, and errors that name the file, the line and the key. */
class ContextsTest {
    static final String VALID = """
            name: my-context
            description: test
            owner: me
            eu-ai-act:
              role: deployer
              prohibited-practice: none
              annex-iii: none
            data-sensitivity: internal
            """;

    @TempDir
    Path dir;

    @Test
    void shipsFourExamplesWithTheirTiers() {
        Contexts c = Contexts.load(Optional.empty());
        assertThat(c.all())
                .extracting(Context::name)
                .containsExactly("internal-tooling", "customer-support-chat", "clinical-notes", "credit-decisions");
        assertThat(c.find("internal-tooling").orElseThrow().tier()).isEqualTo(RiskTier.MINIMAL);
        assertThat(c.find("customer-support-chat").orElseThrow().tier()).isEqualTo(RiskTier.LIMITED);
        assertThat(c.find("clinical-notes").orElseThrow().tier()).isEqualTo(RiskTier.LIMITED);
        assertThat(c.find("clinical-notes").orElseThrow().requirements().dataResidency())
                .contains("EU");
        assertThat(c.find("clinical-notes").orElseThrow().dataSensitivity()).isEqualTo(DataSensitivity.HEALTH);
        assertThat(c.find("credit-decisions").orElseThrow().tier()).isEqualTo(RiskTier.HIGH);
    }

    @Test
    void creditDecisionsIsAnnexIiiHighRiskWithDeployerObligationsAndAFundamentalRightsAssessment() {
        Context credit =
                Contexts.load(Optional.empty()).find("credit-decisions").orElseThrow();
        assertThat(credit.euAiAct().tierReason()).contains("Annex III point 5(b)", "creditworthiness");
        assertThat(credit.euAiAct().obligations())
                .extracting(Obligation::article)
                .contains(
                        "Art. 4",
                        "Art. 26(1)",
                        "Art. 26(2)",
                        "Art. 26(6)",
                        "Art. 26(11)",
                        "Art. 27",
                        "Art. 86",
                        "Art. 50(2)")
                .doesNotContain("Art. 9", "Art. 43"); // provider duties: the deployer does not carry them
    }

    @Test
    void customerSupportChatCarriesTheArticle50Duties() {
        Context chat =
                Contexts.load(Optional.empty()).find("customer-support-chat").orElseThrow();
        assertThat(chat.euAiAct().obligations())
                .extracting(Obligation::article)
                .contains("Art. 50(1)", "Art. 50(2)")
                .doesNotContain("Art. 26(1)");
    }

    @Test
    void aProhibitedPracticeGivesTheProhibitedTierAndOnlyTheBan() {
        Questionnaire q =
                new Questionnaire("deployer", Optional.of("c"), Optional.of("5(b)"), false, true, true, false);
        assertThat(q.tier()).isEqualTo(RiskTier.PROHIBITED);
        assertThat(q.obligations())
                .singleElement()
                .extracting(Obligation::article)
                .isEqualTo("Art. 5(1)(c)");
    }

    @Test
    void anAnnexIProductIsHighRiskUnderArticle6Paragraph1() {
        Questionnaire q = new Questionnaire("provider", Optional.empty(), Optional.empty(), true, false, false, false);
        assertThat(q.tier()).isEqualTo(RiskTier.HIGH);
        assertThat(q.tierReason()).startsWith("Art. 6(1)");
        assertThat(q.obligations())
                .extracting(Obligation::article)
                .contains("Art. 9", "Art. 43", "Art. 26(6)")
                .doesNotContain("Art. 27");
    }

    @Test
    void aUserFileReplacesTheShippedContextOfTheSameNameAndDefaultsApply() throws Exception {
        Files.writeString(dir.resolve("it.yaml"), VALID.replace("my-context", "internal-tooling"));
        Context c = Contexts.load(Optional.of(dir)).find("internal-tooling").orElseThrow();
        assertThat(c.owner()).isEqualTo("me");
        assertThat(c.tier()).isEqualTo(RiskTier.MINIMAL);
        assertThat(c.requirements().allowedLicenceVerdicts()).containsExactly(Verdict.ALLOWED);
        assertThat(c.weights().values()).containsOnly(1.0);
        assertThat(c.source()).endsWith("it.yaml");
    }

    @Test
    void anUnknownKeyIsNamedWithFileAndLine() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, VALID + "requirements:\n  self-hostin: required\n");
        assertThatThrownBy(() -> Contexts.load(Optional.of(dir)))
                .isInstanceOf(ContextException.class)
                .hasMessageContaining(f + ":10")
                .hasMessageContaining("requirements.self-hostin")
                .hasMessageContaining("unknown key");
    }

    @Test
    void aSecondDataSensitivityCannotDowngradeTheFirst() {
        // QA pass 5 D6: the last value used to win, so this read as public
        assertThatThrownBy(() -> Contexts.parse(
                        VALID.replace("internal", "health") + "weights: {transparency: 1}\ndata-sensitivity: public\n",
                        "c.yaml"))
                .isInstanceOf(ContextException.class)
                .hasMessageStartingWith(
                        "c.yaml:10: data-sensitivity: duplicate key 'data-sensitivity', first at line 8");
        assertThatThrownBy(() -> Contexts.parse(
                        VALID.replace("  annex-iii: none\n", "  annex-iii: none\n  role: provider\n"), "c.yaml"))
                .hasMessageStartingWith("c.yaml:8: eu-ai-act.role: duplicate key");
    }

    @Test
    void aBadAnnexIiiPointIsNamedWithFileAndKey() {
        assertThatThrownBy(() -> Contexts.parse(VALID.replace("annex-iii: none", "annex-iii: 9(z)"), "c.yaml"))
                .isInstanceOf(ContextException.class)
                .hasMessageContaining("c.yaml:7")
                .hasMessageContaining("eu-ai-act.annex-iii")
                .hasMessageContaining("9(z)");
    }

    @Test
    void aMissingQuestionIsRefusedNotAssumed() {
        assertThatThrownBy(() -> Contexts.parse(VALID.replace("  annex-iii: none\n", ""), "c.yaml"))
                .isInstanceOf(ContextException.class)
                .hasMessageContaining("c.yaml:")
                .hasMessageContaining("eu-ai-act")
                .hasMessageContaining("'annex-iii'");
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() ->
                        Contexts.parse(VALID + "requirements:\n  licence:\n    use:\n      region: Europe\n", "c.yaml"))
                .hasMessageContaining("c.yaml:")
                .hasMessageContaining("requirements.licence.use.region")
                .hasMessageContaining("EUROPE");
        assertThatThrownBy(() -> Contexts.parse(VALID + "weights:\n  security: -1\n", "c.yaml"))
                .hasMessageContaining("c.yaml:10")
                .hasMessageContaining("weights.security");
        assertThatThrownBy(() -> Contexts.parse(VALID.replace("internal", "secret"), "c.yaml"))
                .hasMessageContaining("c.yaml:8")
                .hasMessageContaining("data-sensitivity");
        assertThatThrownBy(() -> Contexts.parse(
                        VALID + "requirements:\n  evidence:\n    - kind: red-team\n      measurement: asr\n", "c.yaml"))
                .hasMessageContaining("requirements.evidence[0]")
                .hasMessageContaining("exactly one of min and max");
        assertThatThrownBy(() -> Contexts.parse(VALID.replace("my-context", "My Context"), "c.yaml"))
                .hasMessageContaining("c.yaml:1")
                .hasMessageContaining("name");
    }

    @Test
    void eachAnswerOfTheQuestionnaireIsNamedAtItsOwnKeyAndLine() {
        // QA pass 5 D9: a bad prohibited-practice (line 6) was reported at annex-iii (line 7), under annex-iii's key
        assertThatThrownBy(() ->
                        Contexts.parse(VALID.replace("prohibited-practice: none", "prohibited-practice: z"), "c.yaml"))
                .isInstanceOf(ContextException.class)
                .hasMessageStartingWith("c.yaml:6: eu-ai-act.prohibited-practice: ")
                .hasMessageContaining("Art. 5(1)")
                .hasMessageContaining("'z'");
        assertThatThrownBy(() -> Contexts.parse(VALID.replace("role: deployer", "role: user"), "c.yaml"))
                .hasMessageStartingWith("c.yaml:5: eu-ai-act.role: ")
                .hasMessageContaining("'user'");
        assertThatThrownBy(() -> Contexts.parse(VALID.replace("owner: me", "owner: ' '"), "c.yaml"))
                .hasMessageStartingWith("c.yaml:3: owner: ")
                .hasMessageContaining("blank");
    }

    @Test
    void weightsThatAreAllZeroAreNamedAtTheWeights() {
        // QA pass 5 D9: reported as "c.yaml:1: name: weights: at least one must be > 0"
        assertThatThrownBy(() -> Contexts.parse(
                        VALID + "weights: {transparency: 0, security: 0, performance: 0, ethics-and-bias: 0,"
                                + " governance-and-compliance: 0, support-and-community: 0}\n",
                        "c.yaml"))
                .isInstanceOf(ContextException.class)
                .hasMessage("c.yaml:9: weights: at least one must be > 0");
    }

    @Test
    void anEmptyFileIsSaidToBeEmptyNotLineZero() throws Exception {
        // QA pass 5 D9: "empty.yaml:0: missing required key 'name'"
        for (String text : List.of("", "# only a comment\n")) {
            assertThatThrownBy(() -> Contexts.parse(text, "empty.yaml"))
                    .isInstanceOf(ContextException.class)
                    .hasMessage("empty.yaml: empty document: missing required key 'name'");
        }
    }

    @Test
    void aFileThatIsNotUtf8IsSaidToBe() throws Exception {
        // QA pass 5 D9: "n.yaml: cannot read: Input length = 2"
        Path latin = dir.resolve("n.yaml");
        Files.write(latin, "name: caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> Contexts.load(Optional.of(dir)))
                .isInstanceOf(ContextException.class)
                .hasMessage(latin + ": not UTF-8 text");
        Files.write(latin, new byte[] {0, (byte) 0xff, (byte) 0xfe, 7});
        assertThatThrownBy(() -> Contexts.read(latin)).hasMessage(latin + ": not UTF-8 text");
    }

    @Test
    void anUnknownEvidenceKindListsTheValidOnes() {
        // QA pass 5 D9: the message was Java's "No enum constant io.trustgate.api.evidence.EvidenceKind.VIBES"
        assertThatThrownBy(() -> Contexts.parse(
                        VALID + "requirements:\n  evidence:\n    - {kind: vibes, measurement: asr, max: 0.1}\n",
                        "c.yaml"))
                .isInstanceOf(ContextException.class)
                .hasMessage("c.yaml:11: requirements.evidence[0].kind: must be one of benchmark, red-team, bias,"
                        + " over-refusal, rating, artifact-scan, published, was 'vibes'");
    }

    @Test
    void twoUserFilesWithOneNameAreRefused() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), VALID);
        Files.writeString(dir.resolve("b.yaml"), VALID);
        assertThatThrownBy(() -> Contexts.load(Optional.of(dir)))
                .hasMessageContaining("b.yaml")
                .hasMessageContaining("already declared in")
                .hasMessageContaining("a.yaml");
    }
}
