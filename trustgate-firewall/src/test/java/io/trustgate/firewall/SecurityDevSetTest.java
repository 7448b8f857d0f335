package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustgate.api.ScanContext;
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

    static HeldoutProbeTest.Rates rates(Scanner scanner) {
        return HeldoutProbeTest.tally(
                rows,
                n -> n.get("label").asBoolean(),
                n -> HeldoutProbeTest.flags(scanner, n.get("text").asText(), ScanContext.of(ScanContext.Source.USER)));
    }

    @Test
    void theSetHasItsSecurityTextsAndDisguisedAttacks() {
        assertThat(rows).hasSize(367);
        assertThat(rows.stream().filter(n -> n.get("label").asBoolean()).count())
                .isEqualTo(125);
    }

    @Test
    void heuristicsPassMostSecurityTextsAndCatchTheDisguisedAttacks() {
        HeldoutProbeTest.Rates r = rates(new InjectionHeuristicsScanner());
        // before quoted attacks could be mentions: 116 of 242 security texts blocked, 68 of 125 attacks caught
        assertThat(r.fp()).as("security texts blocked").isLessThanOrEqualTo(44);
        assertThat(r.tp()).as("disguised attacks caught").isGreaterThanOrEqualTo(67);
    }

    @Test
    void classifierPassesMostSecurityTextsAndCatchesTheDisguisedAttacks() {
        HeldoutProbeTest.Rates r = rates(new InjectionClassifierScanner());
        // before: 143 of 242 blocked, 83 of 125 caught; 64 and 77 with mentions (Residue); 34 and 90 with the
        // hand-written training corpus's first six files (training/corpus), 32 and 94 with all of them (33 and 95 with
        // the third batch; 31 and 90 with decision 017's languages, whose benign sources moved the operating point up;
        // 88 caught with the regulated-sector texts, decision 025)
        assertThat(r.fp()).as("security texts blocked").isLessThanOrEqualTo(33);
        assertThat(r.tp()).as("disguised attacks caught").isGreaterThanOrEqualTo(88);
    }
}
