package io.trustgate.assess.ratings;

import java.util.Objects;

/**
 * One battle: two different models answered the same prompt and a judge (a person voting, or a judge model) chose.
 *
 * @param modelA the model shown first
 * @param modelB the model shown second
 * @param outcome who won
 */
public record Battle(String modelA, String modelB, Outcome outcome) {
    public Battle {
        Objects.requireNonNull(modelA, "modelA");
        Objects.requireNonNull(modelB, "modelB");
        Objects.requireNonNull(outcome, "outcome");
        if (modelA.isBlank() || modelB.isBlank()) {
            throw new IllegalArgumentException(
                    "battle needs two model names, was '" + modelA + "' vs '" + modelB + "'");
        }
        if (modelA.equals(modelB)) {
            throw new IllegalArgumentException("a model cannot battle itself: " + modelA);
        }
    }
}
