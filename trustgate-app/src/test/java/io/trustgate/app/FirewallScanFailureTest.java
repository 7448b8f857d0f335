package io.trustgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.api.Action;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanText;
import io.trustgate.api.Scanner;
import io.trustgate.firewall.FirewallChain;
import io.trustgate.firewall.Scanners;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code trustgate firewall scan} over a chain whose scanner throws. */
class FirewallScanFailureTest {
    record Broken() implements Scanner {
        @Override
        public String name() {
            return "broken";
        }

        @Override
        public List<Finding> scan(ScanText text) {
            throw new IllegalStateException("boom");
        }
    }

    private static ObjectNode scan(FirewallChain.OnFailure onFailure) {
        FirewallChain chain =
                Scanners.chain(List.of(new FirewallChain.Rule(new Broken(), Action.BLOCK, 0.5, onFailure)));
        return FirewallCommand.Scan.scanLine(chain, "{\"text\":\"anything at all\"}", ScanText.Stage.INPUT, 1);
    }

    @Test
    void aFailClosedFailureShowsAsABlockWithTheFailureFinding() {
        ObjectNode o = scan(FirewallChain.OnFailure.BLOCK);
        assertThat(o.path("verdict").asText()).isEqualTo("block");
        JsonNode f = o.path("findings").get(0);
        assertThat(f.path("scanner").asText()).isEqualTo("broken");
        assertThat(f.path("type").asText()).isEqualTo(FirewallChain.FAILURE_TYPE);
        assertThat(f.path("score").asDouble()).isEqualTo(1.0);
        assertThat(f.path("start").asInt() + f.path("end").asInt()).isZero();
        assertThat(o.path("failed_scanners").get(0).asText()).isEqualTo("broken");
        assertThat(o.path("text").asText()).isEqualTo("anything at all");
    }

    @Test
    void aScanOverTheTimeLimitShowsAsABlockWithTheTimeLimitFinding() {
        Scanner slow = new Scanner() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public List<Finding> scan(ScanText text) {
                long giveUp = System.nanoTime() + 10_000_000_000L;
                while (System.nanoTime() < giveUp) {
                    io.trustgate.api.ScanDeadline.tick();
                }
                return List.of();
            }
        };
        FirewallChain chain = Scanners.chain(List.of(new FirewallChain.Rule(slow, Action.BLOCK, 0.5)))
                .withTimeLimit(java.time.Duration.ofMillis(5));
        ObjectNode o = FirewallCommand.Scan.scanLine(chain, "{\"text\":\"anything\"}", ScanText.Stage.INPUT, 1);
        assertThat(o.path("verdict").asText()).isEqualTo("block");
        assertThat(o.path("findings").get(0).path("type").asText()).isEqualTo(FirewallChain.TIME_LIMIT_TYPE);
        assertThat(o.path("failed_scanners").get(0).asText()).isEqualTo("slow");
    }

    @Test
    void aFailOpenFailureShowsAsAnAllowWithTheFailedScanner() {
        ObjectNode o = scan(FirewallChain.OnFailure.ALLOW);
        assertThat(o.path("verdict").asText()).isEqualTo("allow");
        assertThat(o.path("findings")).isEmpty();
        assertThat(o.path("failed_scanners").get(0).asText()).isEqualTo("broken");
    }

    @Test
    void theConfiguredOnFailureReachesTheChain() {
        FirewallChain chain = Wiring.chain(List.of(
                new TrustgateConfig.ScannerRule(
                        "secrets", Action.BLOCK, 0.5, java.util.Map.of(), FirewallChain.OnFailure.ALLOW),
                TrustgateConfig.ScannerRule.of("pii", Action.REDACT)));
        assertThat(chain.rules())
                .extracting(FirewallChain.Rule::onFailure)
                .containsExactly(FirewallChain.OnFailure.ALLOW, FirewallChain.OnFailure.ALLOW);
        assertThat(Wiring.chain(TrustgateConfig.DEFAULT_INPUT_FIREWALL).rules())
                .filteredOn(r -> r.action() == Action.BLOCK)
                .extracting(FirewallChain.Rule::onFailure)
                .containsOnly(FirewallChain.OnFailure.BLOCK);
    }
}
