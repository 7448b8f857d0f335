package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.trustgate.api.Price;
import io.trustgate.api.Usage;
import io.trustgate.api.UsageRecord;
import io.trustgate.registry.ModelEntry;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With tracing off (the default) the per-request tracing calls make nothing: no span, no map, no lambda. */
class TracingOffTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void everyPerRequestCallAllocatesNothingWhenOff() {
        Tracing off = Tracing.off();
        assertThat(off.enabled()).isFalse();
        ModelEntry model = new ModelEntry(
                "m", "p", "up", ModelEntry.Kind.CHAT, new Price(BigDecimal.ONE, BigDecimal.ONE), List.of());
        ProviderConfig pc = ProviderConfig.defaults("p", ProviderConfig.Kind.OPENAI, URI.create("http://127.0.0.1:1"));
        UsageRecord r = new UsageRecord(
                Instant.EPOCH, "req_1", "k", "t", "default", "m", "m", "p", new Usage(3, 4), 1, 1, 200, "", 1);
        Runnable perRequest = () -> {
            Span request = off.request(null, "req_1"); // never reads the request when off
            Span attempt = off.attempt(request, model, pc, 1, "chat");
            Map<String, String> headers = off.headers(attempt);
            if (!headers.isEmpty() || request != Span.getInvalid() || attempt != Span.getInvalid()) {
                throw new AssertionError("tracing off made something");
            }
            off.endAttempt(attempt, "ok", "");
            off.recorded(request, r, 2);
            off.failed(request, "x");
            off.clientGone(request);
        };
        for (int i = 0; i < 200_000; i++) { // warm up: let the JIT compile the path
            perRequest.run();
        }
        long tid = Thread.currentThread().threadId();
        // the fewest bytes of three rounds: a JIT recompilation under load allocates a few KB once (33 KB was seen on
        // a busy machine), while one object per request would show in every round
        long allocated = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long before = THREADS.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 1_000_000; i++) {
                perRequest.run();
            }
            allocated = Math.min(allocated, THREADS.getThreadAllocatedBytes(tid) - before);
        }
        // A million simulated requests; a single object per request would be >= 16 MB.
        assertThat(allocated)
                .as("bytes allocated by 1,000,000 requests' tracing calls")
                .isLessThan(4096);
    }
}
