package io.trustgate.assess.ratings;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Bootstrap of the Bradley-Terry fit, as Chatbot Arena computes its intervals: each round resamples the battles with
 * replacement (as many as there were), refits, and the interval is the 2.5th to 97.5th percentile of the rounds.
 *
 * <p>On pair counts, resampling battles is a multinomial draw over the cells (pair, outcome) with probabilities
 * count / total, which is what FastChat does too ({@code rng.multinomial} over its unique rows). We draw it battle by
 * battle from an integer alias table (Vose), so each draw picks a cell with probability exactly count / total;
 * cost per round: total draws (1.67M for the Arena data) plus a warm-started fit. Ties and both-bad ties share one
 * cell per pair since they are scored alike.
 *
 * <p>Reproducible: round k uses a generator seeded with the k-th number of {@code SplittableRandom(seed)}, so the
 * result does not depend on the number of threads. A round whose resample has no finite fit (possible on small
 * data: a model's only loss was not drawn) is left out and counted.
 */
final class Bootstrap {
    private static String low(BattleCounts c, int p) {
        String a = c.models().get(c.first(p));
        String b = c.models().get(c.second(p));
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String high(BattleCounts c, int p) {
        String a = c.models().get(c.first(p));
        String b = c.models().get(c.second(p));
        return a.compareTo(b) <= 0 ? b : a;
    }

    /** Natural-scale strengths of each used round (mean 0), and how many rounds were left out. */
    record Rounds(List<double[]> ratings, int skipped) {}

    private Bootstrap() {}

    static Rounds run(BattleCounts c, int rounds, long seed, int threads, double alpha, double[] start, Solver solver) {
        int pairs = c.pairs();
        // Cells: per pair, first wins / second wins / tie (both kinds), in an order that depends only on the model
        // names (pairs sorted by name, each seen from its alphabetically first model), so the same battles give
        // the same intervals for the same seed whatever the file's format or line order.
        List<String> names = c.models();
        Integer[] order = new Integer[pairs];
        for (int p = 0; p < pairs; p++) {
            order[p] = p;
        }
        java.util.Arrays.sort(
                order, java.util.Comparator.comparing((Integer p) -> low(c, p)).thenComparing(p -> high(c, p)));
        long[] cellCount = new long[pairs * 3];
        int[] cellPair = new int[pairs * 3]; // canonical cell -> pair * 3 + cell of the pair as stored
        for (int k = 0; k < pairs; k++) {
            int p = order[k];
            boolean flip = names.get(c.first(p)).compareTo(names.get(c.second(p))) > 0;
            int win = flip ? 1 : 0;
            int loss = flip ? 0 : 1;
            cellCount[k * 3] = flip ? c.count(p, Outcome.B_WINS) : c.count(p, Outcome.A_WINS);
            cellCount[k * 3 + 1] = flip ? c.count(p, Outcome.A_WINS) : c.count(p, Outcome.B_WINS);
            cellCount[k * 3 + 2] = c.count(p, Outcome.TIE) + c.count(p, Outcome.TIE_BOTH_BAD);
            cellPair[k * 3] = p * 3 + win;
            cellPair[k * 3 + 1] = p * 3 + loss;
            cellPair[k * 3 + 2] = p * 3 + 2;
        }
        Alias alias = Alias.of(cellCount, cellPair);
        long[] seeds = new long[rounds];
        SplittableRandom master = new SplittableRandom(seed);
        for (int k = 0; k < rounds; k++) {
            seeds[k] = master.nextLong();
        }
        BradleyTerry.Pairs base = BradleyTerry.pairs(c);
        double[][] out = new double[rounds][];
        int nThreads = Math.max(1, Math.min(threads, rounds));
        if (nThreads == 1) {
            for (int k = 0; k < rounds; k++) {
                out[k] = round(base, alias, c.total(), seeds[k], alpha, start, c.models(), solver);
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(nThreads, r -> {
                Thread t = new Thread(r, "bootstrap");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<double[]>> fs = new ArrayList<>();
                for (int k = 0; k < rounds; k++) {
                    long s = seeds[k];
                    fs.add(pool.submit(() -> round(base, alias, c.total(), s, alpha, start, c.models(), solver)));
                }
                for (int k = 0; k < rounds; k++) {
                    out[k] = fs.get(k).get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("bootstrap interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        List<double[]> used = new ArrayList<>();
        for (double[] r : out) {
            if (r != null) {
                used.add(r);
            }
        }
        return new Rounds(used, rounds - used.size());
    }

    /** One resample and refit; null when the resample has no finite fit. */
    private static double[] round(
            BradleyTerry.Pairs base,
            Alias alias,
            long n,
            long seed,
            double alpha,
            double[] start,
            List<String> names,
            Solver solver) {
        long[] drawn = alias.sample(n, new SplittableRandom(seed));
        int pairs = base.a().length;
        double[] score = new double[pairs];
        double[] games = new double[pairs];
        for (int p = 0; p < pairs; p++) {
            long wa = drawn[p * 3];
            long wb = drawn[p * 3 + 1];
            long t = drawn[p * 3 + 2];
            score[p] = wa + 0.5 * t;
            games[p] = wa + wb + t;
        }
        BradleyTerry.Pairs d = new BradleyTerry.Pairs(base.models(), base.a(), base.b(), score, games);
        if (BradleyTerry.problem(d, names).isPresent()) {
            return null;
        }
        return switch (solver) {
            case FASTCHAT -> BradleyTerry.fitFastChat(d, alpha, 1.0 / n); // FastChat's weights: counts / battles
            case EXACT -> BradleyTerry.fit(d, alpha, start);
        };
    }

    /**
     * Walker's alias table in integers (Vose's construction): cell k is drawn with probability exactly
     * {@code count[k] / total}. Each column holds {@code total} units: {@code threshold[col]} of its own cell and the
     * rest of {@code alias[col]}'s.
     */
    record Alias(int[] cell, long[] threshold, int[] alias, long total, int size) {
        static Alias of(long[] counts) {
            int[] identity = new int[counts.length];
            for (int i = 0; i < identity.length; i++) {
                identity[i] = i;
            }
            return of(counts, identity);
        }

        /** As {@link #of(long[])}, with draws of cell i reported at {@code outputCell[i]} by {@link #sample}. */
        static Alias of(long[] counts, int[] outputCell) {
            int k = 0;
            for (long v : counts) {
                if (v > 0) {
                    k++;
                }
            }
            int[] cell = new int[k];
            long[] w = new long[k];
            long total = 0;
            int at = 0;
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    cell[at] = outputCell[i];
                    w[at] = Math.multiplyExact(counts[i], (long) k);
                    total += counts[i];
                    at++;
                }
            }
            long[] threshold = new long[k];
            int[] alias = new int[k];
            int[] small = new int[k];
            int[] large = new int[k];
            int ns = 0;
            int nl = 0;
            for (int i = 0; i < k; i++) {
                if (w[i] < total) {
                    small[ns++] = i;
                } else {
                    large[nl++] = i;
                }
            }
            while (ns > 0 && nl > 0) {
                int s = small[--ns];
                int l = large[--nl];
                threshold[s] = w[s];
                alias[s] = l;
                w[l] -= total - w[s];
                if (w[l] < total) {
                    small[ns++] = l;
                } else {
                    large[nl++] = l;
                }
            }
            while (nl > 0) {
                int l = large[--nl];
                threshold[l] = total;
                alias[l] = l;
            }
            while (ns > 0) { // only reached through rounding, which integer weights do not have
                int s = small[--ns];
                threshold[s] = total;
                alias[s] = s;
            }
            return new Alias(cell, threshold, alias, total, counts.length);
        }

        /** Counts per original cell after {@code n} draws. */
        long[] sample(long n, SplittableRandom rnd) {
            int k = cell.length;
            long[] hits = new long[k];
            if (total < (1L << 32)) {
                // One 64-bit random number per draw: its high half picks the column, its low half the side, each
                // mapped to its range by Lemire's multiply-shift with rejection, so the draw stays exact without a
                // division (the rejection thresholds are computed once).
                long kRej = ((1L << 32) - k) % k;
                long tRej = ((1L << 32) - total) % total;
                for (long d = 0; d < n; d++) {
                    long r = rnd.nextLong();
                    long mc = (r >>> 32) * k;
                    while ((mc & 0xFFFFFFFFL) < kRej) {
                        mc = (rnd.nextLong() >>> 32) * k;
                    }
                    long mu = (r & 0xFFFFFFFFL) * total;
                    while ((mu & 0xFFFFFFFFL) < tRej) {
                        mu = (rnd.nextLong() & 0xFFFFFFFFL) * total;
                    }
                    int col = (int) (mc >>> 32);
                    hits[(mu >>> 32) < threshold[col] ? col : alias[col]]++;
                }
            } else {
                for (long d = 0; d < n; d++) {
                    int col = rnd.nextInt(k);
                    hits[rnd.nextLong(total) < threshold[col] ? col : alias[col]]++;
                }
            }
            long[] out = new long[size];
            for (int i = 0; i < k; i++) {
                out[cell[i]] = hits[i];
            }
            return out;
        }
    }
}
