package io.trustgate.firewall;

import io.trustgate.api.ScanText;

/**
 * What {@link StreamScreen} must know of the constructs {@link ExfiltrationScanner} reads, so that a streamed answer
 * is judged as the whole answer would be (decision 006):
 *
 * <ul>
 *   <li>{@link #holdFrom}: a URL that has begun but not ended (it runs to the end of the text seen so far) is not
 *       released: it is judged once it has ended, whole, so that neither its start nor a piece of it leaves before
 *       the judgement (a URL longer than the holdback used to leave from its start). Held for at most
 *       {@link #MAX_URL_HOLD} chars (the scanner reads markdown and HTML URLs up to 8,192 chars).
 * </ul>
 *
 * <p>These follow the scanner's own parsing loosely and err towards holding (a {@code !} followed by a {@code [}
 * across up to 8 whitespace chars counts as an image opener). Cost: one linear pass over the window per chunk.
 */
final class StreamConstructs {
    /** The longest stretch held for one URL that has not ended. */
    static final int MAX_URL_HOLD = 8192 + 64;

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
}
