package io.trustgate.registry.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustgate.api.evidence.Evidence;
import io.trustgate.api.evidence.EvidenceKind;
import io.trustgate.registry.openness.MofClass;
import io.trustgate.registry.openness.MofClassifier;
import io.trustgate.registry.profile.Hosting;
import io.trustgate.registry.profile.ModelProfile;
import io.trustgate.registry.profile.OsaiRecord;
import io.trustgate.registry.profile.ProfileYaml;
import io.trustgate.registry.profile.Weights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImportersTest {
    static final Path RES = Path.of("src/test/resources");

    @Test
    void motFileBecomesAProfileWithResolvedComponentLicences() throws Exception {
        String src = "mot/Amber.yml";
        ModelProfile p = new MotImporter().read(Files.readString(RES.resolve(src)), src);
        assertThat(p.id()).isEqualTo("LLM360/Amber");
        assertThat(p.provider()).isEqualTo("LLM360");
        assertThat(p.weights()).isEqualTo(Weights.OPEN);
        assertThat(p.licence().id().optional()).contains("Apache-2.0");
        assertThat(p.licence().id().citation()).contains(src);
        assertThat(p.mof().source()).isEqualTo(src);
        assertThat(p.mof().components()).hasSize(16);
        assertThat(p.mof().components())
                .anySatisfy(c -> {
                    assertThat(c.name()).isEqualTo("Datasets");
                    assertThat(c.licence()).isEqualTo("MIT");
                })
                .anySatisfy(c -> {
                    assertThat(c.name()).isEqualTo("Model card");
                    assertThat(c.licence()).isEqualTo("Apache-2.0");
                });
        assertThat(p.parameters().known()).isFalse();
        assertThat(p.trainingComputeFlop().known()).isFalse();
        assertThat(MofClassifier.standard().classify(p.mof()).mofClass()).isEqualTo(MofClass.CLASS_I);
    }

    @Test
    void motRejectsNamesThatAreNotMofComponents() {
        String y = "release:\n  name: X\n  producer: P\n  components:\n    - name: Weights\n";
        assertThatThrownBy(() -> new MotImporter().read(y, "x.yml"))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("x.yml:5")
                .hasMessageContaining("not a MOF component");
        assertThatThrownBy(() -> new MotImporter().read("release:\n  producer: P\n", "x.yml"))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("x.yml:2")
                .hasMessageContaining("missing required key 'name'");
        assertThat(new MotImporter().read("release:\n  name: X\n", "x.yml").provider())
                .isEqualTo("unknown");
    }

    @Test
    void osaiFileKeepsTheTwelveGrades() throws Exception {
        String src = "osai/AMD OLMo.yaml";
        ModelProfile p = new OsaiImporter().read(Files.readString(RES.resolve(src)), src);
        assertThat(p.id()).isEqualTo("amd/AMD-OLMo-1B-SFT-DPO");
        assertThat(p.name()).isEqualTo("AMD OLMo");
        assertThat(p.provider()).isEqualTo("AMD");
        assertThat(p.hosting()).containsExactly(Hosting.SELF_HOSTED);
        assertThat(p.licence().id().optional()).contains("Apache-2.0");
        assertThat(p.releaseDate().known()).as("2024-10 is not a full date").isFalse();
        assertThat(p.baseModels().optional()).contains(List.of("AMD-OLMo-1B"));
        OsaiRecord o = p.osai().orElseThrow();
        assertThat(o.grades()).hasSize(12);
        assertThat(o.grades().get("paper").level()).isEqualTo(OsaiRecord.Level.CLOSED);
        assertThat(o.grades().get("paper").links()).isEmpty();
        assertThat(o.grades().get("datasheet").links()).hasSize(6);
        assertThat(o.count(OsaiRecord.Level.OPEN)).isEqualTo(10);
        assertThat(ProfileYaml.read(ProfileYaml.write(p), "w")).isEqualTo(p);
    }

    @Test
    void osaiLicenceTextThatIsNotAnSpdxIdBecomesALicenseRefWithTheText() {
        var f = OsaiImporter.licenceFact("Llama 2 Community License Agreement", "s");
        assertThat(f.optional()).contains("LicenseRef-Llama-2-Community-License-Agreement");
        assertThat(((io.trustgate.registry.profile.Fact.Known<String>) f).note())
                .contains("Llama 2 Community");
        assertThat(OsaiImporter.licenceFact("MIT License", "s").optional()).contains("MIT");
    }

    @Test
    void hfCardFrontMatterGivesLicenceLineageAndPublishedEvidence() throws Exception {
        String src = "src/test/resources/hf/example__card-model/README.md";
        ModelProfile p = new HfCardImporter(Optional.empty(), LocalDate.of(2026, 11, 26))
                .read(Files.readString(Path.of(src)), src);
        assertThat(p.id()).isEqualTo("example/card-model");
        assertThat(p.licence().id().optional()).contains("Apache-2.0");
        assertThat(p.baseModels().optional()).contains(List.of("example/open-model-7b-base"));
        assertThat(p.datasets().optional()).contains(List.of("example/instruct-mix", "example/preference-pairs"));
        assertThat(p.evidence()).hasSize(2);
        Evidence mmlu = p.evidence().get(0);
        assertThat(mmlu.kind()).isEqualTo(EvidenceKind.PUBLISHED);
        assertThat(mmlu.name()).isEqualTo("mmlu");
        assertThat(mmlu.source()).isEqualTo("https://example.org/leaderboard");
        assertThat(mmlu.method()).contains("text-generation", "config all", "split test");
        assertThat(mmlu.measurement("acc").orElseThrow().value()).isEqualTo(61.2);
        Evidence gsm = p.evidence().get(1);
        assertThat(gsm.source()).isEqualTo(src);
        assertThat(gsm.measurements()).hasSize(1);
        assertThat(gsm.notes()).anyMatch(n -> n.contains("no numeric value"));
    }

    @Test
    void hfCardLicenceOtherUsesTheLicenceName() {
        String card = "---\nlicense: other\nlicense_name: example-community\n---\n# x\n";
        ModelProfile p = new HfCardImporter(Optional.of("org/m"), LocalDate.of(2026, 1, 1)).read(card, "c.md");
        assertThat(p.licence().id().optional()).contains("LicenseRef-example-community");
        assertThat(p.provider()).isEqualTo("org");
    }

    @Test
    void hfCardWithoutFrontMatterIsRefused() {
        assertThatThrownBy(() -> new HfCardImporter().read("# Just a title\n", "README.md"))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("no YAML front matter");
        assertThatThrownBy(() -> new HfCardImporter().read("---\nlicense: mit\n", "README.md"))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("closing");
        assertThatThrownBy(() -> new HfCardImporter(Optional.of("o/m"), LocalDate.of(2026, 1, 1))
                        .read("\n---\nlicense: [mit\n---\n", "README.md"))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("README.md");
    }

    @Test
    void formatsAreNamedOnTheCommandLine() {
        assertThat(Importer.forFormat("mot").format()).isEqualTo("mot");
        assertThat(Importer.forFormat("osai").format()).isEqualTo("osai");
        assertThat(Importer.forFormat("hf-card").format()).isEqualTo("hf-card");
        assertThatThrownBy(() -> Importer.forFormat("csv")).isInstanceOf(ImportException.class);
        assertThat(Importer.huggingFaceId("https://huggingface.co/LLM360/Amber"))
                .contains("LLM360/Amber");
        assertThat(Importer.huggingFaceId("https://huggingface.co")).isEmpty();
    }
}
