package io.trustgate.gateway;

import io.trustgate.api.Action;
import io.trustgate.api.ScanText;
import io.trustgate.api.Verdict;
import io.trustgate.api.audit.CaptureMode;
import io.trustgate.api.audit.CapturedContent;
import io.trustgate.firewall.FirewallChain;
import io.trustgate.firewall.Scanners;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How much prompt and completion text the audit events of each tier keep. {@code REDACTED} (the default) runs its
 * own PII and secrets redaction over the text, whatever the tier's firewall does, so that a tier which only flags PII
 * still keeps none in its audit trail. Kept text is cut at {@code maxChars} (the cut is marked); hashes are of the
 * whole text.
 *
 * @param defaults the mode of tiers without their own
 * @param byTier tiers with their own mode
 * @param maxChars longest prompt or completion kept, in characters
 * @param redactor the chain applied to text kept under {@code REDACTED}
 */
public record AuditCapture(
        CaptureMode defaults, Map<String, CaptureMode> byTier, int maxChars, FirewallChain redactor) {
    public static final int DEFAULT_MAX_CHARS = 16_384;

    /**
     * Per firewall chain and audit redactor, the audit rules the chain leaves to run. Looked up on every request, so
     * a lock-free map; chains are built when the configuration is read (a handful: one per tier and stage), so it
     * stays small.
     */
    private static final java.util.Map<FirewallChain, java.util.Map<FirewallChain, FirewallChain>> UNCOVERED =
            new java.util.concurrent.ConcurrentHashMap<>();

    public AuditCapture {
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(redactor, "redactor");
        byTier = Map.copyOf(byTier);
        if (maxChars < 0 || maxChars > 1 << 24) {
            throw new IllegalArgumentException("audit capture-max-chars must be in [0, 16777216], was " + maxChars);
        }
    }

    /** No text in any event (tests, and operators who keep content elsewhere). */
    public static AuditCapture none() {
        return new AuditCapture(CaptureMode.NONE, Map.of(), DEFAULT_MAX_CHARS, FirewallChain.none());
    }

    /** {@code mode} for every tier, with the standard redaction (PII and secrets masked). */
    public static AuditCapture of(CaptureMode mode, Map<String, CaptureMode> byTier, int maxChars) {
        return new AuditCapture(mode, byTier, maxChars, standardRedactor());
    }

    /** PII and secrets, masked: what "redacted" means in an audit event. */
    public static FirewallChain standardRedactor() {
        return Scanners.chain(List.of(
                new FirewallChain.Rule(Scanners.create("secrets"), Action.REDACT, 0.5),
                new FirewallChain.Rule(Scanners.create("pii"), Action.REDACT, 0.5)));
    }

    public CaptureMode forTier(String tier) {
        return byTier.getOrDefault(tier, defaults);
    }

    /** Whether the prompt must be taken before the input firewall changes it. */
    static boolean needsOriginal(CaptureMode mode) {
        return mode == CaptureMode.FULL || mode == CaptureMode.HASHED;
    }

    /** The content of an event in this mode, from the prompt and completion text it was given. */
    CapturedContent content(CaptureMode mode, String prompt, String completion) {
        return content(mode, prompt, completion, Firewalls.Policy.NONE);
    }

    /**
     * As {@link #content(CaptureMode, String, String)}, where {@code firewall} already ran over the texts: under
     * {@code REDACTED}, a redaction rule of the audit's chain whose scanner that firewall already applied at the same
     * stage (redact, anonymize or block, at a threshold no higher) is not run twice. Measured in bench/run, redacting
     * the prompt again cost a tenth of the gateway's throughput.
     */
    CapturedContent content(CaptureMode mode, String prompt, String completion, Firewalls.Policy firewall) {
        return switch (mode) {
            case NONE -> CapturedContent.NONE;
            case HASHED -> new CapturedContent(CaptureMode.HASHED, sha256(prompt), sha256(completion));
            case FULL -> new CapturedContent(CaptureMode.FULL, cut(prompt), cut(completion));
            case REDACTED ->
                new CapturedContent(
                        CaptureMode.REDACTED,
                        redact(cut(prompt), notCoveredBy(firewall.input())),
                        // anonymised values are put back into the answer after the output firewall ran
                        redact(
                                cut(completion),
                                firewall.input().rules().stream().anyMatch(r -> r.action() == Action.ANONYMIZE)
                                        ? redactor
                                        : notCoveredBy(firewall.output())));
        };
    }

    /** The audit redaction rules that {@code applied} does not already cover (worked out once per chain). */
    private FirewallChain notCoveredBy(FirewallChain applied) {
        if (applied.isEmpty()) {
            return redactor;
        }
        java.util.Map<FirewallChain, FirewallChain> byRedactor =
                UNCOVERED.computeIfAbsent(applied, a -> new java.util.concurrent.ConcurrentHashMap<>());
        return byRedactor.computeIfAbsent(redactor, r -> uncoveredBy(applied));
    }

    private FirewallChain uncoveredBy(FirewallChain applied) {
        return redactor.select(mine -> applied.rules().stream()
                .noneMatch(r -> r.scanner().name().equals(mine.scanner().name())
                        && r.action() != Action.FLAG
                        && r.minScore() <= mine.minScore()));
    }

    private static String redact(String text, FirewallChain chain) {
        if (text.isEmpty() || chain.isEmpty()) {
            return text;
        }
        return switch (chain.scan(text, ScanText.Stage.INPUT)) {
            case Verdict.Redact r -> r.text();
            case Verdict.Allow a -> text;
            // A redaction chain never blocks; if a scanner of it ever did, keep nothing rather than the raw text.
            case Verdict.Block b -> "[withheld: " + b.cause().category().name() + "]";
        };
    }

    private String cut(String text) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = maxChars;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…[cut " + (text.length() - end) + " chars]";
    }

    static String sha256(String text) {
        if (text.isEmpty()) {
            return "";
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
