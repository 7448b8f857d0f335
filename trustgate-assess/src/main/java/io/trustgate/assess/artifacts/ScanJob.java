package io.trustgate.assess.artifacts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The state of scanning one top-level file: where findings go, the limits, and the decompression budget shared by
 * every archive entry inside it (so nested zips cannot multiply it).
 */
final class ScanJob {
    final String file;
    final ScanLimits limits;
    private final List<ArtifactFinding> findings = new ArrayList<>();
    private final Set<String> seen = new LinkedHashSet<>();
    long inflated;
    long opcodes;

    ScanJob(String file, ScanLimits limits) {
        this.file = file;
        this.limits = limits;
    }

    /** Adds a finding; an identical one (same rule, entry and reason) is kept once. */
    void add(Severity s, Rule rule, String scanner, String reason, String entry, long offset, long index) {
        if (findings.size() >= 10_000) {
            return;
        }
        if (seen.add(rule.id() + "|" + entry + "|" + reason)) {
            findings.add(new ArtifactFinding(
                    s, rule, scanner, reason, new Location(file, entry, offset, Math.max(-1, index))));
        }
    }

    List<ArtifactFinding> findings() {
        return List.copyOf(findings);
    }

    int count() {
        return findings.size();
    }
}
