package io.trustgate.gateway;

import io.trustgate.api.Action;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanContext;
import io.trustgate.api.Verdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The firewall findings of one request, each with the action it caused and where it was found, in the order they
 * were found. The metrics count findings by that action; the scanner's name alone does not give it, since a rule may
 * only report what a corroborating scanner did not agree with, and one scanner may have a rule per role. Not
 * thread-safe: one request's screening adds to it in turn.
 */
final class Screened {
    /**
     * Where a finding was found, as the metrics label it: the source its text was scanned as (a message's role, a
     * tool definition), a field the provider reads rather than the model ({@code user}, {@code metadata}, fields
     * the gateway does not know), the texts of an embeddings request, or the answer. A fixed set, so that a label
     * never carries text a client chose.
     */
    enum Source {
        SYSTEM("system"),
        USER("user"),
        ASSISTANT("assistant"),
        TOOL("tool"),
        TOOL_DEFINITION("tool-definition"),
        REQUEST_FIELD("request-field"),
        EMBEDDINGS_INPUT("embeddings-input"),
        OUTPUT("output");

        /** The metric label value. */
        final String label;

        Source(String label) {
            this.label = label;
        }

        /**
         * The source of an input text scanned as {@code s}; a text of no role is a request field (the input firewall
         * scans those without one).
         */
        static Source of(ScanContext.Source s) {
            return switch (s) {
                case ScanContext.Source.OPERATOR -> Source.SYSTEM;
                case ScanContext.Source.USER -> Source.USER;
                case ScanContext.Source.ASSISTANT -> Source.ASSISTANT;
                case ScanContext.Source.TOOL -> Source.TOOL;
                case ScanContext.Source.TOOL_DEFINITION -> Source.TOOL_DEFINITION;
                case ScanContext.Source.UNSPECIFIED -> Source.REQUEST_FIELD;
            };
        }
    }

    private final List<Finding> findings = new ArrayList<>();
    private final List<Action> actions = new ArrayList<>();
    private final List<Source> sources = new ArrayList<>();

    /** Adds every finding of a verdict with its action, found in a text of {@code source}. */
    void add(Verdict v, Source source) {
        add(v.findings(), v.actions(), source);
    }

    /** Adds findings with their actions, given in the same order, found in a text of {@code source}. */
    void add(List<Finding> found, List<Action> acted, Source source) {
        if (found.size() != acted.size()) {
            throw new IllegalArgumentException(found.size() + " findings but " + acted.size() + " actions");
        }
        findings.addAll(found);
        actions.addAll(acted);
        sources.addAll(Collections.nCopies(found.size(), source));
    }

    /** Adds another collection's findings with their actions and sources. */
    void addAll(Screened other) {
        findings.addAll(other.findings);
        actions.addAll(other.actions);
        sources.addAll(other.sources);
    }

    /** The findings, in order (a read-only view). */
    List<Finding> findings() {
        return Collections.unmodifiableList(findings);
    }

    /** The action of each finding, in the order of {@link #findings()} (a read-only view). */
    List<Action> actions() {
        return Collections.unmodifiableList(actions);
    }

    /** Where each finding was found, in the order of {@link #findings()} (a read-only view). */
    List<Source> sources() {
        return Collections.unmodifiableList(sources);
    }

    int size() {
        return findings.size();
    }
}
