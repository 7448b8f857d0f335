package io.trustgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.api.audit.AuditEvent;
import io.trustgate.api.audit.AuditSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditSink} must do, whatever it writes to: extend this and say how to open a sink and read back
 * what it recorded. The log's own run is {@link AuditLogContractTest}.
 */
public abstract class AuditSinkContract {

    /** A new, empty sink. */
    protected abstract AuditSink open();

    /** The events {@code sink} recorded so far, oldest first (after it was closed). */
    protected abstract List<AuditEvent> recorded();

    @Test
    public void completedFuturesCarryDistinctIncreasingSeqs() {
        List<Long> seqs = new ArrayList<>();
        try (AuditSink sink = open()) {
            for (int i = 0; i < 20; i++) {
                seqs.add(sink.append(Events.request(i)).join());
            }
        }
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
    }

    @Test
    public void whatWasAcknowledgedIsWhatIsReadBack() {
        List<AuditEvent> sent = new ArrayList<>();
        try (AuditSink sink = open()) {
            for (int i = 0; i < 20; i++) {
                sent.add(Events.request(i));
                sink.append(sent.getLast()).join();
            }
        }
        assertThat(recorded()).containsSubsequence(sent);
    }

    @Test
    public void appendsAfterCloseFailRatherThanVanish() {
        AuditSink sink = open();
        sink.close();
        assertThat(sink.append(Events.request(0))).isCompletedExceptionally();
    }

    @Test
    public void concurrentAppendsAllComplete() throws Exception {
        List<CompletableFuture<Long>> fs = java.util.Collections.synchronizedList(new ArrayList<>());
        try (AuditSink sink = open()) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            for (int t = 0; t < 8; t++) {
                int base = t * 250;
                pool.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        fs.add(sink.append(Events.request(base + i)));
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        assertThat(fs.stream().map(CompletableFuture::join).distinct().count()).isEqualTo(2000);
        assertThat(recorded()).hasSize(2000);
    }
}
