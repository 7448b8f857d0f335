package io.trustgate.registry.profile;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The model's grades in the European Open Source AI Index (osai-index.eu): twelve dimensions of availability,
 * documentation and access, each open, partial or closed. Kept as graded; not mapped onto MOF.
 *
 * @param source the index file or page
 * @param grades by dimension key (e.g. {@code weights_endmodel}), in the index's order
 */
public record OsaiRecord(String source, Map<String, Grade> grades) {
    /** The twelve dimensions, in the order the index lists them. */
    public static final List<String> DIMENSIONS = List.of(
            "datasources_basemodel",
            "datasources_endmodel",
            "weights_basemodel",
            "weights_endmodel",
            "trainingcode",
            "code",
            "hardware_architecture",
            "preprint",
            "paper",
            "modelcard",
            "datasheet",
            "licenses");

    public OsaiRecord {
        Objects.requireNonNull(source, "source");
        if (source.isBlank()) {
            throw new IllegalArgumentException("an OSAI record needs a source");
        }
        var ordered = new java.util.LinkedHashMap<String, Grade>();
        for (String d : DIMENSIONS) {
            if (grades.containsKey(d)) {
                ordered.put(d, grades.get(d));
            }
        }
        for (String k : grades.keySet()) {
            if (!ordered.containsKey(k)) {
                throw new IllegalArgumentException("unknown OSAI dimension '" + k + "'");
            }
        }
        grades = java.util.Collections.unmodifiableMap(ordered);
    }

    /** Grade counts as (open, partial, closed). */
    public int count(Level level) {
        return (int) grades.values().stream().filter(g -> g.level() == level).count();
    }

    /** One dimension's grade, with the evidence link(s) and the graders' notes ({@code ""} when none). */
    public record Grade(Level level, List<String> links, String notes) {
        public Grade {
            Objects.requireNonNull(level, "level");
            links = List.copyOf(links);
            Objects.requireNonNull(notes, "notes");
        }
    }

    public enum Level {
        OPEN,
        PARTIAL,
        CLOSED;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The class a file names, in any case; an unknown one is an {@link IllegalArgumentException} saying so. */
        public static Level parse(String s) {
            for (Level l : values()) {
                if (l.key().equals(s.trim().toLowerCase(java.util.Locale.ROOT))) {
                    return l;
                }
            }
            throw new IllegalArgumentException("must be open, partial or closed, was '" + YamlNode.abbreviate(s) + "'");
        }
    }
}
