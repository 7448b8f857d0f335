package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.net.URI;
import java.util.List;

/** {@link SandboxProvider} passes the provider contract, failing through scripted replies. */
class SandboxProviderContractTest extends ProviderContract {
    @Override
    protected Provider provider(Vertx vertx) {
        ProviderConfig d = ProviderConfig.defaults("sandbox", ProviderConfig.Kind.SANDBOX, URI.create("sandbox:/"));
        List<ProviderConfig.ScriptedReply> failures = List.of(
                new ProviderConfig.ScriptedReply("contract-fail-400", "", 400),
                new ProviderConfig.ScriptedReply("contract-fail-500", "", 500),
                new ProviderConfig.ScriptedReply("contract-fail-503", "", 503));
        return new SandboxProvider(vertx, GatewayHarness.with(d, failures), GatewayHarness.TOKENS);
    }

    @Override
    protected String model() {
        return "sandbox-echo";
    }

    @Override
    protected String scriptFailure(int status) {
        return "contract-fail-" + status;
    }

    @Override
    protected void assertCappedUpstream(long cap, String finishReason) {
        // No upstream to inspect: the sandbox is its own upstream and truncates at the cap.
        assertThat(finishReason).isEqualTo("length");
    }
}
