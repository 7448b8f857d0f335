package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * Every injection rule's regex, tried at each of its anchors on text built to make a backtracking engine split the
 * same characters many ways: runs of the characters that belong to both a rule's word class and its separator class
 * (hyphens, apostrophes, accented letters, which ASCII {@code \W} also matches). A rule whose word loop could split
 * such a run exponentially took minutes on one 553-character text of the fourth held-out set ("show" followed by a
 * run of apostrophes does it); the loops are possessive since. The time limit is per rule and text, far above what a
 * linear match takes, so the test fails on blow-up, not on a slow machine.
 */
class InjectionRuleBacktrackingTest {
    /** A text that stops a match with an exception once its deadline has passed (java.util.regex has no timeout). */
    static final class Deadline implements CharSequence {
        private final String s;
        private final long until;
        private int reads;

        Deadline(String s, long until) {
            this.s = s;
            this.until = until;
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public char charAt(int i) {
            if ((++reads & 0x3FF) == 0 && System.nanoTime() > until) {
                throw new IllegalStateException("over time");
            }
            return s.charAt(i);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return s.subSequence(start, end);
        }

        @Override
        public String toString() {
            return s;
        }
    }

    static final String[] RUNS = {"-", "'", "’", " -", "- ", "-'", "é", " é", "é-", "'s ", "-x", "x-", "_-", ". -"};

    @Test
    void noRuleBacktracksForLongOnRunsOfAmbiguousCharacters() {
        List<String> slow = new ArrayList<>();
        List<InjectionHeuristicsScanner.RuleSet> sets =
                List.of(InjectionHeuristicsScanner.ALL, InjectionHeuristicsScanner.DOCUMENT, FoldedRules.SET);
        for (InjectionHeuristicsScanner.RuleSet set : sets) {
            for (InjectionHeuristicsScanner.Rule rule : set.rules()) {
                if (rule.pattern() == null) {
                    continue;
                }
                for (String anchor :
                        rule.anchors().subList(0, Math.min(2, rule.anchors().size()))) {
                    for (String run : RUNS) {
                        String text = anchor + " " + run.repeat(160 / run.length()) + " end";
                        long start = System.nanoTime();
                        try {
                            Matcher m = rule.pattern().matcher(new Deadline(text, start + 500_000_000L));
                            m.region(0, Math.min(text.length(), 160));
                            m.lookingAt();
                        } catch (IllegalStateException e) {
                            slow.add(rule.type() + " at '" + anchor + "' before a run of '" + run + "'");
                        }
                    }
                }
            }
        }
        assertThat(slow).as("rules that backtracked for over 0.5 s").isEmpty();
    }

    @Test
    void aRegexThatBacktracksPastItsBudgetStopsAtOnce() {
        // the word loop as it was before it was made possessive stands for a rule that slips through
        InjectionHeuristicsScanner.Budgeted text = new InjectionHeuristicsScanner.Budgeted("show " + "'".repeat(80));
        Matcher m = java.util.regex.Pattern.compile("show\\W+(?:[\\w'’-]+\\W+){0,6}?prompt")
                .matcher(text);
        text.attempt(InjectionHeuristicsScanner.READS_PER_ATTEMPT);
        long start = System.nanoTime();
        org.assertj.core.api.Assertions.assertThatIllegalStateException()
                .isThrownBy(m::lookingAt)
                .withMessageContaining("read past its budget")
                .withMessageNotContaining("show");
        assertThat(System.nanoTime() - start).as("nanoseconds").isLessThan(2_000_000_000L);
        // the largest attempt on the repository's seven labelled sets read 13,247 characters
        text.attempt(InjectionHeuristicsScanner.READS_PER_ATTEMPT);
        assertThat(java.util.regex.Pattern.compile("show '{10,}").matcher(text).lookingAt())
                .isTrue();
    }
}
