package io.trustgate.registry.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustgate.api.evidence.EvidenceKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileYamlTest {
    static final Path PROFILES = Path.of("src/test/resources/profiles");

    static ModelProfile load(String file) throws Exception {
        return ProfileYaml.read(Files.readString(PROFILES.resolve(file)), file);
    }

    @Test
    void readsEveryFactWithItsSource() throws Exception {
        ModelProfile p = load("example__open-model-7b.yaml");
        assertThat(p.id()).isEqualTo("example/open-model-7b");
        assertThat(p.aliases()).containsExactly("open-model-7b", "eom-7b");
        assertThat(p.hosting()).containsExactlyInAnyOrder(Hosting.SELF_HOSTED, Hosting.VENDOR_API);
        assertThat(p.weights()).isEqualTo(Weights.OPEN);
        assertThat(p.releaseDate()).isEqualTo(Fact.of(LocalDate.of(2025, 3, 1), "https://example.org/blog/release"));
        assertThat(p.parameters().optional()).contains(7.2e9);
        assertThat(p.trainingComputeFlop())
                .isEqualTo(Fact.of(8.4e23, "https://example.org/tech-report", "6 x params x tokens"));
        assertThat(p.baseModels().optional()).contains(List.of("example/open-model-7b-base"));
        assertThat(p.licence().id().optional()).contains("Apache-2.0");
        assertThat(p.mof().components()).hasSize(7);
        assertThat(p.osaid().optional()).contains(OsaidStatus.NON_COMPLIANT);
        assertThat(p.euAiAct().signatoryGpaiCodeOfPractice().optional()).contains(true);
        assertThat(p.provenance().artifacts()).hasSize(1);
        assertThat(p.incidents()).extracting(Incident::date).containsExactly("2025-04");
        assertThat(p.evidence()).hasSize(2);
        assertThat(p.evidence().get(0).model()).isEqualTo(p.id());
        assertThat(p.evidence().get(1).kind()).isEqualTo(EvidenceKind.RED_TEAM);
        assertThat(p.evidence().get(1).measurements().get(0).hasInterval()).isTrue();
        assertThat(p.activeParameters().known()).isFalse();
    }

    @Test
    void unknownAndAbsentFactsAreUnknown() throws Exception {
        ModelProfile p = load("example-vendor__chat-pro.yaml");
        assertThat(p.parameters()).isInstanceOf(Fact.Unknown.class);
        assertThat(p.trainingTokens()).isInstanceOf(Fact.Unknown.class);
        assertThat(p.mof().assessed()).isFalse();
        ModelProfile tiny = load("example__tiny.yaml");
        assertThat(tiny.licence().id().known()).isFalse();
        assertThat(tiny.systemicRiskPresumed().known()).isFalse();
    }

    @Test
    void systemicRiskIsDerivedFromTrainingComputeAndCitesIt() throws Exception {
        Fact<Boolean> closed = load("example-vendor__chat-pro.yaml").systemicRiskPresumed();
        assertThat(closed.optional()).contains(true);
        assertThat(closed.citation()).contains("https://example.org/estimate");
        assertThat(load("example__open-model-7b.yaml").systemicRiskPresumed().optional())
                .contains(false);
    }

    @Test
    void writtenProfilesReadBackEqual() throws Exception {
        for (String f : List.of("example__open-model-7b.yaml", "example-vendor__chat-pro.yaml", "example__tiny.yaml")) {
            ModelProfile p = load(f);
            String yaml = ProfileYaml.write(p);
            assertThat(ProfileYaml.read(yaml, "written")).as(f).isEqualTo(p);
        }
    }

    @Test
    void anUnknownKeyIsNamedWithFileAndLine() {
        String y = "id: a/b\nname: B\nprovider: P\nhosting: [self-hosted]\nweights: open\nparams: 7\n";
        assertThatThrownBy(() -> ProfileYaml.read(y, "x.yaml"))
                .isInstanceOf(ProfileException.class)
                .hasMessageStartingWith("x.yaml:6:")
                .hasMessageContaining("params")
                .hasMessageContaining("unknown key");
    }

    @Test
    void badValuesNameTheirKeyAndLine() {
        String base = "id: a/b\nname: B\nprovider: P\nhosting: [self-hosted]\n";
        assertThatThrownBy(() -> ProfileYaml.read(base + "weights: ajar\n", "x.yaml"))
                .hasMessageContaining("x.yaml:5")
                .hasMessageContaining("weights must be open or closed");
        assertThatThrownBy(() ->
                        ProfileYaml.read(base + "weights: open\nparameters: {value: seven, source: s}\n", "x.yaml"))
                .hasMessageContaining("x.yaml:6")
                .hasMessageContaining("parameters.value")
                .hasMessageContaining("expected a number");
        assertThatThrownBy(() -> ProfileYaml.read(base + "weights: open\nparameters: {value: 7}\n", "x.yaml"))
                .hasMessageContaining("missing required key 'source'");
        // QA pass 5 D9: these said "x.yaml:1: model a/b: parameters must be a positive number" (no key path, line 1)
        assertThatThrownBy(
                        () -> ProfileYaml.read(base + "weights: open\nparameters: {value: -7, source: s}\n", "x.yaml"))
                .hasMessage("x.yaml:6: parameters.value: must be a positive number, was -7");
        assertThatThrownBy(() -> ProfileYaml.read(
                        base + "weights: open\n\ntraining-tokens:\n  source: s\n  value: 0\n", "x.yaml"))
                .hasMessage("x.yaml:9: training-tokens.value: must be a positive number, was 0");
        assertThatThrownBy(() -> ProfileYaml.read("name: B\n", "x.yaml"))
                .isInstanceOf(ProfileException.class)
                .hasMessageContaining("missing required key 'id'");
        assertThatThrownBy(() -> ProfileYaml.read("id: [unclosed\n", "x.yaml"))
                .isInstanceOf(ProfileException.class)
                .hasMessageContaining("x.yaml");
    }

    @Test
    void anUnknownEvidenceKindOrOsaiClassListsTheValidOnes() {
        // QA pass 5 D9: "evidence[0].kind: No enum constant io.trustgate.api.evidence.EvidenceKind.VIBES"
        String base = "id: a/b\nname: B\nprovider: P\nhosting: [self-hosted]\nweights: open\n";
        assertThatThrownBy(() -> ProfileYaml.read(
                        base + "evidence: [{kind: vibes, name: x, source: y, date: 2025-01-01, measurements: []}]\n",
                        "x.yaml"))
                .isInstanceOf(ProfileException.class)
                .hasMessage("x.yaml:6: evidence[0].kind: must be one of benchmark, red-team, bias, over-refusal,"
                        + " rating, artifact-scan, published, was 'vibes'");
        assertThatThrownBy(() -> ProfileYaml.read(
                        base + "osai-index: {source: s, grades: {weights_endmodel: {class: ajar}}}\n", "x.yaml"))
                .isInstanceOf(ProfileException.class)
                .hasMessage("x.yaml:6: osai-index.grades.weights_endmodel.class: must be open, partial or closed,"
                        + " was 'ajar'");
        // both spellings a profile may hold still read
        for (String kind : List.of("red-team", "red_team", "RED_TEAM")) {
            assertThat(ProfileYaml.read(
                                    base + "evidence: [{kind: " + kind
                                            + ", name: x, source: y, date: 2025-01-01, measurements: []}]\n",
                                    "x.yaml")
                            .evidence()
                            .get(0)
                            .kind())
                    .isEqualTo(EvidenceKind.RED_TEAM);
        }
    }

    @Test
    void anEmptyFileIsSaidToBeEmptyNotLineZero() {
        // QA pass 5 D9: the empty document's stand-in mapping has no line, and was reported at line 0
        assertThatThrownBy(() -> ProfileYaml.read("", "x.yaml"))
                .isInstanceOf(ProfileException.class)
                .hasMessage("x.yaml: empty document: missing required key 'id'");
        assertThatThrownBy(() -> ProfileYaml.read("# nothing yet\n", "x.yaml"))
                .hasMessage("x.yaml: empty document: missing required key 'id'");
    }

    @Test
    void aKeyWrittenTwiceIsRefusedNotOverwritten() {
        // QA pass 5 D6: 'weights: open' then 'weights: closed' used to read as closed
        String base = "id: a/b\nname: B\nprovider: P\nhosting: [self-hosted]\n";
        assertThatThrownBy(() -> ProfileYaml.read(base + "weights: open\nweights: closed\n", "x.yaml"))
                .isInstanceOf(ProfileException.class)
                .hasMessageStartingWith("x.yaml:6: weights: duplicate key 'weights', first at line 5");
        assertThatThrownBy(() -> ProfileYaml.read(
                        base + "weights: open\nparameters: {value: 7, source: s, value: 70}\n", "x.yaml"))
                .isInstanceOf(ProfileException.class)
                .hasMessageContaining("x.yaml:6: parameters.value: duplicate key");
    }

    @Test
    void fileNameReplacesSlashes() {
        assertThat(ProfileYaml.fileName("meta-llama/Llama-3.1-8B-Instruct"))
                .isEqualTo("meta-llama__Llama-3.1-8B-Instruct.yaml");
    }

    @Test
    void readsAFolderCatalog(@TempDir Path dir) throws Exception {
        ProfileCatalog c = ProfileCatalog.loadFolders(List.of(PROFILES));
        assertThat(c.size()).isEqualTo(3);
        assertThat(c.find("eom-7b").map(ModelProfile::id)).contains("example/open-model-7b");
        assertThat(c.find("chat-pro").map(ModelProfile::id)).contains("example-chat-pro");
        assertThat(c.find("nope")).isEmpty();
        assertThat(c.origin("example/tiny")).endsWith("example__tiny.yaml");
    }

    @Test
    void duplicateIdsAndAliasesAreRefusedNamingBothFiles(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("a.yaml"),
                "id: m/a\nname: A\nprovider: P\nhosting: [self-hosted]\nweights: open\naliases: [x]\n");
        Files.writeString(
                dir.resolve("b.yaml"), "id: m/a\nname: B\nprovider: P\nhosting: [self-hosted]\nweights: open\n");
        assertThatThrownBy(() -> ProfileCatalog.loadFolders(List.of(dir)))
                .isInstanceOf(ProfileException.class)
                .hasMessageContaining("b.yaml")
                .hasMessageContaining("a.yaml");
        Files.writeString(
                dir.resolve("b.yaml"),
                "id: m/b\nname: B\nprovider: P\nhosting: [self-hosted]\nweights: open\naliases: [x]\n");
        assertThatThrownBy(() -> ProfileCatalog.loadFolders(List.of(dir))).hasMessageContaining("alias 'x'");
    }

    @Test
    void aUserFolderExtendsTheShippedCatalogAndOverridesItsIds(@TempDir Path dir) throws Exception {
        int shipped = ProfileCatalog.load(List.of()).size();
        Files.writeString(
                dir.resolve("a.yaml"), "id: user/model\nname: A\nprovider: P\nhosting: [self-hosted]\nweights: open\n");
        ProfileCatalog c = ProfileCatalog.load(List.of(dir, dir.resolve("missing")));
        assertThat(c.size()).isEqualTo(shipped + 1);
        assertThat(c.find("user/model")).isPresent();
    }
}
