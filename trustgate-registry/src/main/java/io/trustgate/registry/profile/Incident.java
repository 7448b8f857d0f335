package io.trustgate.registry.profile;

import java.util.Objects;

/**
 * A known incident involving the model.
 *
 * @param date as precise as known: {@code 2024}, {@code 2024-07} or {@code 2024-07-23}
 */
public record Incident(String date, String summary, String source) {
    public Incident {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(source, "source");
        if (!date.matches("\\d{4}(-\\d{2}(-\\d{2})?)?")) {
            throw new IllegalArgumentException("incident date must be YYYY, YYYY-MM or YYYY-MM-DD, was '" + date + "'");
        }
        if (summary.isBlank() || source.isBlank()) {
            throw new IllegalArgumentException("an incident needs a summary and a source");
        }
    }
}
