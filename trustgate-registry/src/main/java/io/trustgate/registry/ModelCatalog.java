package io.trustgate.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models the gateway serves, by public name, and the route of each (the model then its fallbacks). Immutable;
 * a configuration reload builds a new catalog.
 */
public final class ModelCatalog {
    private final Map<String, ModelEntry> models;
    private final Map<String, List<ModelEntry>> routes;

    public ModelCatalog(Collection<ModelEntry> entries) {
        Map<String, ModelEntry> byName = new LinkedHashMap<>();
        for (ModelEntry e : entries) {
            if (byName.putIfAbsent(e.name(), e) != null) {
                throw new IllegalArgumentException("model " + e.name() + " is declared twice");
            }
        }
        Map<String, List<ModelEntry>> r = new LinkedHashMap<>();
        for (ModelEntry e : byName.values()) {
            List<ModelEntry> route = new ArrayList<>();
            route.add(e);
            for (String f : e.fallbacks()) {
                ModelEntry fb = byName.get(f);
                if (fb == null) {
                    throw new IllegalArgumentException(
                            "model " + e.name() + ": fallback '" + f + "' is not a declared model");
                }
                if (fb.kind() != e.kind()) {
                    throw new IllegalArgumentException("model " + e.name() + ": fallback '" + f + "' is a " + fb.kind()
                            + " model, not " + e.kind());
                }
                route.add(fb);
            }
            r.put(e.name(), List.copyOf(route));
        }
        this.models = Map.copyOf(byName);
        this.routes = Map.copyOf(r);
        this.ordered = List.copyOf(byName.values());
    }

    private final List<ModelEntry> ordered;

    public Optional<ModelEntry> find(String name) {
        return Optional.ofNullable(models.get(name));
    }

    /** The model then its fallbacks, in order; empty for an unknown name. */
    public List<ModelEntry> route(String name) {
        return routes.getOrDefault(name, List.of());
    }

    /** Every model, in declaration order. */
    public List<ModelEntry> all() {
        return ordered;
    }
}
