package io.trustgate.assess.ratings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden test: on Chatbot Arena's 1.67M battles of 2024-08-14 (leaderbot's aggregate), every model's rating matches
 * the reference computed with FastChat's method (reference_ratings_20240814.tsv, made by bt_ref.py).
 */
class ArenaGoldenTest {
    static BattleCounts arena;
    static Map<String, double[]> reference = new HashMap<>(); // model -> [anchored, unanchored, excl. both-bad]

    static Path resource(String name) throws URISyntaxException {
        return Path.of(ArenaGoldenTest.class.getResource("/ratings/" + name).toURI());
    }

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        arena = BattleReader.read(resource("chatbotarena_20240814.json"), BattleReader.Format.AUTO);
        List<String> lines = Files.readAllLines(resource("reference_ratings_20240814.tsv"));
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split("\t");
            reference.put(
                    f[0], new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])});
        }
    }

    @Test
    void readsAllBattlesOfTheLeaderbotAggregate() {
        assertThat(arena.models()).hasSize(129);
        assertThat(arena.pairs()).isEqualTo(3460);
        assertThat(arena.total()).isEqualTo(1_670_250);
        // Pairs are stored in first-seen order of the models, so A and B wins may swap between pairs; their sum may
        // not.
        assertThat(arena.total(Outcome.A_WINS) + arena.total(Outcome.B_WINS)).isEqualTo(595_570 + 498_305);
        assertThat(arena.total(Outcome.TIE)).isEqualTo(281_121);
        assertThat(arena.total(Outcome.TIE_BOTH_BAD)).isEqualTo(295_254);
    }

    @Test
    void everyModelWithinATenthOfAPointOfTheReferenceAnchoredAtMixtral() {
        RatingResult r = ArenaRatings.rate(arena, RatingOptions.arena());
        assertThat(r.ratings()).hasSize(129);
        double max = maxDiff(r, 0);
        System.out.printf(
                "golden (fastchat solver): max |rating - reference| = %.4f, fit %d ms%n",
                max, r.fitTime().toMillis());
        assertThat(max).isLessThan(0.1);
        assertThat(r.ratings().get(0).model()).isEqualTo("chatgpt-4o-latest");
    }

    @Test
    void exactMaximumIsWithinOnePointOfTheReferenceExceptWhereFastChatStoppedShort() {
        RatingResult r = ArenaRatings.rate(arena, RatingOptions.arena().withSolver(Solver.EXACT));
        double max = maxDiff(r, 0);
        System.out.printf(
                "golden (exact solver): max |rating - reference| = %.4f, fit %d ms%n",
                max, r.fitTime().toMillis());
        // SciPy's L-BFGS-B stops on its relative-reduction test after 45 iterations; the true maximum rates
        // codellama-70b-instruct (1,193 battles) 1.2 points higher. Every other model is within 0.5.
        for (ModelRating m : r.ratings()) {
            double diff = Math.abs(m.rating() - reference.get(m.model())[0]);
            assertThat(diff).as(m.model()).isLessThan(m.model().equals("codellama-70b-instruct") ? 1.25 : 0.5);
        }
    }

    @Test
    void meanAnchorGivesTheUnanchoredColumn() {
        RatingResult r = ArenaRatings.rate(arena, RatingOptions.arena().withAnchor(new Anchor.Mean()));
        assertThat(maxDiff(r, 1)).isLessThan(0.1);
        assertThat(r.ratings().stream()
                        .mapToDouble(ModelRating::rating)
                        .average()
                        .orElseThrow())
                .isCloseTo(1000, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void fixedAnchorPinsTheModel() {
        RatingResult r =
                ArenaRatings.rate(arena, RatingOptions.arena().withAnchor(new Anchor.Fixed("gpt-4-0314", 1200)));
        ModelRating gpt4 = r.ratings().stream()
                .filter(m -> m.model().equals("gpt-4-0314"))
                .findFirst()
                .orElseThrow();
        assertThat(gpt4.rating()).isEqualTo(1200.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    private static double maxDiff(RatingResult r, int column) {
        double max = 0;
        for (ModelRating m : r.ratings()) {
            double[] ref = reference.get(m.model());
            assertThat(ref).as(m.model()).isNotNull();
            max = Math.max(max, Math.abs(m.rating() - ref[column]));
        }
        return max;
    }
}
