package io.trustgate.registry.licence;

import java.util.List;
import java.util.Objects;

/**
 * Regions whose licensees get no rights (Meta's exclusion of EU-based licensees from the multimodal Llama models).
 *
 * @param regions ISO 3166 alpha-2 country codes, or {@code EU} for the 27 member states
 * @param multimodalOnly whether the exclusion only covers the multimodal models under the licence
 * @param clause where the exclusion is written
 * @param summary our paraphrase
 */
public record RegionExclusion(List<String> regions, boolean multimodalOnly, String clause, String summary) {
    public RegionExclusion {
        regions = List.copyOf(regions);
        Objects.requireNonNull(clause, "clause");
        Objects.requireNonNull(summary, "summary");
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("a region exclusion needs at least one region");
        }
    }
}
