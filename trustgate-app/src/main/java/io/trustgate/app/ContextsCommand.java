package io.trustgate.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.trustgate.policy.trust.Context;
import io.trustgate.policy.trust.Contexts;
import io.trustgate.policy.trust.Obligation;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trustgate contexts}: the use cases models are judged for (docs/trust.md), the shipped examples plus the
 * user's folder. Exit codes: 0 done, 2 bad usage, an unknown context or an invalid context file.
 */
@Command(
        name = "contexts",
        mixinStandardHelpOptions = true,
        description = "Contexts (use cases): list, show with their EU AI Act tier, obligations and requirements.",
        subcommands = {ContextsCommand.ListCmd.class, ContextsCommand.Show.class})
final class ContextsCommand extends GroupCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the contexts.")
    static final class ListCmd implements Callable<Integer> {
        @Mixin
        TrustSupport.Options opts;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Contexts all = opts.loadContexts();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ArrayNode arr = TrustSupport.JSON.createArrayNode();
                all.all().forEach(c -> arr.add(TrustSupport.contextJson(c)));
                out.println(TrustSupport.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(arr));
            } else {
                Table t = new Table("NAME", "RISK TIER", "DATA", "SELF-HOSTING", "OWNER", "SOURCE");
                for (Context c : all.all()) {
                    t.row(
                            c.name(),
                            c.tier().key(),
                            c.dataSensitivity().key(),
                            c.requirements().selfHosting() ? "required" : "any",
                            c.owner(),
                            c.source());
                }
                t.print(out, "no contexts");
            }
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "Show one context: questionnaire, risk tier and obligations with articles, requirements,"
                    + " weights.")
    static final class Show implements Callable<Integer> {
        @Mixin
        TrustSupport.Options opts;

        @Parameters(paramLabel = "NAME", description = "Context name.")
        String name;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Context c = opts.context(opts.loadContexts(), name);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(TrustSupport.JSON
                        .writerWithDefaultPrettyPrinter()
                        .writeValueAsString(TrustSupport.contextJson(c)));
                out.flush();
                return 0;
            }
            out.println("Context " + c.name() + " (" + c.source() + ")");
            out.println("  " + c.description());
            out.println("  owner: " + c.owner() + "; data sensitivity: "
                    + c.dataSensitivity().key()
                    + c.firewall().map(f -> "; firewall: " + f).orElse(""));
            out.println();
            out.println(
                    "EU AI Act (Regulation (EU) 2024/1689), as " + c.euAiAct().role() + ":");
            out.println("  risk tier: " + c.tier().key() + " - " + c.euAiAct().tierReason());
            out.println("  obligations:");
            for (Obligation o : c.euAiAct().obligations()) {
                out.println("    " + o);
            }
            out.println();
            out.println("Requirements:");
            var r = c.requirements();
            out.println("  self-hosting: " + (r.selfHosting() ? "required" : "any"));
            out.println("  data (" + c.dataSensitivity().key() + "), a vendor-API-only model needs: "
                    + c.dataSensitivity().vendorApiRule() + "; self-hostable models meet it");
            r.dataResidency().ifPresent(x -> out.println("  data residency: " + x));
            var u = r.licenceUse();
            out.println("  licence use: " + (u.commercial() ? "commercial" : "non-commercial") + ", "
                    + u.monthlyActiveUsers() + " monthly active users, region " + u.region()
                    + (u.fineTune() ? ", fine-tuning" : "") + (u.hostedAsService() ? ", hosted as a service" : "")
                    + (u.purposes().isEmpty() ? "" : ", purposes " + u.purposes()) + "; accepted verdicts: "
                    + r.allowedLicenceVerdicts().stream()
                            .sorted()
                            .map(v -> v.yamlName())
                            .toList());
            r.minMofClass().ifPresent(m -> out.println("  minimum MOF class: " + m.label()));
            r.evidence().forEach(e -> out.println("  evidence: " + e.describe()));
            r.maxCostPerMillionTokens().ifPresent(m -> out.println("  max cost per 1M tokens: " + m));
            out.println();
            out.println("Weights: "
                    + c.weights().entrySet().stream()
                            .map(e -> e.getKey().key() + " " + e.getValue())
                            .toList());
            out.flush();
            return 0;
        }
    }
}
