package io.trustgate.gateway;

import io.trustgate.api.TrustgateException;

/**
 * A request a provider refuses before any upstream call, because its wire protocol cannot express it (Anthropic
 * with {@code n > 1} or log probabilities, for instance). The client's request is at fault and no upstream was
 * called, so the gateway counts it neither as an upstream error nor as an attempt of the route.
 */
final class ProviderRefusal extends TrustgateException {
    ProviderRefusal(TrustgateException refusal) {
        super(
                refusal.kind(),
                refusal.getMessage(),
                refusal.param().orElse(""),
                refusal.code().orElse(""),
                refusal.retryAfter(),
                null);
    }
}
