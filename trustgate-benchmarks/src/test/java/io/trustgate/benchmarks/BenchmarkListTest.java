package io.trustgate.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;

/** Checks that JMH's annotation processor ran: every benchmark is in the list the JMH runner reads. Runs none. */
class BenchmarkListTest {
    @Test
    void everyBenchmarkIsInJmhsBenchmarkList() throws IOException {
        try (InputStream in = getClass().getResourceAsStream(BenchmarkList.BENCHMARK_LIST)) {
            assertThat(in)
                    .as(BenchmarkList.BENCHMARK_LIST + " (written by jmh-generator-annprocess)")
                    .isNotNull();
            assertThat(BenchmarkList.readBenchmarkList(in))
                    .extracting(BenchmarkListEntry::getUsername)
                    .containsExactlyInAnyOrder(
                            "io.trustgate.gateway.GatewayHotPathBenchmark.parseChatRequest",
                            "io.trustgate.benchmarks.TokenCounterBenchmark.countChatShort20",
                            "io.trustgate.benchmarks.TokenCounterBenchmark.countChatLong2000",
                            "io.trustgate.benchmarks.LimitsBenchmark.admitAndSettle",
                            "io.trustgate.benchmarks.SseParserBenchmark.feed40EventsIn1400ByteChunks",
                            "io.trustgate.benchmarks.KeyLookupBenchmark.authenticateCached",
                            "io.trustgate.benchmarks.KeyLookupBenchmark.findByHashUncached",
                            "io.trustgate.benchmarks.ErrorTableBenchmark.invalidRequestBody",
                            "io.trustgate.benchmarks.FirewallBenchmark.defaultChain2KbPrompt",
                            "io.trustgate.benchmarks.FirewallBenchmark.defaultChainToolDefinition",
                            "io.trustgate.benchmarks.FirewallBenchmark.toolPoisoningDefinition",
                            "io.trustgate.benchmarks.FirewallBenchmark.defaultChainNumberDense32k",
                            "io.trustgate.benchmarks.FirewallBenchmark.defaultChainLogPasswords32k",
                            "io.trustgate.benchmarks.FirewallBenchmark.defaultChainThePassword32k",
                            "io.trustgate.benchmarks.FirewallBenchmark.defaultChainWithoutClassifier2KbPrompt",
                            "io.trustgate.benchmarks.StreamScreenBenchmark.pushOneTokenSizedChunk",
                            "io.trustgate.benchmarks.EmbeddingBenchmark.embed2KbPrompt",
                            "io.trustgate.benchmarks.EmbeddingBenchmark.windows2KbPrompt",
                            "io.trustgate.benchmarks.EmbeddingBenchmark.embedShortPrompt",
                            "io.trustgate.benchmarks.EmbeddingBenchmark.bannedTopicsAtTheBoundShortSentences",
                            "io.trustgate.benchmarks.EmbeddingBenchmark.bannedTopicsAtTheBoundLongSentences",
                            "io.trustgate.benchmarks.AuditBenchmark.appendBatchOf1000",
                            "io.trustgate.benchmarks.AuditBenchmark.verify100kRecords",
                            "io.trustgate.benchmarks.FirewallBenchmark.injectionClassifier2KbPrompt",
                            "io.trustgate.benchmarks.FirewallBenchmark.injectionClassifier2KbChinesePrompt",
                            "io.trustgate.benchmarks.FirewallBenchmark.injectionClassifier64KbDocument",
                            "io.trustgate.benchmarks.FirewallBenchmark.normalizer2KbPrompt",
                            "io.trustgate.benchmarks.FirewallBenchmark.pii2KbProseLines",
                            "io.trustgate.benchmarks.FirewallBenchmark.defaultChain2KbToolResult",
                            "io.trustgate.benchmarks.FirewallBenchmark.defaultChain2KbDocumentAsUserMessage",
                            "io.trustgate.benchmarks.RatingsBenchmark.fitArena",
                            "io.trustgate.benchmarks.RatingsBenchmark.fitArenaExact",
                            "io.trustgate.benchmarks.RatingsBenchmark.readAndFitArena",
                            "io.trustgate.benchmarks.RatingsBenchmark.bootstrap100Rounds");
        }
    }
}
