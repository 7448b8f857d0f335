package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustgate.api.TrustgateException;
import io.trustgate.policy.trust.ContextTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The context gate's hot path: tier bindings, the default context, refusals with their reason, reload. */
class ContextGateTest {
    static ContextGate.Snapshot snapshot(Optional<String> gptRefusal) {
        ContextTable t = new ContextTable(Map.of(
                "clinical", Map.of("llama", Optional.empty(), "gpt", Optional.of("not-met: self-hosting")),
                "office", Map.of("llama", Optional.empty(), "gpt", gptRefusal)));
        return new ContextGate.Snapshot(
                t, Map.of("clinic", List.of("clinical"), "staff", List.of("office", "clinical")), Map.of());
    }

    @Test
    void anUnboundTierIsNotChecked() {
        ContextGate g = new ContextGate();
        g.install(snapshot(Optional.empty()), () -> snapshot(Optional.empty()));
        assertThat(g.contextOf("free", Optional.of("anything"))).isEmpty();
        g.check(Optional.empty(), "whatever");
        assertThat(g.allows(Optional.empty(), "whatever")).isTrue();
    }

    @Test
    void theFirstBoundContextIsTheDefaultAndOthersMustBeBound() {
        ContextGate g = new ContextGate();
        g.install(snapshot(Optional.empty()), () -> snapshot(Optional.empty()));
        assertThat(g.contextOf("staff", Optional.empty())).contains("office");
        assertThat(g.contextOf("staff", Optional.of(" clinical "))).contains("clinical");
        assertThatThrownBy(() -> g.contextOf("clinic", Optional.of("office")))
                .isInstanceOfSatisfying(
                        TrustgateException.class, e -> assertThat(e.code()).contains("context_not_allowed"));
    }

    @Test
    void aRefusedModelGets403NamingTheReasonAndReloadSwapsTheTable() {
        ContextGate g = new ContextGate();
        g.install(snapshot(Optional.empty()), () -> snapshot(Optional.of("unknown: licence")));
        assertThatThrownBy(() -> g.check(Optional.of("clinical"), "gpt"))
                .isInstanceOfSatisfying(TrustgateException.class, e -> {
                    assertThat(e.code()).contains("model_not_allowed_in_context");
                    assertThat(e.getMessage()).contains("self-hosting", "clinical");
                });
        g.check(Optional.of("office"), "gpt");
        g.reload();
        assertThat(g.allows(Optional.of("office"), "gpt")).isFalse();
        assertThat(g.allows(Optional.of("office"), "llama")).isTrue();
        assertThat(g.allows(Optional.of("office"), "never-decided")).isFalse();
    }
}
