package io.trustgate.audit;

import io.trustgate.api.Category;
import io.trustgate.api.audit.AuditEvent;
import io.trustgate.api.audit.AuditFinding;
import io.trustgate.api.audit.CaptureMode;
import io.trustgate.api.audit.CapturedContent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Sample events and file helpers for the audit tests. */
final class Events {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private Events() {}

    /** A typical API request event, number {@code i}, one second after the previous. */
    static AuditEvent request(int i) {
        return AuditEvent.builder(AuditEvent.Kind.API_REQUEST, T0.plusSeconds(i))
                .requestId("req-" + i)
                .keyId("key_" + (i % 3))
                .tenant("acme")
                .context("standard")
                .modelRequested("gpt-4o-mini")
                .modelServed("gpt-4o-mini")
                .provider("openai")
                .route(List.of("openai"))
                .finding(new AuditFinding("pii", Category.PII, "email", 0.9))
                .tokens(120, 30)
                .costMicros(75)
                .latencyMs(230)
                .status(200)
                .content(new CapturedContent(CaptureMode.REDACTED, "Hello [EMAIL]", "Hi"))
                .build();
    }

    static AuditConfig config(Path dir, long checkpointEvery) {
        return AuditConfig.defaults(dir).withCheckpoints(checkpointEvery, Duration.ofHours(1));
    }

    /** Writes {@code n} events with a checkpoint every {@code every}, and closes the log. */
    static void write(Path dir, int n, long every) {
        try (AuditLog log = AuditLog.open(config(dir, every))) {
            List<java.util.concurrent.CompletableFuture<Long>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                fs.add(log.append(request(i)));
            }
            fs.forEach(java.util.concurrent.CompletableFuture::join);
        }
    }

    static Path onlySegment(Path dir) {
        List<Path> s = Segments.list(dir);
        if (s.size() != 1) {
            throw new IllegalStateException("expected one segment, found " + s);
        }
        return s.getFirst();
    }

    static List<String> lines(Path p) {
        try {
            return new ArrayList<>(Files.readAllLines(p, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeLines(Path p, List<String> lines) {
        try {
            Files.writeString(p, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 0-based index of the line with this seq. */
    static int indexOfSeq(List<String> lines, long seq) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("{\"seq\":" + seq + ",")) {
                return i;
            }
        }
        throw new IllegalArgumentException("no seq " + seq);
    }
}
