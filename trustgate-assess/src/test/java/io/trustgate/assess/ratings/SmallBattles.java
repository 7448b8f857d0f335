package io.trustgate.assess.ratings;

/** Small battle tables for tests. */
final class SmallBattles {
    private SmallBattles() {}

    /** a beats b 2:1 in odds, b beats c 2:1, a beats c 4:1, a few ties. */
    static BattleCounts threeModels() {
        return BattleCounts.builder()
                .add("a", "b", Outcome.A_WINS, 20)
                .add("a", "b", Outcome.B_WINS, 10)
                .add("b", "c", Outcome.A_WINS, 20)
                .add("b", "c", Outcome.B_WINS, 10)
                .add("a", "c", Outcome.A_WINS, 40)
                .add("a", "c", Outcome.B_WINS, 10)
                .add("a", "c", Outcome.TIE, 4)
                .add("c", "b", Outcome.TIE_BOTH_BAD, 2)
                .build();
    }
}
