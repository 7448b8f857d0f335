package io.trustgate.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.policy.trust.Check;
import io.trustgate.policy.trust.Context;
import io.trustgate.policy.trust.Contexts;
import io.trustgate.policy.trust.Dimension;
import io.trustgate.policy.trust.DimensionScore;
import io.trustgate.policy.trust.Signal;
import io.trustgate.policy.trust.TrustDecision;
import io.trustgate.policy.trust.TrustEngine;
import io.trustgate.registry.profile.ModelProfile;
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
import picocli.CommandLine.Parameters;

/**
 * {@code trustgate compare MODEL MODEL [--context NAME]}: two models side by side, dimension by dimension, each
 * signal with its basis; with a context, its requirements checked for both. Without one, a neutral context
 * ({@link Contexts#neutral()}: equal weights, only the licence checked for a non-commercial use). Exit codes: 0
 * done, 2 bad usage or an unknown model or context.
 */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = "Compare two models side by side, optionally for a context.")
final class CompareCommand implements Callable<Integer> {
    @Mixin
    TrustSupport.Options opts;

    @Parameters(arity = "2", paramLabel = "MODEL", description = "Two model ids or aliases.")
    List<String> models;

    @Option(names = "--context", paramLabel = "NAME", description = "Judge both for this context.")
    String context;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Context c = context == null ? Contexts.neutral() : opts.context(opts.loadContexts(), context);
        ProfileCatalog cat = opts.catalog.load();
        ModelProfile a = opts.profile(cat, models.get(0));
        ModelProfile b = opts.profile(cat, models.get(1));
        TrustEngine e = opts.engine();
        TrustDecision da = e.decide(a, cat.origin(a.id()), c);
        TrustDecision db = e.decide(b, cat.origin(b.id()), c);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode n = TrustSupport.JSON.createObjectNode();
            n.put("context", c.name());
            ArrayNode arr = n.putArray("models");
            arr.add(TrustSupport.decisionJson(da));
            arr.add(TrustSupport.decisionJson(db));
            out.println(TrustSupport.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n));
            out.flush();
            return 0;
        }
        out.println("Compared for context " + c.name() + (context == null ? " (no context given: equal weights)" : ""));
        Table t = new Table("", da.model(), db.model());
        t.row("weights", a.weights().key(), b.weights().key());
        t.row("hosting", hosting(da), hosting(db));
        t.row("licence", a.licence().id().display(), b.licence().id().display());
        t.row("provider", a.provider(), b.provider());
        t.row("allowed", allowed(da), allowed(db));
        t.row("eu-ai-act role", da.gpai().role(), db.gpai().role());
        t.row("systemic risk", da.gpai().systemicRisk(), db.gpai().systemicRisk());
        t.row("gpai duties", da.gpai().articles(), db.gpai().articles());
        t.row("score", TrustSupport.score(da.score()), TrustSupport.score(db.score()));
        t.row("coverage", TrustSupport.pct(da.coverage()), TrustSupport.pct(db.coverage()));
        for (Dimension d : Dimension.values()) {
            DimensionScore x = da.dimension(d);
            DimensionScore y = db.dimension(d);
            t.row(d.key() + " (x" + x.weight() + ")", TrustSupport.score(x.score()), TrustSupport.score(y.score()));
            for (int i = 0; i < x.signals().size(); i++) {
                t.row(
                        "  " + x.signals().get(i).name(),
                        signal(x.signals().get(i)),
                        signal(y.signals().get(i)));
            }
        }
        t.print(out, "");
        for (TrustDecision d : List.of(da, db)) {
            out.println();
            out.println(d.model() + ": " + allowed(d));
            for (Check ch : d.checks()) {
                out.println("  " + ch);
            }
            for (io.trustgate.policy.trust.Obligation o : d.gpai().duties()) {
                out.println("  gpai: " + o);
            }
            for (DimensionScore s : d.dimensions()) {
                for (Signal sig : s.signals()) {
                    if (sig.value().isPresent()) {
                        out.println("  " + s.dimension().key() + "/" + sig.name() + ": " + sig.basis() + " ["
                                + sig.source() + "]");
                    }
                }
            }
        }
        out.flush();
        return 0;
    }

    private static String hosting(TrustDecision d) {
        return d.hosting().stream().map(h -> h.key()).sorted().collect(Collectors.joining("+"));
    }

    private static String allowed(TrustDecision d) {
        return d.allowed()
                ? "allowed"
                : "not allowed ("
                        + d.firstFailure()
                                .map(f -> f.status().key() + ": " + f.requirement())
                                .orElse("") + ")";
    }

    private static String signal(Signal s) {
        return s.value().map(TrustSupport::score).orElse("unknown");
    }
}
