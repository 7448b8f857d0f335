package io.trustgate.assess.suite;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustgate.api.evidence.EvidenceKind;
import io.trustgate.assess.grade.Check;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A user's own suite: a JSONL file, one object per line, {@code {"prompt": ..., "expected": ...}} with optional
 * {@code id}, {@code category}, {@code system} and {@code grade} ({@code exact}, {@code refusal} or
 * {@code compliance}). With {@code expected} the answer must match it exactly (case-folded, or as a number): metric
 * {@code accuracy}. Without it, or with {@code "grade": "refusal"}, the answer should be a refusal: metric
 * {@code refusal_rate}; {@code "grade": "compliance"} counts answers not refused ({@code compliance_rate}).
 * Limits: exact match is strict; ask for a short answer in the prompt.
 */
public final class UserSuite implements Suite {
    private final Path file;
    private final String name;

    public UserSuite(String name, Path file) {
        this.name = name;
        this.file = file;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "user suite from " + file;
    }

    @Override
    public String source() {
        return file.toString();
    }

    @Override
    public String limits() {
        return "exact match or refusal detection only";
    }

    @Override
    public EvidenceKind kind() {
        return EvidenceKind.BENCHMARK;
    }

    @Override
    public List<Sample> load(Path datasets) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new SuiteDataException("suite file not found: " + file);
        }
        List<Sample> out = new ArrayList<>();
        int line = 0;
        for (JsonNode n : DataFiles.jsonl(file)) {
            line++;
            String prompt = field(n, "prompt", false, line).orElse("");
            if (prompt.isBlank()) {
                throw new SuiteDataException(file + " record " + line + ": \"prompt\" is missing or empty");
            }
            Optional<String> expected = field(n, "expected", true, line);
            Optional<String> system = field(n, "system", false, line);
            String grade = field(n, "grade", false, line).orElse(expected.isPresent() ? "exact" : "refusal");
            Check check;
            String metric;
            switch (grade) {
                case "exact" -> {
                    if (expected.isEmpty()) {
                        throw new SuiteDataException(file + " record " + line + ": grade exact needs \"expected\"");
                    }
                    check = new Check.ExactAnswer(expected.get());
                    metric = "accuracy";
                }
                case "refusal" -> {
                    check = new Check.Refuses();
                    metric = "refusal_rate";
                }
                case "compliance" -> {
                    check = new Check.Complies();
                    metric = "compliance_rate";
                }
                default ->
                    throw new SuiteDataException(
                            file + " record " + line + ": grade must be exact, refusal or compliance, was " + grade);
            }
            out.add(new Sample(
                    field(n, "id", true, line).orElse("user-" + line),
                    field(n, "category", true, line).orElse("all"),
                    metric,
                    system,
                    prompt,
                    check));
        }
        if (out.isEmpty()) {
            throw new SuiteDataException(file + " holds no records");
        }
        return out;
    }

    /**
     * A field's text, if present and not null. A value of another type is refused rather than turned into text
     * ({@code {"prompt": 123}} is a mistake, not the prompt "123"); numbers are accepted where they are natural.
     */
    private Optional<String> field(JsonNode record, String name, boolean numberToo, int line) {
        JsonNode v = record.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (v.isTextual() || (numberToo && v.isNumber())) {
            return Optional.of(v.asText());
        }
        String was = v.isNumber()
                ? "a number"
                : v.isBoolean() ? "true or false" : v.isArray() ? "a list" : v.isObject() ? "an object" : "binary";
        throw new SuiteDataException(file + " record " + line + ": \"" + name + "\" must be "
                + (numberToo ? "a string or a number" : "a string") + ", was " + was);
    }
}
