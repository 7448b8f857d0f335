package io.trustgate.assess.ratings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BradleyTerryTest {
    private static double rating(RatingResult r, String model) {
        return r.ratings().stream()
                .filter(m -> m.model().equals(model))
                .findFirst()
                .orElseThrow()
                .rating();
    }

    @Test
    void twoToOneOddsAre120PointsOnTheEloScale() {
        BattleCounts c = BattleCounts.builder()
                .add("a", "b", Outcome.A_WINS, 200)
                .add("b", "a", Outcome.A_WINS, 100)
                .build();
        for (Solver s : Solver.values()) {
            RatingResult r = ArenaRatings.rate(c, RatingOptions.arena().withSolver(s));
            assertThat(rating(r, "a") - rating(r, "b")).as(s.name()).isCloseTo(400 * Math.log10(2), within(1e-3));
            assertThat(rating(r, "a") + rating(r, "b")).as(s.name()).isCloseTo(2000, within(1e-6));
        }
    }

    @Test
    void tiesCountAsHalfAWinForEachSide() {
        BattleCounts tiesOnly = BattleCounts.builder()
                .add("a", "b", Outcome.TIE, 3)
                .add("a", "b", Outcome.TIE_BOTH_BAD, 5)
                .build();
        RatingResult r = ArenaRatings.rate(tiesOnly, RatingOptions.arena().withSolver(Solver.EXACT));
        assertThat(rating(r, "a")).isCloseTo(1000, within(1e-9));
        // 2 wins + 2 ties against 2 losses + ... : a scores 3 of 4, same as 3 wins and 1 loss.
        BattleCounts withTies = BattleCounts.builder()
                .add("a", "b", Outcome.A_WINS, 2)
                .add("a", "b", Outcome.TIE, 2)
                .build();
        BattleCounts withoutTies = BattleCounts.builder()
                .add("a", "b", Outcome.A_WINS, 3)
                .add("a", "b", Outcome.B_WINS, 1)
                .build();
        RatingOptions exact = RatingOptions.arena().withSolver(Solver.EXACT);
        assertThat(rating(ArenaRatings.rate(withTies, exact), "a"))
                .isCloseTo(rating(ArenaRatings.rate(withoutTies, exact), "a"), within(1e-9));
    }

    @Test
    void bothSolversAgreeOnWellConditionedData() {
        BattleCounts c = SmallBattles.threeModels();
        RatingResult fast = ArenaRatings.rate(c, RatingOptions.arena());
        RatingResult exact = ArenaRatings.rate(c, RatingOptions.arena().withSolver(Solver.EXACT));
        for (String m : c.models()) {
            assertThat(rating(fast, m)).as(m).isCloseTo(rating(exact, m), within(0.05));
        }
        assertThat(exact.ratings()).extracting(ModelRating::model).containsExactly("a", "b", "c");
    }

    @Test
    void refusesDataWithoutAFiniteFitAndNamesTheModel() {
        BattleCounts c = BattleCounts.builder()
                .add("a", "b", Outcome.A_WINS, 3)
                .add("b", "c", Outcome.A_WINS, 1)
                .add("b", "c", Outcome.B_WINS, 1)
                .build();
        assertThatThrownBy(() -> ArenaRatings.rate(c, RatingOptions.arena()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("b, c never won nor tied against a (");
        BattleCounts apart = BattleCounts.builder()
                .add("a", "b", Outcome.TIE, 3)
                .add("c", "d", Outcome.TIE, 1)
                .build();
        assertThatThrownBy(() -> ArenaRatings.rate(apart, RatingOptions.arena()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("c, d never lost nor tied against a, b");
    }

    @Test
    void anchorsShiftEveryRatingAlike() {
        BattleCounts c = SmallBattles.threeModels();
        RatingResult mean = ArenaRatings.rate(c, RatingOptions.arena());
        RatingResult fixed = ArenaRatings.rate(c, RatingOptions.arena().withAnchor(new Anchor.Fixed("b", 1500)));
        assertThat(rating(fixed, "b")).isCloseTo(1500, within(1e-9));
        assertThat(rating(fixed, "a") - rating(fixed, "c"))
                .isCloseTo(rating(mean, "a") - rating(mean, "c"), within(1e-9));
        assertThatThrownBy(() -> ArenaRatings.rate(c, RatingOptions.arena().withAnchor(new Anchor.Fixed("z", 1))))
                .hasMessage("anchor model z has no battles");
        // Arena's default anchor falls back to the mean when mixtral did not take part.
        assertThat(mean.ratings().stream().mapToDouble(ModelRating::rating).sum())
                .isCloseTo(3000, within(1e-6));
    }

    @Test
    void otherScalesChangeOnlyTheUnits() {
        BattleCounts c = SmallBattles.threeModels();
        RatingOptions natural =
                new RatingOptions(new RatingScale(Math.E, 1, 0), new Anchor.Mean(), 0, 0, 1, Solver.EXACT);
        RatingResult r = ArenaRatings.rate(c, natural);
        RatingResult elo = ArenaRatings.rate(c, RatingOptions.arena().withSolver(Solver.EXACT));
        double logit = rating(r, "a") - rating(r, "b");
        double points = rating(elo, "a") - rating(elo, "b");
        assertThat(points).isCloseTo(logit * 400 / Math.log(10), within(1e-6));
    }
}
