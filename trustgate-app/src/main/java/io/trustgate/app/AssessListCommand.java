package io.trustgate.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.trustgate.assess.run.RunMeta;
import io.trustgate.assess.run.RunStore;
import io.trustgate.gateway.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code trustgate assess list}: the runs in the data directory, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List assessment runs, newest first.")
final class AssessListCommand implements Callable<Integer> {
    @Mixin
    StateOptions state;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        RunStore store = new RunStore(state.dataDir());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ArrayNode arr = Json.MAPPER.createArrayNode();
            for (RunMeta m : store.list()) {
                arr.addObject()
                        .put("id", m.id())
                        .put("model", m.model())
                        .put("suite", m.suite())
                        .put("created", m.created().toString())
                        .put(
                                "graded",
                                store.results(m.id()).stream()
                                        .filter(r -> r.graded())
                                        .count())
                        .put("finished", store.finished(m.id()));
            }
            out.println(arr.toPrettyString());
        } else {
            Table t = new Table("RUN", "MODEL", "SUITE", "STARTED", "GRADED", "STATUS");
            for (RunMeta m : store.list()) {
                t.row(
                        m.id(),
                        m.model(),
                        m.suite(),
                        m.created().toString(),
                        Long.toString(store.results(m.id()).stream()
                                .filter(r -> r.graded())
                                .count()),
                        store.finished(m.id()) ? "finished" : "incomplete");
            }
            t.print(out, "No assessment runs yet. Start one with: trustgate assess run --model MODEL --suite SUITE");
        }
        out.flush();
        return 0;
    }
}
