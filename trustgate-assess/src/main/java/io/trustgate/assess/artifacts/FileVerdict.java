package io.trustgate.assess.artifacts;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The outcome of scanning one file: clean, or flagged with its findings (worst first). */
public sealed interface FileVerdict {
    /** Path relative to the scanned folder (the file name when a single file was scanned). */
    String file();

    /** The format detected from the content, e.g. {@code pickle}, {@code pytorch-zip}, {@code safetensors}. */
    String format();

    long bytes();

    List<ArtifactFinding> findings();

    /** The worst severity, empty when clean. */
    default Optional<Severity> worst() {
        return findings().stream().map(ArtifactFinding::severity).min(Comparator.naturalOrder());
    }

    /** Clean or flagged, depending on whether there are findings. */
    static FileVerdict of(String file, String format, long bytes, List<ArtifactFinding> findings) {
        return findings.isEmpty() ? new Clean(file, format, bytes) : new Flagged(file, format, bytes, findings);
    }

    record Clean(String file, String format, long bytes) implements FileVerdict {
        public Clean {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(format, "format");
        }

        @Override
        public List<ArtifactFinding> findings() {
            return List.of();
        }
    }

    record Flagged(String file, String format, long bytes, List<ArtifactFinding> findings) implements FileVerdict {
        public Flagged {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(format, "format");
            findings = findings.stream()
                    .sorted(Comparator.comparing(ArtifactFinding::severity))
                    .toList();
            if (findings.isEmpty()) {
                throw new IllegalArgumentException("a flagged verdict for " + file + " needs findings");
            }
        }
    }
}
