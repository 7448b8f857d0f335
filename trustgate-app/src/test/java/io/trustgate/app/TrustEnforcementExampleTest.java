package io.trustgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code trustgate.yaml} of docs/trust.md, "Enforcement in the gateway", as a reader copies it: it passes
 * {@code config check} with the one variable it names, and the gateway would start with it (every bound context
 * and linked profile exists).
 */
class TrustEnforcementExampleTest {
    private static final Path DOC = Path.of("..", "docs", "trust.md");

    @TempDir
    Path dir;

    @Test
    void theEnforcementExampleIsAWholeValidConfiguration() throws IOException {
        String md = Files.readString(DOC);
        int start = md.indexOf("```yaml\n", md.indexOf("## Enforcement in the gateway")) + "```yaml\n".length();
        String yaml = md.substring(start, md.indexOf("```", start));

        TrustgateConfig config = ConfigLoader.parse(yaml, "trust.md", Map.of("OPENAI_API_KEY", "sk-test"));
        assertThat(config.server().defaultTier()).isEqualTo("office");
        assertThat(config.tiers()).extracting(io.trustgate.api.Tier::name).containsExactly("clinic", "office", "free");
        var snapshot = TrustWiring.snapshot(
                TrustWiring.bindings(yaml, "trust.md"), config, dir, "trust.md", LocalDate.of(2026, 11, 28));
        assertThat(snapshot.tierContexts())
                .isEqualTo(Map.of(
                        "clinic",
                        List.of("clinical-notes"),
                        "office",
                        List.of("internal-tooling", "credit-decisions")));

        // the check names the variable it needs, and nothing else
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "trust.md", Map.of()))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .singleElement()
                                .satisfies(p -> assertThat(p.message()).contains("OPENAI_API_KEY is not set")));
    }
}
