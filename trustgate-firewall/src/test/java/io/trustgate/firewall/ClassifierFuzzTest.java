package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.api.Finding;
import io.trustgate.api.ScanContext;
import io.trustgate.api.ScanText;
import io.trustgate.api.Scanner;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random texts through both learned classifiers (injection and toxicity): no exception, scores in [0, 1],
 * spans within the text. The texts mix scripts (with and without spaces between words, with combining marks),
 * surrogate pairs and lone surrogates, runs of whitespace and blank lines, and words of one to eight chars. Short
 * words of many distinct chars give the most distinct n-grams per window, which is what found the counter's
 * off-by-one (8,193 distinct n-grams in one window threw).
 */
class ClassifierFuzzTest {
    static final Normalizer NORMALIZER = new Normalizer();

    /** Code point ranges to draw from: ASCII, Latin-1, Cyrillic, Devanagari, Thai, Hangul, CJK, Arabic, emoji. */
    static final int[][] RANGES = {
        {0x21, 0x7E},
        {0xC0, 0xFF},
        {0x410, 0x44F},
        {0x905, 0x939},
        {0x93E, 0x94C},
        {0xE01, 0xE3A},
        {0xAC00, 0xD7A3},
        {0x4E00, 0x9FFF},
        {0x621, 0x64A},
        {0x1F600, 0x1F64F},
        {0x300, 0x36F}
    };

    static String text(Random r) {
        StringBuilder b = new StringBuilder();
        int length = r.nextInt(6) == 0 ? r.nextInt(40) : r.nextInt(5000);
        // one script for the whole text, or a mix
        int fixed = r.nextBoolean() ? r.nextInt(RANGES.length) : -1;
        // a third of the texts are one-char words and single spaces: the most distinct n-grams a window can hold
        boolean dense = r.nextInt(3) == 0;
        while (b.length() < length) {
            if (dense) {
                int[] range = RANGES[fixed >= 0 ? fixed : r.nextInt(RANGES.length)];
                b.appendCodePoint(range[0] + r.nextInt(range[1] - range[0] + 1)).append(' ');
                continue;
            }
            int word = 1 + (r.nextInt(3) == 0 ? r.nextInt(8) : r.nextInt(2));
            for (int i = 0; i < word; i++) {
                int[] range = RANGES[fixed >= 0 ? fixed : r.nextInt(RANGES.length)];
                b.appendCodePoint(range[0] + r.nextInt(range[1] - range[0] + 1));
            }
            switch (r.nextInt(20)) {
                case 0 -> b.append("\n\n");
                case 1 -> b.append('\uD800'); // a lone surrogate
                case 2 -> b.append(" \t  ");
                case 3 -> b.append('\u200B');
                case 4 -> {} // no space: one long run
                default -> b.append(' ');
            }
        }
        return b.toString();
    }

    @Test
    void randomTextsInManyScriptsAreScoredWithoutFailing() {
        List<Scanner> scanners = List.of(Scanners.create("injection-classifier"), Scanners.create("toxicity"));
        ScanContext tool = ScanContext.of(ScanContext.Source.TOOL);
        Random r = new Random(20261127L);
        for (int k = 0; k < 400; k++) {
            String text = text(r);
            for (ScanText.Stage stage : ScanText.Stage.values()) {
                ScanText st = NORMALIZER.normalize(text, stage);
                for (Scanner s : scanners) {
                    for (Finding f : s.scan(st, tool)) {
                        assertThat(f.score()).as("text %d, %s", k, s.name()).isBetween(0.0, 1.0);
                        assertThat(f.start()).isBetween(0, text.length());
                        assertThat(f.end()).isBetween(f.start(), text.length());
                    }
                }
            }
        }
    }
}
