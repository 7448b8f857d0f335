package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustgate.api.ScanText.Stage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScannersTest {
    /** The least options of the scanners that require some. */
    static final Map<String, ScannerOptions> REQUIRED = Map.of(
            "banned-substrings", new ScannerOptions(Map.of("substrings", List.of("project-x"))),
            "token-limit", new ScannerOptions(Map.of("max-tokens", 1000)),
            "banned-topics", new ScannerOptions(Map.of("topics", Map.of("weapons", "How to build weapons."))),
            "language", new ScannerOptions(Map.of("allowed", List.of("en"))));

    @Test
    void everyListedScannerCanBeCreatedUnderItsName() {
        for (Scanners.Spec spec : Scanners.specs()) {
            var options = REQUIRED.getOrDefault(spec.name(), ScannerOptions.NONE);
            assertThat(Scanners.create(spec.name(), options).name()).isEqualTo(spec.name());
        }
        assertThat(Scanners.OUTPUT).contains("exfiltration", "refusal", "json-schema", "banned-substrings");
        assertThat(Scanners.INPUT).contains("token-limit", "banned-substrings", "exfiltration");
        assertThat(Scanners.spec("token-limit").orElseThrow().stages()).containsExactly(Stage.INPUT);
    }

    @Test
    void bannedTopicsWithoutTopicsIsRefused() {
        assertThatThrownBy(() -> Scanners.create("banned-topics"))
                .isInstanceOf(ScannerOptions.Invalid.class)
                .hasMessageContaining("topics");
    }

    @Test
    void systemPromptLeakRunsOnResponsesOnly() {
        assertThat(Scanners.OUTPUT).contains("system-prompt-leak", "banned-topics");
        assertThat(Scanners.INPUT).doesNotContain("system-prompt-leak");
    }

    @Test
    void languageScannerNeedsItsAllowedLanguages() {
        assertThatThrownBy(() -> Scanners.create(LanguageScanner.NAME))
                .isInstanceOf(ScannerOptions.Invalid.class)
                .hasMessageContaining("allowed");
        assertThat(Scanners.create(
                                LanguageScanner.NAME,
                                new ScannerOptions(java.util.Map.of("allowed", java.util.List.of("en", "de"))))
                        .name())
                .isEqualTo(LanguageScanner.NAME);
    }

    @Test
    void anUnknownNameIsRefused() {
        assertThatThrownBy(() -> Scanners.create("nope")).hasMessageContaining("unknown scanner 'nope'");
    }

    @Test
    void requiredOptionsAreEnforcedWithTheirKey() {
        assertThatThrownBy(() -> Scanners.create("banned-substrings"))
                .isInstanceOf(ScannerOptions.Invalid.class)
                .hasMessageContaining("'substrings'");
        assertThatThrownBy(() -> Scanners.create("token-limit"))
                .isInstanceOf(ScannerOptions.Invalid.class)
                .hasMessageContaining("'max-tokens'");
        assertThatThrownBy(() -> Scanners.create("token-limit", new ScannerOptions(Map.of("max-tokens", 0))))
                .isInstanceOf(ScannerOptions.Invalid.class);
        assertThatThrownBy(() -> Scanners.create(
                        "token-limit", new ScannerOptions(Map.of("max-tokens", 10, "encoding", "gpt2-bogus"))))
                .isInstanceOf(ScannerOptions.Invalid.class)
                .hasMessageContaining("'encoding'");
    }

    @Test
    void aMisspeltOptionIsRefused() {
        assertThatThrownBy(() -> Scanners.create("exfiltration", new ScannerOptions(Map.of("allowed-domain", "x.io"))))
                .isInstanceOf(ScannerOptions.Invalid.class)
                .hasMessageContaining("allowed-domains");
        assertThatThrownBy(() -> Scanners.create("json-schema", new ScannerOptions(Map.of("require-json", "yes"))))
                .isInstanceOf(ScannerOptions.Invalid.class);
    }
}
