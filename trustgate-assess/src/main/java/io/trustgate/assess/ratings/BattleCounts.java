package io.trustgate.assess.ratings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Battles aggregated per unordered pair of models: for each pair (first, second), how often first won, second won,
 * they tied, and they tied as both bad. The rating fit and the bootstrap work on these counts (3,460 pairs for the
 * 1.67M Chatbot Arena battles of 2024-08-14), which is equivalent to working on the battles themselves because the
 * Bradley-Terry likelihood depends on the battles only through these counts. Immutable; build with
 * {@link #builder()}.
 */
public final class BattleCounts {
    /** The most battles a table may hold (the bootstrap draws this many per round, and counts stay exact). */
    public static final long MAX_TOTAL = 1L << 40;

    private final List<String> models;
    private final int[] first;
    private final int[] second;
    private final long[][] counts; // [pair][outcome ordinal]
    private final long total;
    private final long[] perModel;

    private BattleCounts(List<String> models, int[] first, int[] second, long[][] counts) {
        this.models = List.copyOf(models);
        this.first = first;
        this.second = second;
        this.counts = counts;
        long t = 0;
        long[] pm = new long[models.size()];
        for (int p = 0; p < first.length; p++) {
            long n = 0;
            for (long c : counts[p]) {
                n += c;
            }
            t += n;
            pm[first[p]] += n;
            pm[second[p]] += n;
        }
        this.total = t;
        this.perModel = pm;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The models, in the order they were first seen; indices below refer to this list. */
    public List<String> models() {
        return models;
    }

    /** How many pairs of models met at least once. */
    public int pairs() {
        return first.length;
    }

    /** Index of the pair's first model (always lower than {@link #second}). */
    public int first(int pair) {
        return first[pair];
    }

    /** Index of the pair's second model. */
    public int second(int pair) {
        return second[pair];
    }

    /** How often the pair's battles ended with this outcome, seen from the first model ({@code A_WINS}: first won). */
    public long count(int pair, Outcome outcome) {
        return counts[pair][outcome.ordinal()];
    }

    /** All battles. */
    public long total() {
        return total;
    }

    /** Battles the model took part in. */
    public long battles(int model) {
        return perModel[model];
    }

    /** Total of one outcome over all pairs, seen from each pair's first model. */
    public long total(Outcome outcome) {
        long t = 0;
        for (long[] c : counts) {
            t += c[outcome.ordinal()];
        }
        return t;
    }

    @Override
    public String toString() {
        return "BattleCounts[" + models.size() + " models, " + first.length + " pairs, " + total + " battles]";
    }

    /** Collects battles; each is stored under its unordered pair, with the outcome flipped when needed. */
    public static final class Builder {
        private final Map<String, Integer> index = new HashMap<>();
        private final List<String> models = new ArrayList<>();
        private final Map<Long, Integer> pairIndex = new HashMap<>();
        private int[] first = new int[64];
        private int[] second = new int[64];
        private long[][] counts = new long[64][];
        private int pairs;
        private long total;

        private Builder() {}

        /** Adds one battle. */
        public Builder add(Battle b) {
            return add(b.modelA(), b.modelB(), b.outcome(), 1);
        }

        /**
         * Adds {@code n} battles between A and B that ended the same way. {@code n == 0} adds nothing (not even the
         * models: a model without battles has no rating).
         */
        public Builder add(String modelA, String modelB, Outcome outcome, long n) {
            Objects.requireNonNull(outcome, "outcome");
            if (n < 0) {
                throw new IllegalArgumentException("negative battle count " + n + " for " + modelA + " vs " + modelB);
            }
            if (n == 0) {
                return this;
            }
            new Battle(modelA, modelB, outcome); // validates the names
            if (total + n > MAX_TOTAL || total + n < 0) {
                throw new IllegalArgumentException("more than " + MAX_TOTAL + " battles");
            }
            int a = id(modelA);
            int b = id(modelB);
            Outcome o = outcome;
            if (a > b) {
                int t = a;
                a = b;
                b = t;
                o = o.swapped();
            }
            long key = ((long) a << 32) | b;
            Integer p = pairIndex.get(key);
            if (p == null) {
                p = pairs;
                if (pairs == first.length) {
                    first = Arrays.copyOf(first, pairs * 2);
                    second = Arrays.copyOf(second, pairs * 2);
                    counts = Arrays.copyOf(counts, pairs * 2);
                }
                first[pairs] = a;
                second[pairs] = b;
                counts[pairs] = new long[Outcome.values().length];
                pairs++;
                pairIndex.put(key, p);
            }
            counts[p][o.ordinal()] += n;
            total += n;
            return this;
        }

        /** Models seen so far. */
        public int modelCount() {
            return models.size();
        }

        /** Pairs seen so far. */
        public int pairCount() {
            return pairs;
        }

        public BattleCounts build() {
            long[][] c = new long[pairs][];
            for (int p = 0; p < pairs; p++) {
                c[p] = counts[p].clone();
            }
            return new BattleCounts(models, Arrays.copyOf(first, pairs), Arrays.copyOf(second, pairs), c);
        }

        private int id(String model) {
            Integer i = index.get(model);
            if (i == null) {
                i = models.size();
                models.add(model);
                index.put(model, i);
            }
            return i;
        }
    }
}
