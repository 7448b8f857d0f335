package io.trustgate.api.evidence;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A result gathered about a model, kept on its trust profile: what was done (kind, name, method), where it comes from
 * (source: a run id, a URL, a paper), when, and the figures. Evidence is what the trust decisions score; a dimension
 * with no evidence is unknown, never good.
 *
 * @param model the model's registry id
 * @param kind what kind of test
 * @param name the suite, benchmark or scan, e.g. {@code advbench}, {@code gsm8k}, {@code artifact-scan}
 * @param source where it comes from: a run id of this installation, or a URL or citation for published results
 * @param date when it was produced
 * @param method how, briefly: grader, attack strategies, sample size, judge model
 * @param measurements the figures
 * @param notes anything a reader must know (limits, caveats), may be empty
 */
public record Evidence(
        String model,
        EvidenceKind kind,
        String name,
        String source,
        LocalDate date,
        String method,
        List<Measurement> measurements,
        List<String> notes) {
    public Evidence {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(method, "method");
        measurements = List.copyOf(measurements);
        notes = List.copyOf(notes);
        if (model.isBlank() || name.isBlank() || source.isBlank()) {
            throw new IllegalArgumentException("evidence needs a model, a name and a source");
        }
    }

    /** The measurement with this name, if present. */
    public java.util.Optional<Measurement> measurement(String measurementName) {
        return measurements.stream()
                .filter(m -> m.name().equals(measurementName))
                .findFirst();
    }
}
