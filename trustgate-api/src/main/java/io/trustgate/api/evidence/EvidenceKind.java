package io.trustgate.api.evidence;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What kind of test produced a piece of evidence; the trust dimensions read the kinds that bear on them. */
public enum EvidenceKind {
    /** Capability benchmark (GSM8K, TruthfulQA...): performance. */
    BENCHMARK,
    /** Red-team probes (harmful requests, jailbreaks, injection, prompt extraction, PII leakage): security. */
    RED_TEAM,
    /** Bias probes (BBQ): ethics and bias. */
    BIAS,
    /** Over-refusal of safe prompts (XSTest): usefulness, read with the red-team results. */
    OVER_REFUSAL,
    /** Pairwise rating (Bradley-Terry on the Elo scale): performance as people judge it. */
    RATING,
    /** Scan of the model's files for supply-chain attacks: provenance. */
    ARTIFACT_SCAN,
    /** A published result recorded by hand, with its source (a model card, a paper, a leaderboard). */
    PUBLISHED;

    /** The kind as files write it: lower case, words joined by {@code -} ({@code red-team}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The kind a file names, in any case, words joined by {@code -} or {@code _}; an unknown name is an
     * {@link IllegalArgumentException} that lists the kinds.
     */
    public static EvidenceKind parse(String s) {
        String k = s.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (EvidenceKind e : values()) {
            if (e.key().equals(k)) {
                return e;
            }
        }
        throw new IllegalArgumentException("must be one of "
                + Arrays.stream(values()).map(EvidenceKind::key).collect(Collectors.joining(", ")) + ", was '"
                + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "'");
    }
}
