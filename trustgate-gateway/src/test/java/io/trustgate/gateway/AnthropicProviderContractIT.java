package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.time.Duration;

/** {@link AnthropicProvider} passes the provider contract against {@link FakeAnthropicServer}. */
class AnthropicProviderContractIT extends ProviderContract {
    private FakeAnthropicServer fake;

    @Override
    protected void startUpstream(Vertx vertx) throws Exception {
        fake = FakeAnthropicServer.start(vertx)
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    protected void stopUpstream() {
        fake.close();
    }

    @Override
    protected Provider provider(Vertx vertx) {
        return new AnthropicProvider(
                vertx, AnthropicProviderIT.config(fake.baseUrl(), FakeAnthropicServer.API_KEY, Duration.ofSeconds(5)));
    }

    @Override
    protected String model() {
        return FakeAnthropicServer.MODEL;
    }

    @Override
    protected void scriptAnswer(String text) {
        fake.answerWith(new FakeAnthropicServer.Behaviour.Text(text, "end_turn"));
    }

    @Override
    protected String scriptFailure(int status) {
        String type = status == 400 ? "invalid_request_error" : status == 529 ? "overloaded_error" : "api_error";
        fake.answerWith(new FakeAnthropicServer.Behaviour.Error(status, type, "scripted " + status, 0));
        return "fail please";
    }

    @Override
    protected void assertCappedUpstream(long cap, String finishReason) {
        assertThat(fake.lastRequest().getLong("max_tokens")).isEqualTo(cap);
    }
}
