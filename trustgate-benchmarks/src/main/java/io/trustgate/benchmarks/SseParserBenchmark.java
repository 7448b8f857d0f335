package io.trustgate.benchmarks;

import io.trustgate.gateway.SseParser;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Splitting a whole streamed chat completion into events ({@link SseParser#feed}): 40 OpenAI
 * {@code chat.completion.chunk} events (role, 36 content deltas, finish reason, usage, {@code [DONE]}; 11.9 KB) arriving in
 * 1,400-byte chunks, as TCP segments bring them. One parser per stream, as the gateway makes one per upstream
 * response; every event goes to a Blackhole.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SseParserBenchmark {
    static final int EVENTS = 40;
    static final int CHUNK_BYTES = 1_400;
    private static final String[] WORDS = {
        "Your",
        " order",
        " 12345",
        " is",
        " on",
        " its",
        " way",
        " with",
        " DHL",
        " and",
        " should",
        " arrive",
        " on",
        " November",
        " 28",
        ".",
        " It",
        " was",
        " last",
        " scanned",
        " at",
        " the",
        " Leipzig",
        " hub",
        ".",
        " You",
        " can",
        " still",
        " change",
        " the",
        " delivery",
        " address",
        ";",
        " shall",
        " I",
        " do"
    };

    private Buffer[] chunks;

    @Setup
    public void setUp() {
        byte[] stream = stream().getBytes(StandardCharsets.UTF_8);
        List<Buffer> list = new ArrayList<>();
        for (int from = 0; from < stream.length; from += CHUNK_BYTES) {
            byte[] part = java.util.Arrays.copyOfRange(stream, from, Math.min(stream.length, from + CHUNK_BYTES));
            list.add(Buffer.buffer(part));
        }
        chunks = list.toArray(Buffer[]::new);
        int[] seen = {0};
        SseParser p = new SseParser(1 << 20, e -> seen[0]++);
        for (Buffer c : chunks) {
            p.feed(c);
        }
        if (seen[0] != EVENTS || p.pendingBytes() != 0) {
            throw new IllegalStateException("expected " + EVENTS + " events, parsed " + seen[0]);
        }
    }

    /** The SSE body of a streamed chat completion, as OpenAI sends it. */
    static String stream() {
        String head = "data: {\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion.chunk\","
                + "\"created\":1764115200,\"model\":\"gpt-4o-2024-08-06\",\"service_tier\":\"default\","
                + "\"system_fingerprint\":\"fp_7ff5a46b20\",\"choices\":[";
        StringBuilder sb = new StringBuilder();
        sb.append(head)
                .append("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},")
                .append("\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n");
        for (String w : WORDS) {
            sb.append(head)
                    .append("{\"index\":0,\"delta\":{\"content\":\"")
                    .append(w)
                    .append("\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n");
        }
        sb.append(head)
                .append("{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}\n\n");
        sb.append(head)
                .append("],\"usage\":{\"prompt_tokens\":312,\"completion_tokens\":36,\"total_tokens\":348,")
                .append("\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},")
                .append("\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,")
                .append("\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}}\n\n");
        sb.append("data: [DONE]\n\n");
        return sb.toString();
    }

    @Benchmark
    public int feed40EventsIn1400ByteChunks(Blackhole bh) {
        SseParser p = new SseParser(1 << 20, bh::consume);
        for (Buffer c : chunks) {
            p.feed(c);
        }
        return p.pendingBytes();
    }
}
