package io.trustgate.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One chat completion call to one provider.
 *
 * @param requestId the gateway's request id, sent upstream as {@code x-request-id} for correlation
 * @param body the client's request in OpenAI format, already validated, with {@code model} set to the upstream's
 *     name; a provider may read it and must copy before changing it (a fallback reuses it)
 * @param stream whether the client asked for server-sent events
 * @param includeUsage whether the client asked for the final usage chunk ({@code stream_options.include_usage})
 * @param maxCompletionTokens a completion cap the provider must impose upstream (a limit of the key's tier or
 *     budget); {@link Long#MAX_VALUE} when none is imposed
 * @param cancellation where the provider registers how to stop its exchange in flight
 * @param traceHeaders headers carrying the attempt's trace context upstream ({@code traceparent}); empty when
 *     tracing is off
 */
public record ChatCall(
        String requestId,
        ObjectNode body,
        boolean stream,
        boolean includeUsage,
        long maxCompletionTokens,
        Cancellation cancellation,
        java.util.Map<String, String> traceHeaders) {
    public ChatCall {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(cancellation, "cancellation");
        Objects.requireNonNull(traceHeaders, "traceHeaders");
    }

    /** A call without trace context. */
    public ChatCall(
            String requestId,
            ObjectNode body,
            boolean stream,
            boolean includeUsage,
            long maxCompletionTokens,
            Cancellation cancellation) {
        this(requestId, body, stream, includeUsage, maxCompletionTokens, cancellation, java.util.Map.of());
    }

    /** A call nobody will cancel (tests, tools). */
    public ChatCall(String requestId, ObjectNode body, boolean stream, boolean includeUsage, long maxCompletionTokens) {
        this(requestId, body, stream, includeUsage, maxCompletionTokens, new Cancellation());
    }

    public boolean capImposed() {
        return maxCompletionTokens != Long.MAX_VALUE;
    }
}
