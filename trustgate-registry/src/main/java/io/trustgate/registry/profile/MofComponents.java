package io.trustgate.registry.profile;

import java.util.List;
import java.util.Objects;

/**
 * The MOF components a model was released with, and where that list comes from. An empty list with an empty
 * source means nobody assessed the model (unknown), not that nothing was released.
 */
public record MofComponents(String source, List<MofComponentEntry> components) {
    public MofComponents {
        Objects.requireNonNull(source, "source");
        components = List.copyOf(components);
        if (!components.isEmpty() && source.isBlank()) {
            throw new IllegalArgumentException("mof components need a source");
        }
    }

    public static MofComponents unknown() {
        return new MofComponents("", List.of());
    }

    public boolean assessed() {
        return !source.isBlank();
    }
}
