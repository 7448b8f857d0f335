package io.trustgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.api.ScanContext.Source;
import io.trustgate.firewall.FirewallChain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The file docs/firewall.md gives for running the classifier at another operating point: a {@code firewall.input}
 * list replaces the built-in chain whole, so the file must repeat every built-in rule (tool definitions' included)
 * and change nothing but the classifier's threshold on user messages and tool results.
 */
class OperatingPointExampleTest {
    private static final Path DOC = Path.of("..", "docs", "firewall.md");

    @Test
    void theOperatingPointFileIsTheBuiltInChainWithOnlyTheUserAndToolThresholdChanged() throws IOException {
        String md = Files.readString(DOC);
        int start = md.indexOf("```yaml\n", md.indexOf("To run at another point")) + "```yaml\n".length();
        String yaml = md.substring(start, md.indexOf("```", start));
        List<TrustgateConfig.ScannerRule> doc =
                ConfigLoader.parse(yaml, DOC.toString(), Map.of()).firewall().input();
        for (Source s : Source.values()) {
            List<TrustgateConfig.ScannerRule> builtIn = on(TrustgateConfig.DEFAULT_INPUT_FIREWALL, s);
            List<TrustgateConfig.ScannerRule> given = on(doc, s);
            if (s == Source.TOOL_DEFINITION || s == Source.OPERATOR || s == Source.ASSISTANT) {
                assertThat(given).as("rules on " + s).isEqualTo(builtIn);
            } else {
                assertThat(given.stream().map(r -> classifierAt(r, 0.63)).toList())
                        .as("rules on " + s + ", but the classifier's threshold")
                        .isEqualTo(builtIn);
            }
        }
        assertThat(on(doc, Source.USER).stream()
                        .filter(r -> r.scanner().equals("injection-classifier"))
                        .map(TrustgateConfig.ScannerRule::threshold))
                .as("the operating point of the table")
                .containsExactly(0.55);
    }

    /** The rules that scan a text of this source, each as if it scanned every role. */
    private static List<TrustgateConfig.ScannerRule> on(List<TrustgateConfig.ScannerRule> rules, Source s) {
        return rules.stream()
                .filter(r -> s == Source.UNSPECIFIED || r.roles().contains(s))
                .map(r -> new TrustgateConfig.ScannerRule(
                        r.scanner(),
                        r.action(),
                        r.threshold(),
                        r.options(),
                        r.onFailure(),
                        FirewallChain.Rule.ALL_SOURCES,
                        r.corroboration()))
                .toList();
    }

    private static TrustgateConfig.ScannerRule classifierAt(TrustgateConfig.ScannerRule r, double threshold) {
        return !r.scanner().equals("injection-classifier")
                ? r
                : new TrustgateConfig.ScannerRule(
                        r.scanner(), r.action(), threshold, r.options(), r.onFailure(), r.roles(), r.corroboration());
    }
}
