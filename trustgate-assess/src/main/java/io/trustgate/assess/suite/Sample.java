package io.trustgate.assess.suite;

import io.trustgate.assess.grade.Check;
import java.util.Objects;
import java.util.Optional;

/**
 * One prompt of a suite with what grading it needs.
 *
 * @param id stable across loads of the same data (the run journal keys on it)
 * @param category what the per-category figures group by (attack strategy, BBQ category and context...)
 * @param metric the figure the sample counts towards, e.g. {@code accuracy} or {@code attack_success_rate}
 * @param system the system prompt, if any (canaries and planted secrets go there)
 * @param prompt the user message
 * @param check how the answer is graded
 */
public record Sample(String id, String category, String metric, Optional<String> system, String prompt, Check check) {
    public Sample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(check, "check");
        if (id.isBlank() || category.isBlank() || metric.isBlank()) {
            throw new IllegalArgumentException("a sample needs an id, a category and a metric");
        }
    }

    @Override
    public String toString() {
        // never the prompt: many are harmful requests
        return "Sample[" + id + ", " + category + ", " + metric + "]";
    }
}
