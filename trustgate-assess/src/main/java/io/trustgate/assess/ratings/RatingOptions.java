package io.trustgate.assess.ratings;

import java.util.Objects;

/**
 * How to rate: the scale, the anchor, and the bootstrap (0 rounds: no intervals).
 *
 * @param scale the Elo scale ({@link RatingScale#ARENA})
 * @param anchor what fixes the origin ({@link Anchor#ARENA})
 * @param bootstrapRounds resamples for the 95% intervals, 0 for none (Chatbot Arena uses 100 or more)
 * @param seed seed of the resampling; the same seed gives the same intervals on any number of threads
 * @param threads rounds fitted in parallel
 * @param solver how the likelihood is maximised ({@link Solver#FASTCHAT} to reproduce Chatbot Arena)
 */
public record RatingOptions(
        RatingScale scale, Anchor anchor, int bootstrapRounds, long seed, int threads, Solver solver) {
    /** The most rounds accepted (each costs one pass of random draws over all battles). */
    public static final int MAX_ROUNDS = 100_000;

    public RatingOptions {
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(solver, "solver");
        if (bootstrapRounds < 0 || bootstrapRounds > MAX_ROUNDS) {
            throw new IllegalArgumentException(
                    "bootstrap rounds must be in 0.." + MAX_ROUNDS + ", was " + bootstrapRounds);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
    }

    /** Chatbot Arena's method without intervals: scale 10/400/1000, mixtral-8x7b-instruct-v0.1 at 1114 if present. */
    public static RatingOptions arena() {
        return new RatingOptions(
                RatingScale.ARENA, Anchor.ARENA, 0, 0, Runtime.getRuntime().availableProcessors(), Solver.FASTCHAT);
    }

    public RatingOptions withBootstrap(int rounds, long seedValue) {
        return new RatingOptions(scale, anchor, rounds, seedValue, threads, solver);
    }

    public RatingOptions withAnchor(Anchor a) {
        return new RatingOptions(scale, a, bootstrapRounds, seed, threads, solver);
    }

    public RatingOptions withThreads(int n) {
        return new RatingOptions(scale, anchor, bootstrapRounds, seed, n, solver);
    }

    public RatingOptions withSolver(Solver s) {
        return new RatingOptions(scale, anchor, bootstrapRounds, seed, threads, s);
    }
}
