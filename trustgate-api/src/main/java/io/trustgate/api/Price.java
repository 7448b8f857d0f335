package io.trustgate.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A model's price, in currency units per one million tokens. Costs are kept as whole micro-units (1e-6 of the
 * currency) so that budget arithmetic is exact and lock-free friendly: the price per million tokens is exactly the
 * price per token in micro-units.
 */
public record Price(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {
    public static final Price FREE = new Price(BigDecimal.ZERO, BigDecimal.ZERO);

    public Price {
        Objects.requireNonNull(inputPerMillion, "inputPerMillion");
        Objects.requireNonNull(outputPerMillion, "outputPerMillion");
        if (inputPerMillion.signum() < 0 || outputPerMillion.signum() < 0) {
            throw new IllegalArgumentException(
                    "prices must be >= 0, were " + inputPerMillion + " and " + outputPerMillion);
        }
    }

    /** Cost in micro-units, rounded up so that a budget is never undercounted. */
    public long costMicros(long promptTokens, long completionTokens) {
        BigDecimal micros = inputPerMillion
                .multiply(BigDecimal.valueOf(promptTokens))
                .add(outputPerMillion.multiply(BigDecimal.valueOf(completionTokens)));
        return micros.setScale(0, RoundingMode.CEILING).longValueExact();
    }

    public long costMicros(Usage usage) {
        return costMicros(usage.promptTokens(), usage.completionTokens());
    }

    /** Formats micro-units as a currency amount, e.g. {@code 0.001250}. */
    public static String formatMicros(long micros) {
        return BigDecimal.valueOf(micros, 6).toPlainString();
    }
}
