package io.trustgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustgate.api.evidence.Evidence;
import io.trustgate.api.evidence.EvidenceKind;
import io.trustgate.api.evidence.Measurement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trustgate models}: listing, showing, importing into the user catalog, exporting; exit codes. */
class ModelsCommandTest {
    static final Path RES = Path.of("src/test/resources/models");

    @TempDir
    Path dir;

    Path catalog;

    @BeforeEach
    void catalog() throws Exception {
        catalog = dir.resolve("my-catalog");
        Files.createDirectories(catalog);
        Files.copy(RES.resolve("example__open-model-7b.yaml"), catalog.resolve("example__open-model-7b.yaml"));
    }

    private CliTest.Result run(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 4);
        all[args.length] = "--data-dir";
        all[args.length + 1] = dir.resolve("data").toString();
        all[args.length + 2] = "--catalog";
        all[args.length + 3] = catalog.toString();
        return CliTest.run(all);
    }

    @Test
    void listShowsUserProfilesWithTheirMofClassAndSupportsJson() throws Exception {
        CliTest.Result r = run("models", "list");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("example/open-model-7b", "Example Lab", "Apache-2.0", "Class III - Open Model");
        CliTest.Result j = run("models", "list", "--json");
        JsonNode arr = new ObjectMapper().readTree(j.out());
        JsonNode m = null;
        for (JsonNode n : arr) {
            if (n.path("id").asText().equals("example/open-model-7b")) {
                m = n;
            }
        }
        assertThat(m).isNotNull();
        assertThat(m.path("mof-class").asText()).isEqualTo("Class III - Open Model");
        assertThat(m.path("origin").asText()).endsWith("example__open-model-7b.yaml");
    }

    @Test
    void showByAliasMergesTheEvidenceRecordedHere() throws Exception {
        new EvidenceFiles(dir.resolve("data"))
                .write(new Evidence(
                        "example/open-model-7b",
                        EvidenceKind.BENCHMARK,
                        "gsm8k",
                        "run-123",
                        LocalDate.of(2026, 11, 20),
                        "200 problems, exact match",
                        List.of(Measurement.of("accuracy", 0.4, 200)),
                        List.of()));
        CliTest.Result r = run("models", "show", "eom-7b");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains("# Example Open Model 7B")
                .contains("| Active parameters | unknown | - |")
                .contains("gsm8k", "run-123", "mmlu")
                .contains("evidence recorded here: 1");
        JsonNode j = new ObjectMapper()
                .readTree(run("models", "show", "eom-7b", "--json").out());
        assertThat(j.path("id").asText()).isEqualTo("example/open-model-7b");
        assertThat(j.path("evidence")).hasSize(3);
        assertThat(j.path("mof-classification").path("class").asInt()).isEqualTo(3);
        assertThat(j.path("systemic-risk-presumed").asText()).isEqualTo("false");
        assertThat(j.path("parameters").path("source").asText()).isEqualTo("https://example.org/model-card");
    }

    @Test
    void anUnknownModelIsAUsageError() {
        CliTest.Result r = run("models", "show", "no/such-model");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no model 'no/such-model'");
    }

    @Test
    void importWritesProfilesIntoTheCatalogAndTheyListAfterwards() throws Exception {
        CliTest.Result r = run(
                "models",
                "import",
                "--format",
                "mot",
                RES.resolve("mot-Amber.yml").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("imported LLM360/Amber", "Class I - Open Science Model", "imported 1 profile(s)");
        assertThat(catalog.resolve("LLM360__Amber.yaml")).exists();
        assertThat(run("models", "list").out()).contains("LLM360/Amber");
        assertThat(run("models", "show", "LLM360/Amber").out()).contains("mot-Amber.yml");
    }

    @Test
    void importingAModelTheCatalogKnowsUpdatesItInsteadOfReplacingIt() throws Exception {
        Path card = dir.resolve("card/README.md");
        Files.createDirectories(card.getParent());
        Files.writeString(
                card,
                "---\nlicense: mit\ndatasets: [d/x]\nmodel-index:\n- name: x\n  results:\n"
                        + "  - dataset: {name: GSM8K}\n    metrics: [{type: acc, value: 50}]\n---\n");
        CliTest.Result r =
                run("models", "import", "--format", "hf-card", "--id", "example/open-model-7b", card.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("updated example/open-model-7b");
        JsonNode j = new ObjectMapper()
                .readTree(run("models", "show", "eom-7b", "--json").out());
        assertThat(j.path("licence").path("id").path("value").asText())
                .as("known facts stay")
                .isEqualTo("Apache-2.0");
        assertThat(j.path("datasets").path("value").get(0).asText()).isEqualTo("d/x");
        assertThat(j.path("evidence")).hasSize(3);
        assertThat(j.path("aliases")).hasSize(2);
    }

    @Test
    void importsEveryRealMotAndOsaiFile() throws Exception {
        Path shared = Path.of("../../shared/datasets/openness").toAbsolutePath().normalize();
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isDirectory(shared.resolve("mot/models")), "../shared is absent: skipped");
        CliTest.Result mot = run(
                "models",
                "import",
                "--format",
                "mot",
                shared.resolve("mot/models").toString());
        assertThat(mot.out()).contains("imported 271 profile(s)", "2 file(s) skipped");
        assertThat(mot.code()).isEqualTo(1);
        CliTest.Result osai = run(
                "models",
                "import",
                "--format",
                "osai",
                shared.resolve("osai-index").toString());
        assertThat(osai.code()).as(osai.err()).isZero();
        assertThat(osai.out()).contains("imported 193 profile(s)");
        CliTest.Result list = run("models", "list", "--json");
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(new ObjectMapper().readTree(list.out()).size()).isGreaterThanOrEqualTo(1 + 271 + 193 - 4);
        System.out.println("models import, real files: "
                + mot.out().lines().reduce((a, b) -> b).orElse("") + " / "
                + osai.out().lines().reduce((a, b) -> b).orElse(""));
    }

    @Test
    void importOfAFolderSkipsBadFilesAndExitsOne() throws Exception {
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        Files.copy(RES.resolve("mot-Amber.yml"), in.resolve("Amber.yml"));
        Files.writeString(in.resolve("bad.yml"), "release: [unclosed\n");
        CliTest.Result r = run("models", "import", "--format", "mot", in.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("skipped", "bad.yml");
        assertThat(r.out()).contains("imported 1 profile(s)", "1 file(s) skipped");
        CliTest.Result bad = run("models", "import", "--format", "xml", in.toString());
        assertThat(bad.code()).isEqualTo(2);
    }

    @Test
    void exportWritesAValidCycloneDxBomAndAMarkdownCard() throws Exception {
        CliTest.Result r = run("models", "export", "example/open-model-7b", "--format", "cyclonedx");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(new JsonParser().validate(r.out(), Version.VERSION_16)).isEmpty();
        assertThat(r.out()).contains("machine-learning-model");
        CliTest.Result md = run("models", "export", "eom-7b", "--format", "markdown");
        assertThat(md.out()).contains("| Licence | Apache-2.0 | https://example.org/LICENSE |");
        assertThat(run("models", "export", "eom-7b", "--format", "pdf").code()).isEqualTo(2);
    }

    @Test
    void exportToAFolderThatDoesNotExistSaysSo() throws Exception {
        // QA pass 5 D9: the message was the bare path, "trustgate: /tmp/qa5/nodir/x.md"
        Path out = dir.resolve("nodir").resolve("x.md");
        CliTest.Result r = run("models", "export", "eom-7b", "--format", "markdown", "--output", out.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err())
                .isEqualTo("trustgate: cannot write " + out + ": no such directory " + out.getParent()
                        + System.lineSeparator());
        Path folder = Files.createDirectories(dir.resolve("a-folder"));
        CliTest.Result f = run("models", "export", "eom-7b", "--format", "markdown", "--output", folder.toString());
        assertThat(f.code()).isEqualTo(1);
        assertThat(f.err())
                .startsWith("trustgate: cannot write " + folder + ": ")
                .contains("directory");
    }

    @Test
    void cyclonedxExportIsTheSameBytesEachTime() throws Exception {
        // QA pass 5 D10: metadata.timestamp was the export time, so two exports of one profile differed
        CliTest.Result a = run("models", "export", "example/open-model-7b", "--format", "cyclonedx");
        Thread.sleep(1100); // the timestamp had whole seconds
        CliTest.Result b = run("models", "export", "example/open-model-7b", "--format", "cyclonedx");
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(b.out()).isEqualTo(a.out()).doesNotContain("\"timestamp\"");
        assertThat(new JsonParser().validate(b.out(), Version.VERSION_16)).isEmpty();
    }

    @Test
    void anInvalidCatalogFileIsReportedWithItsLine() throws Exception {
        Files.writeString(
                catalog.resolve("broken.yaml"),
                "id: x/y\nname: Y\nprovider: P\nhosting: [self-hosted]\nweights: maybe\n");
        CliTest.Result r = run("models", "list");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("broken.yaml:5", "weights must be open or closed");
    }
}
