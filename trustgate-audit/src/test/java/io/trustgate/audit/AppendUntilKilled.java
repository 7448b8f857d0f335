package io.trustgate.audit;

import io.trustgate.api.audit.AuditEvent;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A child process for {@link AuditKillIT}: four threads append events as fast as the log takes them and print
 * {@code ack <request id>} once each event's future completed (the point where a gateway would answer), until the
 * process is killed.
 */
public final class AppendUntilKilled {
    private AppendUntilKilled() {}

    public static void main(String[] args) throws Exception {
        AuditLog log = AuditLog.open(AuditConfig.defaults(Path.of(args[0]))
                .withCheckpoints(500, Duration.ofMillis(50))
                .withSegmentBytes(256 * 1024)
                .withQueue(4096, Duration.ofSeconds(5)));
        PrintStream out = System.out;
        for (int t = 0; t < 4; t++) {
            int id = t;
            Thread.ofPlatform().start(() -> {
                for (long i = 0; ; i++) {
                    String req = "req-" + id + "-" + i;
                    log.append(AuditEvent.builder(AuditEvent.Kind.API_REQUEST, Instant.now())
                                    .requestId(req)
                                    .keyId("key_" + id)
                                    .status(200)
                                    .build())
                            .join();
                    synchronized (out) {
                        out.println("ack " + req);
                        out.flush();
                    }
                }
            });
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
