package io.trustgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.firewall.learn.Grammar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The synthetic corpus that {@code trustgate train injection} uses: it parses and every family is diverse. */
class ShippedGrammarTest {
    static final Path GRAMMAR = Path.of("../training/injection.grammar");

    @Test
    void everyFamilyWritesAtLeastNineTenthsOfItsCountDistinctTexts() throws IOException {
        Grammar g = Grammar.parse(Files.readString(GRAMMAR, StandardCharsets.UTF_8));
        List<Grammar.Generated> out = g.generate(TrainingData.GRAMMAR_SEED);
        Map<String, Long> made =
                out.stream().collect(Collectors.groupingBy(Grammar.Generated::family, Collectors.counting()));
        assertThat(g.families()).hasSizeGreaterThanOrEqualTo(15);
        for (Grammar.Family f : g.families()) {
            assertThat(made.getOrDefault(f.name(), 0L))
                    .as("distinct texts of family " + f.name())
                    .isGreaterThanOrEqualTo((long) (0.9 * f.count()));
        }
        assertThat(out).filteredOn(Grammar.Generated::positive).hasSizeGreaterThan(3000);
        assertThat(out).filteredOn(x -> !x.positive()).hasSizeGreaterThan(2000);
        assertThat(out).allSatisfy(x -> assertThat(x.text()).doesNotContainPattern("\\{[a-z0-9_]+\\??\\}"));
    }
}
