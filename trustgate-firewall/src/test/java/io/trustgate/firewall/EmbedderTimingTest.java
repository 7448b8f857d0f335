package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Prints the embedder's load time and per-call times (2 KB and short prompts); asserts only loose bounds. */
class EmbedderTimingTest {
    static final String SHORT = "How do I reset my password?";

    /** About 2 KB of ordinary English prose. */
    static String twoKb() {
        String s = "Our team is planning a three-day trip to the coast next month and needs help with the schedule. "
                + "We want to visit the old lighthouse, take a boat tour, and find a quiet restaurant for dinner. "
                + "Please suggest an order for these activities that avoids long drives between them. ";
        StringBuilder b = new StringBuilder();
        while (b.length() < 2048) {
            b.append(s);
        }
        return b.substring(0, 2048);
    }

    @Test
    void loadsOnceAndEmbedsWithinBudget() {
        double loadMs = MiniLmEmbedder.loadMillis();
        long t0 = System.nanoTime();
        MiniLmEmbedder.warmUp();
        double firstMs = (System.nanoTime() - t0) / 1e6;
        Embedder e = Embedder.miniLm();
        String two = twoKb();
        for (int i = 0; i < 20; i++) {
            e.embed(SHORT);
            e.embed(two);
            e.windows(two);
        }
        double[] shortMs = time(() -> e.embed(SHORT), 200);
        double[] twoMs = time(() -> e.embed(two), 30);
        double[] winMs = time(() -> e.windows(two), 30);
        System.out.printf(
                "embedder: model load %.0f ms, next call %.0f ms; short prompt median %.2f ms p90 %.2f; 2 KB as one text median %.1f"
                        + " ms p90 %.1f; 2 KB as %d windows median %.1f ms p90 %.1f%n",
                loadMs,
                firstMs,
                shortMs[0],
                shortMs[1],
                twoMs[0],
                twoMs[1],
                e.windows(two).size(),
                winMs[0],
                winMs[1]);
        assertThat(shortMs[0]).isLessThan(200);
    }

    private static double[] time(Runnable r, int n) {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[n / 2], ms[(int) (n * 0.9)]};
    }
}
