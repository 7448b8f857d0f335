package io.trustgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustgate.api.evidence.Evidence;
import io.trustgate.api.evidence.EvidenceKind;
import io.trustgate.api.evidence.Measurement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trustgate contexts | trust | compare}: text and JSON, this installation's evidence, user contexts, errors. */
class TrustCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private CliTest.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data-dir");
        all.add(dir.resolve("data").toString());
        return CliTest.run(all.toArray(String[]::new));
    }

    @Test
    void contextsListAndShowGiveTheTierAndTheObligationsWithArticles() throws Exception {
        CliTest.Result l = run("contexts", "list");
        assertThat(l.code()).isZero();
        assertThat(l.out())
                .contains("internal-tooling", "minimal", "clinical-notes", "health", "credit-decisions", "high");
        CliTest.Result s = run("contexts", "show", "credit-decisions");
        assertThat(s.code()).isZero();
        assertThat(run("contexts", "show", "clinical-notes").out())
                .contains("data (health), a vendor-API-only model needs", "HIPAA BAA", "data residency: EU");
        assertThat(s.out()).contains("Annex III point 5(b)", "Art. 26(6)", "Art. 27", "attack_success_rate <= 0.1");
        JsonNode j = JSON.readTree(
                run("contexts", "show", "credit-decisions", "--json").out());
        assertThat(j.path("eu-ai-act").path("risk-tier").asText()).isEqualTo("high");
        assertThat(j.path("eu-ai-act").path("obligations").findValuesAsText("article"))
                .contains("Art. 86");
        assertThat(JSON.readTree(run("contexts", "list", "--json").out())).hasSize(4);
        assertThat(run("contexts", "show", "nope").code()).isEqualTo(2);
    }

    @Test
    void trustForClinicalNotesRefusesClosedApiModelsNamingTheFirstFailingReason() throws Exception {
        CliTest.Result r = run("trust", "--context", "clinical-notes");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains(
                        "Allowed: ",
                        "Route",
                        "Not allowed",
                        "claude-sonnet-4-20250514",
                        "not-met: data (health): eu-residency",
                        "unknown: data (health): hipaa-baa",
                        "EU AI Act role general-purpose-ai-model",
                        "Art. 53(1)(c)");
        JsonNode j = JSON.readTree(
                run("trust", "--context", "clinical-notes", "--json").out());
        assertThat(j.path("closed")).isEmpty();
        assertThat(j.path("allowed")).isNotEmpty();
        for (JsonNode d : j.path("allowed")) {
            assertThat(d.path("allowed").asBoolean()).isTrue();
            for (JsonNode c : d.path("checks")) {
                assertThat(c.path("status").asText()).isEqualTo("met");
                assertThat(c.path("source").asText()).isNotBlank();
            }
            assertThat(d.path("dimensions")).hasSize(6);
        }
        JsonNode claude = null;
        for (JsonNode d : j.path("not-allowed")) {
            if (d.path("model").asText().equals("claude-sonnet-4-20250514")) {
                claude = d;
            }
        }
        assertThat(claude).isNotNull();
        assertThat(claude.path("first-failure").path("requirement").asText()).isEqualTo("data (health): eu-residency");
        assertThat(claude.path("first-failure").path("source").asText())
                .startsWith("https://platform.claude.com/")
                .contains("(seen 2026-11-26)");
        assertThat(claude.path("gpai").path("role").asText()).isEqualTo("general-purpose-ai-model");
        assertThat(claude.path("gpai").path("duties").findValuesAsText("article"))
                .contains("Art. 53(1)(a)", "Art. 53(1)(b)");
    }

    @Test
    void theSameClosedModelIsAllowedForInternalToolingButNotForClinicalNotes() throws Exception {
        JsonNode internal = JSON.readTree(
                run("trust", "--context", "internal-tooling", "--json").out());
        assertThat(internal.path("closed").toString()).contains("claude-sonnet-4-20250514");
        JsonNode clinical = JSON.readTree(
                run("trust", "--context", "clinical-notes", "--json").out());
        assertThat(clinical.path("closed").toString()).doesNotContain("claude-sonnet-4-20250514");
    }

    @Test
    void aUserProviderFileReplacesTheShippedVendorFacts() throws Exception {
        Path providers = dir.resolve("data").resolve("catalog").resolve("providers");
        Files.createDirectories(providers);
        Files.writeString(providers.resolve("anthropic.yaml"), """
                provider: Anthropic
                trains-on-customer-data: {value: false, source: "https://example.org/terms", seen: 2026-11-20}
                dpa: {value: true, source: "https://example.org/dpa", seen: 2026-11-20}
                eu-data-residency: {value: true, source: "https://example.org/eu", seen: 2026-11-20}
                hipaa-baa: {value: true, source: "https://example.org/baa", seen: 2026-11-20}
                zero-retention: {value: true, source: "https://example.org/zdr", seen: 2026-11-20}
                """);
        JsonNode cmp = JSON.readTree(
                run("compare", "claude-sonnet-4-20250514", "gpt-4o", "--context", "clinical-notes", "--json")
                        .out());
        JsonNode claude = cmp.path("models").get(0);
        // Every data check is now met from the user's file; what still refuses it is the licence (fine-tuning asked).
        for (JsonNode c : claude.path("checks")) {
            if (c.path("requirement").asText().startsWith("data (health)")) {
                assertThat(c.path("status").asText()).isEqualTo("met");
                assertThat(c.path("source").asText()).startsWith("https://example.org/");
            }
        }
        assertThat(claude.path("first-failure").path("requirement").asText()).isEqualTo("licence");
        Files.writeString(providers.resolve("anthropic.yaml"), "provider: Anthropic\ndpa: {value: true}\n");
        CliTest.Result bad = run("trust", "--context", "clinical-notes");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("anthropic.yaml", "source");
    }

    @Test
    void evidenceGatheredHereCanMakeAModelAllowedForCreditDecisions() throws Exception {
        JsonNode before = JSON.readTree(
                run("trust", "--context", "credit-decisions", "--json").out());
        assertThat(before.path("allowed")).isEmpty();
        new EvidenceFiles(dir.resolve("data"))
                .write(new Evidence(
                        "meta-llama/Llama-3.3-70B-Instruct",
                        EvidenceKind.RED_TEAM,
                        "advbench",
                        "run-42",
                        LocalDate.of(2026, 11, 20),
                        "100 prompts, keyword judge",
                        List.of(Measurement.of("attack_success_rate", 0.04, 100)),
                        List.of()));
        JsonNode after = JSON.readTree(
                run("trust", "--context", "credit-decisions", "--json").out());
        assertThat(after.path("route").get(0).asText()).isEqualTo("meta-llama/Llama-3.3-70B-Instruct");
        assertThat(after.path("allowed").get(0).path("checks").toString()).contains("run-42");
    }

    private JsonNode artifactSignal(String model) throws Exception {
        JsonNode j = JSON.readTree(run("compare", model, "gpt-4o", "--json").out());
        for (JsonNode d : j.path("models").get(0).path("dimensions")) {
            for (JsonNode sig : d.path("signals")) {
                if (sig.path("name").asText().equals("artifact-scan")) {
                    return sig;
                }
            }
        }
        throw new AssertionError("no artifact-scan signal in " + j);
    }

    @Test
    void scanEvidenceStoredWithModelIsReadByCompareAndTrust() throws Exception {
        // QA pass 5 #6: scan stores findings_critical|high|... and passed; the scorer read only findings/unsafe.
        String model = "meta-llama/Llama-3.3-70B-Instruct";
        assertThat(artifactSignal(model).path("value").asText()).isEqualTo("unknown");
        Path clean = Files.createDirectories(dir.resolve("clean"));
        Files.writeString(clean.resolve("config.json"), "{}");
        assertThat(run("scan", clean.toString(), "--model", model).code()).isZero();
        assertThat(artifactSignal(model).path("value").asDouble()).isEqualTo(1.0);

        Path evil = Files.createDirectories(dir.resolve("evil"));
        Files.write(
                evil.resolve("pytorch_model.bin"),
                "\u0080\u0002cos\nsystem\nX\u0002\u0000\u0000\u0000id\u0085R.".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(run("scan", evil.toString(), "--model", model).code()).isEqualTo(1);
        JsonNode sig = artifactSignal(model);
        assertThat(sig.path("value").asDouble()).isZero();
        assertThat(sig.path("basis").asText()).contains("1 unsafe finding");
        assertThat(run("trust", "--context", "internal-tooling", "--json").out())
                .contains("1 unsafe finding");
    }

    @Test
    void compareShowsBothModelsDimensionByDimensionWithUnknownsAsUnknown() throws Exception {
        CliTest.Result r = run("compare", "gpt-4o", "meta-llama/Llama-3.3-70B-Instruct", "--context", "clinical-notes");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains(
                        "transparency",
                        "security",
                        "unknown",
                        "not allowed (unknown: licence)",
                        "allowed",
                        "gpai duties",
                        "systemic risk");
        JsonNode j = JSON.readTree(run("compare", "gpt-4o", "o3", "--json").out());
        assertThat(j.path("context").asText()).isEqualTo("none");
        assertThat(j.path("models")).hasSize(2);
        assertThat(j.path("models")
                        .get(0)
                        .path("dimensions")
                        .get(1)
                        .path("score")
                        .asText())
                .isEqualTo("unknown");
        assertThat(run("compare", "gpt-4o", "no-such-model").code()).isEqualTo(2);
    }

    @Test
    void aUserContextFolderAddsContextsAndItsErrorsNameFileAndKey() throws Exception {
        Path ctx = dir.resolve("ctx");
        Files.createDirectories(ctx);
        Files.writeString(ctx.resolve("lab.yaml"), """
                name: lab
                owner: research
                eu-ai-act:
                  role: deployer
                  prohibited-practice: none
                  annex-iii: none
                data-sensitivity: public
                requirements:
                  self-hosting: required
                  min-mof-class: III
                """);
        CliTest.Result ok = run("contexts", "list", "--contexts", ctx.toString());
        assertThat(ok.out()).contains("lab", "minimal");
        CliTest.Result t = run("trust", "--context", "lab", "--contexts", ctx.toString());
        assertThat(t.code()).isZero();
        assertThat(t.out()).contains("min-mof-class");
        Files.writeString(ctx.resolve("bad.yaml"), "name: bad\nowner: x\neu-ai-act: {role: boss}\n");
        CliTest.Result bad = run("contexts", "list", "--contexts", ctx.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("bad.yaml:3", "eu-ai-act");
    }
}
