package io.trustgate.api;

import java.util.List;
import java.util.Objects;

/**
 * The firewall chain's decision about one text, with every finding of every scanner that ran (flagged ones
 * included) and the scanners that failed. Consumed with an exhaustive {@code switch}.
 */
public sealed interface Verdict {
    List<Finding> findings();

    /**
     * The action each finding caused, in the order of {@link #findings()}: its rule's action, or {@link Action#FLAG}
     * for a finding that was only reported (a flag rule's, or a rule's whose corroborating scanner did not agree).
     * A fail-closed scanner failure counts as {@link Action#BLOCK}.
     */
    List<Action> actions();

    /** Scanners that threw; the others still ran ("failure" is collected, not fatal). */
    List<String> failedScanners();

    /** Nothing to block or redact (findings, if any, were only flagged). */
    record Allow(List<Finding> findings, List<Action> actions, List<String> failedScanners) implements Verdict {
        public Allow {
            findings = List.copyOf(findings);
            actions = sameSize(findings, actions);
            failedScanners = List.copyOf(failedScanners);
        }
    }

    /** Go on with {@code text}, in which the findings of redacting scanners were replaced by placeholders. */
    record Redact(List<Finding> findings, List<Action> actions, List<String> failedScanners, String text)
            implements Verdict {
        public Redact {
            findings = List.copyOf(findings);
            actions = sameSize(findings, actions);
            failedScanners = List.copyOf(failedScanners);
            Objects.requireNonNull(text, "text");
        }
    }

    /** Stop: {@code cause} is the first finding of a blocking scanner. */
    record Block(List<Finding> findings, List<Action> actions, List<String> failedScanners, Finding cause)
            implements Verdict {
        public Block {
            findings = List.copyOf(findings);
            actions = sameSize(findings, actions);
            failedScanners = List.copyOf(failedScanners);
            Objects.requireNonNull(cause, "cause");
        }
    }

    private static List<Action> sameSize(List<Finding> findings, List<Action> actions) {
        List<Action> copy = List.copyOf(actions);
        if (copy.size() != findings.size()) {
            throw new IllegalArgumentException(
                    "one action per finding: " + copy.size() + " actions for " + findings.size() + " findings");
        }
        return copy;
    }
}
