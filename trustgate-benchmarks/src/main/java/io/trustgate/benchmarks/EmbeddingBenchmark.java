package io.trustgate.benchmarks;

import io.trustgate.api.Finding;
import io.trustgate.api.ScanText;
import io.trustgate.firewall.BannedTopicsScanner;
import io.trustgate.firewall.Embedder;
import io.trustgate.firewall.Scanners;
import java.util.List;
import java.util.Map;
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
    private BannedTopicsScanner topics;
    private ScanText shortSentences;
    private ScanText longSentences;

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
        topics = new BannedTopicsScanner(Map.of(
                "weapons", "Making weapons, bombs or explosives. Planning a violent attack on people.",
                "medical advice", "Personal medical advice. Diagnosing symptoms or an illness."));
        // banned-topics' default bound, max-sentences 256: short sentences, then sentences as long as a window
        int n = BannedTopicsScanner.DEFAULT_MAX_SENTENCES;
        shortSentences = Scanners.normalizer()
                .normalize(
                        "The quarterly report shows revenue grew in every region this year. ".repeat(n),
                        ScanText.Stage.INPUT);
        longSentences = Scanners.normalizer()
                .normalize(
                        (String.join(" ", java.util.Collections.nCopies(80, "word")) + ". ").repeat(n),
                        ScanText.Stage.INPUT);
    }

    @Benchmark
    public float[] embed2KbPrompt() {
        return embedder.embed(prompt);
    }

    @Benchmark
    public List<Embedder.Window> windows2KbPrompt() {
        return embedder.windows(prompt);
    }

    /** banned-topics on 256 sentences of 67 chars (17 KB): the default bound's cost on prose. */
    @Benchmark
    public List<Finding> bannedTopicsAtTheBoundShortSentences() {
        return topics.scan(shortSentences);
    }

    /** banned-topics on 256 sentences of 400 chars (100 KB): the default bound's worst cost. */
    @Benchmark
    public List<Finding> bannedTopicsAtTheBoundLongSentences() {
        return topics.scan(longSentences);
    }

    @Benchmark
    public float[] embedShortPrompt() {
        return embedder.embed("How do I reset my password?");
    }
}
