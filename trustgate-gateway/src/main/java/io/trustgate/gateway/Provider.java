package io.trustgate.gateway;

import io.vertx.core.Future;

/**
 * An upstream that serves chat completions (and, where it can, embeddings), speaking OpenAI's chat-completions
 * format towards the gateway whatever its own wire format is.
 *
 * <p>The SPI lives in the gateway module rather than in the API module because it is bound to the I/O model:
 * results are Vert.x futures and streams, so that bytes move from upstream to client without a thread hop or a
 * copy (see docs/decisions/002-provider-spi-in-gateway.md).
 *
 * <p>Contract, checked by the provider contract tests:
 * <ul>
 *   <li>Calls are made and completed on the caller's event loop; an implementation never blocks.
 *   <li>The future fails with a {@link io.trustgate.api.TrustgateException} of kind {@code UPSTREAM_FAILED},
 *       {@code UPSTREAM_TIMEOUT}, {@code RATE_LIMITED} or {@code INVALID_REQUEST} (an upstream 4xx the client caused),
 *       carrying {@link UpstreamFailure} details for the retry decision; or with a {@link ProviderRefusal} when it
 *       refuses the request before any upstream call (it cannot translate it).
 *   <li>A streaming result is paused until the gateway sets its handler; it emits whole SSE events in OpenAI's
 *       {@code chat.completion.chunk} format and finally {@code data: [DONE]}; it reports usage when it ends.
 *   <li>Usage is always obtained from the upstream (asking for it where the protocol needs asking) and is passed to
 *       the client only when the client asked ({@link ChatCall#includeUsage()}).
 *   <li>The provider registers with {@link ChatCall#cancellation()} how to stop its exchange in flight; after a
 *       cancellation the future fails (or is ignored) and the upstream request is reset.
 * </ul>
 */
public interface Provider {
    /** The configured name of this provider. */
    String name();

    /** Sends a chat completion request. */
    Future<ChatResponse> chat(ChatCall call);

    /**
     * Sends an embeddings request; the body is OpenAI's embeddings request with {@code model} already set to the
     * upstream name. Providers without embeddings fail with {@code INVALID_REQUEST}.
     */
    Future<JsonReply> embeddings(EmbeddingsCall call);

    /** Releases connections. */
    default Future<Void> close() {
        return Future.succeededFuture();
    }
}
