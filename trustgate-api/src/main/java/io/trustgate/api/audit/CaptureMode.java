package io.trustgate.api.audit;

/**
 * How much of a prompt and completion an audit event keeps: {@code NONE} (no text), {@code REDACTED} (text after PII
 * and secret redaction), {@code HASHED} (SHA-256 of the text, hex) or {@code FULL} (the text itself; an explicit
 * opt-in that the event states).
 */
public enum CaptureMode {
    NONE,
    REDACTED,
    HASHED,
    FULL
}
