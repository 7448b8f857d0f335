package io.trustgate.assess.ratings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Pairwise ratings as Chatbot Arena (FastChat's {@code compute_bt} and {@code compute_bootstrap_bt}) computes them:
 * a Bradley-Terry maximum-likelihood fit on the Elo scale (base 10, scale 400, mean 1000, ties as half a win each
 * way, no regularisation), anchored (by default mixtral-8x7b-instruct-v0.1 at 1114 when present), with percentile
 * bootstrap intervals. See docs/ratings.md for the method and its limits.
 */
public final class ArenaRatings {
    private ArenaRatings() {}

    /**
     * Rates every model in the counts.
     *
     * @throws IllegalArgumentException when no finite fit exists (the message says which models are unbounded), or
     *     the anchor model has no battles
     */
    public static RatingResult rate(BattleCounts counts, RatingOptions options) {
        List<String> models = counts.models();
        BradleyTerry.Pairs pairs = BradleyTerry.pairs(counts);
        BradleyTerry.problem(pairs, models).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        double alpha = Math.log(options.scale().base());
        long t0 = System.nanoTime();
        double[] natural = switch (options.solver()) {
            case FASTCHAT -> BradleyTerry.fitFastChat(pairs, alpha, 1);
            case EXACT -> BradleyTerry.fit(pairs, alpha, new double[models.size()]);
        };
        double[] rating = BradleyTerry.toScale(natural, models, options.scale(), options.anchor());
        long t1 = System.nanoTime();
        double[] lower = rating.clone();
        double[] upper = rating.clone();
        int used = 0;
        if (options.bootstrapRounds() > 0) {
            Bootstrap.Rounds rounds = Bootstrap.run(
                    counts,
                    options.bootstrapRounds(),
                    options.seed(),
                    options.threads(),
                    alpha,
                    natural,
                    options.solver());
            used = rounds.ratings().size();
            if (used > 0) {
                double[][] byModel = new double[models.size()][used];
                for (int r = 0; r < used; r++) {
                    double[] scaled =
                            BradleyTerry.toScale(rounds.ratings().get(r), models, options.scale(), options.anchor());
                    for (int m = 0; m < models.size(); m++) {
                        byModel[m][r] = scaled[m];
                    }
                }
                for (int m = 0; m < models.size(); m++) {
                    Arrays.sort(byModel[m]);
                    lower[m] = quantile(byModel[m], 0.025);
                    upper[m] = quantile(byModel[m], 0.975);
                }
            }
        }
        long t2 = System.nanoTime();
        List<ModelRating> out = new ArrayList<>();
        for (int m = 0; m < models.size(); m++) {
            out.add(new ModelRating(models.get(m), rating[m], lower[m], upper[m], counts.battles(m)));
        }
        out.sort(Comparator.comparingDouble(ModelRating::rating).reversed().thenComparing(ModelRating::model));
        return new RatingResult(
                out,
                counts.total(),
                options.bootstrapRounds(),
                used,
                Duration.ofNanos(t1 - t0),
                Duration.ofNanos(t2 - t1));
    }

    /** The q-quantile of sorted values with linear interpolation between order statistics (pandas' default). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
