package io.trustgate.benchmarks;

import io.trustgate.firewall.Embedder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The firewall's sentence embedder (all-MiniLM-L6-v2, quantised, ONNX Runtime in process) on a 2 KB prompt, embedded
 * as one text and as overlapping ~200-token windows, and on a short prompt. The model loads in {@code setUp}, outside
 * the measurement. Sample mode, so JMH prints p50 and p99 per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EmbeddingBenchmark {
    private Embedder embedder;
    private String prompt;

    @Setup
    public void setUp() {
        embedder = Embedder.miniLm();
        StringBuilder b = new StringBuilder();
        String sentence = "Please summarise the quarterly report for the board and list the three main risks, "
                + "with one sentence on each and a suggested owner. ";
        while (b.length() < 2048) {
            b.append(sentence);
        }
        prompt = b.substring(0, 2048);
        embedder.embed(prompt);
    }

    @Benchmark
    public float[] embed2KbPrompt() {
        return embedder.embed(prompt);
    }

    @Benchmark
    public List<Embedder.Window> windows2KbPrompt() {
        return embedder.windows(prompt);
    }

    @Benchmark
    public float[] embedShortPrompt() {
        return embedder.embed("How do I reset my password?");
    }
}
