package io.trustgate.api;

import java.util.Objects;

/**
 * One thing a scanner found. Holds where it is, never the matched text itself, so that findings can be logged and
 * audited without leaking what they protect.
 *
 * @param scanner the scanner's name
 * @param category what it is about
 * @param type a finer type within the category, e.g. {@code EMAIL_ADDRESS} or {@code AWS_ACCESS_KEY_ID}
 * @param score confidence in [0, 1]
 * @param start start offset (inclusive) in the scanned text, in UTF-16 units
 * @param end end offset (exclusive); {@code start == end == 0} when the finding is about the whole text
 */
public record Finding(String scanner, Category category, String type, double score, int start, int end) {
    public Finding {
        Objects.requireNonNull(scanner, "scanner");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(type, "type");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1], was " + score);
        }
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("span must satisfy 0 <= start <= end, was " + start + ".." + end);
        }
    }

    /** Whether the finding points at a span rather than at the whole text. */
    public boolean hasSpan() {
        return end > start;
    }
}
