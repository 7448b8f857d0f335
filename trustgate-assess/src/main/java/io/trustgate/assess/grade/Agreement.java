package io.trustgate.assess.grade;

import java.util.OptionalDouble;

/**
 * Agreement between two binary raters (the rule refusal detector and the LLM judge) on the same answers: the share
 * of answers on which they agree and Cohen's kappa, which discounts the agreement expected by chance.
 *
 * @param samples answers both rated
 * @param agreed answers on which they gave the same verdict
 * @param bothYes both said yes (refused)
 * @param firstOnly only the first said yes
 * @param secondOnly only the second said yes
 */
public record Agreement(long samples, long agreed, long bothYes, long firstOnly, long secondOnly) {
    public static Agreement of(boolean[] first, boolean[] second) {
        if (first.length != second.length) {
            throw new IllegalArgumentException("raters rated different numbers of answers");
        }
        long yy = 0, yn = 0, ny = 0, nn = 0;
        for (int i = 0; i < first.length; i++) {
            if (first[i] && second[i]) {
                yy++;
            } else if (first[i]) {
                yn++;
            } else if (second[i]) {
                ny++;
            } else {
                nn++;
            }
        }
        return new Agreement(first.length, yy + nn, yy, yn, ny);
    }

    /** The share of answers on which the raters agree (0 when there are none). */
    public double percent() {
        return samples == 0 ? 0 : (double) agreed / samples;
    }

    /** Cohen's kappa; empty when chance agreement is total (both raters constant and equal), where it is undefined. */
    public OptionalDouble kappa() {
        if (samples == 0) {
            return OptionalDouble.empty();
        }
        double n = samples;
        double po = agreed / n;
        double firstYes = (bothYes + firstOnly) / n;
        double secondYes = (bothYes + secondOnly) / n;
        double pe = firstYes * secondYes + (1 - firstYes) * (1 - secondYes);
        if (pe >= 1) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((po - pe) / (1 - pe));
    }
}
