package io.trustgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assess show|report|run --resume RUN_ID}: an id that is not a run id is a usage error, never a path. */
class AssessRunIdTest {
    @TempDir
    Path dir;

    private CliTest.Result run(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--data-dir";
        all[args.length + 1] = dir.toString();
        return CliTest.run(all);
    }

    @Test
    void anIdOutsideTheStoreIsRefusedWithExit2() throws Exception {
        // QA pass 5 D9: 'assess show ..' read <data-dir>/run.json, a file outside the assessments folder
        Files.writeString(dir.resolve("run.json"), """
                {"id": "20261126-000000-xstest-abcd", "model": "planted", "suite": "xstest", "datasets": "/d",
                 "limit": 0, "created": "2026-11-26T00:00:00Z", "refusal_detector": "prefix",
                 "temperature": 0, "max_tokens": 64}
                """);
        Files.createDirectories(dir.resolve("assessments"));
        for (String id : List.of("..", "../../../etc", "/etc", ".")) {
            for (List<String> cmd : List.of(
                    List.of("assess", "show", id),
                    List.of("assess", "report", id, "--output", "-"),
                    List.of("assess", "run", "--resume", id, "--key", "k"))) {
                CliTest.Result r = run(cmd.toArray(String[]::new));
                assertThat(r.code()).as(cmd + ": " + r.err()).isEqualTo(2);
                assertThat(r.err())
                        .as(cmd.toString())
                        .startsWith("trustgate: '" + id + "' is not a run id")
                        .contains("see: trustgate assess list")
                        .doesNotContain("Exception", "\tat ");
                assertThat(r.out()).as(cmd.toString()).doesNotContain("planted");
            }
        }
        assertThat(dir.resolve("report.html")).doesNotExist();
    }

    @Test
    void anUnknownRunIdIsAUsageErrorWithExit2() {
        // QA pass 5 D9: 'assess show nope' exited 1; an unknown id is exit 2 elsewhere (models, contexts)
        String id = "20261126-093000-xstest-1a2b";
        for (List<String> cmd : List.of(
                List.of("assess", "show", id),
                List.of("assess", "report", id),
                List.of("assess", "run", "--resume", id, "--key", "k"))) {
            CliTest.Result r = run(cmd.toArray(String[]::new));
            assertThat(r.code()).as(cmd + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).startsWith("trustgate: no run '" + id + "' in ").contains("see: trustgate assess list");
        }
    }
}
