package io.trustgate.registry.profile;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A fact about a model with the source that backs it, or an explicit unknown. Nothing is stated without a source:
 * a fact that cannot be cited stays {@link Unknown}, and readers (trust scores, model cards) show it as unknown.
 *
 * @param <T> the type of the value
 */
public sealed interface Fact<T> permits Fact.Known, Fact.Unknown {

    /** A known value, its source (URL or citation) and an optional note ({@code ""} when none). */
    record Known<T>(T value, String source, String note) implements Fact<T> {
        public Known {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(note, "note");
            if (source.isBlank()) {
                throw new IllegalArgumentException("a known fact needs a source (value " + value + ")");
            }
        }
    }

    /** Not known, or not citable. */
    record Unknown<T>() implements Fact<T> {}

    static <T> Fact<T> of(T value, String source) {
        return new Known<>(value, source, "");
    }

    static <T> Fact<T> of(T value, String source, String note) {
        return new Known<>(value, source, note);
    }

    static <T> Fact<T> unknown() {
        return new Unknown<>();
    }

    default boolean known() {
        return this instanceof Known;
    }

    /** The value when known. */
    default Optional<T> optional() {
        return this instanceof Known<T> k ? Optional.of(k.value()) : Optional.empty();
    }

    /** The source when known. */
    default Optional<String> citation() {
        return this instanceof Known<T> k ? Optional.of(k.source()) : Optional.empty();
    }

    default <R> Fact<R> map(Function<? super T, ? extends R> f) {
        return switch (this) {
            case Known<T> k -> new Known<R>(f.apply(k.value()), k.source(), k.note());
            case Unknown<T> u -> new Unknown<>();
        };
    }

    /** The value as text, or {@code unknown}. */
    default String display() {
        return optional().map(String::valueOf).orElse("unknown");
    }
}
