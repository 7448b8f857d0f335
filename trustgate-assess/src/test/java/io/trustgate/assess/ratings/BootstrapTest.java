package io.trustgate.assess.ratings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {
    private static ModelRating find(RatingResult r, String model) {
        return r.ratings().stream()
                .filter(m -> m.model().equals(model))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void arenaIntervalsMatchTheResearchRunAndPinTheAnchor() throws Exception {
        BattleCounts arena = BattleReader.read(
                ArenaGoldenTest.resource("chatbotarena_20240814.json"), BattleReader.Format.LEADERBOT);
        RatingResult r = ArenaRatings.rate(arena, RatingOptions.arena().withBootstrap(100, 0));
        System.out.printf(
                "bootstrap: 100 rounds in %d ms on %d threads%n",
                r.bootstrapTime().toMillis(), RatingOptions.arena().threads());
        assertThat(r.roundsUsed()).isEqualTo(100);
        ModelRating gpt4o = find(r, "gpt-4o-2024-05-13");
        // The shared dataset's research run (NumPy, 100 multinomial resamples) gave [1282.9, 1289.1].
        assertThat(gpt4o.lower()).isBetween(1281.5, 1284.5);
        assertThat(gpt4o.upper()).isBetween(1287.5, 1290.5);
        ModelRating mixtral = find(r, "mixtral-8x7b-instruct-v0.1");
        assertThat(mixtral.lower()).isEqualTo(1114.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(mixtral.upper()).isEqualTo(1114.0, org.assertj.core.data.Offset.offset(1e-9));
        for (ModelRating m : r.ratings()) {
            assertThat(m.lower()).as(m.model()).isLessThanOrEqualTo(m.upper());
        }
    }

    @Test
    void sameSeedGivesSameIntervalsOnAnyNumberOfThreads() {
        BattleCounts c = SmallBattles.threeModels();
        RatingOptions o = RatingOptions.arena().withBootstrap(40, 42);
        RatingResult one = ArenaRatings.rate(c, o.withThreads(1));
        RatingResult two = ArenaRatings.rate(c, o.withThreads(2));
        RatingResult again = ArenaRatings.rate(c, o.withThreads(3));
        assertThat(two.ratings()).isEqualTo(one.ratings());
        assertThat(again.ratings()).isEqualTo(one.ratings());
        RatingResult other = ArenaRatings.rate(c, RatingOptions.arena().withBootstrap(40, 43));
        assertThat(other.ratings()).isNotEqualTo(one.ratings());
    }

    @Test
    void sameBattlesInAnotherOrderGiveTheSameIntervals() {
        BattleCounts reordered = BattleCounts.builder()
                .add("b", "c", Outcome.TIE_BOTH_BAD, 2)
                .add("c", "a", Outcome.B_WINS, 40)
                .add("c", "a", Outcome.A_WINS, 10)
                .add("b", "a", Outcome.B_WINS, 20)
                .add("c", "b", Outcome.B_WINS, 20)
                .add("b", "a", Outcome.A_WINS, 10)
                .add("c", "b", Outcome.A_WINS, 10)
                .add("c", "a", Outcome.TIE, 4)
                .build();
        RatingOptions o = RatingOptions.arena().withBootstrap(30, 9).withSolver(Solver.EXACT);
        RatingResult x = ArenaRatings.rate(SmallBattles.threeModels(), o);
        RatingResult y = ArenaRatings.rate(reordered, o);
        for (int i = 0; i < 3; i++) {
            ModelRating a = x.ratings().get(i);
            ModelRating b = y.ratings().get(i);
            assertThat(b.model()).isEqualTo(a.model());
            assertThat(b.lower()).isCloseTo(a.lower(), org.assertj.core.data.Offset.offset(1e-6));
            assertThat(b.upper()).isCloseTo(a.upper(), org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void aliasTableDrawsEachCellInProportionToItsCount() {
        long[] counts = {0, 5, 1, 0, 94, 0};
        Bootstrap.Alias alias = Bootstrap.Alias.of(counts);
        SplittableRandom rnd = new SplittableRandom(1);
        long[] sum = new long[counts.length];
        int rounds = 2000;
        for (int k = 0; k < rounds; k++) {
            long[] d = alias.sample(100, rnd);
            long total = 0;
            for (int i = 0; i < d.length; i++) {
                sum[i] += d[i];
                total += d[i];
            }
            assertThat(total).isEqualTo(100);
            assertThat(d[0]).isZero();
            assertThat(d[3]).isZero();
            assertThat(d[5]).isZero();
        }
        assertThat(sum[1] / (double) rounds).isCloseTo(5, org.assertj.core.data.Offset.offset(0.2));
        assertThat(sum[2] / (double) rounds).isCloseTo(1, org.assertj.core.data.Offset.offset(0.1));
        assertThat(sum[4] / (double) rounds).isCloseTo(94, org.assertj.core.data.Offset.offset(0.3));
    }

    @Test
    void roundsWithoutAFiniteFitAreLeftOutAndCounted() {
        // b's only loss is one battle in 3: resamples that miss it leave b unbeaten.
        BattleCounts c = BattleCounts.builder()
                .add("a", "b", Outcome.A_WINS, 1)
                .add("a", "b", Outcome.B_WINS, 1)
                .add("b", "c", Outcome.A_WINS, 1)
                .add("c", "a", Outcome.A_WINS, 1)
                .build();
        RatingResult r = ArenaRatings.rate(c, RatingOptions.arena().withBootstrap(50, 7));
        assertThat(r.roundsUsed()).isLessThan(50).isGreaterThan(0);
    }

    @Test
    void quantileInterpolatesLinearlyLikePandas() {
        double[] v = {1, 2, 3, 4, 5};
        assertThat(ArenaRatings.quantile(v, 0.5)).isEqualTo(3);
        assertThat(ArenaRatings.quantile(v, 0.025)).isEqualTo(1.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(ArenaRatings.quantile(v, 0.975)).isEqualTo(4.9, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(ArenaRatings.quantile(new double[] {7}, 0.975)).isEqualTo(7);
    }
}
