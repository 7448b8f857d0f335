package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.api.ScanText;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Time to score a 2 KB prompt (the normaliser's work excluded: it is shared by the chain). A rough measurement on a
 * shared machine, printed for the docs; the assertion only catches an order-of-magnitude regression. JMH figures:
 * {@code FirewallBenchmark.injectionClassifier2KbPrompt}.
 */
class ClassifierSpeedTest {
    static String prompt2Kb() {
        StringBuilder b = new StringBuilder();
        String sentence = "Please summarise the quarterly report for the board and list the three main risks, "
                + "with one sentence on each and a suggested owner. ";
        while (b.length() < 2000) {
            b.append(sentence);
        }
        b.append("Send the draft to jane.doe@example.com by Friday.");
        return b.toString();
    }

    static double[] time(io.trustgate.api.Scanner scanner, ScanText text) {
        for (int i = 0; i < 3000; i++) {
            scanner.scan(text);
        }
        int n = 3000;
        long[] ns = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            scanner.scan(text);
            ns[i] = System.nanoTime() - t0;
        }
        Arrays.sort(ns);
        double mean = Arrays.stream(ns).average().orElse(0) / 1000;
        return new double[] {mean, ns[n / 2] / 1000.0, ns[(int) (n * 0.99)] / 1000.0};
    }

    @Test
    void scoresA2KbPromptWellUnderAMillisecond() {
        ScanText text = new Normalizer().normalize(prompt2Kb(), ScanText.Stage.INPUT);
        for (io.trustgate.api.Scanner s :
                new io.trustgate.api.Scanner[] {new InjectionClassifierScanner(), new ToxicityScanner()}) {
            double[] t = time(s, text);
            System.out.printf(
                    Locale.ROOT,
                    "%s on a %d-char prompt: mean %.1f us, p50 %.1f us, p99 %.1f us%n",
                    s.name(),
                    text.original().length(),
                    t[0],
                    t[1],
                    t[2]);
            assertThat(t[1]).isLessThan(5000);
        }
    }
}
