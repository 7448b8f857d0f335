package io.trustgate.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.api.Price;
import io.trustgate.api.UsageSummary;
import io.trustgate.gateway.Json;
import io.trustgate.store.SqliteStore;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code trustgate usage}: requests, tokens, cost and latency per key, tenant or model. */
@Command(
        name = "usage",
        mixinStandardHelpOptions = true,
        description = "Show usage (requests, errors, tokens, cost, latency) per key, tenant or model.")
final class UsageCommand implements Callable<Integer> {
    @Mixin
    StateOptions state;

    @Option(
            names = "--by",
            paramLabel = "DIM",
            defaultValue = "key",
            description = "Group by: key, tenant, model or status. Default: ${DEFAULT-VALUE}.")
    String by;

    @Option(
            names = "--since",
            paramLabel = "WHEN",
            description =
                    "Start: a date (2026-11-01), an instant, or a duration back (24h, 7d). Default: start of this month (UTC).")
    String since;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        UsageSummary.GroupBy g = switch (by.toLowerCase(Locale.ROOT)) {
            case "key" -> UsageSummary.GroupBy.KEY;
            case "tenant" -> UsageSummary.GroupBy.TENANT;
            case "model" -> UsageSummary.GroupBy.MODEL;
            case "status" -> UsageSummary.GroupBy.STATUS;
            default -> throw new CliException("--by takes key, tenant, model or status, was '" + by + "'", 2);
        };
        Instant from = parseSince(since, Instant.now());
        List<UsageSummary> rows;
        try (SqliteStore store = SqliteStore.open(state.dataDir())) {
            rows = store.summarize(g, from);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ArrayNode arr = Json.MAPPER.createArrayNode();
            for (UsageSummary s : rows) {
                ObjectNode n = arr.addObject();
                n.put(by.toLowerCase(Locale.ROOT), s.group())
                        .put("requests", s.requests())
                        .put("errors", s.errors());
                n.put("prompt_tokens", s.promptTokens()).put("completion_tokens", s.completionTokens());
                n.put("cost", new java.math.BigDecimal(Price.formatMicros(s.costMicros())));
                n.put("avg_latency_ms", s.avgLatencyMicros() / 1000.0)
                        .put("max_latency_ms", s.maxLatencyMicros() / 1000.0);
            }
            out.println(arr.toPrettyString());
        } else {
            Table t = new Table(
                    by.toUpperCase(Locale.ROOT),
                    "REQUESTS",
                    "ERRORS",
                    "PROMPT_TOK",
                    "COMPL_TOK",
                    "COST",
                    "AVG_MS",
                    "MAX_MS");
            for (UsageSummary s : rows) {
                t.row(
                        s.group(),
                        Long.toString(s.requests()),
                        Long.toString(s.errors()),
                        Long.toString(s.promptTokens()),
                        Long.toString(s.completionTokens()),
                        Price.formatMicros(s.costMicros()),
                        String.format(Locale.ROOT, "%.1f", s.avgLatencyMicros() / 1000.0),
                        String.format(Locale.ROOT, "%.1f", s.maxLatencyMicros() / 1000.0));
            }
            spec.commandLine().getErr().println("Usage since " + from + ":");
            spec.commandLine().getErr().flush();
            t.print(out, "No usage recorded since " + from + ".");
        }
        out.flush();
        return 0;
    }

    static Instant parseSince(String s, Instant now) {
        if (s == null) {
            return YearMonth.now(ZoneOffset.UTC).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        return Times.parse(s, now, -1, "--since");
    }
}
