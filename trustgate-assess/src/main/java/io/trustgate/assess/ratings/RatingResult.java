package io.trustgate.assess.ratings;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Ratings of every model that took part, best first.
 *
 * @param ratings per model, sorted by rating, descending
 * @param battles battles the fit rests on
 * @param bootstrapRounds rounds asked for
 * @param roundsUsed rounds the intervals rest on (a round with no finite fit is left out)
 * @param fitTime time of the point fit
 * @param bootstrapTime time of the bootstrap (zero without one)
 */
public record RatingResult(
        List<ModelRating> ratings,
        long battles,
        int bootstrapRounds,
        int roundsUsed,
        Duration fitTime,
        Duration bootstrapTime) {
    public RatingResult {
        ratings = List.copyOf(ratings);
        Objects.requireNonNull(fitTime, "fitTime");
        Objects.requireNonNull(bootstrapTime, "bootstrapTime");
    }
}
