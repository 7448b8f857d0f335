package io.trustgate.audit;

import io.trustgate.api.audit.AuditEvent;
import io.trustgate.api.audit.AuditSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

class AuditLogContractTest extends AuditSinkContract {
    @TempDir
    Path dir;

    @Override
    protected AuditSink open() {
        return AuditLog.open(Events.config(dir, 100).withQueue(4096, Duration.ofSeconds(30)));
    }

    @Override
    protected List<AuditEvent> recorded() {
        return AuditReader.query(dir, AuditReader.Query.all()).stream()
                .map(AuditRecord::event)
                .toList();
    }
}
