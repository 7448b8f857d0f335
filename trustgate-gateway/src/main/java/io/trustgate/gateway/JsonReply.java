package io.trustgate.gateway;

import io.trustgate.api.Usage;
import io.vertx.core.buffer.Buffer;
import java.util.Objects;

/**
 * A whole JSON answer in OpenAI's format, sent to the client as these exact bytes.
 *
 * @param body the response body
 * @param usage tokens reported by the upstream (or counted when it reported none)
 */
public record JsonReply(Buffer body, Usage usage) {
    public JsonReply {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(usage, "usage");
    }
}
