package io.trustgate.assess.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run is: everything needed to continue it after a crash with the same samples and grading.
 *
 * @param id the run id (folder name; {@link RunStore#newId})
 * @param model the model assessed
 * @param suite the suite name
 * @param input the user suite file, when the suite is a user's
 * @param datasets the datasets folder the samples were loaded from
 * @param limit at most this many samples (0: all)
 * @param created when it started
 * @param refusalDetector the refusal detector's name
 * @param judge the judge model, if one grades too
 * @param temperature sampling temperature
 * @param maxTokens answer budget
 */
public record RunMeta(
        String id,
        String model,
        String suite,
        Optional<String> input,
        String datasets,
        int limit,
        Instant created,
        String refusalDetector,
        Optional<String> judge,
        double temperature,
        int maxTokens) {
    public RunMeta {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(datasets, "datasets");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(refusalDetector, "refusalDetector");
        Objects.requireNonNull(judge, "judge");
        RunStore.requireId(id);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
    }

    ObjectNode toJson() {
        ObjectNode n = RunStore.JSON.createObjectNode();
        n.put("id", id).put("model", model).put("suite", suite);
        input.ifPresent(i -> n.put("input", i));
        n.put("datasets", datasets).put("limit", limit).put("created", created.toString());
        n.put("refusal_detector", refusalDetector);
        judge.ifPresent(j -> n.put("judge", j));
        n.put("temperature", temperature).put("max_tokens", maxTokens);
        return n;
    }

    static RunMeta fromJson(JsonNode n) {
        return new RunMeta(
                n.path("id").asText(),
                n.path("model").asText(),
                n.path("suite").asText(),
                n.hasNonNull("input") ? Optional.of(n.get("input").asText()) : Optional.empty(),
                n.path("datasets").asText(),
                n.path("limit").asInt(),
                Instant.parse(n.path("created").asText()),
                n.path("refusal_detector").asText(),
                n.hasNonNull("judge") ? Optional.of(n.get("judge").asText()) : Optional.empty(),
                n.path("temperature").asDouble(0),
                n.path("max_tokens").asInt(512));
    }
}
