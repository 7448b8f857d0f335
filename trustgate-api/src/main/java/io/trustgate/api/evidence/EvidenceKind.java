package io.trustgate.api.evidence;

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
    PUBLISHED
}
