package io.trustgate.assess.ratings;

/**
 * Limited-memory BFGS for an unconstrained problem, following step by step what SciPy's
 * {@code minimize(method="L-BFGS-B")} does when no variable is bounded, because Chatbot Arena's published ratings are
 * the point where that optimiser stops, not the exact maximum (on the 2024-08-14 data it stops after 45 iterations on
 * its relative-reduction test, up to 1.2 rating points from the maximum for a model with few battles). Written from
 * the published algorithm (Byrd, Lu, Nocedal and Zhu 1995; Morales and Nocedal 2011; Moré and Thuente 1994):
 *
 * <ul>
 *   <li>memory of 10 pairs; direction −H·g with H the L-BFGS inverse Hessian built on H₀ = I/θ, θ = yᵀy / sᵀy of the
 *       newest pair (equal to L-BFGS-B's compact form when nothing is bounded); steepest descent −g when the memory
 *       is empty;
 *   <li>first step length 1/‖d‖, later 1; Moré-Thuente line search with ftol 1e-3, gtol 0.9, xtol 0.1, step in
 *       [0, 1e10], at most 20 trials; a pair is stored only when sᵀy &gt; ε·(−gᵀd)·step;
 *   <li>stops when max|g| ≤ gtol, when (f_old − f) ≤ ftol·max(|f_old|, |f|, 1), or after 100 iterations or 15,000
 *       evaluations; a failed line search drops the memory and restarts from the last point (stops if the memory
 *       was already empty).
 * </ul>
 *
 * Cost: one gradient evaluation per trial step, usually one per iteration; O(10·n) per direction.
 */
final class Lbfgs {
    /** f and its gradient at x (g is filled). */
    interface Objective {
        double valueAndGradient(double[] x, double[] g);
    }

    static final double SCIPY_FTOL = 2.2204460492503131e-09;
    private static final int MEMORY = 10;
    private static final int MAX_ITER = 100;
    private static final int MAX_FUN = 15_000;
    private static final int MAX_LS = 20;
    private static final double STP_MAX = 1e10;
    private static final double EPS = Math.ulp(1.0);

    private Lbfgs() {}

    static double[] minimize(Objective fn, double[] x0, double gtol, double ftol) {
        int n = x0.length;
        double[] x = x0.clone();
        double[] g = new double[n];
        double f = fn.valueAndGradient(x, g);
        int nfev = 1;
        if (infNorm(g) <= gtol) {
            return x;
        }
        double[][] s = new double[MEMORY][n];
        double[][] y = new double[MEMORY][n];
        double[] rho = new double[MEMORY];
        double[] alphaBuf = new double[MEMORY];
        int col = 0;
        int head = 0; // index of the oldest pair
        double theta = 1;
        int iter = 0;
        double[] d = new double[n];
        double[] xOld = new double[n];
        double[] gOld = new double[n];
        LineSearch ls = new LineSearch();
        while (true) {
            // Direction.
            if (col == 0) {
                for (int i = 0; i < n; i++) {
                    d[i] = -g[i] / theta;
                }
            } else {
                System.arraycopy(g, 0, d, 0, n);
                for (int k = col - 1; k >= 0; k--) {
                    int j = (head + k) % MEMORY;
                    double a = rho[j] * dot(s[j], d);
                    alphaBuf[k] = a;
                    axpy(-a, y[j], d);
                }
                for (int i = 0; i < n; i++) {
                    d[i] /= theta;
                }
                for (int k = 0; k < col; k++) {
                    int j = (head + k) % MEMORY;
                    double b = rho[j] * dot(y[j], d);
                    axpy(alphaBuf[k] - b, s[j], d);
                }
                for (int i = 0; i < n; i++) {
                    d[i] = -d[i];
                }
            }
            // Line search along d.
            System.arraycopy(x, 0, xOld, 0, n);
            System.arraycopy(g, 0, gOld, 0, n);
            double fOld = f;
            double dnorm = Math.sqrt(dot(d, d));
            double stp = iter == 0 ? Math.min(1 / dnorm, STP_MAX) : 1;
            double gd = dot(g, d);
            double gdOld = gd;
            boolean failed = gd >= 0;
            if (!failed) {
                ls.start(f, gd, stp);
                int ifun = 0;
                while (true) {
                    stp = ls.next(f, gd);
                    if (ls.done) {
                        break;
                    }
                    ifun++;
                    if (ifun - 1 >= MAX_LS) {
                        failed = true;
                        break;
                    }
                    for (int i = 0; i < n; i++) {
                        x[i] = xOld[i] + stp * d[i];
                    }
                    f = fn.valueAndGradient(x, g);
                    nfev++;
                    gd = dot(g, d);
                }
            }
            if (failed) {
                System.arraycopy(xOld, 0, x, 0, n);
                System.arraycopy(gOld, 0, g, 0, n);
                f = fOld;
                if (col == 0) {
                    return x; // abnormal termination, as L-BFGS-B: the best point so far
                }
                col = 0;
                head = 0;
                theta = 1;
                continue;
            }
            iter++;
            if (iter >= MAX_ITER || nfev > MAX_FUN) {
                return x;
            }
            if (infNorm(g) <= gtol) {
                return x;
            }
            if (fOld - f <= ftol * Math.max(Math.max(Math.abs(fOld), Math.abs(f)), 1)) {
                return x;
            }
            // Memory update with s = stp·d, y = g − g_old.
            double dr = (gd - gdOld) * stp;
            double ddum = -gdOld * stp;
            if (dr <= EPS * ddum) {
                continue; // curvature too small: skip the update
            }
            int slot;
            if (col < MEMORY) {
                slot = (head + col) % MEMORY;
                col++;
            } else {
                slot = head;
                head = (head + 1) % MEMORY;
            }
            double rr = 0;
            for (int i = 0; i < n; i++) {
                s[slot][i] = stp * d[i];
                double yi = g[i] - gOld[i];
                y[slot][i] = yi;
                rr += yi * yi;
            }
            rho[slot] = 1 / dot(y[slot], s[slot]);
            theta = rr / dr;
        }
    }

    private static double dot(double[] a, double[] b) {
        double t = 0;
        for (int i = 0; i < a.length; i++) {
            t += a[i] * b[i];
        }
        return t;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double infNorm(double[] g) {
        double m = 0;
        for (double v : g) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /**
     * Moré-Thuente line search (MINPACK-2's dcsrch/dcstep) for a step satisfying the strong Wolfe conditions,
     * driven by reverse communication: {@link #next} takes f and its directional derivative at the current step and
     * returns the next step to try, or sets {@link #done}.
     */
    static final class LineSearch {
        private static final double FTOL = 1e-3;
        private static final double GTOL = 0.9;
        private static final double XTOL = 0.1;
        private static final double STP_MIN = 0;
        private static final double XTRAPL = 1.1;
        private static final double XTRAPU = 4.0;

        boolean done;
        private boolean fresh;
        private boolean brackt;
        private int stage;
        private double ginit;
        private double gtest;
        private double finit;
        private double width;
        private double width1;
        private double stx;
        private double fx;
        private double gx;
        private double sty;
        private double fy;
        private double gy;
        private double stmin;
        private double stmax;
        private double stp;

        void start(double f, double g, double step) {
            done = false;
            fresh = true;
            stp = step;
            brackt = false;
            stage = 1;
            finit = f;
            ginit = g;
            gtest = FTOL * ginit;
            width = STP_MAX - STP_MIN;
            width1 = width / 0.5;
            stx = 0;
            fx = finit;
            gx = ginit;
            sty = 0;
            fy = finit;
            gy = ginit;
            stmin = 0;
            stmax = stp + XTRAPU * stp;
        }

        double next(double f, double g) {
            if (fresh) { // the first call only asks for f at the initial step
                fresh = false;
                return stp;
            }
            double ftest = finit + stp * gtest;
            if (stage == 1 && f <= ftest && g >= 0) {
                stage = 2;
            }
            if ((brackt && (stp <= stmin || stp >= stmax))
                    || (brackt && stmax - stmin <= XTOL * stmax)
                    || (stp == STP_MAX && f <= ftest && g <= gtest)
                    || (stp == STP_MIN && (f > ftest || g >= gtest))
                    || (f <= ftest && Math.abs(g) <= GTOL * (-ginit))) {
                done = true; // a warning or convergence: either way the search ends here
                return stp;
            }
            if (stage == 1 && f <= fx && f > ftest) {
                double fm = f - stp * gtest;
                double fxm = fx - stx * gtest;
                double fym = fy - sty * gtest;
                double gm = g - gtest;
                double gxm = gx - gtest;
                double gym = gy - gtest;
                step(fxm, gxm, fym, gym, fm, gm);
                fx = fxmOut + stx * gtest;
                fy = fymOut + sty * gtest;
                gx = gxmOut + gtest;
                gy = gymOut + gtest;
            } else {
                step(fx, gx, fy, gy, f, g);
                fx = fxmOut;
                fy = fymOut;
                gx = gxmOut;
                gy = gymOut;
            }
            if (brackt) {
                if (Math.abs(sty - stx) >= 0.66 * width1) {
                    stp = stx + 0.5 * (sty - stx);
                }
                width1 = width;
                width = Math.abs(sty - stx);
            }
            if (brackt) {
                stmin = Math.min(stx, sty);
                stmax = Math.max(stx, sty);
            } else {
                stmin = stp + XTRAPL * (stp - stx);
                stmax = stp + XTRAPU * (stp - stx);
            }
            stp = Math.max(stp, STP_MIN);
            stp = Math.min(stp, STP_MAX);
            if ((brackt && (stp <= stmin || stp >= stmax)) || (brackt && stmax - stmin <= XTOL * stmax)) {
                stp = stx;
            }
            return stp;
        }

        // Outputs of step(): the updated fx, gx, fy, gy (stx, sty, stp, brackt are fields).
        private double fxmOut;
        private double gxmOut;
        private double fymOut;
        private double gymOut;

        /** dcstep: a safeguarded step from cubic and quadratic interpolation; updates the interval of uncertainty. */
        private void step(double fxIn, double dx, double fyIn, double dy, double fp, double dp) {
            double stpf;
            double sgnd = dp * (dx / Math.abs(dx));
            if (fp > fxIn) {
                double theta = 3 * (fxIn - fp) / (stp - stx) + dx + dp;
                double s = Math.max(Math.abs(theta), Math.max(Math.abs(dx), Math.abs(dp)));
                double gamma = s * Math.sqrt((theta / s) * (theta / s) - (dx / s) * (dp / s));
                if (stp < stx) {
                    gamma = -gamma;
                }
                double p = (gamma - dx) + theta;
                double q = ((gamma - dx) + gamma) + dp;
                double r = p / q;
                double stpc = stx + r * (stp - stx);
                double stpq = stx + ((dx / ((fxIn - fp) / (stp - stx) + dx)) / 2) * (stp - stx);
                stpf = Math.abs(stpc - stx) < Math.abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2;
                brackt = true;
            } else if (sgnd < 0) {
                double theta = 3 * (fxIn - fp) / (stp - stx) + dx + dp;
                double s = Math.max(Math.abs(theta), Math.max(Math.abs(dx), Math.abs(dp)));
                double gamma = s * Math.sqrt((theta / s) * (theta / s) - (dx / s) * (dp / s));
                if (stp > stx) {
                    gamma = -gamma;
                }
                double p = (gamma - dp) + theta;
                double q = ((gamma - dp) + gamma) + dx;
                double r = p / q;
                double stpc = stp + r * (stx - stp);
                double stpq = stp + (dp / (dp - dx)) * (stx - stp);
                stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
                brackt = true;
            } else if (Math.abs(dp) < Math.abs(dx)) {
                double theta = 3 * (fxIn - fp) / (stp - stx) + dx + dp;
                double s = Math.max(Math.abs(theta), Math.max(Math.abs(dx), Math.abs(dp)));
                double gamma = s * Math.sqrt(Math.max(0, (theta / s) * (theta / s) - (dx / s) * (dp / s)));
                if (stp > stx) {
                    gamma = -gamma;
                }
                double p = (gamma - dp) + theta;
                double q = (gamma + (dx - dp)) + gamma;
                double r = p / q;
                double stpc;
                if (r < 0 && gamma != 0) {
                    stpc = stp + r * (stx - stp);
                } else if (stp > stx) {
                    stpc = stmax;
                } else {
                    stpc = stmin;
                }
                double stpq = stp + (dp / (dp - dx)) * (stx - stp);
                if (brackt) {
                    stpf = Math.abs(stpc - stp) < Math.abs(stpq - stp) ? stpc : stpq;
                    stpf = stp > stx
                            ? Math.min(stp + 0.66 * (sty - stp), stpf)
                            : Math.max(stp + 0.66 * (sty - stp), stpf);
                } else {
                    stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
                    stpf = Math.min(stmax, stpf);
                    stpf = Math.max(stmin, stpf);
                }
            } else {
                if (brackt) {
                    double theta = 3 * (fp - fyIn) / (sty - stp) + dy + dp;
                    double s = Math.max(Math.abs(theta), Math.max(Math.abs(dy), Math.abs(dp)));
                    double gamma = s * Math.sqrt((theta / s) * (theta / s) - (dy / s) * (dp / s));
                    if (stp > sty) {
                        gamma = -gamma;
                    }
                    double p = (gamma - dp) + theta;
                    double q = ((gamma - dp) + gamma) + dy;
                    double r = p / q;
                    stpf = stp + r * (sty - stp);
                } else {
                    stpf = stp > stx ? stmax : stmin;
                }
            }
            double nfx = fxIn;
            double ndx = dx;
            double nfy = fyIn;
            double ndy = dy;
            if (fp > fxIn) {
                sty = stp;
                nfy = fp;
                ndy = dp;
            } else {
                if (sgnd < 0) {
                    sty = stx;
                    nfy = fxIn;
                    ndy = dx;
                }
                stx = stp;
                nfx = fp;
                ndx = dp;
            }
            stp = stpf;
            fxmOut = nfx;
            gxmOut = ndx;
            fymOut = nfy;
            gymOut = ndy;
        }
    }
}
