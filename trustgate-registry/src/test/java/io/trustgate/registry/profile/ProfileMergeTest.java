package io.trustgate.registry.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.api.evidence.Evidence;
import io.trustgate.api.evidence.EvidenceKind;
import io.trustgate.api.evidence.Measurement;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProfileMergeTest {
    @Test
    void anImportFillsUnknownsAndAddsEvidenceButNeverOverridesKnownFacts() throws Exception {
        ModelProfile existing = ProfileYamlTest.load("example__open-model-7b.yaml");
        Evidence extra = new Evidence(
                existing.id(),
                EvidenceKind.PUBLISHED,
                "gsm8k",
                "card",
                LocalDate.of(2026, 1, 1),
                "as reported",
                List.of(Measurement.of("acc", 50, 0)),
                List.of());
        ModelProfile minimal =
                ModelProfile.minimal(existing.id(), "Other name", "Other", Set.of(Hosting.VENDOR_API), Weights.CLOSED);
        ModelProfile imported = new ModelProfile(
                        minimal.id(),
                        minimal.name(),
                        minimal.aliases(),
                        minimal.family(),
                        minimal.provider(),
                        minimal.hosting(),
                        minimal.weights(),
                        minimal.releaseDate(),
                        Fact.of(9e9, "elsewhere"),
                        Fact.of(1e9, "elsewhere"),
                        minimal.trainingComputeFlop(),
                        minimal.trainingTokens(),
                        minimal.baseModels(),
                        Fact.of(List.of("d/x"), "card"),
                        new Licence(Fact.of("MIT", "card"), ""),
                        minimal.mof(),
                        minimal.osaid(),
                        Optional.empty(),
                        minimal.euAiAct(),
                        minimal.provenance(),
                        minimal.incidents(),
                        List.of(existing.evidence().get(0), extra))
                .withOsai(new OsaiRecord("osai.yaml", java.util.Map.of()));
        ModelProfile m = ProfileMerge.merge(existing, imported);
        assertThat(m.name()).isEqualTo(existing.name());
        assertThat(m.weights()).isEqualTo(Weights.OPEN);
        assertThat(m.parameters()).isEqualTo(existing.parameters());
        assertThat(m.activeParameters()).isEqualTo(Fact.of(1e9, "elsewhere"));
        assertThat(m.datasets().optional()).contains(List.of("d/x"));
        assertThat(m.licence()).isEqualTo(existing.licence());
        assertThat(m.mof()).isEqualTo(existing.mof());
        assertThat(m.osai()).isPresent();
        assertThat(m.evidence()).hasSize(3).contains(extra);
    }
}
