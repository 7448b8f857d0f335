package io.trustgate.assess.ratings;

/**
 * The Elo scale the fitted strengths are shown on: a model rated {@code scale} points above another is expected to
 * win {@code base} times as often as it loses. Before any anchor, the ratings average {@code initial}.
 *
 * @param base odds ratio per {@code scale} points (10 in Elo and Chatbot Arena)
 * @param scale points per factor of {@code base} in the odds (400)
 * @param initial the mean rating before anchoring (1000)
 */
public record RatingScale(double base, double scale, double initial) {
    /** Chatbot Arena's and FastChat's: base 10, scale 400, initial 1000. */
    public static final RatingScale ARENA = new RatingScale(10, 400, 1000);

    public RatingScale {
        if (!(base > 1) || !Double.isFinite(base)) {
            throw new IllegalArgumentException("rating base must be a finite number > 1, was " + base);
        }
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("rating scale must be a finite number > 0, was " + scale);
        }
        if (!Double.isFinite(initial)) {
            throw new IllegalArgumentException("initial rating must be finite, was " + initial);
        }
    }
}
