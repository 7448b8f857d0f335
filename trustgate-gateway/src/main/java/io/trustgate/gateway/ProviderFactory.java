package io.trustgate.gateway;

import io.trustgate.api.ErrorKind;
import io.trustgate.api.TrustgateException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Creates providers whose classes may be absent in a partial build. */
final class ProviderFactory {
    private ProviderFactory() {}

    static Provider anthropic(Vertx vertx, ProviderConfig pc) {
        return new Provider() {
            @Override
            public String name() {
                return pc.name();
            }

            @Override
            public Future<ChatResponse> chat(ChatCall call) {
                return Future.failedFuture(new TrustgateException(ErrorKind.UPSTREAM_FAILED, "anthropic provider not built"));
            }

            @Override
            public Future<JsonReply> embeddings(EmbeddingsCall call) {
                return Future.failedFuture(OpenAiProvider.unsupported(pc.name(), "embeddings"));
            }
        };
    }
}
