package io.trustgate.gateway;

/** A provider's successful start of an answer: a whole JSON body, or a stream of SSE events. */
public sealed interface ChatResponse {
    /** A non-streaming answer: an OpenAI {@code chat.completion} object. */
    record Complete(JsonReply reply) implements ChatResponse {}

    /** A streaming answer, not yet consumed. */
    record Streaming(ChatStream stream) implements ChatResponse {}
}
