package io.trustgate.audit;

import io.trustgate.api.audit.AuditEvent;

/** An event as read back from the log, with its sequence number. */
public record AuditRecord(long seq, AuditEvent event) {}
