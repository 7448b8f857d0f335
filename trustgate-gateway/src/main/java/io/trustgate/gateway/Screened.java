package io.trustgate.gateway;

import io.trustgate.api.Action;
import io.trustgate.api.Finding;
import io.trustgate.api.Verdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The firewall findings of one request, each with the action it caused, in the order they were found. The metrics
 * count findings by that action; the scanner's name alone does not give it, since a rule may only report what a
 * corroborating scanner did not agree with, and one scanner may have a rule per role. Not thread-safe: one request's
 * screening adds to it in turn.
 */
final class Screened {
    private final List<Finding> findings = new ArrayList<>();
    private final List<Action> actions = new ArrayList<>();

    /** Adds every finding of a verdict with its action. */
    void add(Verdict v) {
        add(v.findings(), v.actions());
    }

    /** Adds findings with their actions, given in the same order. */
    void add(List<Finding> found, List<Action> acted) {
        if (found.size() != acted.size()) {
            throw new IllegalArgumentException(found.size() + " findings but " + acted.size() + " actions");
        }
        findings.addAll(found);
        actions.addAll(acted);
    }

    /** Adds another collection's findings with their actions. */
    void addAll(Screened other) {
        add(other.findings, other.actions);
    }

    /** The findings, in order (a read-only view). */
    List<Finding> findings() {
        return Collections.unmodifiableList(findings);
    }

    /** The action of each finding, in the order of {@link #findings()} (a read-only view). */
    List<Action> actions() {
        return Collections.unmodifiableList(actions);
    }

    int size() {
        return findings.size();
    }
}
