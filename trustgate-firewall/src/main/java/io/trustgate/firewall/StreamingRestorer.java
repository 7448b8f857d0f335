package io.trustgate.firewall;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Puts original values back in place of placeholders in a response that arrives in chunks (a streamed completion).
 * Holds back only the end of a chunk that could still be the start of a placeholder, and releases it as soon as the
 * next chunk shows it is not: the delay is at most one placeholder's length of text, and zero for a chunk that does
 * not end inside a possible placeholder.
 *
 * <p>Not thread-safe: one per response stream.
 */
public final class StreamingRestorer {
    private final Map<String, String> mapping;
    private final Set<String> prefixes = new HashSet<>();
    private final int maxLength;
    private final StringBuilder pending = new StringBuilder();

    /** A restorer for the given mapping placeholder to original. */
    public StreamingRestorer(Map<String, String> mapping) {
        this.mapping = Map.copyOf(mapping);
        int max = 0;
        for (String p : this.mapping.keySet()) {
            max = Math.max(max, p.length());
            for (int i = 1; i < p.length(); i++) {
                prefixes.add(p.substring(0, i));
            }
        }
        this.maxLength = max;
    }

    /** Takes the next chunk; returns the text that can be released now, placeholders restored. */
    public String push(String chunk) {
        pending.append(chunk);
        StringBuilder out = new StringBuilder(pending.length());
        int i = 0;
        int n = pending.length();
        outer:
        while (i < n) {
            char c = pending.charAt(i);
            if (c == '[' && maxLength > 0) {
                int limit = Math.min(n, i + maxLength);
                for (int j = i + 1; j <= limit; j++) {
                    if (pending.charAt(j - 1) == ']') {
                        String original = mapping.get(pending.substring(i, j));
                        if (original != null) {
                            out.append(original);
                            i = j;
                            continue outer;
                        }
                        break;
                    }
                }
                if (n - i < maxLength && prefixes.contains(pending.substring(i, n))) {
                    break; // could still become a placeholder: hold back
                }
            }
            out.append(c);
            i++;
        }
        pending.delete(0, i);
        return out.toString();
    }

    /** Ends the stream: returns what was held back (an unfinished placeholder is released as it is). */
    public String finish() {
        String rest = pending.toString();
        pending.setLength(0);
        return rest;
    }
}
