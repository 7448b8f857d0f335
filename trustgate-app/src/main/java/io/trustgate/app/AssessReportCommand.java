package io.trustgate.app;

import io.trustgate.assess.report.ReportHtml;
import io.trustgate.assess.report.ReportJson;
import io.trustgate.assess.report.RunReport;
import io.trustgate.assess.run.RunStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code trustgate assess report RUN}: writes a run's report as a self-contained HTML file or as JSON. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Write a run's report: self-contained HTML with charts (no scripts, opens offline) or JSON.")
final class AssessReportCommand implements Callable<Integer> {
    @Mixin
    StateOptions state;

    @Parameters(paramLabel = "RUN", description = "The run id (see: trustgate assess list).")
    String run;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "html",
            description = "html or json. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "Where to write it ('-' for stdout). Default: report.<format> in the run's folder.")
    String output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!format.equals("html") && !format.equals("json")) {
            throw new CliException("--format must be html or json, was " + format, 2);
        }
        RunStore store = new RunStore(state.dataDir());
        RunReport r = Assessments.report(store, Assessments.meta(store, run));
        String text =
                format.equals("html") ? ReportHtml.of(r) : ReportJson.of(r).toPrettyString() + "\n";
        if ("-".equals(output)) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
            return 0;
        }
        Path file = output != null ? Path.of(output) : store.dir(run).resolve("report." + format);
        Assessments.write(file, text);
        spec.commandLine().getOut().println(file);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
