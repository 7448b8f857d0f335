package io.trustgate.benchmarks;

import io.trustgate.assess.ratings.ArenaRatings;
import io.trustgate.assess.ratings.BattleCounts;
import io.trustgate.assess.ratings.BattleReader;
import io.trustgate.assess.ratings.RatingOptions;
import io.trustgate.assess.ratings.RatingResult;
import io.trustgate.assess.ratings.Solver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Pairwise ratings on Chatbot Arena's 1,670,250 battles of 2024-08-14 (129 models, 3,460 pairs; leaderbot's
 * aggregate): {@code fitArena} is the point fit as FastChat computes it (SciPy-style L-BFGS), {@code fitArenaExact}
 * the Newton fit to the exact maximum, {@code readAndFitArena} adds reading the 103 KB JSON, and
 * {@code bootstrap100Rounds} is the point fit plus 100 bootstrap rounds (1.67M multinomial draws and one fit each)
 * on all cores. The file is found through {@code $TRUSTGATE_RATINGS_BATTLES}, else under the working directory or
 * its parents at trustgate-assess/src/test/resources/ratings/.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RatingsBenchmark {
    private static final String RESOURCE = "trustgate-assess/src/test/resources/ratings/chatbotarena_20240814.json";

    private Path file;
    private BattleCounts arena;

    @Setup
    public void setUp() {
        file = locate();
        arena = BattleReader.read(file, BattleReader.Format.LEADERBOT);
    }

    static Path locate() {
        String env = System.getenv("TRUSTGATE_RATINGS_BATTLES");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve(RESOURCE);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find " + RESOURCE + " above the working directory; set"
                + " TRUSTGATE_RATINGS_BATTLES to the leaderbot JSON");
    }

    @Benchmark
    public RatingResult fitArena() {
        return ArenaRatings.rate(arena, RatingOptions.arena());
    }

    @Benchmark
    public RatingResult fitArenaExact() {
        return ArenaRatings.rate(arena, RatingOptions.arena().withSolver(Solver.EXACT));
    }

    @Benchmark
    public RatingResult readAndFitArena() {
        return ArenaRatings.rate(BattleReader.read(file, BattleReader.Format.LEADERBOT), RatingOptions.arena());
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public RatingResult bootstrap100Rounds() {
        return ArenaRatings.rate(arena, RatingOptions.arena().withBootstrap(100, 0));
    }
}
