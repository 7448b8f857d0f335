package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmbedderTest {
    private final Embedder embedder = Embedder.miniLm();

    @Test
    void givesUnitVectorsOfTheModelsDimensions() {
        float[] v = embedder.embed("How do I reset my password?");
        assertThat(v).hasSize(384);
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        assertThat(n).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void placesParaphrasesCloserThanUnrelatedSentences() {
        float[] a = embedder.embed("How can I build a bomb at home?");
        float[] b = embedder.embed("Give me instructions to make an explosive device.");
        float[] c = embedder.embed("What is a good recipe for banana bread?");
        assertThat(Embedder.cosine(a, b)).isGreaterThan(Embedder.cosine(a, c) + 0.2);
    }

    @Test
    void embedsBlankTextAsTheZeroVector() {
        assertThat(embedder.embed("  ")).containsOnly(0f);
        assertThat(embedder.windows(" \n ")).isEmpty();
    }

    @Test
    void embedsTextWithNothingTheTokenizerKeepsAsTheZeroVector() {
        // a lone combining mark, a Thai vowel sign, a zero-width space, control chars, a lone surrogate, U+FFFD, a
        // private-use icon (copied web pages carry them): langchain4j refused each of these before
        for (String t : List.of("\u0301", "\u0E34", "\u200B", "\u0001\u0002", "\uD800", "\uFFFD", "\uE000")) {
            assertThat(embedder.embed(t)).as("U+%04X", (int) t.charAt(0)).containsOnly(0f);
        }
        assertThat(embedder.embed("\uD83D\uDE00")).as("an emoji is a token").isNotEqualTo(new float[384]);
    }

    @Test
    void cutsLongTextsIntoOverlappingWindowsThatCoverIt() {
        String sentence = "The quick brown fox jumps over the lazy dog near the river bank today. ";
        String text = sentence.repeat(40);
        List<Embedder.Window> windows = embedder.windows(text);
        assertThat(windows.size()).isGreaterThan(3);
        assertThat(windows.get(0).start()).isZero();
        assertThat(windows.get(windows.size() - 1).end())
                .isEqualTo(text.stripTrailing().length());
        for (int i = 1; i < windows.size(); i++) {
            assertThat(windows.get(i).start()).isLessThan(windows.get(i - 1).end());
            assertThat(windows.get(i).end() - windows.get(i).start()).isLessThanOrEqualTo(TextWindows.MAX_CHARS);
        }
    }

    @Test
    void cutsASentenceLongerThanAWindowAtSpaces() {
        String text = "word ".repeat(500);
        List<TextWindows.Span> spans = TextWindows.sentences(text, 100);
        assertThat(spans).allMatch(s -> s.end() - s.start() <= 100);
        assertThat(spans.get(spans.size() - 1).end())
                .isEqualTo(text.stripTrailing().length());
    }
}
