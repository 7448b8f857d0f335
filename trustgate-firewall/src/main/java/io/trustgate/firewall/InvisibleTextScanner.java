package io.trustgate.firewall;

import io.trustgate.api.Category;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanText;
import io.trustgate.api.Scanner;
import java.util.ArrayList;
import java.util.List;

/**
 * A scanner for text that a human reviewer cannot see but a model reads: OWASP LLM01 (prompt injection) by ASCII
 * smuggling and its relatives.
 *
 * <p>It reports, with spans in the original text:
 *
 * <ul>
 *   <li>{@code UNICODE_TAGS}, score 1.0: runs of Unicode tag characters (U+E0000-U+E007F), which carry ASCII that
 *       renders as nothing. Subdivision flag emoji (U+1F3F4 followed by a few lower-case tags and U+E007F) pass.
 *   <li>{@code BIDI_CONTROL}, score 0.8: runs of bidi embeddings, overrides and isolates (U+202A-U+202E,
 *       U+2066-U+2069), which make displayed text differ from what is read ("Trojan Source"). The plain direction
 *       marks LRM, RLM and ALM pass: right-to-left text uses them.
 *   <li>{@code ZERO_WIDTH}: runs of 3 or more zero-width chars (U+200B-U+200D, U+2060-U+2064, U+FEFF, U+180E and the
 *       like), score 0.6, or 0.9 from 8 on; such runs encode bits or hide a payload. Single joiners, as in emoji
 *       sequences, pass.
 * </ul>
 *
 * <p>Cost: one pass over the original text's code points, no allocation unless it finds something; well under a
 * microsecond per 100 chars. It runs first in the input chain, before the detectors that read the normalised text
 * (which has these chars removed and the tags decoded). It cannot catch zero-width chars spread one at a time between
 * visible letters (the normaliser removes them, so the detectors still see the words), text hidden by colour or
 * font size in rendered markup, or homoglyphs (the normaliser folds those).
 */
public final class InvisibleTextScanner implements Scanner {
    /** The name under which the scanner appears in configuration and findings. */
    public static final String NAME = "invisible-text";

    private static final int MIN_ZERO_WIDTH_RUN = 3;

    /** Creates the scanner; it holds no state. */
    public InvisibleTextScanner() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Finding> scan(ScanText text) {
        String s = text.original();
        List<Finding> findings = new ArrayList<>(0);
        int n = s.length();
        int prevVisible = 0;
        int i = 0;
        while (i < n) {
            int cp = s.codePointAt(i);
            Normalizer.Kind kind = cp < 0xAD ? Normalizer.Kind.NONE : Normalizer.kindOf(cp);
            if (kind != Normalizer.Kind.TAG
                    && kind != Normalizer.Kind.BIDI_CONTROL
                    && kind != Normalizer.Kind.ZERO_WIDTH) {
                if (kind == Normalizer.Kind.NONE) {
                    prevVisible = cp;
                }
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            int count = 0;
            int last = cp;
            while (i < n) {
                int c = s.codePointAt(i);
                if ((c < 0xAD ? Normalizer.Kind.NONE : Normalizer.kindOf(c)) != kind) {
                    break;
                }
                last = c;
                count++;
                i += Character.charCount(c);
            }
            switch (kind) {
                case TAG -> {
                    if (!(prevVisible == 0x1F3F4 && last == 0xE007F && count <= 7)) {
                        findings.add(new Finding(NAME, Category.INVISIBLE_TEXT, "UNICODE_TAGS", 1.0, start, i));
                    }
                }
                case BIDI_CONTROL ->
                    findings.add(new Finding(NAME, Category.INVISIBLE_TEXT, "BIDI_CONTROL", 0.8, start, i));
                case ZERO_WIDTH -> {
                    if (count >= MIN_ZERO_WIDTH_RUN) {
                        double score = count >= 8 ? 0.9 : 0.6;
                        findings.add(new Finding(NAME, Category.INVISIBLE_TEXT, "ZERO_WIDTH", score, start, i));
                    }
                }
                default -> throw new AssertionError(kind);
            }
        }
        return findings;
    }
}
