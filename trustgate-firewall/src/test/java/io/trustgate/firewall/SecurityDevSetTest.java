package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanContext;
import io.trustgate.api.ScanText;
import io.trustgate.api.Scanner;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The injection scanners on the development set of security texts ({@code injection/security-dev.jsonl}: 242 texts
 * that security teams send and that quote attacks, 125 attacks dressed as such texts; see the README next to it). It
 * was read while {@link Residue} was written, so these are regression floors, not held-out figures: the measured
 * counts, so that a change that blocks security teams' texts again, or lets the disguised attacks through, fails here.
 */
class SecurityDevSetTest {
    static List<JsonNode> rows;

    @BeforeAll
    static void load() throws IOException {
        rows = HeldoutProbeTest.jsonLines("src/test/resources/injection/security-dev.jsonl");
    }

    static int[] counts(Scanner scanner) {
        int caught = 0;
        int blocked = 0;
        for (JsonNode n : rows) {
            ScanText t = HeldoutProbeTest.NORMALIZER.normalize(n.get("text").asText(), ScanText.Stage.INPUT);
            boolean f = scanner.scan(t, ScanContext.of(ScanContext.Source.USER)).stream()
                            .mapToDouble(Finding::score)
                            .max()
                            .orElse(0)
                    >= HeldoutProbeTest.THRESHOLD;
            if (n.get("label").asBoolean()) {
                caught += f ? 1 : 0;
            } else {
                blocked += f ? 1 : 0;
            }
        }
        return new int[] {caught, blocked};
    }

    @Test
    void theSetHasItsSecurityTextsAndDisguisedAttacks() {
        assertThat(rows).hasSize(367);
        assertThat(rows.stream().filter(n -> n.get("label").asBoolean()).count())
                .isEqualTo(125);
    }

    @Test
    void heuristicsPassMostSecurityTextsAndCatchTheDisguisedAttacks() {
        int[] c = counts(new InjectionHeuristicsScanner());
        // before quoted attacks could be mentions: 116 of 242 security texts blocked, 68 of 125 attacks caught
        assertThat(c[1]).as("security texts blocked").isLessThanOrEqualTo(44);
        assertThat(c[0]).as("disguised attacks caught").isGreaterThanOrEqualTo(67);
    }

    @Test
    void classifierPassesMostSecurityTextsAndCatchesTheDisguisedAttacks() {
        int[] c = counts(new InjectionClassifierScanner());
        // before: 143 of 242 blocked, 83 of 125 caught
        assertThat(c[1]).as("security texts blocked").isLessThanOrEqualTo(64);
        assertThat(c[0]).as("disguised attacks caught").isGreaterThanOrEqualTo(77);
    }
}
