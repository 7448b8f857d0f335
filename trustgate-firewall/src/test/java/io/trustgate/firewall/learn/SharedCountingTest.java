package io.trustgate.firewall.learn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link HashedNgrams#maxDot} counts a text once for all its segments; each segment's score must still be, bit for
 * bit, the one it gets counted alone, or the shipped model's measured operating point would move. Texts here mix the
 * module's multilingual test texts (glossed words, scripts read inside words, marks), runs of whitespace and blank
 * lines, and segments of every kind: the model's windows and paragraphs, small windows, and arbitrary spans.
 */
class SharedCountingTest {
    private static final HashedNgrams F = HashedNgrams.DEFAULT;

    private static List<String> pieces() {
        List<String> out = new ArrayList<>();
        for (String line : lines("/language/samples.tsv")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                out.add(line.substring(tab + 1));
            }
        }
        for (String line : lines("/injection/lang-dev.jsonl")) {
            int a = line.indexOf("\"text\": \"");
            int b = line.indexOf("\", \"label\"");
            if (a >= 0 && b > a) {
                out.add(line.substring(a + 9, b));
            }
        }
        assertThat(out).hasSizeGreaterThan(200);
        return out;
    }

    private static List<String> lines(String resource) {
        try (InputStream in = SharedCountingTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String[] SEPARATORS = {" ", "  ", "\n", "\n\n", "\n \n", "\t", "\u00a0", ". ", "-", ""};

    private static String text(Random r, List<String> pieces, int length) {
        StringBuilder b = new StringBuilder();
        while (b.length() < length) {
            b.append(pieces.get(r.nextInt(pieces.size()))).append(SEPARATORS[r.nextInt(SEPARATORS.length)]);
        }
        return b.substring(0, length);
    }

    private static List<int[]> segments(Random r, String text) {
        int len = text.length();
        List<int[]> out = new ArrayList<>();
        switch (r.nextInt(3)) {
            case 0 -> out.addAll(LinearModel.segments(text, 1536, 768));
            case 1 -> {
                int window = 64 + r.nextInt(400);
                out.addAll(LinearModel.segments(text, window, 1 + r.nextInt(window)));
            }
            default -> {
                for (int k = 1 + r.nextInt(12); k > 0; k--) {
                    int s = r.nextInt(len + 1);
                    int e = Math.min(len, s + r.nextInt(600));
                    out.add(new int[] {s, e});
                }
            }
        }
        return out;
    }

    private static float[] weights(long seed) {
        Random r = new Random(seed);
        float[] w = new float[F.dimension()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        return w;
    }

    private static double eachAlone(String text, List<int[]> segments, float[] w, HiddenLayer h) {
        double best = Double.NEGATIVE_INFINITY;
        for (int[] s : segments) {
            best = Math.max(best, h == null ? F.dot(text, s[0], s[1], w, 0.25f) : F.dot(text, s[0], s[1], w, 0.25f, h));
        }
        return best;
    }

    @Test
    void everySegmentScoresExactlyAsWhenCountedAlone() {
        List<String> pieces = pieces();
        float[] w = weights(1);
        Random r = new Random(20261127);
        int multi = 0;
        for (int t = 0; t < 400; t++) {
            String text = text(r, pieces, 1 + r.nextInt(t < 300 ? 3000 : 9000));
            List<int[]> segments = segments(r, text);
            multi += segments.size() > 1 ? 1 : 0;
            double expected = eachAlone(text, segments, w, null);
            assertThat(F.maxDot(text, segments, w, 0.25f, null))
                    .as(
                            "text %d, segments %s",
                            t, segments.stream().map(Arrays::toString).toList())
                    .isEqualTo(expected);
        }
        assertThat(multi).isGreaterThan(300);
    }

    @Test
    void withAHiddenLayerToo() {
        List<String> pieces = pieces();
        float[] w = weights(2);
        Random r = new Random(7);
        int units = 4;
        int bits = 12;
        float[] rows = new float[(1 << bits) * units];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) (0.3 * r.nextGaussian());
        }
        HiddenLayer h =
                new HiddenLayer(bits, units, rows, new float[] {0.1f, -0.1f, 0, 0.2f}, new float[] {1, -1, 0.5f, 2});
        for (int t = 0; t < 60; t++) {
            String text = text(r, pieces, 200 + r.nextInt(4000));
            List<int[]> segments = segments(r, text);
            assertThat(F.maxDot(text, segments, w, 0.25f, h)).isEqualTo(eachAlone(text, segments, w, h));
        }
    }

    @Test
    void aLongTextKeepsOnlyAboutOneSegmentOfFeatures() {
        // 200,000 chars in windows: the stream drops what no later window reads, and every window still scores right
        List<String> pieces = pieces();
        float[] w = weights(3);
        String text = text(new Random(3), pieces, 200_000);
        List<int[]> segments = LinearModel.segments(text, 1536, 768);
        assertThat(F.maxDot(text, segments, w, 0.25f, null)).isEqualTo(eachAlone(text, segments, w, null));
    }

    @Test
    void noSegmentsScoreNothingAndEmptyOnesScoreTheirIntercept() {
        float[] w = weights(4);
        assertThat(F.maxDot("abc", List.of(), w, 0.25f, null)).isEqualTo(Double.NEGATIVE_INFINITY);
        List<int[]> empties = List.of(new int[] {1, 1}, new int[] {0, 3}, new int[] {3, 3});
        assertThat(F.maxDot("abc", empties, w, 0.25f, null)).isEqualTo(eachAlone("abc", empties, w, null));
    }
}
