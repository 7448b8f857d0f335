package io.trustgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustgate.api.evidence.Evidence;
import io.trustgate.api.evidence.EvidenceKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trustgate assess ratings}: table and JSON output, evidence, one-line errors with exit codes. */
class AssessRatingsCommandTest {
    @TempDir
    Path dir;

    private Path battles() throws Exception {
        StringBuilder sb = new StringBuilder();
        String[][] games = {
            {"gpt-4", "vicuna", "model_a", "20"},
            {"vicuna", "gpt-4", "model_a", "10"},
            {"vicuna", "alpaca", "model_a", "20"},
            {"alpaca", "vicuna", "tie", "10"},
            {"gpt-4", "alpaca", "model_a", "30"},
            {"alpaca", "gpt-4", "tie (bothbad)", "5"}
        };
        for (String[] g : games) {
            for (int i = 0; i < Integer.parseInt(g[3]); i++) {
                sb.append(
                        "{\"model_a\": \"%s\", \"model_b\": \"%s\", \"winner\": \"%s\"}\n".formatted(g[0], g[1], g[2]));
            }
        }
        Path f = dir.resolve("battles.jsonl");
        Files.writeString(f, sb.toString());
        return f;
    }

    private CliTest.Result run(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--data-dir";
        all[args.length + 1] = dir.toString();
        return CliTest.run(all);
    }

    @Test
    void printsATableSortedByRatingWithIntervals() throws Exception {
        CliTest.Result r = run("assess", "ratings", "--battles", battles().toString(), "--bootstrap", "20");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("rank").contains("model", "rating", "95% interval", "battles");
        assertThat(lines.get(1)).startsWith("1").contains("gpt-4");
        assertThat(lines.get(3)).startsWith("3").contains("alpaca");
        assertThat(r.out()).contains("3 models, 95 battles; 20 of 20 bootstrap rounds used (seed 0)");
    }

    @Test
    void printsJsonWithTheSameFiguresForTheSameSeed() throws Exception {
        Path f = battles();
        CliTest.Result a = run(
                "assess",
                "ratings",
                "--battles",
                f.toString(),
                "--bootstrap",
                "30",
                "--seed",
                "5",
                "--json",
                "--anchor",
                "vicuna=1200");
        CliTest.Result b = run(
                "assess",
                "ratings",
                "--battles",
                f.toString(),
                "--bootstrap",
                "30",
                "--seed",
                "5",
                "--json",
                "--anchor",
                "vicuna=1200",
                "--threads",
                "1");
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(a.out()).isEqualTo(b.out());
        JsonNode arr = new ObjectMapper().readTree(a.out());
        assertThat(arr).hasSize(3);
        JsonNode first = arr.get(0);
        assertThat(first.get("model").asText()).isEqualTo("gpt-4");
        assertThat(first.get("lower").asDouble())
                .isLessThanOrEqualTo(first.get("upper").asDouble());
        assertThat(first.get("battles").asLong()).isEqualTo(65);
        JsonNode vicuna = arr.get(1);
        assertThat(vicuna.get("rating").asDouble()).isEqualTo(1200.0);
        assertThat(vicuna.fieldNames()).toIterable().containsExactly("model", "rating", "lower", "upper", "battles");
    }

    @Test
    void storesOneRatingEvidencePerModel() throws Exception {
        CliTest.Result r =
                run("assess", "ratings", "--battles", battles().toString(), "--bootstrap", "10", "--evidence");
        assertThat(r.code()).as(r.err()).isZero();
        List<Evidence> ev = new EvidenceFiles(dir).read("gpt-4");
        assertThat(ev).hasSize(1);
        Evidence e = ev.get(0);
        assertThat(e.kind()).isEqualTo(EvidenceKind.RATING);
        assertThat(e.name()).isEqualTo("arena-rating");
        assertThat(e.measurement("rating").orElseThrow().samples()).isEqualTo(65);
        assertThat(e.source()).startsWith("battles battles.jsonl (sha256 ");
    }

    @Test
    void reportsBadInputOnOneLineWithItsExitCode() throws Exception {
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"model_a\": \"a\", \"model_b\": \"b\", \"winner\": \"model_a\"}\n{\"model_a\": 1}\n");
        CliTest.Result r = run("assess", "ratings", "--battles", bad.toString(), "--format", "jsonl");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("bad.jsonl:2: model_a must be a string");

        Path oneSided = dir.resolve("one.jsonl");
        Files.writeString(oneSided, "{\"model_a\": \"a\", \"model_b\": \"b\", \"winner\": \"model_a\"}\n");
        CliTest.Result u = run("assess", "ratings", "--battles", oneSided.toString());
        assertThat(u.code()).isEqualTo(1);
        assertThat(u.err()).contains("b never won nor tied against a").doesNotContain("Exception");

        CliTest.Result missing =
                run("assess", "ratings", "--battles", dir.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("battle file not found");
        // QA pass 5 D9: a folder was reported as "battle file not found"
        CliTest.Result folder = run("assess", "ratings", "--battles", dir.toString());
        assertThat(folder.code()).isEqualTo(2);
        assertThat(folder.err())
                .isEqualTo("trustgate: " + dir + " is a directory, not a battle file" + System.lineSeparator());
        if (Files.exists(Path.of("/dev/null"))) {
            CliTest.Result device = run("assess", "ratings", "--battles", "/dev/null");
            assertThat(device.code()).isEqualTo(2);
            assertThat(device.err()).contains("/dev/null is not a regular file");
        }

        CliTest.Result anchor = run("assess", "ratings", "--battles", battles().toString(), "--anchor", "x");
        assertThat(anchor.code()).isEqualTo(2);
        assertThat(anchor.err()).contains("--anchor must be MODEL=RATING or mean");
    }
}
