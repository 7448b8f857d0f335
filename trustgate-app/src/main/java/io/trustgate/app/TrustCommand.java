package io.trustgate.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.policy.trust.Check;
import io.trustgate.policy.trust.Context;
import io.trustgate.policy.trust.DimensionScore;
import io.trustgate.policy.trust.Recommendation;
import io.trustgate.policy.trust.TrustDecision;
import io.trustgate.registry.profile.ProfileCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code trustgate trust --context NAME}: every model of the catalog decided for one context (docs/trust.md): the
 * allowed ones ranked with every reason and their scores, open and closed side by side, the recommended route, and
 * the others with their first failing reason. Exit codes: 0 done, 2 bad usage or invalid files.
 */
@Command(
        name = "trust",
        mixinStandardHelpOptions = true,
        description = "Which models may be used in a context, ranked, with every reason, and a recommended route.")
final class TrustCommand implements Callable<Integer> {
    @Mixin
    TrustSupport.Options opts;

    @Option(
            names = "--context",
            required = true,
            paramLabel = "NAME",
            description = "The context (see: contexts list).")
    String context;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Context c = opts.context(opts.loadContexts(), context);
        ProfileCatalog cat = opts.catalog.load();
        Recommendation r = opts.engine().recommend(c, opts.profiles(cat), cat::origin);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode n = TrustSupport.JSON.createObjectNode();
            n.set("context", TrustSupport.contextJson(c));
            ArrayNode route = n.putArray("route");
            r.route().forEach(d -> route.add(d.model()));
            n.put("hybrid", r.hybrid());
            ArrayNode open = n.putArray("open");
            r.open().forEach(d -> open.add(d.model()));
            ArrayNode closed = n.putArray("closed");
            r.closed().forEach(d -> closed.add(d.model()));
            ArrayNode ok = n.putArray("allowed");
            r.allowed().forEach(d -> ok.add(TrustSupport.decisionJson(d)));
            ArrayNode no = n.putArray("not-allowed");
            r.notAllowed().forEach(d -> no.add(TrustSupport.decisionJson(d)));
            out.println(TrustSupport.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n));
            out.flush();
            return 0;
        }
        out.println("Context " + c.name() + ": " + c.tier().key() + " risk ("
                + c.euAiAct().tierReason() + "), data " + c.dataSensitivity().key());
        out.println("Obligations: "
                + c.euAiAct().obligations().stream().map(o -> o.article()).collect(Collectors.joining(", "))
                + "  (trustgate contexts show " + c.name() + ")");
        out.println();
        out.println("Allowed: " + r.allowed().size() + " of "
                + (r.allowed().size() + r.notAllowed().size())
                + " models. Score = weighted mean of the six dimensions, unknown counted 0; coverage = share known.");
        int rank = 1;
        for (TrustDecision d : r.allowed()) {
            out.println(String.format(
                    java.util.Locale.ROOT,
                    "%2d. %s  [%s weights, %s]  score %s  coverage %s",
                    rank++,
                    d.model(),
                    d.weights().key(),
                    d.hosting().stream().map(h -> h.key()).sorted().collect(Collectors.joining("+")),
                    TrustSupport.score(d.score()),
                    TrustSupport.pct(d.coverage())));
            out.println("      " + dims(d.dimensions()));
            for (Check ch : d.checks()) {
                out.println("      " + ch);
            }
            out.println("      " + TrustSupport.gpaiLine(d.gpai()));
        }
        out.println();
        out.println("Open and closed, side by side (best first):");
        Table side = new Table("#", "OPEN WEIGHTS", "SCORE", "CLOSED WEIGHTS", "SCORE");
        int rows = Math.max(r.open().size(), r.closed().size());
        for (int i = 0; i < rows; i++) {
            side.row(
                    String.valueOf(i + 1),
                    cell(r.open(), i, true),
                    cell(r.open(), i, false),
                    cell(r.closed(), i, true),
                    cell(r.closed(), i, false));
        }
        side.print(out, "  none allowed");
        out.println();
        if (r.route().isEmpty()) {
            out.println("Route: none - no model meets every requirement of this context.");
        } else {
            out.println("Route" + (r.hybrid() ? " (hybrid)" : "") + ": "
                    + r.route().stream()
                            .map(d -> d.model() + " (" + d.weights().key() + ")")
                            .collect(Collectors.joining(" -> ")));
        }
        out.println();
        out.println("Not allowed: " + r.notAllowed().size());
        Table t = new Table("MODEL", "SCORE", "FIRST FAILING REASON");
        for (TrustDecision d : r.notAllowed()) {
            t.row(
                    d.model(),
                    TrustSupport.score(d.score()),
                    d.firstFailure().map(Check::toString).orElse("-"));
        }
        t.print(out, "  none");
        out.flush();
        return 0;
    }

    private static String cell(List<TrustDecision> l, int i, boolean name) {
        if (i >= l.size()) {
            return "";
        }
        return name ? l.get(i).model() : TrustSupport.score(l.get(i).score());
    }

    static String dims(List<DimensionScore> ds) {
        return ds.stream()
                .map(s -> s.dimension().key() + " " + TrustSupport.score(s.score()))
                .collect(Collectors.joining(", "));
    }
}
