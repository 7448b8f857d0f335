package io.trustgate.assess.ratings;

import java.util.Objects;

/**
 * One model's rating on the Elo scale and its 95% bootstrap interval ({@code lower == upper == rating} without a
 * bootstrap). The percentile interval need not be centred on the rating, and on small data need not contain it.
 *
 * @param model the model's name as the battles spell it
 * @param rating the maximum-likelihood rating
 * @param lower 2.5th percentile of the bootstrap ratings
 * @param upper 97.5th percentile of the bootstrap ratings
 * @param battles how many battles it took part in
 */
public record ModelRating(String model, double rating, double lower, double upper, long battles) {
    public ModelRating {
        Objects.requireNonNull(model, "model");
    }
}
