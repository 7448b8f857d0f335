package io.trustgate.firewall;

import io.trustgate.api.Action;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanContext;
import io.trustgate.api.ScanText;
import io.trustgate.api.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The output firewall over a response that arrives in pieces (one choice of a streamed completion). Holds back the
 * last {@code holdback} characters, and before releasing anything scans a sliding window (the last
 * {@code lookbehind} characters already released plus everything held) with the chain's span scanners: a blocking
 * finding stops the stream before the offending text leaves; a redacting finding is masked, and text is never
 * released through the middle of a finding, so a value split across chunks is masked whole. Scanners that can judge
 * only a complete text ({@link io.trustgate.api.Scanner#wholeText()}) run once, at the end, over everything released.
 * A scanner that fails on a fail-closed rule stops the stream like a blocking finding; the scanners that failed are
 * kept ({@link #failedScanners()}) for the caller to log.
 *
 * <p>Cost: one chain scan of at most {@code lookbehind + holdback + chunk} characters per chunk that releases text.
 * Delay: the client sees each character {@code holdback} characters later than without the firewall (and at once
 * at the end). Limits: a finding longer than {@code holdback} (a PEM key block, say) may have begun to leave before
 * it is recognised; then its remainder is masked, or the stream stopped. With the exfiltration scanner in the chain,
 * URLs are the exception: the screen follows that scanner's constructs ({@link StreamConstructs}). Not thread-safe: one per choice.
 */
public final class StreamScreen {
    /** What to do after a piece. */
    public sealed interface Step {
        /** Send {@code text} (possibly empty) and go on. */
        record Emit(String text) implements Step {
            public Emit {
                Objects.requireNonNull(text, "text");
            }
        }

        /** Stop the stream: {@code cause} blocked it. Nothing more may be sent. */
        record Stop(Finding cause) implements Step {
            public Stop {
                Objects.requireNonNull(cause, "cause");
            }
        }
    }

    /** Upper bound of the text kept for the whole-text scanners (a longer answer is judged on its start). */
    static final int MAX_WHOLE_TEXT = 1 << 20;

    private final FirewallChain window;
    private final FirewallChain whole;
    private final ScanContext context;
    private final int holdback;
    private final int lookbehind;
    private final RedactionSession masks = new RedactionSession();
    private final StringBuilder pending = new StringBuilder();
    private final StringBuilder tail = new StringBuilder();
    private final StringBuilder released = new StringBuilder();
    private final Map<String, Finding> findings = new LinkedHashMap<>();
    /** What each finding of {@link #findings} caused, by the same key (the stronger, when seen twice). */
    private final Map<String, Action> acted = new HashMap<>();

    private final Set<String> failed = new LinkedHashSet<>();
    /** The exfiltration scanners of the window chain, whose open constructs are held or kept in context. */
    private final List<ExfiltrationScanner> exfiltration;

    private long releasedChars;
    private boolean stopped;

    /**
     * @param chain the output chain
     * @param context what the scanners may know of the exchange
     * @param holdback characters held back before release (the longest value to catch whole)
     * @param lookbehind characters already released that are scanned again as context
     */
    public StreamScreen(FirewallChain chain, ScanContext context, int holdback, int lookbehind) {
        Objects.requireNonNull(chain, "chain");
        this.context = Objects.requireNonNull(context, "context");
        if (holdback < 0 || lookbehind < 0) {
            throw new IllegalArgumentException("holdback and lookbehind must be >= 0");
        }
        this.window = chain.select(r -> !r.scanner().wholeText());
        this.whole = chain.select(r -> r.scanner().wholeText());
        this.holdback = holdback;
        this.lookbehind = lookbehind;
        this.exfiltration = window.rules().stream()
                .map(FirewallChain.Rule::scanner)
                .filter(ExfiltrationScanner.class::isInstance)
                .map(ExfiltrationScanner.class::cast)
                .toList();
    }

    private static Action stronger(Action a, Action b) {
        return a.ordinal() <= b.ordinal() ? a : b; // BLOCK, REDACT, ANONYMIZE, FLAG
    }

    /** Takes the next piece of the response. */
    public Step push(String piece) {
        if (stopped) {
            return new Step.Emit("");
        }
        pending.append(piece);
        if (pending.length() <= holdback) {
            return new Step.Emit("");
        }
        return release(pending.length() - holdback, false);
    }

    /** The response ended: releases what was held, then runs the whole-text scanners. */
    public Step finish() {
        if (stopped) {
            return new Step.Emit("");
        }
        Step last = release(pending.length(), true);
        if (last instanceof Step.Stop || whole.isEmpty()) {
            return last;
        }
        String text = released.toString();
        Verdict v = whole.scan(text, ScanText.Stage.OUTPUT, Set.of(), context);
        record(v, 0, Integer.MAX_VALUE);
        failed.addAll(v.failedScanners());
        if (v instanceof Verdict.Block b) {
            stopped = true;
            return new Step.Stop(b.cause());
        }
        return last;
    }

    /** Every finding so far (deduplicated; spans relative to the released text). */
    public List<Finding> findings() {
        return List.copyOf(findings.values());
    }

    /** The action each finding of {@link #findings()} caused, in the same order (see {@link Verdict#actions()}). */
    public List<Action> actions() {
        return findings.keySet().stream().map(acted::get).toList();
    }

    /**
     * The scanners that failed on any scan so far, each once, in the order they first failed (a fail-closed one
     * also has its {@link FirewallChain#FAILURE_TYPE} finding among {@link #findings()}, and stopped the stream).
     */
    public List<String> failedScanners() {
        return List.copyOf(failed);
    }

    private Step release(int wanted, boolean end) {
        if (window.isEmpty()) {
            return emit(pending.substring(0, wanted), wanted);
        }
        int tailLen = tail.length();
        String text = tail + pending.toString();
        String assumed = "";
        if (!exfiltration.isEmpty()) {
            ScanText normalized = window.normalize(text, ScanText.Stage.OUTPUT);
            if (!end) {
                // a URL that has begun is judged once it has ended, whole: nothing of it leaves before (one that
                // began in released text, longer than the hold, is past holding)
                int hold = StreamConstructs.holdFrom(normalized) - tailLen;
                if (hold >= 0) {
                    wanted = Math.min(wanted, hold);
                }
                if (wanted <= 0) {
                    return new Step.Emit("");
                }
            }
            for (ExfiltrationScanner x : exfiltration) {
                assumed += StreamConstructs.assumedUses(normalized, x, context);
            }
        }
        Verdict v = window.scan(text + assumed, ScanText.Stage.OUTPUT, Set.of(), context);
        long windowStart = releasedChars - tailLen;
        record(v, windowStart, text.length());
        failed.addAll(v.failedScanners());
        if (v instanceof Verdict.Block b) {
            stopped = true;
            pending.setLength(0);
            return new Step.Stop(b.cause());
        }
        // Never release through the middle of a span to redact: hold it back whole.
        int cut = wanted;
        List<Finding> toMask = new ArrayList<>();
        for (int i = 0; i < v.findings().size(); i++) {
            Finding f = v.findings().get(i);
            Action a = v.actions().get(i); // a finding its rule only reported is not masked
            if ((a != Action.REDACT && a != Action.ANONYMIZE) || !f.hasSpan() || f.start() >= text.length()) {
                continue;
            }
            int s = Math.max(0, f.start() - tailLen);
            int e = Math.min(f.end(), text.length()) - tailLen;
            if (e <= 0) {
                continue; // already released (and masked when it was)
            }
            if (s < cut && e > cut) {
                cut = s;
            }
            toMask.add(f);
        }
        List<Finding> inCut = new ArrayList<>();
        for (Finding f : toMask) {
            int s = Math.max(0, f.start() - tailLen);
            int e = Math.min(f.end(), text.length()) - tailLen;
            if (e <= cut) {
                inCut.add(new Finding(f.scanner(), f.category(), f.type(), f.score(), s, e));
            }
        }
        String out = pending.substring(0, cut);
        if (!inCut.isEmpty()) {
            out = masks.apply(out, inCut, List.of());
        }
        return emit(out, cut);
    }

    private Step emit(String out, int consumed) {
        pending.delete(0, consumed);
        tail.append(out);
        int keepFrom = tail.length() - lookbehind;
        if (keepFrom > 0 && !exfiltration.isEmpty()) {
            // an image opener whose URL has not been released stays in the context, so that the URL is judged as
            // an image when it is
            int opener = StreamConstructs.contextFrom(tail.toString());
            keepFrom = Math.max(Math.min(keepFrom, opener), tail.length() - lookbehind - StreamConstructs.MAX_CONTEXT);
        }
        if (keepFrom > 0) {
            tail.delete(0, keepFrom);
        }
        if (released.length() < MAX_WHOLE_TEXT) {
            released.append(out, 0, Math.min(out.length(), MAX_WHOLE_TEXT - released.length()));
        }
        releasedChars += out.length();
        return new Step.Emit(out);
    }

    private void record(Verdict v, long offset, int limit) {
        for (int i = 0; i < v.findings().size(); i++) {
            Finding f = v.findings().get(i);
            Action action = v.actions().get(i);
            if (f.hasSpan() && f.start() >= limit) {
                continue; // found in the assumed continuation, not in the text
            }
            if (!f.hasSpan()) {
                String key = f.scanner() + '\0' + f.type();
                findings.merge(key, f, (a, b) -> a.score() >= b.score() ? a : b);
                acted.merge(key, action, StreamScreen::stronger);
                continue;
            }
            long s = Math.max(0, offset + f.start());
            long e = Math.max(s, offset + f.end());
            Finding abs = new Finding(
                    f.scanner(), f.category(), f.type(), f.score(), (int) Math.min(Integer.MAX_VALUE, s), (int)
                            Math.min(Integer.MAX_VALUE, e));
            String key = f.scanner() + '\0' + f.type() + '\0' + s;
            findings.putIfAbsent(key, abs);
            acted.merge(key, action, StreamScreen::stronger);
        }
    }
}
