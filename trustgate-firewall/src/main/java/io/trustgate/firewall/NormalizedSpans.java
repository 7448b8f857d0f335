package io.trustgate.firewall;

import io.trustgate.api.Finding;
import io.trustgate.api.ScanText;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs a value scanner (secrets, PII) on the normalised text as well as on the original, and maps what only the
 * normalised text shows back to spans of the original. The value scanners read the original so that their spans are
 * the ones to redact; alone, that lets one zero-width char ({@code bob\u200B@example.com}) or fullwidth letters hide a
 * value that a model or a user reads as plain. A span mapped back covers the whole original run, invisible chars
 * inside it included, and may take in an invisible char right after it (harmless for a redaction).
 *
 * <p>Cost: a second scan, only for a text the normaliser changed (most plain text it leaves as it is; Chinese with
 * fullwidth commas it changes: 700 chars took pii and secrets 23-28 us against 11-14 us, best of 2,000 runs in a
 * throwaway harness).
 */
final class NormalizedSpans {
    private NormalizedSpans() {}

    /**
     * {@code found} (the scan of the original) with what the scan of the normalised text adds: a finding there whose
     * original run no finding of the original covers is added, and replaces the findings of the original inside its
     * run (a key cut short by a zero-width char is found whole only in the normalised text).
     */
    static List<Finding> withNormalized(ScanText text, List<Finding> found, Function<String, List<Finding>> scan) {
        if (text.normalized().equals(text.original())) {
            return found;
        }
        List<Finding> out = null;
        for (Finding f : scan.apply(text.normalized())) {
            if (!f.hasSpan()) {
                continue;
            }
            int start = text.toOriginal(f.start());
            int end = Math.max(start + 1, text.toOriginal(f.end()));
            List<Finding> current = out == null ? found : out;
            if (current.stream().anyMatch(g -> g.hasSpan() && g.start() <= start && end <= g.end())) {
                continue; // the original's own finding stands: its span is exact
            }
            if (out == null) {
                out = new ArrayList<>(found);
            }
            out.removeIf(g -> g.hasSpan() && start <= g.start() && g.end() <= end);
            out.add(new Finding(f.scanner(), f.category(), f.type(), f.score(), start, end));
        }
        return out == null ? found : out;
    }
}
