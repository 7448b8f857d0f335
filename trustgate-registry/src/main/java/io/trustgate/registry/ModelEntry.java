package io.trustgate.registry;

import io.trustgate.api.Price;
import java.util.List;
import java.util.Objects;

/**
 * A model the gateway can serve, under its public name.
 *
 * @param name the name clients use in {@code model}
 * @param provider the configured provider that serves it
 * @param upstreamModel the name the provider knows it by
 * @param kind chat or embedding
 * @param price price per million tokens
 * @param fallbacks models tried in order when this one's provider fails before answering
 */
public record ModelEntry(
        String name, String provider, String upstreamModel, Kind kind, Price price, List<String> fallbacks) {
    public ModelEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(upstreamModel, "upstreamModel");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(price, "price");
        fallbacks = List.copyOf(fallbacks);
        if (name.isBlank() || name.length() > 256) {
            throw new IllegalArgumentException("model name must be 1-256 characters, was '" + name + "'");
        }
        if (upstreamModel.isBlank()) {
            throw new IllegalArgumentException("model " + name + ": upstream-model must not be blank");
        }
        if (fallbacks.contains(name)) {
            throw new IllegalArgumentException("model " + name + " lists itself as a fallback");
        }
    }

    /** What the model does. */
    public enum Kind {
        CHAT,
        EMBEDDING
    }
}
