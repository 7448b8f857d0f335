package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;

/** {@link OpenAiProvider} passes the provider contract against {@link FakeOpenAiServer}. */
class OpenAiProviderContractIT extends ProviderContract {
    private static final String KEY = "sk-contract";

    private FakeOpenAiServer fake;

    @Override
    protected void startUpstream(Vertx vertx) {
        fake = new FakeOpenAiServer(vertx, KEY);
    }

    @Override
    protected void stopUpstream() {
        fake.close();
    }

    @Override
    protected Provider provider(Vertx vertx) {
        return new OpenAiProvider(vertx, GatewayHarness.openai("openai", fake, KEY));
    }

    @Override
    protected String model() {
        return "gpt-contract";
    }

    @Override
    protected String scriptFailure(int status) {
        fake.enqueue(new FakeOpenAiServer.Behavior.Status(status, 0));
        return "fail please";
    }

    @Override
    protected void assertCappedUpstream(long cap, String finishReason) {
        // Compatible servers know max_tokens; only openai.com gets max_completion_tokens.
        assertThat(fake.lastBody().path("max_tokens").asLong()).isEqualTo(cap);
    }
}
