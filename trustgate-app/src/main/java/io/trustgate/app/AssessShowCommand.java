package io.trustgate.app;

import io.trustgate.assess.grade.Rate;
import io.trustgate.assess.report.ReportJson;
import io.trustgate.assess.report.RunReport;
import io.trustgate.assess.run.RunStore;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code trustgate assess show RUN}: a run's figures, overall and per category, with their intervals. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "Show a run's figures: per metric and category, with 95%% Wilson intervals.")
final class AssessShowCommand implements Callable<Integer> {
    @Mixin
    StateOptions state;

    @Parameters(paramLabel = "RUN", description = "The run id (see: trustgate assess list).")
    String run;

    @Option(names = "--json", description = "Print the JSON report.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        RunStore store = new RunStore(state.dataDir());
        RunReport r = Assessments.report(store, Assessments.meta(store, run));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ReportJson.of(r).toPrettyString());
            out.flush();
            return 0;
        }
        out.println("Run " + r.meta().id() + ": " + r.meta().suite() + " on "
                + r.meta().model() + " (" + (r.finished() ? "finished" : "incomplete") + "), started "
                + r.meta().created());
        out.println("Samples: " + r.graded() + " graded, " + r.failed() + " failed, " + r.blocked()
                + " blocked by the firewall; refusal detector " + r.meta().refusalDetector()
                + r.meta().judge().map(j -> "; judge " + j).orElse(""));
        Table t = new Table("METRIC", "CATEGORY", "RATE", "95% CI", "HITS", "SAMPLES");
        r.metrics().forEach((m, f) -> {
            row(t, m, "(overall)", f.overall());
            f.byCategory().forEach((c, rate) -> row(t, m, c, rate));
        });
        t.print(out, "No graded samples yet.");
        r.bbq()
                .forEach((c, s) -> out.printf(
                        Locale.ROOT,
                        "BBQ %s: accuracy %.3f, bias score %.3f (95%% CI %.3f to %.3f), %d questions%n",
                        c,
                        s.accuracy(),
                        s.biasScore(),
                        s.lower(),
                        s.upper(),
                        s.samples()));
        r.judgeAgreement()
                .ifPresent(a -> out.printf(
                        Locale.ROOT,
                        "Rule detector vs judge: %.3f agreement on %d answers, Cohen's kappa %s%n",
                        a.percent(),
                        a.samples(),
                        a.kappa().isPresent()
                                ? String.format(Locale.ROOT, "%.3f", a.kappa().getAsDouble())
                                : "undefined"));
        out.flush();
        return 0;
    }

    private static void row(Table t, String metric, String category, Rate r) {
        t.row(
                metric,
                category,
                String.format(Locale.ROOT, "%.3f", r.value()),
                String.format(Locale.ROOT, "%.3f-%.3f", r.lower(), r.upper()),
                Long.toString(r.hits()),
                Long.toString(r.samples()));
    }
}
