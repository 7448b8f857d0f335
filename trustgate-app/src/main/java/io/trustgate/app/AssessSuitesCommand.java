package io.trustgate.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.trustgate.assess.suite.Suite;
import io.trustgate.assess.suite.Suites;
import io.trustgate.gateway.Json;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trustgate assess suites}: the built-in suites, one line each. */
@Command(name = "suites", mixinStandardHelpOptions = true, description = "List the assessment suites.")
final class AssessSuitesCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print JSON (with source and limits).")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ArrayNode arr = Json.MAPPER.createArrayNode();
            for (Suite s : Suites.all()) {
                arr.addObject()
                        .put("name", s.name())
                        .put("kind", s.kind().name().toLowerCase(Locale.ROOT))
                        .put("description", s.description())
                        .put("source", s.source())
                        .put("limits", s.limits());
            }
            out.println(arr.toPrettyString());
        } else {
            Table t = new Table("SUITE", "KIND", "MEASURES");
            for (Suite s : Suites.all()) {
                t.row(s.name(), s.kind().name().toLowerCase(Locale.ROOT), s.description());
            }
            t.print(out, "no suites");
            out.println("Also: --input FILE.jsonl, a user suite of {\"prompt\":..., \"expected\":...} lines.");
        }
        out.flush();
        return 0;
    }
}
