package io.trustgate.api.audit;

import io.trustgate.api.Category;
import io.trustgate.api.Finding;
import java.util.Objects;

/**
 * A firewall finding as the audit log keeps it: which scanner, what category and type, how sure. Never the matched
 * text nor its span (the span could locate a secret in captured content).
 */
public record AuditFinding(String scanner, Category category, String type, double score) {
    public AuditFinding {
        Objects.requireNonNull(scanner, "scanner");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(type, "type");
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("audit finding score must be in [0,1], was " + score);
        }
    }

    /** The audit view of a firewall finding. */
    public static AuditFinding of(Finding f) {
        return new AuditFinding(f.scanner(), f.category(), f.type(), f.score());
    }
}
