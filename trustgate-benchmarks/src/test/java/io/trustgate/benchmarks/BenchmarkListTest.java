package io.trustgate.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Checks that JMH's annotation processor ran: every benchmark is in the list the JMH runner reads. Runs none. */
class BenchmarkListTest {
    @Test
    void everyBenchmarkIsInJmhsBenchmarkList() throws IOException {
        String list;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertThat(in).as("META-INF/BenchmarkList (written by jmh-generator-annprocess)").isNotNull();
            list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(list)
                .contains(
                        "io.trustgate.gateway.GatewayHotPathBenchmark.parseChatRequest",
                        "io.trustgate.benchmarks.TokenCounterBenchmark.countChatShort20",
                        "io.trustgate.benchmarks.TokenCounterBenchmark.countChatLong2000",
                        "io.trustgate.benchmarks.LimitsBenchmark.admitAndSettle",
                        "io.trustgate.benchmarks.SseParserBenchmark.feed40EventsIn1400ByteChunks",
                        "io.trustgate.benchmarks.KeyLookupBenchmark.authenticateCached",
                        "io.trustgate.benchmarks.KeyLookupBenchmark.findByHashUncached",
                        "io.trustgate.benchmarks.ErrorTableBenchmark.invalidRequestBody");
    }
}
