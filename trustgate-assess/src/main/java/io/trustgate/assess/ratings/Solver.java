package io.trustgate.assess.ratings;

/** How the Bradley-Terry likelihood is maximised. */
public enum Solver {
    /**
     * As FastChat: L-BFGS from zero with SciPy's L-BFGS-B stopping rules (gtol 1e-6, relative reduction 2.2e-9, at
     * most 100 iterations), raw counts as weights for the point fit and counts / battles in the bootstrap. Reproduces
     * Chatbot Arena's figures, including where its optimiser stops short of the maximum (up to ~1 point for models
     * with few battles). Should it reach a non-finite point (extreme data where a probability rounds to 0 or 1), the
     * exact maximum is returned instead.
     */
    FASTCHAT,
    /** Newton's method to the exact maximum (steps below 1e-10 natural units, ~4e-8 rating points). */
    EXACT
}
