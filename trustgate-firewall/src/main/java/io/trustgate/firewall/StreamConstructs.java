package io.trustgate.firewall;

import io.trustgate.api.ScanContext;
import io.trustgate.api.ScanText;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@link StreamScreen} must know of the constructs {@link ExfiltrationScanner} reads, so that a streamed answer
 * is judged as the whole answer would be (decision 006):
 *
 * <ul>
 *   <li>{@link #holdFrom}: a URL that has begun but not ended (it runs to the end of the text seen so far) is not
 *       released: it is judged once it has ended, whole, so that neither its start nor a piece of it leaves before
 *       the judgement (a URL longer than the holdback used to leave from its start). Held for at most
 *       {@link #MAX_URL_HOLD} chars (the scanner reads markdown and HTML URLs up to 8,192 chars).
 *   <li>{@link #contextFrom}: the opener of a construct that may still turn a URL into an image, a markdown
 *       {@code ![} whose {@code ](url)} has not come yet, or an HTML tag that loads by itself ({@code <img},
 *       not {@code <a}) whose {@code >} has not come yet, stays in the scanned context (released text is not
 *       held, only kept for the scanner) until the construct closes, for at most {@link #MAX_CONTEXT} chars,
 *       the distance beyond which the scanner itself no longer links them (alt text 1,000, tag 4,000).
 *   <li>{@link #assumedUses}: a reference definition {@code [r1]: url} is an image when some {@code ![..][r1]}
 *       uses it, which may come after the definition has left; so in a stream a definition whose URL would carry
 *       data as an image is judged as an image (the scan is given a use of its label after the text).
 * </ul>
 *
 * <p>These follow the scanner's own parsing loosely and err towards holding (a {@code !} followed by a {@code [}
 * across up to 8 whitespace chars counts as an image opener). Cost: one linear pass over the window per chunk.
 */
final class StreamConstructs {
    /** The longest stretch held for one URL that has not ended. */
    static final int MAX_URL_HOLD = 8192 + 64;

    /** The longest stretch of released text kept as context for an open opener. */
    static final int MAX_CONTEXT = 4096 + 64;

    /**
     * A tag's start as a browser reads one: a letter right after the {@code <} ({@code < b}, as in code comparing
     * values, is text to a browser and to markdown renderers, so it opens nothing that could load; the scanner's own
     * pattern is more lenient). Keeping {@code a < b} open made a code answer scan 4K chars of context per chunk.
     */
    private static final Pattern HTML_TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]{0,15})\\b");

    /** What may follow a bare URL's end and still be followed by more of it (the scanner trims these). */
    private static final String TRIMMED = ".,;:!?*_~)]";

    private StreamConstructs() {}

    /**
     * The earliest offset in {@code text} (original chars) of a URL that has not ended, or {@code text.length()}.
     */
    static int holdFrom(ScanText text) {
        String s = text.normalized();
        int n = s.length();
        int hold = n;
        for (ExfiltrationScanner.Candidate c : ExfiltrationScanner.extract(s)) {
            if (c.start() < hold && open(s, c.end()) && n - c.start() <= MAX_URL_HOLD) {
                hold = c.start();
            }
        }
        return hold == n
                ? text.original().length()
                : Math.min(text.toOriginal(hold), text.original().length());
    }

    private static boolean open(String s, int end) {
        for (int i = end; i < s.length(); i++) {
            if (TRIMMED.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The earliest offset in {@code text} of an image opener ({@code ![}, or a tag that loads by itself) whose
     * construct has not closed and may still bring a URL, or {@code text.length()}.
     */
    static int contextFrom(String text) {
        return Math.min(markdownOpener(text), tagOpener(text));
    }

    /** Follows the scanner's markdown pass: the last {@code [} is what a {@code ](} links to. */
    private static int markdownOpener(String s) {
        int n = s.length();
        int lastOpen = -1;
        boolean urlOpen = false;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '[') {
                lastOpen = i;
            } else if (c == ']' && lastOpen >= 0 && i - lastOpen <= ExfiltrationScanner.MAX_ALT) {
                int j = ExfiltrationScanner.skipSpaces(s, i + 1, 8);
                if (j >= n) {
                    break; // a "(" may still come
                }
                if (s.charAt(j) == '(') {
                    int u = ExfiltrationScanner.skipSpaces(s, j + 1, 8);
                    if (u < n && s.charAt(u) == '<') {
                        u++;
                    }
                    int e = ExfiltrationScanner.urlEnd(s, u, true);
                    if (e >= n && n - u < ExfiltrationScanner.MAX_URL) {
                        urlOpen = true; // the URL is still coming: its opener decides its kind
                        break;
                    }
                    lastOpen = -1;
                    i = Math.max(e, i + 1);
                    continue;
                }
            }
            i++;
        }
        if (lastOpen < 0 || (!urlOpen && n - lastOpen > ExfiltrationScanner.MAX_ALT + 20)) {
            return n;
        }
        int k = lastOpen - 1;
        while (k >= 0 && k >= lastOpen - 8 && Character.isWhitespace(s.charAt(k))) {
            k--;
        }
        return k >= 0 && s.charAt(k) == '!' ? k : n;
    }

    /** A tag that loads by itself ({@code <img}, {@code <iframe}, ...) whose {@code >} has not come. */
    private static int tagOpener(String s) {
        if (s.indexOf('<') < 0) {
            return s.length();
        }
        Matcher tag = HTML_TAG.matcher(s);
        int from = 0;
        while (from < s.length() && tag.find(from)) {
            int close = s.indexOf('>', tag.end());
            if (close >= 0 && close - tag.end() <= ExfiltrationScanner.MAX_TAG) {
                from = close + 1;
                continue;
            }
            if (close < 0
                    && s.length() - tag.end() <= ExfiltrationScanner.MAX_TAG
                    && !ExfiltrationScanner.LINK_TAGS.contains(tag.group(1).toLowerCase(Locale.ROOT))) {
                return tag.start();
            }
            from = tag.end();
        }
        return s.length();
    }

    /**
     * A use ({@code ![][label]}) of each reference definition in {@code text} whose URL would carry data as an
     * image, to be scanned after the text; empty when there is none.
     */
    static String assumedUses(ScanText text, ExfiltrationScanner scanner, ScanContext context) {
        String s = text.normalized();
        if (s.indexOf("]:") < 0) {
            return "";
        }
        Set<String> labels = new LinkedHashSet<>();
        Matcher m = ExfiltrationScanner.REF_DEF.matcher(s);
        while (m.find()) {
            if (scanner.judge(m.group(2), true, context)
                    .filter(j -> j.type().equals("IMAGE_EXFILTRATION"))
                    .isPresent()) {
                labels.add(m.group(1));
            }
        }
        if (labels.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String label : labels) {
            out.append("\n\n![][").append(label).append(']');
        }
        return out.toString();
    }
}
