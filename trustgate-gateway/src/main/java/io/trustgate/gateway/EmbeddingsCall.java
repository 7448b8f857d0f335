package io.trustgate.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One embeddings call to one provider.
 *
 * @param requestId the gateway's request id
 * @param body OpenAI's embeddings request with {@code model} set to the upstream's name
 * @param traceHeaders headers carrying the call's trace context upstream; empty when tracing is off
 */
public record EmbeddingsCall(String requestId, ObjectNode body, java.util.Map<String, String> traceHeaders) {
    public EmbeddingsCall {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(traceHeaders, "traceHeaders");
    }

    /** A call without trace context. */
    public EmbeddingsCall(String requestId, ObjectNode body) {
        this(requestId, body, java.util.Map.of());
    }
}
