package io.trustgate.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One answered (or refused) API call, as recorded for usage, budgets and reports. Holds no prompt text.
 *
 * @param time when the request arrived
 * @param requestId the {@code x-request-id} the client saw
 * @param keyId the key's id ({@code -} when the caller was not authenticated)
 * @param tenant the key's tenant
 * @param tier the key's tier
 * @param modelRequested the model the client named
 * @param modelServed the model that answered (after fallbacks), {@code -} when none did
 * @param provider the provider that answered, {@code -} when none did
 * @param usage tokens
 * @param costMicros cost in currency micro-units
 * @param latencyMicros time from request to last byte
 * @param status HTTP status sent to the client
 * @param errorCode the error code sent, empty on success
 * @param attempts upstream attempts made, retries and fallbacks included
 */
public record UsageRecord(
        Instant time,
        String requestId,
        String keyId,
        String tenant,
        String tier,
        String modelRequested,
        String modelServed,
        String provider,
        Usage usage,
        long costMicros,
        long latencyMicros,
        int status,
        String errorCode,
        int attempts) {
    public UsageRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(modelRequested, "modelRequested");
        Objects.requireNonNull(modelServed, "modelServed");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(errorCode, "errorCode");
    }
}
