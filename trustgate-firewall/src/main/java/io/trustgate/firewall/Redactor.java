package io.trustgate.firewall;

import io.trustgate.api.Finding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
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
        Objects.requireNonNull(text, "text");
        List<Finding> spans = new ArrayList<>();
        for (Finding f : findings) {
            if (!f.hasSpan()) {
                continue;
            }
            if (f.end() > text.length()) {
                throw new IllegalArgumentException("finding of " + f.scanner() + " (" + f.type() + ") ends at "
                        + f.end() + ", past the text's length " + text.length());
            }
            spans.add(f);
        }
        spans.sort(Comparator.comparingInt(Finding::start));
        StringBuilder out = new StringBuilder(text.length());
        Map<String, String> placeholderOf = new HashMap<>(); // type + '\0' + value -> placeholder
        Map<String, Integer> counters = new HashMap<>();
        Map<String, String> mapping = new LinkedHashMap<>();
        int pos = 0;
        int i = 0;
        while (i < spans.size()) {
            Finding first = spans.get(i);
            int start = first.start();
            int end = first.end();
            Finding longest = first;
            int j = i + 1;
            while (j < spans.size() && spans.get(j).start() < end) {
                Finding f = spans.get(j);
                end = Math.max(end, f.end());
                if (f.end() - f.start() > longest.end() - longest.start()) {
                    longest = f;
                }
                j++;
            }
            String value = text.substring(start, end);
            String type = longest.type();
            String placeholder = placeholderOf.computeIfAbsent(type + '\0' + value, k -> {
                int n = counters.merge(type, 1, Integer::sum);
                return "[" + type + "_" + n + "]";
            });
            mapping.putIfAbsent(placeholder, value);
            out.append(text, pos, start).append(placeholder);
            pos = end;
            i = j;
        }
        out.append(text, pos, text.length());
        return new Anonymized(out.toString(), Collections.unmodifiableMap(mapping));
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
