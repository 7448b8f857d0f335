package io.trustgate.assess.artifacts;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The result of scanning a file or a folder: one verdict per file, with totals. */
public record ScanReport(String root, List<FileVerdict> files, long bytes, Duration elapsed) {
    public ScanReport {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(elapsed, "elapsed");
        files = List.copyOf(files);
    }

    public List<ArtifactFinding> findings() {
        return files.stream().flatMap(f -> f.findings().stream()).toList();
    }

    /** Number of findings per severity (every severity present, zero when none). */
    public Map<Severity, Integer> counts() {
        Map<Severity, Integer> m = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            m.put(s, 0);
        }
        findings().forEach(f -> m.merge(f.severity(), 1, Integer::sum));
        return m;
    }

    public Optional<Severity> worst() {
        return files.stream().flatMap(f -> f.worst().stream()).min(java.util.Comparator.naturalOrder());
    }

    /** True when any finding is at or above the threshold. */
    public boolean failsAt(Severity threshold) {
        return worst().map(w -> w.atLeast(threshold)).orElse(false);
    }
}
