package io.trustgate.assess.artifacts;

import java.util.Objects;

/**
 * Where a finding is: the file (relative to the scanned folder), the entry inside an archive ({@code ""} when the
 * finding is in the file itself; nested archives are joined with {@code !/}), the byte offset inside that entry
 * ({@code -1} when not applicable) and, for pickles, the opcode index ({@code -1} when not applicable).
 */
public record Location(String file, String entry, long offset, long index) {
    public Location {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(entry, "entry");
        if (offset < -1 || index < -1) {
            throw new IllegalArgumentException(
                    "location offset and index must be >= -1, were " + offset + ", " + index);
        }
    }

    /** A readable form: {@code file!/entry @offset #index}. */
    public String display() {
        StringBuilder b = new StringBuilder(file);
        if (!entry.isEmpty()) {
            b.append("!/").append(entry);
        }
        if (offset >= 0) {
            b.append(" @").append(offset);
        }
        if (index >= 0) {
            b.append(" op#").append(index);
        }
        return b.toString();
    }
}
