package io.trustgate.api;

/** What the firewall chain does with a scanner's findings. */
public enum Action {
    /** Refuse the request (or stop the response). */
    BLOCK,
    /** Replace the found spans with placeholders and go on. */
    REDACT,
    /** Record the findings only. */
    FLAG
}
