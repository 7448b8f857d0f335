package io.trustgate.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One embeddings call to one provider.
 *
 * @param requestId the gateway's request id
 * @param body OpenAI's embeddings request with {@code model} set to the upstream's name
 */
public record EmbeddingsCall(String requestId, ObjectNode body) {
    public EmbeddingsCall {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(body, "body");
    }
}
