package io.trustgate.assess.artifacts;

/**
 * How bad a finding in a model file is. CRITICAL: loading the file runs code an attacker chose (an unsafe callable in
 * a pickle, a data path that escapes the model folder). HIGH: likely code execution or a deliberate evasion (unknown
 * callable invoked, lambda layer, a file disguised as another format). MEDIUM: malformed or uninspectable content
 * that a loader may read differently from this scanner. LOW: worth knowing (custom operators, object arrays).
 */
public enum Severity {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW;

    /** True when this severity is as bad as the threshold or worse. */
    public boolean atLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }
}
