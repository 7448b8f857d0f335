package io.trustgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustgate.api.audit.AuditEvent;
import io.trustgate.audit.AuditConfig;
import io.trustgate.audit.AuditLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trustgate audit}: exit codes, what goes to stdout, one-line errors. */
class AuditCommandTest {
    @TempDir
    Path dir;

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private void writeLog(int n) {
        try (AuditLog log =
                AuditLog.open(AuditConfig.defaults(dir.resolve("audit")).withCheckpoints(5, Duration.ofHours(1)))) {
            for (int i = 0; i < n; i++) {
                log.append(AuditEvent.builder(AuditEvent.Kind.API_REQUEST, T0.plusSeconds(i))
                                .requestId("req-" + i)
                                .keyId("key_" + (i % 2))
                                .tenant("acme")
                                .modelServed("gpt-4o-mini")
                                .tokens(10, 5)
                                .status(200)
                                .build())
                        .join();
            }
        }
    }

    private CliTest.Result run(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--data-dir";
        all[args.length + 1] = dir.toString();
        return CliTest.run(all);
    }

    @Test
    void verifyOfAnIntactLogExitsZero() {
        writeLog(12);
        CliTest.Result r = run("audit", "verify");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("intact: 12 events");
    }

    @Test
    void verifyNamesTheFirstProblemWithItsPositionAndExitsOne() throws Exception {
        writeLog(12);
        Path seg;
        try (var s = Files.list(dir.resolve("audit"))) {
            seg = s.filter(p -> p.getFileName().toString().startsWith("segment-"))
                    .findFirst()
                    .orElseThrow();
        }
        List<String> lines = Files.readAllLines(seg);
        lines.set(3, lines.get(3).replace("req-2", "req-9"));
        Files.write(seg, lines);
        CliTest.Result r = run("audit", "verify");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("BROKEN at", "line 4", "seq 3", "hash mismatch");
    }

    @Test
    void anExportVerifiesOnItsOwnAndATamperedOneDoesNot() throws Exception {
        writeLog(12);
        CliTest.Result x = run("audit", "export");
        assertThat(x.code()).isZero();
        Path file = dir.resolve("export.jsonl");
        Files.writeString(file, x.out(), StandardCharsets.UTF_8);
        assertThat(CliTest.run("audit", "verify", "--file", file.toString()).code())
                .isZero();
        // pinned to the key the server printed
        Path pem = dir.resolve("pub.pem");
        Files.writeString(pem, run("audit", "public-key").out());
        assertThat(CliTest.run("audit", "verify", "--file", file.toString(), "--public-key", pem.toString())
                        .code())
                .isZero();
        Files.writeString(file, x.out().replace("req-5", "req-6"), StandardCharsets.UTF_8);
        CliTest.Result bad = CliTest.run("audit", "verify", "--file", file.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.out()).contains("export.jsonl line");
    }

    @Test
    void queryRefusesAnEmptyFilterAndAnUntilBeforeItsSince() {
        writeLog(4);
        for (String[] args : new String[][] {
            {"audit", "query", "--key", ""},
            {"audit", "query", "--request-id", " "},
            {"audit", "query", "--since", "2026-11-27", "--until", "2026-11-26"}
        }) {
            CliTest.Result r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.out()).as(String.join(" ", args)).doesNotContain("req-");
            assertThat(r.err().strip().lines()).as(String.join(" ", args)).hasSize(1);
        }
    }

    @Test
    void aMissingPublicKeyFileIsNamedWithTheReason() {
        writeLog(2);
        CliTest.Result r = run("audit", "verify", "--public-key", "/nonexistent/pub.pem");
        assertThat(r.err().strip())
                .isEqualTo("trustgate: cannot read the public key /nonexistent/pub.pem: no such file or directory");
    }

    @Test
    void verifyOfAFileThatIsNotAnExportIsBadInputNotTampering() throws Exception {
        writeLog(2);
        Path notExport = Files.writeString(dir.resolve("config.yaml"), "server:\n  port: 8080\n");
        CliTest.Result r = CliTest.run("audit", "verify", "--file", notExport.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("is not a Trustgate audit export");
        assertThat(r.out()).doesNotContain("BROKEN");
    }

    @Test
    void exportSinceLaterThanEveryEventHoldsNoEventAndStillVerifies() throws Exception {
        writeLog(12);
        CliTest.Result x;
        // a running writer: events after its last checkpoint, as in a live gateway's log
        try (AuditLog log =
                AuditLog.open(AuditConfig.defaults(dir.resolve("audit")).withCheckpoints(100, Duration.ofHours(1)))) {
            for (int i = 0; i < 3; i++) {
                log.append(AuditEvent.builder(AuditEvent.Kind.API_REQUEST, T0.plusSeconds(100 + i))
                                .requestId("req-late-" + i)
                                .status(200)
                                .build())
                        .join();
            }
            x = run("audit", "export", "--since", "2099-01-01");
        }
        assertThat(x.code()).isZero();
        assertThat(x.out()).doesNotContain("req-");
        Path file = Files.writeString(dir.resolve("empty-export.jsonl"), x.out());
        CliTest.Result v = CliTest.run("audit", "verify", "--file", file.toString());
        assertThat(v.code()).as(v.out()).isZero();
        assertThat(v.out()).contains("intact: 0 events");
    }

    @Test
    void exportSinceStartsNearThatTime() {
        writeLog(12);
        CliTest.Result x = run("audit", "export", "--since", "2026-11-26T10:00:08Z");
        assertThat(x.code()).isZero();
        assertThat(x.out()).contains("req-8").doesNotContain("\"req-2\"");
    }

    @Test
    void queryFindsByRequestIdAndKeyAsTextOrJson() throws Exception {
        writeLog(12);
        CliTest.Result text = run("audit", "query", "--request-id", "req-7");
        assertThat(text.code()).isZero();
        assertThat(text.out()).contains("req-7", "key_1", "gpt-4o-mini").doesNotContain("req-6");
        CliTest.Result json = run("audit", "query", "--key", "key_0", "--json");
        JsonNode arr = new ObjectMapper().readTree(json.out());
        assertThat(arr).hasSize(6);
        assertThat(arr.get(0).path("event").path("request_id").asText()).isEqualTo("req-0");
        assertThat(arr.get(0).path("seq").asLong()).isPositive();
        CliTest.Result since = run("audit", "query", "--since", "2026-11-26T10:00:10Z", "--json");
        assertThat(new ObjectMapper().readTree(since.out())).hasSize(2);
    }

    @Test
    void publicKeyPrintsPem() {
        writeLog(1);
        CliTest.Result r = run("audit", "public-key");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("-----BEGIN PUBLIC KEY-----").contains("-----END PUBLIC KEY-----");
    }

    @Test
    void errorsAreOneLineWithExitTwoAndNoStackTrace() {
        for (String[] args : new String[][] {
            {"audit", "verify"},
            {"audit", "export"},
            {"audit", "public-key"},
            {"audit", "query", "--key", "k"},
            {"audit", "query"},
            {"audit", "query", "--since", "yesterday-ish"},
            {"audit", "verify", "--file", "/nonexistent/x.jsonl"},
            {"audit", "verify", "--public-key", "/nonexistent/pub.pem"}
        }) {
            CliTest.Result r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().strip().lines()).as(String.join(" ", args)).hasSize(1);
            assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void everyAuditCommandHasHelp() {
        for (String sub : new String[] {"verify", "export", "query", "public-key"}) {
            CliTest.Result r = CliTest.run("audit", sub, "--help");
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("Usage:");
        }
        assertThat(CliTest.run("audit").out()).contains("verify", "export", "query", "public-key");
    }
}
