package io.trustgate.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.trustgate.api.Price;
import io.trustgate.api.audit.AuditEvent;
import io.trustgate.audit.AuditException;
import io.trustgate.audit.AuditReader;
import io.trustgate.audit.AuditRecord;
import io.trustgate.audit.AuditVerifier;
import io.trustgate.audit.VerifyResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code trustgate audit}: verify, export and query the tamper-evident audit log in {@code <data-dir>/audit}, and
 * print the public key that verifies it. Reads the files directly (safe while the gateway writes). Exit codes: 0
 * done (verify: intact), 1 verify found a problem, 2 bad usage or no log.
 */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Verify, export and query the tamper-evident audit log.",
        subcommands = {
            AuditCommand.Verify.class,
            AuditCommand.Export.class,
            AuditCommand.Query.class,
            AuditCommand.PublicKeyCmd.class
        })
final class AuditCommand extends GroupCommand {

    static Path auditDir(StateOptions state) {
        return state.dataDir().resolve("audit");
    }

    static Path requireLog(StateOptions state) {
        Path dir = auditDir(state);
        if (!Files.isDirectory(dir)) {
            throw new CliException("no audit log in " + dir + " (the gateway creates it on first start)", 2);
        }
        return dir;
    }

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = "Check the audit log (or an export) for modified, deleted, inserted or reordered records and"
                    + " truncation. Exit 0 only when intact; otherwise prints the first problem and its position.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        StateOptions state;

        @Option(names = "--file", paramLabel = "EXPORT.jsonl", description = "Verify this export instead of the log.")
        Path file;

        @Option(
                names = "--public-key",
                paramLabel = "PEM",
                description = "Verify with this public key (pin it) rather than the one the log or export carries.")
        Path publicKey;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Optional<PublicKey> pinned;
            VerifyResult r;
            try {
                pinned = Optional.ofNullable(publicKey).map(AuditVerifier::readPublicKey);
                if (file != null) {
                    if (!Files.isRegularFile(file)) {
                        throw new CliException("export file not found: " + file, 2);
                    }
                    r = AuditVerifier.verifyExport(file, pinned);
                } else {
                    r = AuditVerifier.verifyDirectory(requireLog(state), pinned);
                }
            } catch (AuditException e) {
                throw new CliException(e.getMessage(), 2);
            }
            PrintWriter out = spec.commandLine().getOut();
            int code = switch (r) {
                case VerifyResult.Intact i -> {
                    out.println(
                            "intact: " + i.events() + " events, " + i.checkpoints() + " signed checkpoints verified");
                    yield 0;
                }
                case VerifyResult.Broken b -> {
                    out.println("BROKEN at " + b.position() + ": " + b.reason());
                    yield 1;
                }
            };
            out.flush();
            return code;
        }
    }

    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = "Write the log as JSONL to stdout: a header with the public key, the records with their"
                    + " checkpoints, and a signed trailer. Verify it with: trustgate audit verify --file FILE")
    static final class Export implements Callable<Integer> {
        @Mixin
        StateOptions state;

        @Option(
                names = "--since",
                paramLabel = "WHEN",
                description = "From the checkpoint before the first event at or after: a date, an instant, or a"
                        + " duration back (24h, 7d).")
        String since;

        @Override
        public Integer call() {
            Optional<Instant> from = Optional.ofNullable(since).map(s -> Times.parse(s, Instant.now(), -1, "--since"));
            PrintStream out = System.out;
            try {
                AuditReader.export(requireLog(state), from, out);
            } catch (AuditException e) {
                throw new CliException(e.getMessage(), 2);
            }
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "query",
            mixinStandardHelpOptions = true,
            description = "Find events by request id, key id or time (a linear scan of the log).")
    static final class Query implements Callable<Integer> {
        @Mixin
        StateOptions state;

        @Option(names = "--request-id", paramLabel = "ID", description = "The x-request-id the client saw.")
        String requestId;

        @Option(names = "--key", paramLabel = "KEY_ID", description = "The key's id (key_...).")
        String keyId;

        @Option(names = "--since", paramLabel = "WHEN", description = "Events at or after (date, instant, 24h).")
        String since;

        @Option(names = "--until", paramLabel = "WHEN", description = "Events before (date, instant, 24h).")
        String until;

        @Option(
                names = "--limit",
                paramLabel = "N",
                defaultValue = "1000",
                description = "At most N events. Default: ${DEFAULT-VALUE}.")
        int limit;

        @Option(names = "--json", description = "Print JSON (one object per event, with its seq).")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (requestId == null && keyId == null && since == null && until == null) {
                throw new CliException("give at least one of --request-id, --key, --since, --until", 2);
            }
            // an empty id would be taken as no filter at all and list every event
            if (requestId != null && requestId.isBlank()) {
                throw new CliException("--request-id must not be empty", 2);
            }
            if (keyId != null && keyId.isBlank()) {
                throw new CliException("--key must not be empty", 2);
            }
            if (limit < 1) {
                throw new CliException("--limit must be >= 1, was " + limit, 2);
            }
            Instant now = Instant.now();
            Instant from = since == null ? Instant.MIN : Times.parse(since, now, -1, "--since");
            Instant to = until == null ? Instant.MAX : Times.parse(until, now, -1, "--until");
            if (!to.isAfter(from)) {
                throw new CliException("--until (" + to + ") must be after --since (" + from + ")", 2);
            }
            AuditReader.Query q = AuditReader.Query.all()
                    .withRequestId(requestId == null ? "" : requestId)
                    .withKeyId(keyId == null ? "" : keyId)
                    .between(from, to)
                    .withLimit(limit);
            List<AuditRecord> found;
            try {
                found = AuditReader.query(requireLog(state), q);
            } catch (AuditException e) {
                throw new CliException(e.getMessage(), 2);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectMapper m = new ObjectMapper();
                ArrayNode arr = m.createArrayNode();
                for (AuditRecord r : found) {
                    try {
                        arr.addObject().put("seq", r.seq()).set("event", m.readTree(AuditReader.json(r.event())));
                    } catch (IOException e) {
                        throw new CliException("cannot print event " + r.seq() + ": " + e.getMessage(), 1);
                    }
                }
                out.println(arr.toPrettyString());
            } else {
                Table t = new Table(
                        "SEQ",
                        "TIME",
                        "KIND",
                        "REQUEST_ID",
                        "KEY",
                        "TENANT",
                        "MODEL",
                        "STATUS",
                        "TOKENS",
                        "COST",
                        "MS");
                for (AuditRecord r : found) {
                    AuditEvent e = r.event();
                    t.row(
                            Long.toString(r.seq()),
                            e.time().toString(),
                            e.kind().name(),
                            e.requestId(),
                            e.keyId(),
                            e.tenant(),
                            e.modelServed().isEmpty() ? e.modelRequested() : e.modelServed(),
                            Integer.toString(e.status()),
                            Long.toString(e.promptTokens() + e.completionTokens()),
                            Price.formatMicros(e.costMicros()),
                            Long.toString(e.latencyMs()));
                }
                t.print(out, "No matching audit events.");
            }
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "public-key",
            mixinStandardHelpOptions = true,
            description = "Print the Ed25519 public key (PEM) that verifies the log's checkpoints. Keep a copy apart"
                    + " from the server and pin it: trustgate audit verify --public-key FILE")
    static final class PublicKeyCmd implements Callable<Integer> {
        @Mixin
        StateOptions state;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Path pem = requireLog(state).resolve("public-key.pem");
            if (!Files.isRegularFile(pem)) {
                throw new CliException("no audit public key in " + pem.getParent(), 2);
            }
            try {
                AuditVerifier.readPublicKey(pem); // refuse to print something that is not a key
                spec.commandLine().getOut().print(Files.readString(pem, StandardCharsets.US_ASCII));
            } catch (IOException | AuditException e) {
                throw new CliException("cannot read " + pem + ": " + e.getMessage(), 2);
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
