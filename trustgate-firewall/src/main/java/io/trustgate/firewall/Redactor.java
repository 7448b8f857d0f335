package io.trustgate.firewall;

import io.trustgate.api.Finding;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Replaces the spans of findings with numbered placeholders per type, {@code [EMAIL_ADDRESS_1]}: the same value gets
 * the same number within one text, and overlapping spans are merged into one placeholder (of the type of the longest
 * finding among them). {@link #mask} only masks; {@link #anonymize} also keeps, in memory, the mapping from
 * placeholder to original so that the originals can be put back into the response ({@link Anonymized#restore},
 * streaming through {@link StreamingRestorer}).
 *
 * <p>Limits: a placeholder that the model rewrites (lower case, spaces, a different number) is not restored; a text
 * that already contains a string of the placeholder form that is in the mapping is restored as well.
 */
public final class Redactor {
    private Redactor() {}

    /** The text with every finding's span replaced by its placeholder. */
    public static String mask(String text, List<Finding> findings) {
        return anonymize(text, findings).masked();
    }

    /** The masked text and the mapping placeholder to original value. */
    public static Anonymized anonymize(String text, List<Finding> findings) {
        RedactionSession session = new RedactionSession();
        String masked = session.apply(text, List.of(), findings);
        return new Anonymized(masked, session.restorableMapping());
    }

    /**
     * A masked text and the mapping from each placeholder to the original it replaced. Held in memory for one request
     * only; its {@code toString()} does not print the originals.
     *
     * @param masked the text with placeholders
     * @param mapping placeholder to original value
     */
    public record Anonymized(String masked, Map<String, String> mapping) {
        public Anonymized {
            Objects.requireNonNull(masked, "masked");
            mapping = Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
        }

        /** The text with every placeholder of the mapping replaced by its original. */
        public String restore(String text) {
            StreamingRestorer r = restorer();
            return r.push(text) + r.finish();
        }

        /** A restorer for a response that arrives in chunks. */
        public StreamingRestorer restorer() {
            return new StreamingRestorer(mapping);
        }

        @Override
        public String toString() {
            return "Anonymized[masked=" + masked.length() + " chars, placeholders=" + mapping.keySet() + "]";
        }
    }
}
