package io.trustgate.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.trustgate.api.ApiKey;
import io.trustgate.gateway.Json;
import io.trustgate.policy.KeyIssuer;
import io.trustgate.store.SqliteStore;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code trustgate keys}: create, list and revoke virtual API keys (works on the data directory directly). */
@Command(
        name = "keys",
        mixinStandardHelpOptions = true,
        description = "Manage virtual API keys. Keys are stored only as hashes; a new key is shown once.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand extends GroupCommand {

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description =
                    "Create a key. Prints the key alone on stdout (details on stderr), so scripts can capture it.")
    static final class Create implements Callable<Integer> {
        @Mixin
        StateOptions state;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Unique name of the key.")
        String name;

        @Option(
                names = "--tier",
                paramLabel = "TIER",
                description = "Tier whose limits apply (default: server.default-tier).")
        String tier;

        @Option(
                names = "--tenant",
                paramLabel = "TENANT",
                defaultValue = "default",
                description = "Tenant (organisation unit). Default: ${DEFAULT-VALUE}.")
        String tenant;

        @Option(
                names = "--expires",
                paramLabel = "WHEN",
                description = "Expiry: a duration (30d, 12h, 90m) or a date (2026-12-31, UTC).")
        String expires;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            TrustgateConfig config = state.loadConfig();
            String t = tier != null ? tier : config.server().defaultTier();
            if (config.tiers().stream().noneMatch(x -> x.name().equals(t))) {
                throw new CliException(
                        "tier '" + t + "' is not in the configuration (" + config.source() + "); tiers: "
                                + config.tiers().stream().map(x -> x.name()).toList(),
                        2);
            }
            if (tenant.isBlank() || tenant.length() > 128) {
                throw new CliException("--tenant must be 1-128 characters", 2);
            }
            Instant now = Instant.now();
            Instant exp = expires == null ? ApiKey.NEVER : parseExpiry(expires, now);
            KeyIssuer.Issued issued;
            try {
                issued = new KeyIssuer().issue(name, tenant, t, now, exp);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage(), 2);
            }
            try (SqliteStore store = SqliteStore.open(state.dataDir())) {
                store.insert(issued.key());
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage(), 1);
            }
            PrintWriter err = spec.commandLine().getErr();
            ApiKey k = issued.key();
            audit(state, config, "key.create", k);
            err.println("Created key " + k.id() + " (name '" + k.name() + "', tier '" + k.tier() + "', tenant '"
                    + k.tenant() + "'" + (exp.equals(ApiKey.NEVER) ? "" : ", expires " + exp) + ").");
            err.println("This is the only time the key is shown; store it now.");
            err.flush();
            spec.commandLine().getOut().println(issued.secret());
            spec.commandLine().getOut().flush();
            return 0;
        }

        static Instant parseExpiry(String s, Instant now) {
            Instant at = Times.parse(s, now, 1, "--expires");
            if (!at.isAfter(now)) {
                throw new CliException("--expires must be in the future, was '" + s + "'", 2);
            }
            return at;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (never the keys themselves).")
    static final class ListKeys implements Callable<Integer> {
        @Mixin
        StateOptions state;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            List<ApiKey> keys;
            try (SqliteStore store = SqliteStore.open(state.dataDir())) {
                keys = store.list();
            }
            PrintWriter out = spec.commandLine().getOut();
            Instant now = Instant.now();
            if (json) {
                ArrayNode arr = Json.MAPPER.createArrayNode();
                for (ApiKey k : keys) {
                    arr.add(Json.key(k, now));
                }
                out.println(arr.toPrettyString());
            } else {
                Table t = new Table("ID", "NAME", "TENANT", "TIER", "PREFIX", "CREATED", "EXPIRES", "STATUS");
                for (ApiKey k : keys) {
                    t.row(
                            k.id(),
                            k.name(),
                            k.tenant(),
                            k.tier(),
                            k.prefix() + "...",
                            k.createdAt().toString(),
                            k.expiresAt().equals(ApiKey.NEVER)
                                    ? "never"
                                    : k.expiresAt().toString(),
                            status(k, now));
                }
                t.print(out, "No keys yet. Create one with: ./trustgate keys create --name NAME");
            }
            out.flush();
            return 0;
        }

        private static String status(ApiKey k, Instant now) {
            return k.revoked() ? "revoked" : k.activeAt(now) ? "active" : "expired";
        }
    }

    @Command(
            name = "revoke",
            mixinStandardHelpOptions = true,
            description = "Revoke a key by id or name; takes effect on the next request.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        StateOptions state;

        @Parameters(paramLabel = "KEY", description = "The key's id (key_...) or name.")
        String key;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            TrustgateConfig config = state.loadConfig();
            try (SqliteStore store = SqliteStore.open(state.dataDir())) {
                // the store keeps milliseconds and an earlier revocation's time: an earlier time means nothing changed
                Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
                ApiKey k = store.revoke(key, at)
                        .orElseThrow(() -> new CliException("no key with id or name '" + key + "'", 1));
                if (k.revokedAt().isBefore(at)) {
                    spec.commandLine()
                            .getErr()
                            .println("Key " + k.id() + " ('" + k.name() + "') was already revoked at " + k.revokedAt()
                                    + "; nothing changed.");
                    return 0;
                }
                audit(state, config, "key.revoke", k);
                spec.commandLine().getErr().println("Revoked key " + k.id() + " ('" + k.name() + "').");
            }
            return 0;
        }
    }

    /**
     * The audit event of a key action done from the command line: appended to the log, or handed to the running
     * gateway through the log's inbox. A failure is reported (exit 1) after the action: the key change stands.
     */
    static void audit(StateOptions state, TrustgateConfig config, String action, ApiKey k) {
        if (!config.audit().enabled()) {
            return;
        }
        io.trustgate.api.audit.AuditEvent e = io.trustgate.api.audit.AuditEvent.builder(
                        io.trustgate.api.audit.AuditEvent.Kind.ADMIN_ACTION, Instant.now())
                .requestId("cli")
                .keyId(k.id())
                .tenant(k.tenant())
                .context(k.tier())
                .status(200)
                .attribute("action", action)
                .attribute("actor", "cli:" + System.getProperty("user.name", "?"))
                .attribute("key_name", k.name())
                .build();
        try {
            io.trustgate.audit.AuditLog.record(config.audit().logConfig(AuditCommand.auditDir(state)), e);
        } catch (RuntimeException ex) {
            throw new CliException(action + " done, but its audit event could not be recorded: " + ex.getMessage(), 1);
        }
    }
}
