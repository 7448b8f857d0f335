package io.trustgate.policy;

import java.time.YearMonth;

/**
 * What {@link Limits#admit} granted one request: the reservation to settle afterwards and the completion-token cap
 * the upstream must be held to.
 *
 * @param keyId the key charged
 * @param month the budget month charged
 * @param promptTokens prompt tokens as counted before the call
 * @param maxCompletionTokens completion tokens the upstream may produce; {@link Long#MAX_VALUE} when uncapped
 * @param capImposed true when the cap comes from a limit rather than from the client's own {@code max_tokens}, so
 *     the gateway must send it upstream
 * @param reservedTokens tokens reserved against the monthly token budget
 * @param reservedMicros cost reserved against the monthly cost budget
 * @param rateTokens tokens taken from the per-minute token bucket
 */
public record Admission(
        String keyId,
        YearMonth month,
        long promptTokens,
        long maxCompletionTokens,
        boolean capImposed,
        long reservedTokens,
        long reservedMicros,
        long rateTokens) {}
