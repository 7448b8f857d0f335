package io.trustgate.registry.profile;

import java.util.List;
import java.util.Objects;

/** Published artifact hashes and signatures of the model's files. */
public record Provenance(List<Artifact> artifacts, List<Signature> signatures) {
    public Provenance {
        artifacts = List.copyOf(artifacts);
        signatures = List.copyOf(signatures);
    }

    public static Provenance none() {
        return new Provenance(List.of(), List.of());
    }

    /** A file of the release and its published SHA-256. */
    public record Artifact(String path, String sha256, String source) {
        public Artifact {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(source, "source");
            if (!sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("artifact " + path + ": sha256 must be 64 lower-case hex digits");
            }
            if (source.isBlank()) {
                throw new IllegalArgumentException("artifact " + path + " needs a source");
            }
        }
    }

    /** A signature over the release, e.g. kind {@code sigstore} and the bundle's reference. */
    public record Signature(String kind, String ref, String source) {
        public Signature {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(source, "source");
            if (kind.isBlank() || ref.isBlank() || source.isBlank()) {
                throw new IllegalArgumentException("a signature needs a kind, a ref and a source");
            }
        }
    }
}
