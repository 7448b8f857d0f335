package io.trustgate.registry.licence;

import java.util.Objects;

/**
 * A cap on the licensee's monthly active users above which the licence grants nothing without a separate grant
 * (Llama's 700 million, Qwen's 100 million).
 *
 * @param monthlyActiveUsers the cap; more than this many users is outside the licence
 * @param commercialOnly whether the cap only applies to commercial use (Qwen) or to any use (Llama)
 * @param clause the section that sets the cap
 * @param summary our paraphrase
 */
public record UserCap(long monthlyActiveUsers, boolean commercialOnly, String clause, String summary) {
    public UserCap {
        Objects.requireNonNull(clause, "clause");
        Objects.requireNonNull(summary, "summary");
        if (monthlyActiveUsers <= 0) {
            throw new IllegalArgumentException("user cap must be > 0, was " + monthlyActiveUsers);
        }
    }
}
