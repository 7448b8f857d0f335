package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScannersTest {
    /** Options of the scanners that cannot run without some. */
    private static final Map<String, ScannerOptions> REQUIRED =
            Map.of("banned-topics", new ScannerOptions(Map.of("topics", Map.of("weapons", "How to build weapons."))));

    @Test
    void everyListedScannerCanBeCreatedUnderItsName() {
        for (String name : Scanners.specs().stream().map(Scanners.Spec::name).toList()) {
            assertThat(Scanners.create(name, REQUIRED.getOrDefault(name, ScannerOptions.NONE))
                            .name())
                    .isEqualTo(name);
        }
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
    void anUnknownNameIsRefused() {
        assertThatThrownBy(() -> Scanners.create("nope")).hasMessageContaining("unknown scanner 'nope'");
    }
}
