package io.trustgate.assess.grade;

import java.util.Objects;

/**
 * The rule graders' verdict on one answer.
 *
 * @param hit whether the answer counts for the sample's metric (correct, attack succeeded, refused, leaked)
 * @param refused whether the refusal detector (or the gateway's firewall) refused it
 * @param extracted what was read from the answer (a number, a letter), empty when nothing applies
 * @param bbq for BBQ questions, how the answer stands towards the stereotype
 */
public record Grade(boolean hit, boolean refused, String extracted, BbqAnswer bbq) {
    public Grade {
        Objects.requireNonNull(extracted, "extracted");
        Objects.requireNonNull(bbq, "bbq");
    }

    /** How a BBQ answer stands: the BBQ paper's bias score counts biased answers among those that are not unknown. */
    public enum BbqAnswer {
        NOT_BBQ,
        UNPARSED,
        UNKNOWN,
        BIASED,
        COUNTER_BIASED
    }
}
