package io.trustgate.registry.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.registry.profile.ModelProfile;
import io.trustgate.registry.profile.ProfileYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

class ExportersTest {
    static ModelProfile load(String f) throws Exception {
        return ProfileYaml.read(
                Files.readString(Path.of("src/test/resources/profiles").resolve(f)), f);
    }

    @Test
    void cycloneDxBomIsValidAgainstTheSchema16() throws Exception {
        for (String f : List.of("example__open-model-7b.yaml", "example-vendor__chat-pro.yaml", "example__tiny.yaml")) {
            String json = CycloneDxExporter.standard().toJson(load(f));
            List<ParseException> problems = new JsonParser().validate(json, Version.VERSION_16);
            assertThat(problems).as(f + ":\n" + json).isEmpty();
        }
    }

    @Test
    void cycloneDxBomCarriesTheModelCard() throws Exception {
        String json = CycloneDxExporter.standard().toJson(load("example__open-model-7b.yaml"));
        assertThat(json)
                .contains("\"type\" : \"machine-learning-model\"")
                .contains("\"modelCard\"")
                .contains("\"performanceMetrics\"")
                .contains("mmlu:accuracy")
                .contains("\"lowerBound\" : \"0.09\"")
                .contains("\"id\" : \"Apache-2.0\"")
                .contains("SHA-256")
                .contains("trustgate:mof-class");
        String closed = CycloneDxExporter.standard().toJson(load("example-vendor__chat-pro.yaml"));
        assertThat(closed)
                .contains("LicenseRef-Proprietary-ExampleVendor")
                .contains("parameter count: unknown")
                .contains("systemic-risk-presumed");
        assertThat(CycloneDxExporter.standard().toJson(load("example__tiny.yaml")))
                .isEqualTo(CycloneDxExporter.standard().toJson(load("example__tiny.yaml")));
    }

    @Test
    void markdownCardGivesEveryFactItsSourceAndSaysUnknown() throws Exception {
        String md = MarkdownCard.standard().render(load("example__open-model-7b.yaml"));
        assertThat(md)
                .contains("# Example Open Model 7B")
                .contains("| Parameters | 7,200,000,000 | https://example.org/model-card |")
                .contains("| Active parameters | unknown | - |")
                .contains("Class III - Open Model")
                .contains("| Systemic risk presumed (> 1e25 FLOP) | false")
                .contains("| benchmark | mmlu | accuracy 0.61 (n=14042) | 2025-03-01 |")
                .contains("attack_success_rate 0.12 [0.09, 0.15]");
        String tiny = MarkdownCard.standard().render(load("example__tiny.yaml"));
        assertThat(tiny)
                .contains("| Licence | unknown | - |")
                .contains("MOF components: unknown")
                .contains("performance, security and bias are unknown");
    }
}
