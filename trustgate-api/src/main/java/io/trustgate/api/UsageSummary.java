package io.trustgate.api;

import java.util.Objects;

/**
 * Totals of usage records sharing one value of a grouping dimension.
 *
 * @param group the value of the dimension (a key id, a tenant or a model)
 * @param requests number of requests
 * @param errors requests answered with a status of 400 or more, or that carry an error code (a stream that
 *     failed after its 200 status was sent)
 * @param promptTokens prompt tokens
 * @param completionTokens completion tokens
 * @param costMicros cost in micro-units
 * @param avgLatencyMicros mean latency
 * @param maxLatencyMicros worst latency
 */
public record UsageSummary(
        String group,
        long requests,
        long errors,
        long promptTokens,
        long completionTokens,
        long costMicros,
        long avgLatencyMicros,
        long maxLatencyMicros) {
    public UsageSummary {
        Objects.requireNonNull(group, "group");
    }

    /** The dimension usage is grouped by. */
    public enum GroupBy {
        KEY,
        TENANT,
        MODEL,
        STATUS
    }
}
