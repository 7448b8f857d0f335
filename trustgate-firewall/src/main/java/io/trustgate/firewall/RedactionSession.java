package io.trustgate.firewall;

import io.trustgate.api.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Placeholder numbering for one request, across all of its messages, so that {@code [EMAIL_ADDRESS_1]} means the
 * same value in the system prompt, the user's message and a tool result; and the mapping back to the originals of
 * the spans that were anonymised (not merely masked), so that the response can be restored. Lives in memory for
 * one request only; its {@code toString()} never prints an original.
 *
 * <p>Not thread-safe: one per request.
 */
public final class RedactionSession {
    private final Map<String, String> placeholderOf = new HashMap<>(); // type + '\0' + value -> placeholder
    private final Map<String, Integer> counters = new HashMap<>();
    private final Map<String, String> restorable = new LinkedHashMap<>();
    /** Placeholder-shaped tokens the request already holds: a new placeholder never takes one of them. */
    private final Set<String> taken = new HashSet<>();
    /** The request's whole text, read once for {@link #taken} when the first placeholder is made. */
    private Supplier<String> request;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\[[A-Z][A-Z0-9_]*_[0-9]+]");

    /**
     * Declares the whole text of the request (all its messages), read only if a placeholder is ever made, so that
     * a placeholder-shaped token a user typed ({@code [EMAIL_ADDRESS_1]}) is never given to a found value: the model
     * could not tell them apart, and restoring the answer would turn the typed token into the value.
     */
    public void requestText(Supplier<String> text) {
        this.request = Objects.requireNonNull(text, "text");
    }

    /**
     * The text with every finding's span replaced by its placeholder; overlapping spans are merged into one (of the
     * type of the longest). Placeholders of merged groups containing an anonymised finding become restorable.
     *
     * @param masked findings to mask (never restored)
     * @param anonymized findings to anonymise (restored in the response)
     */
    public String apply(String text, List<Finding> masked, List<Finding> anonymized) {
        Objects.requireNonNull(text, "text");
        List<Span> spans = new ArrayList<>();
        for (Finding f : masked) {
            add(spans, f, text, false);
        }
        for (Finding f : anonymized) {
            add(spans, f, text, true);
        }
        if (spans.isEmpty()) {
            return text;
        }
        if (request != null) {
            reserve(request.get());
            request = null;
        }
        reserve(text);
        spans.sort(Comparator.comparingInt((Span s) -> s.f().start()));
        StringBuilder out = new StringBuilder(text.length());
        int pos = 0;
        int i = 0;
        while (i < spans.size()) {
            Span first = spans.get(i);
            int start = first.f().start();
            int end = first.f().end();
            Finding longest = first.f();
            boolean restore = first.restore();
            int j = i + 1;
            while (j < spans.size() && spans.get(j).f().start() < end) {
                Finding f = spans.get(j).f();
                end = Math.max(end, f.end());
                restore |= spans.get(j).restore();
                if (f.end() - f.start() > longest.end() - longest.start()) {
                    longest = f;
                }
                j++;
            }
            String value = text.substring(start, end);
            String type = longest.type();
            String placeholder = placeholderOf.computeIfAbsent(type + '\0' + value, k -> {
                String p;
                do {
                    p = "[" + type + "_" + counters.merge(type, 1, Integer::sum) + "]";
                } while (taken.contains(p));
                return p;
            });
            if (restore) {
                restorable.putIfAbsent(placeholder, value);
            }
            out.append(text, pos, start).append(placeholder);
            pos = end;
            i = j;
        }
        out.append(text, pos, text.length());
        return out.toString();
    }

    private record Span(Finding f, boolean restore) {}

    private static void add(List<Span> spans, Finding f, String text, boolean restore) {
        if (!f.hasSpan()) {
            return;
        }
        if (f.end() > text.length()) {
            throw new IllegalArgumentException("finding of " + f.scanner() + " (" + f.type() + ") ends at " + f.end()
                    + ", past the text's length " + text.length());
        }
        spans.add(new Span(f, restore));
    }

    private void reserve(String text) {
        if (text.indexOf('[') < 0) {
            return;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!placeholderOf.containsValue(m.group())) {
                taken.add(m.group()); // typed, not made here (a text redacted before holds the session's own)
            }
        }
    }

    /** Whether any placeholder must be put back in the response. */
    public boolean hasRestorable() {
        return !restorable.isEmpty();
    }

    /** Placeholder to original, for the anonymised spans (package-private: only the redactor needs the map). */
    Map<String, String> restorableMapping() {
        return java.util.Collections.unmodifiableMap(restorable);
    }

    /** A restorer for a streamed response. */
    public StreamingRestorer restorer() {
        return new StreamingRestorer(restorable);
    }

    /** The text with every restorable placeholder replaced by its original. */
    public String restore(String text) {
        if (restorable.isEmpty()) {
            return text;
        }
        StreamingRestorer r = restorer();
        return r.push(text) + r.finish();
    }

    @Override
    public String toString() {
        return "RedactionSession[placeholders=" + placeholderOf.size() + ", restorable=" + restorable.keySet() + "]";
    }
}
