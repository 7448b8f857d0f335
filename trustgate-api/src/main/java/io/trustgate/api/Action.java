package io.trustgate.api;

/** What the firewall chain does with a scanner's findings. */
public enum Action {
    /** Refuse the request (or stop the response). */
    BLOCK,
    /** Replace the found spans with placeholders and go on. */
    REDACT,
    /**
     * Replace the found spans with placeholders going upstream, and put the original values back where the
     * placeholders come back in the response (the mapping lives in memory for that one request).
     */
    ANONYMIZE,
    /** Record the findings only. */
    FLAG
}
