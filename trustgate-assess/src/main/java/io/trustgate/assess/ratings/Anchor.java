package io.trustgate.assess.ratings;

import java.util.Objects;

/**
 * What fixes the origin of the ratings. Bradley-Terry only determines differences, so one number has to be pinned:
 * either the mean (equal to the scale's initial rating) or the rating of one model. Applied to the point estimate and
 * to every bootstrap round alike, as FastChat does; the anchored model's interval is therefore zero wide.
 */
public sealed interface Anchor {
    /** FastChat's default: mixtral-8x7b-instruct-v0.1 at 1114 when it took part, otherwise the mean. */
    Anchor ARENA = new FixedIfPresent("mixtral-8x7b-instruct-v0.1", 1114);

    /** The ratings average the scale's initial rating (1000). */
    record Mean() implements Anchor {}

    /** The model is rated exactly {@code rating}; it must have taken part. */
    record Fixed(String model, double rating) implements Anchor {
        public Fixed {
            Objects.requireNonNull(model, "model");
            if (model.isBlank() || !Double.isFinite(rating)) {
                throw new IllegalArgumentException(
                        "anchor needs a model and a finite rating, was " + model + "=" + rating);
            }
        }
    }

    /** Like {@link Fixed} when the model took part, like {@link Mean} otherwise. */
    record FixedIfPresent(String model, double rating) implements Anchor {
        public FixedIfPresent {
            Objects.requireNonNull(model, "model");
            if (model.isBlank() || !Double.isFinite(rating)) {
                throw new IllegalArgumentException(
                        "anchor needs a model and a finite rating, was " + model + "=" + rating);
            }
        }
    }
}
