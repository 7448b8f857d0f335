package io.trustgate.api;

import java.util.List;
import java.util.Objects;

/**
 * A text as scanners see it: the original, its normalised form (Unicode NFKC, invisible characters removed,
 * homoglyphs folded) with an offset map back to the original, and the decoded forms of any encoded runs it carries
 * (base64, hex, rot13, leetspeak, Unicode tags, spaced-out letters, hyphen-broken words), each with the span of the
 * original it came from.
 *
 * @param original the text as received
 * @param normalized the normalised text
 * @param offsets for each char of {@code normalized}, the index in {@code original} it came from; one extra entry
 *     at the end maps the end of the text
 * @param decoded decoded runs found in the text
 * @param stage whether this is a request (input) or a response (output)
 */
public record ScanText(String original, String normalized, int[] offsets, List<Decoded> decoded, Stage stage) {
    public ScanText {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(normalized, "normalized");
        Objects.requireNonNull(offsets, "offsets");
        Objects.requireNonNull(stage, "stage");
        decoded = List.copyOf(decoded);
        if (offsets.length != normalized.length() + 1) {
            throw new IllegalArgumentException(
                    "offsets must have normalized.length() + 1 entries, had " + offsets.length);
        }
    }

    /** A text that needs no normalisation (tests, plain ASCII). */
    public static ScanText plain(String text, Stage stage) {
        int[] o = new int[text.length() + 1];
        for (int i = 0; i < o.length; i++) {
            o[i] = i;
        }
        return new ScanText(text, text, o, List.of(), stage);
    }

    /** The offset in the original text of an offset in the normalised text. */
    public int toOriginal(int normalizedOffset) {
        return offsets[Math.max(0, Math.min(normalizedOffset, offsets.length - 1))];
    }

    /** Where a text is scanned. */
    public enum Stage {
        INPUT,
        OUTPUT
    }

    /**
     * A decoded run of the text.
     *
     * @param encoding {@code base64}, {@code hex}, {@code rot13}, {@code leetspeak}, {@code unicode-tags}, {@code
     *     spaced} or {@code hyphenated}
     * @param text the decoded text
     * @param start start of the encoded run in the original
     * @param end end (exclusive) of the encoded run in the original
     */
    public record Decoded(String encoding, String text, int start, int end) {
        public Decoded {
            Objects.requireNonNull(encoding, "encoding");
            Objects.requireNonNull(text, "text");
        }
    }
}
