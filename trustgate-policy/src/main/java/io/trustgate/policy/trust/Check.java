package io.trustgate.policy.trust;

import java.util.Locale;
import java.util.Objects;

/**
 * One requirement of a context checked against one model: the outcome, what was found and where it comes from.
 *
 * @param requirement which requirement, e.g. {@code self-hosting}
 * @param status met, not met, or unknown (no fact to decide on; never counts as met)
 * @param finding what was found, in plain words
 * @param source the fact's source (URL, profile file, evidence run), never blank
 */
public record Check(String requirement, Status status, String finding, String source) {
    public Check {
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(source, "source");
        if (source.isBlank()) {
            throw new IllegalArgumentException("check " + requirement + " must cite a source");
        }
    }

    /** The outcome of a check. */
    public enum Status {
        MET,
        NOT_MET,
        UNKNOWN;

        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    @Override
    public String toString() {
        return status.key() + ": " + requirement + ": " + finding + " [" + source + "]";
    }
}
