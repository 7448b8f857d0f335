package io.trustgate.firewall;

import io.trustgate.api.ScanDeadline;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Steps that a regex's character reads, and any other work, are charged to. {@code java.util.regex} has no time limit,
 * so a pattern that backtracks catastrophically on hostile text is stopped by running out of reads instead of holding
 * its thread (an event loop, in the gateway). Not thread-safe: one per scan or validation.
 */
final class ReadBudget {
    private final Supplier<? extends RuntimeException> exhausted;
    private long left;
    /** Reads until the chain's time limit is checked: a clock read per 16K reads costs nothing measurable. */
    private static final int READS_PER_DEADLINE_CHECK = 16_384;

    private long untilDeadlineCheck = READS_PER_DEADLINE_CHECK;

    /**
     * @param steps the steps at the start
     * @param exhausted the exception thrown when a step is charged with none left (it must not carry the text)
     */
    ReadBudget(long steps, Supplier<? extends RuntimeException> exhausted) {
        this.left = steps;
        this.exhausted = Objects.requireNonNull(exhausted, "exhausted");
    }

    /** Starts again with this many steps (a fresh budget per attempt). */
    void reset(long steps) {
        left = steps;
    }

    /** Charges {@code n} steps; throws when the budget is spent. */
    void spend(long n) {
        left -= n;
        if (left < 0) {
            throw exhausted.get();
        }
        untilDeadlineCheck -= n;
        if (untilDeadlineCheck <= 0) {
            untilDeadlineCheck = READS_PER_DEADLINE_CHECK;
            ScanDeadline.checkNow();
        }
    }

    /** The text as a regex should read it here: each char read costs one step. */
    CharSequence charged(String text) {
        return new Charged(Objects.requireNonNull(text, "text"));
    }

    private final class Charged implements CharSequence {
        private final String text;

        Charged(String text) {
            this.text = text;
        }

        @Override
        public char charAt(int index) {
            spend(1);
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
