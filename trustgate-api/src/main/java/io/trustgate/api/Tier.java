package io.trustgate.api;

import java.util.List;
import java.util.Objects;

/**
 * A tier binds keys to the models they may use and to their limits. Limits apply per key; {@link #UNLIMITED} means
 * no limit. Validated on construction so that a bad configuration fails at start-up, not on the first request.
 *
 * @param name tier name, referenced by keys
 * @param allowedModels model names or patterns ending in {@code *} ({@code *} alone allows every model)
 * @param requestsPerMinute requests per minute per key
 * @param tokensPerMinute prompt plus completion tokens per minute per key
 * @param maxTokensPerRequest ceiling on prompt plus requested completion tokens of one request
 * @param monthlyTokenBudget tokens per key per calendar month (UTC)
 * @param monthlyCostBudgetMicros cost per key per calendar month, in currency micro-units
 */
public record Tier(
        String name,
        List<String> allowedModels,
        long requestsPerMinute,
        long tokensPerMinute,
        long maxTokensPerRequest,
        long monthlyTokenBudget,
        long monthlyCostBudgetMicros) {
    public static final long UNLIMITED = Long.MAX_VALUE;

    public Tier {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException(
                    "tier name must be 1-64 letters, digits, '.', '_' or '-', was '" + name + "'");
        }
        allowedModels = List.copyOf(allowedModels);
        positive("requests-per-minute", requestsPerMinute);
        positive("tokens-per-minute", tokensPerMinute);
        positive("max-tokens-per-request", maxTokensPerRequest);
        positive("monthly-token-budget", monthlyTokenBudget);
        if (monthlyCostBudgetMicros < 0) {
            throw new IllegalArgumentException("monthly-cost-budget must be >= 0, was " + monthlyCostBudgetMicros);
        }
    }

    private static void positive(String what, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be > 0, was " + value);
        }
    }

    /** An unlimited tier that allows every model. */
    public static Tier unlimited(String name) {
        return new Tier(name, List.of("*"), UNLIMITED, UNLIMITED, UNLIMITED, UNLIMITED, UNLIMITED);
    }

    /** Whether a key of this tier may call the model of this public name. */
    public boolean allows(String model) {
        for (String pattern : allowedModels) {
            if (pattern.equals("*") || pattern.equals(model)) {
                return true;
            }
            if (pattern.endsWith("*") && model.startsWith(pattern.substring(0, pattern.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
