package io.trustgate.assess.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.assess.grade.Grade;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a run's journal: a sample graded, or failed after its retries (a failed sample is tried again when
 * the run is resumed; a graded one never is).
 *
 * @param id the sample id
 * @param category its category
 * @param metric the figure it counts towards
 * @param status graded or failed
 * @param grade the rule graders' verdict (meaningless when failed)
 * @param blocked whether the gateway's firewall blocked the exchange
 * @param judgeRefused the judge's verdict on refusal, when a judge ran and answered clearly
 * @param attempts calls made
 * @param answer the answer, cut to {@link #MAX_ANSWER} chars (empty when failed or blocked)
 * @param error why it failed (empty when graded)
 */
public record SampleResult(
        String id,
        String category,
        String metric,
        Status status,
        Grade grade,
        boolean blocked,
        Optional<Boolean> judgeRefused,
        int attempts,
        String answer,
        String error) {
    /** Answers are kept for re-grading and judging, cut to bound the journal's size. */
    public static final int MAX_ANSWER = 4000;

    public enum Status {
        GRADED,
        FAILED
    }

    public SampleResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(grade, "grade");
        Objects.requireNonNull(judgeRefused, "judgeRefused");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(error, "error");
        if (answer.length() > MAX_ANSWER) {
            answer = answer.substring(0, MAX_ANSWER);
        }
    }

    public boolean graded() {
        return status == Status.GRADED;
    }

    ObjectNode toJson() {
        ObjectNode n = RunStore.JSON.createObjectNode();
        n.put("id", id).put("category", category).put("metric", metric);
        n.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
        n.put("hit", grade.hit()).put("refused", grade.refused()).put("extracted", grade.extracted());
        if (grade.bbq() != Grade.BbqAnswer.NOT_BBQ) {
            n.put("bbq", grade.bbq().name().toLowerCase(java.util.Locale.ROOT));
        }
        n.put("blocked", blocked);
        judgeRefused.ifPresent(j -> n.put("judge_refused", j));
        n.put("attempts", attempts).put("answer", answer);
        if (!error.isEmpty()) {
            n.put("error", error);
        }
        return n;
    }

    static SampleResult fromJson(JsonNode n) {
        String bbq = n.path("bbq").asText("not_bbq");
        return new SampleResult(
                n.path("id").asText(),
                n.path("category").asText(),
                n.path("metric").asText(),
                Status.valueOf(n.path("status").asText().toUpperCase(java.util.Locale.ROOT)),
                new Grade(
                        n.path("hit").asBoolean(),
                        n.path("refused").asBoolean(),
                        n.path("extracted").asText(""),
                        Grade.BbqAnswer.valueOf(bbq.toUpperCase(java.util.Locale.ROOT))),
                n.path("blocked").asBoolean(),
                n.hasNonNull("judge_refused")
                        ? Optional.of(n.get("judge_refused").asBoolean())
                        : Optional.empty(),
                n.path("attempts").asInt(),
                n.path("answer").asText(""),
                n.path("error").asText(""));
    }
}
