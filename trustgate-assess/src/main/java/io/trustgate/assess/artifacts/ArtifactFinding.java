package io.trustgate.assess.artifacts;

import java.util.Objects;

/**
 * One problem found in a model file: how bad, which rule, which scanner found it, why (a sentence naming the
 * callable, the path or the field; never file contents beyond such names), and where.
 */
public record ArtifactFinding(Severity severity, Rule rule, String scanner, String reason, Location location) {
    public ArtifactFinding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(scanner, "scanner");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(location, "location");
    }
}
