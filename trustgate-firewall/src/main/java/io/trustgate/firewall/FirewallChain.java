package io.trustgate.firewall;

import io.trustgate.api.Action;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanContext;
import io.trustgate.api.ScanText;
import io.trustgate.api.Scanner;
import io.trustgate.api.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A chain of scanners with the action of each: one normalisation shared by all, every scanner run (a failing
 * scanner is recorded and the others go on), then one verdict. Any finding of a blocking scanner blocks; otherwise
 * findings of redacting scanners are masked; findings of flagging scanners are only reported. Immutable and
 * thread-safe when its scanners are.
 */
public final class FirewallChain {
    /**
     * One scanner in the chain.
     *
     * @param scanner the scanner
     * @param action what its findings cause
     * @param minScore findings below this score are ignored
     */
    public record Rule(Scanner scanner, Action action, double minScore) {
        public Rule {
            Objects.requireNonNull(scanner, "scanner");
            Objects.requireNonNull(action, "action");
            if (!(minScore >= 0 && minScore <= 1)) {
                throw new IllegalArgumentException(
                        "threshold of scanner '" + scanner.name() + "' must be in [0, 1], was " + minScore);
            }
        }
    }

    private final List<Rule> rules;
    private final BiFunction<String, ScanText.Stage, ScanText> normalizer;
    private final BiFunction<String, List<Finding>, String> redactor;

    /**
     * @param rules the scanners in order
     * @param normalizer the shared normalisation (the firewall's normaliser in production)
     * @param redactor masks the given findings' spans in the original text
     */
    public FirewallChain(
            List<Rule> rules,
            BiFunction<String, ScanText.Stage, ScanText> normalizer,
            BiFunction<String, List<Finding>, String> redactor) {
        this.rules = List.copyOf(rules);
        this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    /** A chain with no scanners: everything is allowed. */
    public static FirewallChain none() {
        return new FirewallChain(List.of(), ScanText::plain, (text, findings) -> text);
    }

    public List<Rule> rules() {
        return rules;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Scans one text at one stage. */
    public Verdict scan(String text, ScanText.Stage stage) {
        return scan(text, stage, java.util.Set.of());
    }

    /**
     * Scans one text, disregarding findings of the given categories (for example injection in a system prompt,
     * which the operator wrote and which may legitimately say "you are now...").
     */
    public Verdict scan(String text, ScanText.Stage stage, java.util.Set<io.trustgate.api.Category> disregarded) {
        return scan(text, stage, disregarded, ScanContext.NONE);
    }

    /** Scans one text knowing the exchange around it (needed by output scanners such as system-prompt leaks). */
    public Verdict scan(
            String text,
            ScanText.Stage stage,
            java.util.Set<io.trustgate.api.Category> disregarded,
            ScanContext context) {
        return scanWith(text, stage, disregarded, context, null);
    }

    /**
     * Scans one text of a request whose placeholders are numbered by {@code session} (so that numbers agree across
     * messages) and whose anonymised values it remembers for the response.
     */
    public Verdict scan(
            String text,
            ScanText.Stage stage,
            java.util.Set<io.trustgate.api.Category> disregarded,
            ScanContext context,
            RedactionSession session) {
        return scanWith(text, stage, disregarded, context, Objects.requireNonNull(session, "session"));
    }

    /** The chain of the rules that pass {@code keep}, with the same normaliser and redactor. */
    public FirewallChain select(java.util.function.Predicate<Rule> keep) {
        return new FirewallChain(rules.stream().filter(keep).toList(), normalizer, redactor);
    }

    private Verdict scanWith(
            String text,
            ScanText.Stage stage,
            java.util.Set<io.trustgate.api.Category> disregarded,
            ScanContext context,
            RedactionSession session) {
        if (rules.isEmpty()) {
            return new Verdict.Allow(List.of(), List.of());
        }
        ScanText scanText = normalizer.apply(text, stage);
        List<Finding> all = new ArrayList<>();
        List<Finding> toRedact = new ArrayList<>();
        List<Finding> toAnonymize = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Finding blockCause = null;
        for (Rule rule : rules) {
            List<Finding> found;
            try {
                found = rule.scanner().scan(scanText, context);
            } catch (RuntimeException | StackOverflowError e) {
                // a scanner's fault (a regex that recursed too deep on hostile input included) fails that scanner
                // alone; the stack is unwound by now, so the others run as usual
                failed.add(rule.scanner().name());
                continue;
            }
            for (Finding f : found) {
                if (f.score() < rule.minScore() || disregarded.contains(f.category())) {
                    continue;
                }
                all.add(f);
                switch (rule.action()) {
                    case BLOCK -> {
                        if (blockCause == null) {
                            blockCause = f;
                        }
                    }
                    case REDACT -> {
                        if (f.hasSpan()) {
                            toRedact.add(f);
                        }
                    }
                    case ANONYMIZE -> {
                        if (f.hasSpan()) {
                            toAnonymize.add(f);
                        }
                    }
                    case FLAG -> {
                        // reported only
                    }
                }
            }
        }
        if (blockCause != null) {
            return new Verdict.Block(all, failed, blockCause);
        }
        if (!toRedact.isEmpty() || !toAnonymize.isEmpty()) {
            if (session != null) {
                return new Verdict.Redact(all, failed, session.apply(text, toRedact, toAnonymize));
            }
            // Without a session nothing can be restored: anonymised spans are masked.
            List<Finding> both = new ArrayList<>(toRedact);
            both.addAll(toAnonymize);
            return new Verdict.Redact(all, failed, redactor.apply(text, both));
        }
        return new Verdict.Allow(all, failed);
    }
}
