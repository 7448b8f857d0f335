package io.trustgate.benchmarks;

import io.trustgate.api.Category;
import io.trustgate.api.audit.AuditEvent;
import io.trustgate.api.audit.AuditFinding;
import io.trustgate.api.audit.CaptureMode;
import io.trustgate.api.audit.CapturedContent;
import java.time.Instant;
import java.util.List;

/** A typical API request event (about 450 bytes on disk): what the audit benchmarks write. */
final class AuditEvents {
    private AuditEvents() {}

    static AuditEvent request(long i) {
        return AuditEvent.builder(AuditEvent.Kind.API_REQUEST, Instant.ofEpochMilli(1_795_000_000_000L + i))
                .requestId("req-" + Long.toHexString(0x5f3e_0000_0000L + i))
                .keyId("key_" + (i % 50))
                .tenant("acme")
                .context("standard")
                .modelRequested("gpt-4o-mini")
                .modelServed("gpt-4o-mini")
                .provider("openai")
                .route(List.of("openai"))
                .finding(new AuditFinding("pii", Category.PII, "email", 0.93))
                .tokens(412, 96)
                .costMicros(120)
                .latencyMs(840)
                .status(200)
                .content(new CapturedContent(
                        CaptureMode.HASHED,
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                        "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752"))
                .build();
    }
}
