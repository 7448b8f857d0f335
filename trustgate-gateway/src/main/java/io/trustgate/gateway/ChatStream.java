package io.trustgate.gateway;

import io.trustgate.api.Usage;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;

/**
 * The body of a streaming answer: whole server-sent events in OpenAI's {@code chat.completion.chunk} format,
 * ending with {@code data: [DONE]}. Paused until {@link #handler} is set; the gateway pauses and resumes it to
 * follow the client's pace, and cancels it when the client goes away.
 */
public interface ChatStream {
    /** Sets the receiver of events and starts the flow. Each buffer holds one or more whole events. */
    ChatStream handler(Handler<Buffer> handler);

    /** Called once after the last event, with the usage of the call. */
    ChatStream endHandler(Handler<Usage> handler);

    /**
     * Called once if the stream breaks (upstream dropped the connection, sent garbage, timed out). No end handler
     * call follows. The throwable is a {@link io.trustgate.api.TrustgateException} where the cause is known.
     */
    ChatStream exceptionHandler(Handler<Throwable> handler);

    ChatStream pause();

    ChatStream resume();

    /** Stops the upstream call (resets the upstream request); no handler is called afterwards. */
    void cancel();

    /** Usage known so far (final once the end handler ran). */
    Usage usageSoFar();
}
