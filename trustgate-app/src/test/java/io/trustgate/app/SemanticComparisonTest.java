package io.trustgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.firewall.Embedder;
import io.trustgate.firewall.learn.CrossSource.Sample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SemanticComparisonTest {
    /** A stand-in embedder: a 4-d vector from the text's length, counting its calls. */
    static final class Counting implements Embedder {
        int calls;

        @Override
        public float[] embed(String text) {
            calls++;
            return new float[] {text.length(), 1, 0, 0};
        }

        @Override
        public int dimensions() {
            return 4;
        }
    }

    @Test
    void cacheEmbedsEachTextOnceAndKeepsItsVectorsAcrossRuns(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cache.bin");
        Counting inner = new Counting();
        try (EmbeddingCache c = new EmbeddingCache(inner, file)) {
            assertThat(c.embed("hello")).containsExactly(5f, 1f, 0f, 0f);
            c.embed("hello");
            c.embed("world!");
            assertThat(c.misses()).isEqualTo(2);
        }
        Counting second = new Counting();
        try (EmbeddingCache c = new EmbeddingCache(second, file)) {
            assertThat(c.embed("world!")).containsExactly(6f, 1f, 0f, 0f);
            assertThat(c.size()).isEqualTo(2);
            assertThat(second.calls).isZero();
        }
    }

    @Test
    void thresholdWithABenignSourceLeftOutIgnoresThatSourcesScores() {
        List<Sample> samples = new ArrayList<>();
        List<Double> margins = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            samples.add(new Sample("a" + i, false, "quiet"));
            margins.add(i / 100.0 - 5);
            samples.add(new Sample("b" + i, false, "loud"));
            margins.add(i / 10.0);
        }
        double[] m = margins.stream().mapToDouble(Double::doubleValue).toArray();
        double all = SemanticComparison.threshold(samples, m, 0.02, null);
        double withoutLoud = SemanticComparison.threshold(samples, m, 0.02, "loud");
        // with "loud" counted, the threshold must climb into its scores; without it, "quiet" alone sets it
        assertThat(withoutLoud).isLessThan(all);
        assertThat(SemanticComparison.rate(samples, m, all, "loud", false)).isLessThanOrEqualTo(0.04);
        assertThat(SemanticComparison.rate(samples, m, withoutLoud, "quiet", false))
                .isLessThanOrEqualTo(0.02);
        assertThat(SemanticComparison.rate(samples, m, withoutLoud, "loud", false))
                .isGreaterThan(0.5);
    }

    @Test
    void stackerWeighsTheMarginThatSeparatesTheClasses() {
        List<Sample> samples = new ArrayList<>();
        List<double[]> x = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            boolean pos = i % 2 == 0;
            samples.add(new Sample("t" + i, pos, pos ? "attack" + (i % 4) : "benign" + (i % 3)));
            // the first margin is informative (with overlap), the second is noise
            x.add(new double[] {(pos ? 1 : -1) + Math.sin(i) * 1.5, Math.cos(i * 7.0)});
        }
        double[] m1 = x.stream().mapToDouble(v -> v[0]).toArray();
        double[] m2 = x.stream().mapToDouble(v -> v[1]).toArray();
        double[] beta = SemanticComparison.fitStack(samples, m1, m2, "");
        assertThat(beta[0]).isGreaterThan(0.5);
        assertThat(Math.abs(beta[1])).isLessThan(beta[0] / 3);
    }
}
