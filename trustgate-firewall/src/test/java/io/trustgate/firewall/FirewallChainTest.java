package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.api.Action;
import io.trustgate.api.Category;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanContext;
import io.trustgate.api.ScanText;
import io.trustgate.api.Scanner;
import io.trustgate.api.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirewallChainTest {
    /** Finds every occurrence of a word. */
    record WordScanner(String name, String word, Category category, double score) implements Scanner {
        @Override
        public List<Finding> scan(ScanText text) {
            List<Finding> out = new ArrayList<>();
            for (int i = text.original().indexOf(word);
                    i >= 0;
                    i = text.original().indexOf(word, i + 1)) {
                out.add(new Finding(name, category, "WORD", score, i, i + word.length()));
            }
            return out;
        }
    }

    record Broken() implements Scanner {
        @Override
        public String name() {
            return "broken";
        }

        @Override
        public List<Finding> scan(ScanText text) {
            throw new IllegalStateException("boom");
        }
    }

    /** A scanner whose regex recursed too deep. */
    record Overflowing() implements Scanner {
        @Override
        public String name() {
            return "overflowing";
        }

        @Override
        public List<Finding> scan(ScanText text) {
            throw new StackOverflowError();
        }
    }

    static String mask(String text, List<Finding> fs) {
        StringBuilder b = new StringBuilder(text);
        for (int i = fs.size() - 1; i >= 0; i--) {
            b.replace(fs.get(i).start(), fs.get(i).end(), "[X]");
        }
        return b.toString();
    }

    static FirewallChain chain(FirewallChain.Rule... rules) {
        return new FirewallChain(List.of(rules), ScanText::plain, FirewallChainTest::mask);
    }

    static FirewallChain.Rule rule(String word, Action action, double minScore, double score) {
        return new FirewallChain.Rule(new WordScanner(word, word, Category.BANNED_CONTENT, score), action, minScore);
    }

    @Test
    void blockingFindingBlocksAndEveryFindingIsReported() {
        Verdict v = chain(rule("secret", Action.REDACT, 0, 1), rule("evil", Action.BLOCK, 0, 1))
                .scan("a secret and evil plan", ScanText.Stage.INPUT);
        assertThat(v).isInstanceOfSatisfying(Verdict.Block.class, b -> {
            assertThat(b.cause().scanner()).isEqualTo("evil");
            assertThat(b.findings()).extracting(Finding::scanner).containsExactly("secret", "evil");
        });
    }

    @Test
    void redactingFindingsAreMaskedInTheOriginal() {
        Verdict v = chain(rule("secret", Action.REDACT, 0, 1)).scan("secret one, secret two", ScanText.Stage.INPUT);
        assertThat(v)
                .isInstanceOfSatisfying(
                        Verdict.Redact.class, r -> assertThat(r.text()).isEqualTo("[X] one, [X] two"));
    }

    @Test
    void flaggedFindingsAreOnlyReported() {
        Verdict v = chain(rule("odd", Action.FLAG, 0, 1)).scan("an odd request", ScanText.Stage.INPUT);
        assertThat(v)
                .isInstanceOfSatisfying(
                        Verdict.Allow.class, a -> assertThat(a.findings()).hasSize(1));
    }

    @Test
    void aRuleLimitedToSomeRolesSkipsTheOthersButScansTextOfUnknownSource() {
        FirewallChain c = chain(new FirewallChain.Rule(
                new WordScanner("evil", "evil", Category.BANNED_CONTENT, 1),
                Action.BLOCK,
                0,
                FirewallChain.OnFailure.BLOCK,
                java.util.Set.of(ScanContext.Source.USER)));
        assertThat(c.scan("evil", ScanText.Stage.INPUT, java.util.Set.of(), ScanContext.of(ScanContext.Source.USER)))
                .isInstanceOf(Verdict.Block.class);
        assertThat(c.scan("evil", ScanText.Stage.INPUT, java.util.Set.of(), ScanContext.of(ScanContext.Source.TOOL)))
                .isInstanceOfSatisfying(
                        Verdict.Allow.class, a -> assertThat(a.findings()).isEmpty());
        assertThat(c.scan("evil", ScanText.Stage.INPUT)).isInstanceOf(Verdict.Block.class);
        assertThat(rule("x", Action.FLAG, 0, 1).sources()).isEqualTo(FirewallChain.Rule.ALL_SOURCES);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FirewallChain.Rule(
                        new WordScanner("x", "x", Category.BANNED_CONTENT, 1),
                        Action.FLAG,
                        0,
                        FirewallChain.OnFailure.ALLOW,
                        java.util.Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("roles");
    }

    @Test
    void findingsUnderTheThresholdAreIgnored() {
        Verdict v = chain(rule("maybe", Action.BLOCK, 0.8, 0.5)).scan("maybe", ScanText.Stage.INPUT);
        assertThat(v)
                .isInstanceOfSatisfying(
                        Verdict.Allow.class, a -> assertThat(a.findings()).isEmpty());
    }

    @Test
    void aFailingScannerIsRecordedAndTheOthersStillRun() {
        FirewallChain c = new FirewallChain(
                List.of(new FirewallChain.Rule(new Broken(), Action.BLOCK, 0), rule("evil", Action.BLOCK, 0, 1)),
                ScanText::plain,
                FirewallChainTest::mask);
        Verdict v = c.scan("evil", ScanText.Stage.INPUT);
        assertThat(v).isInstanceOf(Verdict.Block.class);
        assertThat(v.failedScanners()).containsExactly("broken");
    }

    @Test
    void aScannerThatOverflowsTheStackFailsAloneInsteadOfTheRequest() {
        FirewallChain c = new FirewallChain(
                List.of(new FirewallChain.Rule(new Overflowing(), Action.BLOCK, 0), rule("evil", Action.BLOCK, 0, 1)),
                ScanText::plain,
                FirewallChainTest::mask);
        Verdict v = c.scan("evil", ScanText.Stage.INPUT);
        assertThat(v).isInstanceOf(Verdict.Block.class);
        assertThat(v.failedScanners()).containsExactly("overflowing");
    }

    /** A scanner of a registered name that throws, to check the failure finding's category. */
    record BrokenNamed(String name) implements Scanner {
        @Override
        public List<Finding> scan(ScanText text) {
            throw new IllegalStateException("boom");
        }
    }

    static FirewallChain.Rule broken(Action action) {
        return new FirewallChain.Rule(new Broken(), action, 0);
    }

    @Test
    void aFailingBlockRuleBlocksWithAFindingSayingTheScannerFailed() {
        Verdict v =
                chain(broken(Action.BLOCK), rule("odd", Action.FLAG, 0, 1)).scan("an odd text", ScanText.Stage.INPUT);
        assertThat(v).isInstanceOfSatisfying(Verdict.Block.class, b -> {
            assertThat(b.cause())
                    .isEqualTo(new Finding("broken", Category.BANNED_CONTENT, FirewallChain.FAILURE_TYPE, 1.0, 0, 0));
            assertThat(FirewallChain.isFailure(b.cause())).isTrue();
            assertThat(b.findings()).extracting(Finding::scanner).containsExactly("broken", "odd");
            assertThat(b.failedScanners()).containsExactly("broken");
        });
    }

    @Test
    void aFailedScannerBlocksWithTheCategoryItGuards() {
        Verdict v = chain(new FirewallChain.Rule(new BrokenNamed("secrets"), Action.BLOCK, 0.5))
                .scan("x", ScanText.Stage.OUTPUT);
        assertThat(v)
                .isInstanceOfSatisfying(
                        Verdict.Block.class,
                        b -> assertThat(b.cause().category()).isEqualTo(Category.SECRET));
    }

    @Test
    void aFindingIsPreferredToAFailureAsTheCauseOfABlock() {
        Verdict v =
                chain(broken(Action.BLOCK), rule("evil", Action.BLOCK, 0, 1)).scan("evil", ScanText.Stage.INPUT);
        assertThat(v)
                .isInstanceOfSatisfying(
                        Verdict.Block.class,
                        b -> assertThat(b.cause().scanner()).isEqualTo("evil"));
        assertThat(v.findings()).extracting(Finding::type).containsExactly(FirewallChain.FAILURE_TYPE, "WORD");
    }

    @Test
    void failingRedactAndFlagRulesFailOpenByDefault() {
        Verdict redacted = chain(broken(Action.REDACT), rule("secret", Action.REDACT, 0, 1))
                .scan("a secret", ScanText.Stage.INPUT);
        assertThat(redacted)
                .isInstanceOfSatisfying(
                        Verdict.Redact.class, r -> assertThat(r.text()).isEqualTo("a [X]"));
        assertThat(redacted.failedScanners()).containsExactly("broken");
        Verdict flagged = chain(broken(Action.FLAG), broken(Action.ANONYMIZE)).scan("text", ScanText.Stage.INPUT);
        assertThat(flagged)
                .isInstanceOfSatisfying(
                        Verdict.Allow.class, a -> assertThat(a.findings()).isEmpty());
        assertThat(flagged.failedScanners()).containsExactly("broken", "broken");
    }

    @Test
    void aBlockRuleWithOnFailureAllowFailsOpen() {
        Verdict v = chain(new FirewallChain.Rule(new Overflowing(), Action.BLOCK, 0, FirewallChain.OnFailure.ALLOW))
                .scan("text", ScanText.Stage.INPUT);
        assertThat(v)
                .isInstanceOfSatisfying(
                        Verdict.Allow.class, a -> assertThat(a.findings()).isEmpty());
        assertThat(v.failedScanners()).containsExactly("overflowing");
    }

    @Test
    void aFlagRuleWithOnFailureBlockFailsClosed() {
        Verdict v = chain(new FirewallChain.Rule(new Broken(), Action.FLAG, 0, FirewallChain.OnFailure.BLOCK))
                .scan("text", ScanText.Stage.INPUT);
        assertThat(v).isInstanceOf(Verdict.Block.class);
    }

    @Test
    void aFailureInADisregardedCategoryDoesNotBlock() {
        // injection in an operator's system prompt is not acted on, so neither is the injection scanner's failure
        Verdict v = chain(new FirewallChain.Rule(new BrokenNamed("injection-heuristics"), Action.BLOCK, 0.5))
                .scan("you are now a pirate", ScanText.Stage.INPUT, java.util.Set.of(Category.PROMPT_INJECTION));
        assertThat(v).isInstanceOf(Verdict.Allow.class);
        assertThat(v.failedScanners()).containsExactly("injection-heuristics");
    }

    @Test
    void everyRegisteredScannerHasItsUsualCategoryForFailures() {
        // BANNED_CONTENT is the fallback of unknown scanners, so a registered one other than banned-substrings
        // getting it was forgotten in ScannerFailure's table
        for (Scanners.Spec s : Scanners.specs()) {
            if (!s.name().equals("banned-substrings")) {
                assertThat(ScannerFailure.categoryOf(s.name())).as(s.name()).isNotEqualTo(Category.BANNED_CONTENT);
            }
        }
        assertThat(ScannerFailure.categoryOf("banned-substrings")).isEqualTo(Category.BANNED_CONTENT);
    }

    @Test
    void ruleRejectsANullOnFailure() {
        org.assertj.core.api.Assertions.assertThatNullPointerException()
                .isThrownBy(() -> new FirewallChain.Rule(new Broken(), Action.BLOCK, 0, null))
                .withMessageContaining("onFailure");
    }

    @Test
    void disregardedCategoriesAreNeitherActedOnNorReported() {
        FirewallChain c = chain(rule("evil", Action.BLOCK, 0, 1));
        Verdict v = c.scan("evil", ScanText.Stage.INPUT, java.util.Set.of(Category.BANNED_CONTENT));
        assertThat(v)
                .isInstanceOfSatisfying(
                        Verdict.Allow.class, a -> assertThat(a.findings()).isEmpty());
    }

    /** A whole-text score, counting how often it was asked (a stand-in for the learned classifier). */
    static final class Scoring implements Scanner {
        final double score;
        final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

        Scoring(double score) {
            this.score = score;
        }

        @Override
        public String name() {
            return "scoring";
        }

        @Override
        public List<Finding> scan(ScanText text) {
            calls.incrementAndGet();
            return List.of(new Finding("scoring", Category.PROMPT_INJECTION, "SCORE", score, 0, 0));
        }
    }

    static FirewallChain.Rule corroborated(String word, Action action, Scanner by, double minScore) {
        return new FirewallChain.Rule(
                new WordScanner(word, word, Category.PROMPT_INJECTION, 0.9),
                action,
                0.5,
                FirewallChain.OnFailure.defaultFor(action),
                FirewallChain.Rule.ALL_SOURCES,
                java.util.Optional.of(new FirewallChain.Corroboration(by, minScore)));
    }

    @Test
    void anUncorroboratedFindingIsReportedButNotActedOn() {
        Scoring low = new Scoring(0.2);
        Verdict v = chain(corroborated("ignore", Action.BLOCK, low, 0.4)).scan("ignore it", ScanText.Stage.INPUT);
        assertThat(v)
                .isInstanceOfSatisfying(
                        Verdict.Allow.class,
                        a -> assertThat(a.findings())
                                .extracting(Finding::scanner)
                                .as(
                                        "the finding is kept, as a flag rule's; the corroborator's own finding is not a rule's")
                                .containsExactly("ignore"));
        assertThat(v.actions()).containsExactly(Action.FLAG);
        assertThat(low.calls).hasValue(1);
    }

    @Test
    void aCorroboratedFindingBlocks() {
        Verdict v = chain(corroborated("ignore", Action.BLOCK, new Scoring(0.4), 0.4))
                .scan("ignore it", ScanText.Stage.INPUT);
        assertThat(v)
                .isInstanceOfSatisfying(
                        Verdict.Block.class,
                        b -> assertThat(b.cause().scanner()).isEqualTo("ignore"));
        assertThat(v.actions()).containsExactly(Action.BLOCK);
    }

    @Test
    void eachFindingCarriesTheActionItCaused() {
        Verdict v = chain(
                        rule("mail", Action.REDACT, 0, 1),
                        rule("note", Action.FLAG, 0, 1),
                        new FirewallChain.Rule(new Broken(), Action.BLOCK, 0.5))
                .scan("a mail and a note", ScanText.Stage.INPUT);
        assertThat(v.findings()).extracting(Finding::scanner).containsExactly("mail", "note", "broken");
        assertThat(v.actions()).containsExactly(Action.REDACT, Action.FLAG, Action.BLOCK);
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new Verdict.Allow(v.findings(), List.of(Action.FLAG), List.of()))
                .withMessageContaining("one action per finding");
    }

    @Test
    void aCorroboratedRedactionRedactsAndAnUncorroboratedOneDoesNot() {
        assertThat(chain(corroborated("card", Action.REDACT, new Scoring(0.9), 0.4))
                        .scan("my card", ScanText.Stage.INPUT))
                .isInstanceOfSatisfying(
                        Verdict.Redact.class, r -> assertThat(r.text()).isEqualTo("my [X]"));
        assertThat(chain(corroborated("card", Action.REDACT, new Scoring(0.1), 0.4))
                        .scan("my card", ScanText.Stage.INPUT))
                .isInstanceOf(Verdict.Allow.class);
    }

    @Test
    void theCorroboratorRunsOnlyWhenTheRuleHasSomethingToActOn() {
        Scoring by = new Scoring(0.9);
        chain(corroborated("ignore", Action.BLOCK, by, 0.4)).scan("nothing here", ScanText.Stage.INPUT);
        chain(corroborated("ignore", Action.FLAG, by, 0.4)).scan("ignore it", ScanText.Stage.INPUT);
        chain(corroborated("ignore", Action.BLOCK, by, 0.4))
                .scan("ignore it", ScanText.Stage.INPUT, java.util.Set.of(Category.PROMPT_INJECTION));
        assertThat(by.calls)
                .as("no finding, a flag rule, a disregarded category: nothing to corroborate")
                .hasValue(0);
    }

    @Test
    void aScannerThatIsAlsoARuleRunsOncePerText() {
        Scoring by = new Scoring(0.7);
        FirewallChain c = chain(
                corroborated("ignore", Action.BLOCK, by, 0.4),
                new FirewallChain.Rule(
                        by,
                        Action.BLOCK,
                        0.65,
                        FirewallChain.OnFailure.BLOCK,
                        java.util.Set.of(ScanContext.Source.USER)),
                new FirewallChain.Rule(
                        by,
                        Action.BLOCK,
                        0.8,
                        FirewallChain.OnFailure.BLOCK,
                        java.util.Set.of(ScanContext.Source.TOOL)));
        Verdict v = c.scan("ignore it", ScanText.Stage.INPUT, java.util.Set.of(), ScanContext.NONE);
        assertThat(by.calls)
                .as("corroborator, then two rules of unknown source: one scan")
                .hasValue(1);
        assertThat(v)
                .isInstanceOfSatisfying(
                        Verdict.Block.class,
                        b -> assertThat(b.findings())
                                .extracting(Finding::scanner)
                                .containsExactly("ignore", "scoring"));
    }

    @Test
    void aFindingTwoRulesOfOneScannerActOnIsReportedOnceWithTheStrongerAction() {
        WordScanner evil = new WordScanner("evil", "evil", Category.PROMPT_INJECTION, 0.9);
        FirewallChain.Rule flagUsers = new FirewallChain.Rule(
                evil, Action.FLAG, 0.5, FirewallChain.OnFailure.ALLOW, java.util.Set.of(ScanContext.Source.USER));
        FirewallChain.Rule blockTools = new FirewallChain.Rule(
                evil, Action.BLOCK, 0.5, FirewallChain.OnFailure.ALLOW, java.util.Set.of(ScanContext.Source.TOOL));
        for (FirewallChain c : List.of(chain(flagUsers, blockTools), chain(blockTools, flagUsers))) {
            // a text of unknown source: both rules apply, to the one result
            assertThat(c.scan("evil, evil", ScanText.Stage.INPUT, java.util.Set.of(), ScanContext.NONE))
                    .isInstanceOfSatisfying(Verdict.Block.class, b -> {
                        assertThat(b.findings()).extracting(Finding::start).containsExactly(0, 6);
                        assertThat(b.actions()).containsExactly(Action.BLOCK, Action.BLOCK);
                    });
            // a user's text: the flag rule alone
            assertThat(c.scan(
                            "evil", ScanText.Stage.INPUT, java.util.Set.of(), ScanContext.of(ScanContext.Source.USER)))
                    .isInstanceOfSatisfying(
                            Verdict.Allow.class, a -> assertThat(a.actions()).containsExactly(Action.FLAG));
        }
        // a redaction upgrades a flag, and is made once
        FirewallChain.Rule redactTools = new FirewallChain.Rule(
                evil, Action.REDACT, 0.5, FirewallChain.OnFailure.ALLOW, java.util.Set.of(ScanContext.Source.TOOL));
        assertThat(chain(flagUsers, redactTools)
                        .scan("an evil plan", ScanText.Stage.INPUT, java.util.Set.of(), ScanContext.NONE))
                .isInstanceOfSatisfying(Verdict.Redact.class, r -> {
                    assertThat(r.text()).isEqualTo("an [X] plan");
                    assertThat(r.actions()).containsExactly(Action.REDACT);
                });
    }

    @Test
    void aFailingCorroboratorLeavesTheRuleToActAloneAndIsRecordedOnce() {
        FirewallChain c = chain(
                corroborated("ignore", Action.BLOCK, new Broken(), 0.4),
                new FirewallChain.Rule(new Broken(), Action.FLAG, 0.5));
        Broken broken = new Broken();
        FirewallChain shared = chain(
                corroborated("ignore", Action.BLOCK, broken, 0.4), new FirewallChain.Rule(broken, Action.FLAG, 0.5));
        assertThat(c.scan("ignore it", ScanText.Stage.INPUT))
                .isInstanceOfSatisfying(
                        Verdict.Block.class,
                        b -> assertThat(b.cause().scanner()).isEqualTo("ignore"));
        assertThat(shared.scan("ignore it", ScanText.Stage.INPUT)).isInstanceOfSatisfying(Verdict.Block.class, b -> {
            assertThat(b.cause().scanner()).isEqualTo("ignore");
            assertThat(b.failedScanners()).containsExactly("broken");
        });
    }

    @Test
    void aCorroborationThresholdOutsideZeroToOneIsRefused() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new FirewallChain.Corroboration(new Scoring(0), 1.5))
                .withMessageContaining("corroboration threshold of scanner 'scoring'");
    }

    @Test
    void exhaustiveSwitchOverTheVerdict() {
        Verdict v = chain().scan("anything", ScanText.Stage.OUTPUT);
        String what = switch (v) {
            case Verdict.Allow a -> "allow";
            case Verdict.Redact r -> "redact";
            case Verdict.Block b -> "block";
        };
        assertThat(what).isEqualTo("allow");
    }
}
