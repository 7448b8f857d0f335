package io.trustgate.assess.ratings;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maximum-likelihood Bradley-Terry strengths from pair counts, by Newton's method on the exact log-likelihood.
 *
 * <p>The model: the first of a pair beats the second with probability {@code σ(α(r_a − r_b))}, σ the logistic
 * function and α = ln(base). A tie (of either kind) counts as half a win for each side, so a pair contributes
 * {@code −[s·log σ(αd) + (n − s)·log σ(−αd)]} to the loss, where n is its battles and s = first's wins + half its
 * ties. This is exactly FastChat's {@code compute_bt} loss (its rows with outcome 1, 0 and 0.5 summed per pair), with
 * no regularisation. FastChat minimises it with SciPy's L-BFGS-B from r = 0; the gradient always sums to zero, so
 * its iterates keep mean 0, and we return the minimiser shifted to mean 0 to match.
 *
 * <p>Cost: per Newton step one pass over the pairs (3,460 for Chatbot Arena) and a dense Cholesky of the
 * models × models Hessian (129³/6 multiply-adds); 6-10 steps from zero, 2-4 from a warm start. Limits: a finite
 * maximum exists only when every model both won (or tied) against and lost (or tied) against the rest, in the sense
 * that the "scored against" graph is strongly connected; {@link #problem} says when it is not.
 */
final class BradleyTerry {
    private static final int MAX_STEPS = 200;
    private static final double STEP_TOLERANCE = 1e-10;

    /** Pair data from the first model's side: indices, score (wins + ties / 2) and battles. */
    record Pairs(int models, int[] a, int[] b, double[] score, double[] games) {}

    private BradleyTerry() {}

    static Pairs pairs(BattleCounts c) {
        int n = c.pairs();
        int[] a = new int[n];
        int[] b = new int[n];
        double[] s = new double[n];
        double[] g = new double[n];
        for (int p = 0; p < n; p++) {
            a[p] = c.first(p);
            b[p] = c.second(p);
            long wa = c.count(p, Outcome.A_WINS);
            long wb = c.count(p, Outcome.B_WINS);
            long t = c.count(p, Outcome.TIE) + c.count(p, Outcome.TIE_BOTH_BAD);
            s[p] = wa + 0.5 * t;
            g[p] = wa + wb + t;
        }
        return new Pairs(c.models().size(), a, b, s, g);
    }

    /**
     * Why no finite maximum exists, if so: some set of models never lost (or never won) against all the others.
     * Edges: a → b when a scored against b (won or tied at least once); the maximum is finite iff the graph over the
     * models is strongly connected.
     */
    static Optional<String> problem(Pairs d, List<String> names) {
        int m = d.models();
        if (m < 2) {
            return Optional.of("need battles between at least two models, have " + m + " model(s)");
        }
        List<List<Integer>> out = new ArrayList<>();
        List<List<Integer>> in = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            out.add(new ArrayList<>());
            in.add(new ArrayList<>());
        }
        for (int p = 0; p < d.a().length; p++) {
            if (d.games()[p] <= 0) {
                continue;
            }
            if (d.score()[p] > 0) { // a scored against b
                out.get(d.a()[p]).add(d.b()[p]);
                in.get(d.b()[p]).add(d.a()[p]);
            }
            if (d.games()[p] - d.score()[p] > 0) {
                out.get(d.b()[p]).add(d.a()[p]);
                in.get(d.a()[p]).add(d.b()[p]);
            }
        }
        boolean[] fwd = reach(out, m);
        boolean[] back = reach(in, m);
        // Models that nobody on model 0's side scored against (never lost), or that never scored against model
        // 0's side (never won): either set's ratings can grow (or fall) without bound.
        for (boolean[] side : List.of(fwd, back)) {
            List<String> cut = new ArrayList<>();
            List<String> rest = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                (side[i] ? rest : cut).add(names.get(i));
            }
            if (!cut.isEmpty()) {
                return Optional.of("ratings are unbounded (no finite maximum-likelihood fit): " + some(cut)
                        + (side == fwd ? " never lost nor tied against " : " never won nor tied against ") + some(rest)
                        + " (add battles between them, or leave some out)");
            }
        }
        return Optional.empty();
    }

    private static String some(List<String> names) {
        String head = String.join(", ", names.subList(0, Math.min(5, names.size())));
        return names.size() > 5 ? head + " and " + (names.size() - 5) + " more" : head;
    }

    private static boolean[] reach(List<List<Integer>> edges, int m) {
        boolean[] seen = new boolean[m];
        ArrayDeque<Integer> q = new ArrayDeque<>();
        seen[0] = true;
        q.add(0);
        while (!q.isEmpty()) {
            for (int k : edges.get(q.poll())) {
                if (!seen[k]) {
                    seen[k] = true;
                    q.add(k);
                }
            }
        }
        return seen;
    }

    /**
     * The strengths on the natural scale (logit units / α), mean 0. The caller has checked {@link #problem}.
     *
     * @param start where Newton starts (zeros, or a previous fit for a warm start); not modified
     */
    static double[] fit(Pairs d, double alpha, double[] start) {
        int m = d.models();
        double[] x = start.clone();
        double[] g = new double[m];
        double[] h = new double[m * m];
        double[] step = new double[m];
        double[] trial = new double[m];
        for (int it = 0; it < MAX_STEPS; it++) {
            double loss = lossGradHessian(d, alpha, x, g, h);
            // Fix model 0 (ratings are defined up to a shift): its row and column become the identity.
            g[0] = 0;
            for (int k = 0; k < m; k++) {
                h[k] = 0;
                h[k * m] = 0;
            }
            h[0] = 1;
            for (int k = 0; k < m; k++) {
                step[k] = -g[k];
            }
            choleskySolve(h, m, step);
            double maxStep = 0;
            double slope = 0;
            for (int k = 0; k < m; k++) {
                maxStep = Math.max(maxStep, Math.abs(step[k]));
                slope += g[k] * step[k];
            }
            double t = 1;
            if (maxStep > 1e-6) { // far from the optimum: damp the step until the loss falls enough (Armijo)
                while (true) {
                    for (int k = 0; k < m; k++) {
                        trial[k] = x[k] + t * step[k];
                    }
                    if (loss(d, alpha, trial) <= loss + 1e-4 * t * slope || t < 1e-10) {
                        break;
                    }
                    t *= 0.5;
                }
            }
            for (int k = 0; k < m; k++) {
                x[k] += t * step[k];
            }
            if (maxStep * t < STEP_TOLERANCE) {
                return centred(x);
            }
        }
        throw new IllegalStateException("Bradley-Terry fit did not converge in " + MAX_STEPS + " Newton steps");
    }

    /**
     * The point where FastChat's fit stops: SciPy-style L-BFGS ({@link Lbfgs}) from r = 0 on the same loss, written
     * as FastChat writes it (log σ and log(1 − σ) of each pair's probability, weights = counts × weightScale: 1 for
     * the point fit, 1/battles in its bootstrap), gtol 1e-6. Mean 0, like FastChat's iterates.
     */
    static double[] fitFastChat(Pairs d, double alpha, double weightScale) {
        int[] a = d.a();
        int[] b = d.b();
        double[] s = d.score();
        double[] n = d.games();
        Lbfgs.Objective f = (x, g) -> {
            java.util.Arrays.fill(g, 0);
            double loss = 0;
            for (int p = 0; p < a.length; p++) {
                double prob = 1 / (1 + Math.exp(-alpha * (x[a[p]] - x[b[p]])));
                double sp = s[p] * weightScale;
                double np = n[p] * weightScale;
                loss -= sp * Math.log(prob) + (np - sp) * Math.log(1 - prob);
                double gr = -alpha * (sp - np * prob);
                g[a[p]] += gr;
                g[b[p]] -= gr;
            }
            return loss;
        };
        double[] x = Lbfgs.minimize(f, new double[d.models()], 1e-6, Lbfgs.SCIPY_FTOL);
        for (double v : x) {
            if (!Double.isFinite(v)) { // a probability under/overflowed on extreme data: take the exact maximum
                return fit(d, alpha, new double[d.models()]);
            }
        }
        return centred(x);
    }

    private static double[] centred(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double[] r = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            r[k] = x[k] - mean;
        }
        return r;
    }

    /** log(1 + e^z) without overflow. */
    private static double softplus(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }

    static double loss(Pairs d, double alpha, double[] x) {
        double loss = 0;
        int[] a = d.a();
        int[] b = d.b();
        double[] s = d.score();
        double[] n = d.games();
        for (int p = 0; p < a.length; p++) {
            double z = alpha * (x[a[p]] - x[b[p]]);
            loss += s[p] * softplus(-z) + (n[p] - s[p]) * softplus(z);
        }
        return loss;
    }

    private static double lossGradHessian(Pairs d, double alpha, double[] x, double[] g, double[] h) {
        int m = d.models();
        java.util.Arrays.fill(g, 0);
        java.util.Arrays.fill(h, 0);
        double loss = 0;
        int[] a = d.a();
        int[] b = d.b();
        double[] s = d.score();
        double[] n = d.games();
        double a2 = alpha * alpha;
        for (int p = 0; p < a.length; p++) {
            int i = a[p];
            int j = b[p];
            double z = alpha * (x[i] - x[j]);
            double prob = 1 / (1 + Math.exp(-z));
            loss += s[p] * softplus(-z) + (n[p] - s[p]) * softplus(z);
            double gr = -alpha * (s[p] - n[p] * prob);
            g[i] += gr;
            g[j] -= gr;
            double w = a2 * n[p] * prob * (1 - prob);
            h[i * m + i] += w;
            h[j * m + j] += w;
            h[i * m + j] -= w;
            h[j * m + i] -= w;
        }
        return loss;
    }

    /** Solves H·y = rhs in place (rhs becomes y) for symmetric positive-definite H (its lower half is overwritten). */
    private static void choleskySolve(double[] h, int m, double[] rhs) {
        for (int j = 0; j < m; j++) {
            double diag = h[j * m + j];
            for (int k = 0; k < j; k++) {
                diag -= h[j * m + k] * h[j * m + k];
            }
            if (!(diag > 0)) {
                throw new IllegalStateException("Bradley-Terry Hessian is singular: the models are not all connected");
            }
            double l = Math.sqrt(diag);
            h[j * m + j] = l;
            for (int i = j + 1; i < m; i++) {
                double v = h[i * m + j];
                int ri = i * m;
                int rj = j * m;
                for (int k = 0; k < j; k++) {
                    v -= h[ri + k] * h[rj + k];
                }
                h[ri + j] = v / l;
            }
        }
        for (int i = 0; i < m; i++) { // L·z = rhs
            double v = rhs[i];
            for (int k = 0; k < i; k++) {
                v -= h[i * m + k] * rhs[k];
            }
            rhs[i] = v / h[i * m + i];
        }
        for (int i = m - 1; i >= 0; i--) { // Lᵀ·y = z
            double v = rhs[i];
            for (int k = i + 1; k < m; k++) {
                v -= h[k * m + i] * rhs[k];
            }
            rhs[i] = v / h[i * m + i];
        }
    }

    /** Natural strengths (mean 0) to the Elo scale, then shifted as the anchor says. */
    static double[] toScale(double[] r, List<String> models, RatingScale scale, Anchor anchor) {
        double[] out = new double[r.length];
        for (int k = 0; k < r.length; k++) {
            out[k] = scale.initial() + scale.scale() * r[k];
        }
        int at = switch (anchor) {
            case Anchor.Mean m -> -1;
            case Anchor.Fixed f -> {
                int i = models.indexOf(f.model());
                if (i < 0) {
                    throw new IllegalArgumentException("anchor model " + f.model() + " has no battles");
                }
                yield i;
            }
            case Anchor.FixedIfPresent f -> models.indexOf(f.model());
        };
        if (at >= 0) {
            double target = switch (anchor) {
                case Anchor.Fixed f -> f.rating();
                case Anchor.FixedIfPresent f -> f.rating();
                case Anchor.Mean m -> throw new AssertionError();
            };
            double shift = target - out[at];
            for (int k = 0; k < out.length; k++) {
                out[k] += shift;
            }
        }
        return out;
    }
}
