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
 * run of apostrophes does it); the loops are possessive since. Each attempt is held to the scanner's own read budget,
 * about 75 times what the largest attempt on the labelled sets reads, so the test fails on blow-up, deterministically.
 */
class InjectionRuleBacktrackingTest {
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
                        ReadBudget budget = new ReadBudget(
                                InjectionHeuristicsScanner.READS_PER_ATTEMPT, InjectionHeuristicsScanner::overBudget);
                        try {
                            Matcher m = rule.pattern().matcher(budget.charged(text));
                            m.region(0, Math.min(text.length(), 160));
                            m.lookingAt();
                        } catch (IllegalStateException e) {
                            slow.add(rule.type() + " at '" + anchor + "' before a run of '" + run + "'");
                        }
                    }
                }
            }
        }
        assertThat(slow).as("rules that read past their budget at one anchor").isEmpty();
    }

    @Test
    void aRegexThatBacktracksPastItsBudgetStopsAtOnce() {
        // the word loop as it was before it was made possessive stands for a rule that slips through
        ReadBudget budget =
                new ReadBudget(InjectionHeuristicsScanner.READS_PER_ATTEMPT, InjectionHeuristicsScanner::overBudget);
        CharSequence text = budget.charged("show " + "'".repeat(80));
        Matcher m = java.util.regex.Pattern.compile("show\\W+(?:[\\w'’-]+\\W+){0,6}?prompt")
                .matcher(text);
        long start = System.nanoTime();
        org.assertj.core.api.Assertions.assertThatIllegalStateException()
                .isThrownBy(m::lookingAt)
                .withMessageContaining("read past its budget")
                .withMessageNotContaining("show");
        assertThat(System.nanoTime() - start).as("nanoseconds").isLessThan(2_000_000_000L);
        // the largest attempt on the repository's seven labelled sets read 13,247 characters
        budget.reset(InjectionHeuristicsScanner.READS_PER_ATTEMPT);
        assertThat(java.util.regex.Pattern.compile("show '{10,}").matcher(text).lookingAt())
                .isTrue();
    }
}
