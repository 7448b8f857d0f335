package io.trustgate.firewall;

import io.trustgate.api.Action;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanContext;
import io.trustgate.api.ScanDeadline;
import io.trustgate.api.ScanText;
import io.trustgate.api.Scanner;
import io.trustgate.api.Verdict;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A chain of scanners with the action of each: one normalisation shared by all, every scanner run (a failing
 * scanner is recorded and the others go on), then one verdict. Any finding of a blocking scanner blocks; otherwise
 * findings of redacting scanners are masked; findings of flagging scanners are only reported. A scanner that throws
 * (or overflows the stack) blocks the text when its rule fails closed ({@link OnFailure#BLOCK}, the default of
 * blocking rules), with a {@link #FAILURE_TYPE} finding as the cause; otherwise its verdict is simply missing. A rule
 * may need a second scanner's agreement before it acts ({@link Corroboration}); without it, its findings are reported
 * only. A chain may limit the CPU time of one scan ({@link #withTimeLimit}); past it, scanners count as failed.
 * Immutable and thread-safe when its scanners are.
 */
public final class FirewallChain {
    /** The {@link Finding#type()} of the finding that stands for a scanner that failed on a fail-closed rule. */
    public static final String FAILURE_TYPE = "scanner-failure";

    /**
     * The {@link Finding#type()} of the finding that stands for a scanner that could not finish within the chain's
     * time limit ({@link #withTimeLimit}) on a fail-closed rule. {@link #isFailure} is true for it too.
     */
    public static final String TIME_LIMIT_TYPE = "scan-time-limit";

    /**
     * What a rule's failure (its scanner threw) does to the text.
     *
     * <p>The default depends on the action: a {@code block} rule fails closed, because an attacker who finds an
     * input that makes the injection or secrets scanner throw must not get past it; a {@code redact},
     * {@code anonymize} or {@code flag} rule fails open, because a masking or reporting step that cannot run should
     * not stop the traffic (the failure is still recorded and logged).
     */
    public enum OnFailure {
        /** Fail closed: the text is blocked, the cause a {@link #FAILURE_TYPE} finding naming the scanner. */
        BLOCK,
        /** Fail open: the text goes on without that scanner's verdict. */
        ALLOW;

        /** {@code BLOCK} for blocking rules, {@code ALLOW} for the others. */
        public static OnFailure defaultFor(Action action) {
            return action == Action.BLOCK ? BLOCK : ALLOW;
        }
    }

    /**
     * A second scanner whose agreement a rule needs before it acts: the rule's findings cause its action only when
     * {@code scanner} scores the same text at least {@code minScore}; otherwise they are reported, as a flag rule's
     * would be. It lets a cheap, broad signal (phrase heuristics) block only where an independent one (the learned
     * classifier) does not find the text plainly benign (decision 016). The second scanner runs only when the rule
     * has something to act on, and at most once per text: a rule of the chain with the same scanner instance reuses
     * its result. When it fails, the rule acts alone, so that a failure never opens a blocking rule.
     *
     * @param scanner the corroborating scanner
     * @param minScore the lowest score of its findings that counts as agreement
     */
    public record Corroboration(Scanner scanner, double minScore) {
        public Corroboration {
            Objects.requireNonNull(scanner, "scanner");
            if (!(minScore >= 0 && minScore <= 1)) {
                throw new IllegalArgumentException("corroboration threshold of scanner '" + scanner.name()
                        + "' must be in [0, 1], was " + minScore);
            }
        }
    }

    /**
     * One scanner in the chain.
     *
     * @param scanner the scanner
     * @param action what its findings cause
     * @param minScore findings below this score are ignored
     * @param onFailure what the scanner's failure causes
     * @param sources the message sources the rule scans (the chat roles it applies to); a text whose source is not
     *     known ({@link ScanContext.Source#UNSPECIFIED}: a response, the CLI without a role) is scanned by every rule,
     *     and a finding that several rules of one scanner act on is reported once, with the strongest action
     * @param corroboration the scanner that must agree before the findings cause the action, if any
     */
    public record Rule(
            Scanner scanner,
            Action action,
            double minScore,
            OnFailure onFailure,
            Set<ScanContext.Source> sources,
            Optional<Corroboration> corroboration) {
        /** Every source: a rule that applies to all messages. */
        public static final Set<ScanContext.Source> ALL_SOURCES =
                java.util.Collections.unmodifiableSet(java.util.EnumSet.allOf(ScanContext.Source.class));

        public Rule {
            Objects.requireNonNull(scanner, "scanner");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(onFailure, "onFailure");
            Objects.requireNonNull(corroboration, "corroboration");
            sources = Set.copyOf(sources);
            if (sources.isEmpty()) {
                throw new IllegalArgumentException("roles of scanner '" + scanner.name() + "' must not be empty");
            }
            if (!(minScore >= 0 && minScore <= 1)) {
                throw new IllegalArgumentException(
                        "threshold of scanner '" + scanner.name() + "' must be in [0, 1], was " + minScore);
            }
        }

        /** A rule that acts on its own findings. */
        public Rule(
                Scanner scanner, Action action, double minScore, OnFailure onFailure, Set<ScanContext.Source> sources) {
            this(scanner, action, minScore, onFailure, sources, Optional.empty());
        }

        /** A rule for every message source. */
        public Rule(Scanner scanner, Action action, double minScore, OnFailure onFailure) {
            this(scanner, action, minScore, onFailure, ALL_SOURCES);
        }

        /** A rule with the default failure behaviour of its action ({@link OnFailure#defaultFor}). */
        public Rule(Scanner scanner, Action action, double minScore) {
            this(scanner, action, minScore, OnFailure.defaultFor(action));
        }

        /** Whether the rule scans a text of this source. */
        public boolean appliesTo(ScanContext.Source source) {
            return source == ScanContext.Source.UNSPECIFIED || sources.contains(source);
        }
    }

    /** Whether {@code f} stands for a scanner that failed on a fail-closed rule, rather than for something found. */
    public static boolean isFailure(Finding f) {
        return (f.type().equals(FAILURE_TYPE) || f.type().equals(TIME_LIMIT_TYPE)) && !f.hasSpan();
    }

    /** Whether {@code f} stands for a scanner that did not finish within the chain's time limit. */
    public static boolean isTimeLimit(Finding f) {
        return f.type().equals(TIME_LIMIT_TYPE) && !f.hasSpan();
    }

    private final List<Rule> rules;
    /**
     * Where each rule's scanner, and then each corroborating scanner, keeps its result during one scan: one slot per
     * distinct scanner instance. Empty unless a result may be needed twice on one text (a corroboration, or one scanner
     * instance in two rules, such as one classifier with a threshold per role).
     */
    private final int[] slotOfRule;

    private final int[] slotOfCorroboration;
    private final int slots;

    private final BiFunction<String, ScanText.Stage, ScanText> normalizer;
    private final BiFunction<String, List<Finding>, String> redactor;
    /** The CPU time one scan may use, in nanoseconds; 0 for none. */
    private final long limitNanos;

    /**
     * @param rules the scanners in order
     * @param normalizer the shared normalisation (the firewall's normaliser in production)
     * @param redactor masks the given findings' spans in the original text
     */
    public FirewallChain(
            List<Rule> rules,
            BiFunction<String, ScanText.Stage, ScanText> normalizer,
            BiFunction<String, List<Finding>, String> redactor) {
        this(rules, normalizer, redactor, 0);
    }

    private FirewallChain(
            List<Rule> rules,
            BiFunction<String, ScanText.Stage, ScanText> normalizer,
            BiFunction<String, List<Finding>, String> redactor,
            long limitNanos) {
        this.limitNanos = limitNanos;
        this.rules = List.copyOf(rules);
        Map<Scanner, Integer> slotOf = new IdentityHashMap<>();
        int[] ofRule = new int[this.rules.size()];
        int[] ofCorroboration = new int[this.rules.size()];
        boolean corroborates = false;
        for (int i = 0; i < ofRule.length; i++) {
            Rule r = this.rules.get(i);
            ofRule[i] = slotOf.computeIfAbsent(r.scanner(), k -> slotOf.size());
        }
        for (int i = 0; i < ofCorroboration.length; i++) {
            Optional<Corroboration> c = this.rules.get(i).corroboration();
            corroborates |= c.isPresent();
            ofCorroboration[i] = c.map(x -> slotOf.computeIfAbsent(x.scanner(), k -> slotOf.size()))
                    .orElse(-1);
        }
        boolean reuses = corroborates || slotOf.size() < this.rules.size();
        this.slotOfRule = reuses ? ofRule : new int[0];
        this.slotOfCorroboration = reuses ? ofCorroboration : new int[0];
        this.slots = reuses ? slotOf.size() : 0;
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

    /** The text as this chain's scanners see it (for the stream screen's view of open constructs). */
    ScanText normalize(String text, ScanText.Stage stage) {
        return normalizer.apply(text, stage);
    }

    /** The chain of the rules that pass {@code keep}, with the same normaliser, redactor and time limit. */
    public FirewallChain select(java.util.function.Predicate<Rule> keep) {
        return new FirewallChain(rules.stream().filter(keep).toList(), normalizer, redactor, limitNanos);
    }

    /**
     * This chain with a limit on the CPU time that one scan (normalisation and every scanner, on one text) may use.
     * A scanner that has not finished when the time is used up, and every scanner after it, counts as failed: a
     * fail-closed rule blocks the text with a {@link #TIME_LIMIT_TYPE} finding, a fail-open rule's verdict is missing.
     * The built-in scanners check the limit as they go ({@link ScanDeadline}); a scanner that does not is only
     * stopped before it starts.
     *
     * @param limit the CPU time per scan, from 1 ms to 1 hour
     */
    public FirewallChain withTimeLimit(java.time.Duration limit) {
        Objects.requireNonNull(limit, "limit");
        if (limit.compareTo(java.time.Duration.ofMillis(1)) < 0 || limit.compareTo(java.time.Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException(
                    "scan time limit must be from 1ms to 1h, was " + limit.toMillis() + "ms");
        }
        return new FirewallChain(rules, normalizer, redactor, limit.toNanos());
    }

    /** The CPU time one scan may use, if limited. */
    public Optional<java.time.Duration> timeLimit() {
        return limitNanos == 0 ? Optional.empty() : Optional.of(java.time.Duration.ofNanos(limitNanos));
    }

    private Verdict scanWith(
            String text,
            ScanText.Stage stage,
            java.util.Set<io.trustgate.api.Category> disregarded,
            ScanContext context,
            RedactionSession session) {
        if (rules.isEmpty()) {
            return new Verdict.Allow(List.of(), List.of(), List.of());
        }
        if (limitNanos == 0) {
            return scanWithin(text, stage, disregarded, context, session, null);
        }
        ScanDeadline deadline = ScanDeadline.enter(limitNanos);
        try {
            return scanWithin(text, stage, disregarded, context, session, deadline);
        } finally {
            deadline.exit();
        }
    }

    private Verdict scanWithin(
            String text,
            ScanText.Stage stage,
            java.util.Set<io.trustgate.api.Category> disregarded,
            ScanContext context,
            RedactionSession session,
            ScanDeadline deadline) {
        ScanText scanText;
        try {
            scanText = normalizer.apply(text, stage);
        } catch (ScanDeadline.Exceeded e) {
            scanText = null; // no scanner can run: each counts as over the time limit below
        }
        List<Finding> all = new ArrayList<>();
        List<Action> actions = new ArrayList<>(); // what each of all caused
        List<Finding> toRedact = new ArrayList<>();
        List<Finding> toAnonymize = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Finding blockCause = null;
        Finding failureCause = null;
        // results of scanners by instance, so that none runs twice on one text;
        // an empty value stands for a scanner that threw
        @SuppressWarnings("unchecked")
        Optional<List<Finding>>[] ran = slots == 0 ? null : new Optional[slots];
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (!rule.appliesTo(context.source())) {
                continue;
            }
            Optional<List<Finding>> result = ran == null ? null : ran[slotOfRule[i]];
            boolean reused = result != null;
            if (!reused) {
                if (scanText == null || (deadline != null && deadline.expired())) {
                    result = Optional.empty(); // not started: the scan has used its time
                } else {
                    result = run(rule.scanner(), scanText, context);
                }
                if (ran != null) {
                    ran[slotOfRule[i]] = result;
                }
            }
            if (result.isEmpty()) {
                // a failure once the time is used up is the time limit's (the scanner stopped at a check)
                boolean overTime = deadline != null && deadline.expired();
                // a scanner's fault (a regex that recursed too deep on hostile input included) fails that scanner
                // alone; the stack is unwound by now, so the others run as usual
                if (!reused) {
                    failed.add(rule.scanner().name()); // a corroboration that ran it first has recorded it
                }
                Finding failure = overTime
                        ? ScannerFailure.timeLimit(rule.scanner().name())
                        : ScannerFailure.finding(rule.scanner().name());
                // a failure can only close what the scanner's findings could have: none of a disregarded category
                if (rule.onFailure() == OnFailure.BLOCK && !disregarded.contains(failure.category())) {
                    all.add(failure);
                    actions.add(Action.BLOCK);
                    if (failureCause == null) {
                        failureCause = failure;
                    }
                }
                continue;
            }
            List<Finding> found = result.get();
            Action action = rule.action();
            if (rule.corroboration().isPresent()
                    && action != Action.FLAG
                    && found.stream().anyMatch(f -> f.score() >= rule.minScore() && !disregarded.contains(f.category()))
                    && !corroborated(
                            rule.corroboration().get(), slotOfCorroboration[i], scanText, context, ran, failed)) {
                action = Action.FLAG; // reported, not acted on
            }
            for (Finding f : found) {
                if (f.score() < rule.minScore() || disregarded.contains(f.category())) {
                    continue;
                }
                // a reused result's finding may be in already, from an earlier rule of the same scanner (two role
                // rules both apply to a text of unknown source): it is reported once, with the stronger action
                int earlier = reused ? indexOfSame(all, f) : -1;
                if (earlier < 0) {
                    all.add(f);
                    actions.add(action);
                } else if (strength(action) > strength(actions.get(earlier))) {
                    actions.set(earlier, action);
                } else {
                    continue;
                }
                switch (action) {
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
            // something found is the better reason to give than a scanner that could not look
            return new Verdict.Block(all, actions, failed, blockCause);
        }
        if (failureCause != null) {
            return new Verdict.Block(all, actions, failed, failureCause);
        }
        if (!toRedact.isEmpty() || !toAnonymize.isEmpty()) {
            if (session != null) {
                return new Verdict.Redact(all, actions, failed, session.apply(text, toRedact, toAnonymize));
            }
            // Without a session nothing can be restored: anonymised spans are masked.
            List<Finding> both = new ArrayList<>(toRedact);
            both.addAll(toAnonymize);
            return new Verdict.Redact(all, actions, failed, redactor.apply(text, both));
        }
        return new Verdict.Allow(all, actions, failed);
    }

    /** The position of this very finding (not an equal one) in the list, or -1. */
    private static int indexOfSame(List<Finding> findings, Finding f) {
        for (int i = 0; i < findings.size(); i++) {
            if (findings.get(i) == f) {
                return i;
            }
        }
        return -1;
    }

    /**
     * How much an action does to the exchange: a finding two rules act on keeps the stronger. Redacting and
     * anonymising rank alike, so that a span is never put in both lists (the first rule's stays).
     */
    private static int strength(Action action) {
        return switch (action) {
            case BLOCK -> 2;
            case REDACT, ANONYMIZE -> 1;
            case FLAG -> 0;
        };
    }

    /** Runs one scanner; empty when it threw (or overflowed the stack on hostile input). */
    private static Optional<List<Finding>> run(Scanner scanner, ScanText text, ScanContext context) {
        try {
            return Optional.of(scanner.scan(text, context));
        } catch (RuntimeException | StackOverflowError e) {
            return Optional.empty();
        }
    }

    /** Whether the corroborating scanner agrees; true when it failed, so that its fault never opens a rule. */
    private static boolean corroborated(
            Corroboration c,
            int slot,
            ScanText text,
            ScanContext context,
            Optional<List<Finding>>[] ran,
            List<String> failed) {
        Optional<List<Finding>> result = ran[slot];
        if (result == null) {
            result = run(c.scanner(), text, context);
            ran[slot] = result;
            if (result.isEmpty()) {
                failed.add(c.scanner().name());
            }
        }
        return result.map(fs -> fs.stream().anyMatch(f -> f.score() >= c.minScore()))
                .orElse(true);
    }
}
