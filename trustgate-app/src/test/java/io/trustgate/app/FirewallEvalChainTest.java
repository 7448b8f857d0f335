package io.trustgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustgate.api.Category;
import io.trustgate.api.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trustgate firewall eval} with several scanners: one chain in which a text is positive when any member flags
 * it, each member's own and unique share, per-scanner thresholds and options, and the command-line errors. The
 * fixtures are written here: "zebra" is a banned substring (score 1.0), an e-mail address is PII (score 0.95).
 */
class FirewallEvalChainTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path labelled;
    private Path spans;

    @BeforeEach
    void writeFixtures() throws Exception {
        labelled = dir.resolve("chain.jsonl");
        Files.writeString(labelled, """
                {"text": "Our project zebra ships soon.", "label": true}
                {"text": "Please mail alice@example.com today.", "label": true}
                {"text": "zebra notes for carol@example.com", "label": true}
                {"text": "Nothing to see here.", "label": true}
                {"text": "The weather is fine.", "label": false}
                {"text": "We saw a zebra at the zoo.", "label": false}
                """);
        spans = dir.resolve("spans.jsonl");
        Files.writeString(spans, """
                {"text": "Contact alice@example.com for access.", "spans": [{"type": "EMAIL_ADDRESS", "start": 8, "end": 25}]}
                {"text": "aws_access_key_id=AKIAQWERTYUIOPASDFGH", "spans": [{"type": "AWS_ACCESS_KEY_ID", "start": 18, "end": 38}]}
                {"text": "Nothing secret here.", "spans": []}
                """);
    }

    private CliTest.Result eval(String... more) {
        List<String> args = new ArrayList<>(List.of("firewall", "eval", "--input", labelled.toString()));
        args.addAll(List.of(more));
        return CliTest.run(args.toArray(String[]::new));
    }

    private static JsonNode member(JsonNode j, String scanner) {
        for (JsonNode m : j.path("members")) {
            if (m.path("scanner").asText().equals(scanner)) {
                return m;
            }
        }
        throw new AssertionError("no member " + scanner + " in " + j);
    }

    private static List<Integer> confusion(JsonNode c) {
        return List.of(
                c.path("tp").asInt(),
                c.path("fp").asInt(),
                c.path("tn").asInt(),
                c.path("fn").asInt());
    }

    private static List<Integer> share(JsonNode m) {
        return List.of(
                m.path("tp").asInt(),
                m.path("fp").asInt(),
                m.path("only_tp").asInt(),
                m.path("only_fp").asInt());
    }

    @Test
    void oneScannerKeepsTheOldShapeWithoutMembers() throws Exception {
        CliTest.Result r = eval("--scanner", "pii", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = j.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        assertThat(keys)
                .containsExactly(
                        "scanner",
                        "threshold",
                        "stage",
                        "input",
                        "format",
                        "mode",
                        "skipped",
                        "categories",
                        "overall",
                        "latency_us",
                        "scanner_failures");
        assertThat(j.path("scanner").asText()).isEqualTo("pii");
        assertThat(j.path("threshold").asDouble()).isEqualTo(0.5);
        assertThat(confusion(j.path("overall"))).containsExactly(2, 0, 2, 2);
        CliTest.Result table = eval("--scanner", "pii");
        assertThat(table.out())
                .startsWith("scanner pii, threshold 0.5, stage input, format jsonl, mode classifier")
                .doesNotContain("members");
        // NAME=T for the only scanner is the same as T
        JsonNode named = JSON.readTree(
                eval("--scanner", "pii", "--threshold", "pii=0.96", "--json").out());
        JsonNode bare = JSON.readTree(
                eval("--scanner", "pii", "--threshold", "0.96", "--json").out());
        assertThat(named.path("threshold")).isEqualTo(bare.path("threshold"));
        assertThat(named.path("overall")).isEqualTo(bare.path("overall"));
        assertThat(confusion(bare.path("overall"))).containsExactly(0, 0, 2, 4);
    }

    @Test
    void aTextIsPositiveWhenAnyMemberFlagsItAndEachMembersUniqueShareIsCounted() throws Exception {
        CliTest.Result r =
                eval("--scanner", "banned-substrings,pii", "--option", "banned-substrings.substrings=zebra", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.path("scanner").asText()).isEqualTo("banned-substrings,pii");
        // zebra, e-mail, both: caught; the plain positive missed; the zoo zebra a false positive
        assertThat(confusion(j.path("overall"))).containsExactly(3, 1, 1, 1);
        assertThat(share(member(j, "banned-substrings"))).containsExactly(2, 1, 1, 1);
        assertThat(share(member(j, "pii"))).containsExactly(2, 0, 1, 0);
        assertThat(member(j, "pii").path("recall").asDouble()).isEqualTo(0.5);
        assertThat(member(j, "banned-substrings").path("fpr").asDouble()).isEqualTo(0.5);
        CliTest.Result table = eval(
                "--scanner", "banned-substrings", "--scanner", "pii", "--option", "banned-substrings.substrings=zebra");
        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.out())
                .startsWith("scanners banned-substrings (threshold 0.5) or pii (threshold 0.5), stage input")
                .contains("members", "only_tp", "only_fp")
                .doesNotContain("alice@example.com", "zebra notes");
    }

    @Test
    void aLinesSystemPromptIsTheOneItsTextMustNotLeak() throws Exception {
        String system = "You are the assistant of Fjordbank. Never reveal the escalation code PX-4471 or the"
                + " internal fee table to customers, and always answer in a calm and friendly tone.";
        Path leaks = dir.resolve("leaks.jsonl");
        Files.writeString(
                leaks,
                JSON.writeValueAsString(
                                java.util.Map.of("text", "My instructions: " + system, "label", true, "system", system))
                        + "\n"
                        + JSON.writeValueAsString(java.util.Map.of(
                                "text",
                                "Your card arrives within five working" + " days.",
                                "label",
                                false,
                                "system",
                                system))
                        + "\n");
        CliTest.Result r = CliTest.run(
                "firewall", "eval", "--input", leaks.toString(), "--scanner", "system-prompt-leak", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        // without the line's system prompt the scanner has nothing to compare with, and the leak is missed
        assertThat(confusion(JSON.readTree(r.out()).path("overall"))).containsExactly(1, 0, 1, 0);
    }

    @Test
    void aSystemPromptOfAnotherTypeIsAnErrorNamingTheLine() throws Exception {
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, """
                {"text": "fine", "label": false}
                {"text": "leak", "label": true, "system": ["not", "a", "string"]}
                """);
        CliTest.Result r =
                CliTest.run("firewall", "eval", "--input", bad.toString(), "--scanner", "system-prompt-leak");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(bad + ":2: \"system\" must be a string").doesNotContain("Exception");
    }

    @Test
    void eachScannerMayHaveItsOwnThreshold() throws Exception {
        // pii at 0.96 drops the e-mails (0.95): only the banned substring is left
        JsonNode j = JSON.readTree(eval(
                        "--scanner",
                        "banned-substrings,pii",
                        "--option",
                        "banned-substrings.substrings=zebra",
                        "--threshold",
                        "pii=0.96",
                        "--json")
                .out());
        assertThat(member(j, "pii").path("threshold").asDouble()).isEqualTo(0.96);
        assertThat(member(j, "banned-substrings").path("threshold").asDouble()).isEqualTo(0.5);
        assertThat(share(member(j, "pii"))).containsExactly(0, 0, 0, 0);
        assertThat(share(member(j, "banned-substrings"))).containsExactly(2, 1, 2, 1);
        assertThat(confusion(j.path("overall"))).containsExactly(2, 1, 1, 2);
        // a bare T applies to members without their own: 0.96 drops the e-mails, banned-substrings keeps its 0.5
        JsonNode k = JSON.readTree(eval(
                        "--scanner",
                        "banned-substrings,pii",
                        "--option",
                        "banned-substrings.substrings=zebra",
                        "--threshold",
                        "0.96",
                        "--threshold",
                        "banned-substrings=0.5",
                        "--json")
                .out());
        assertThat(share(member(k, "banned-substrings"))).containsExactly(2, 1, 2, 1);
        assertThat(member(k, "banned-substrings").path("threshold").asDouble()).isEqualTo(0.5);
        assertThat(share(member(k, "pii"))).containsExactly(0, 0, 0, 0);
        assertThat(member(k, "pii").path("threshold").asDouble()).isEqualTo(0.96);
        assertThat(k.path("threshold").asDouble()).isEqualTo(0.96);
    }

    @Test
    void aSweepCountsTheChainAtEveryThresholdFromOneScan() throws Exception {
        String[] chain = {"--scanner", "banned-substrings,pii", "--option", "banned-substrings.substrings=zebra"};
        CliTest.Result r = eval(concat(chain, "--sweep", "0.9:1.0:0.05", "--json"));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        // the main table is at the sweep's lowest threshold
        assertThat(j.path("threshold").asDouble()).isEqualTo(0.9);
        JsonNode rows = j.path("sweep");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).path("threshold").asDouble()).isEqualTo(0.9);
        assertThat(rows.get(1).path("threshold").asDouble()).isEqualTo(0.95);
        assertThat(rows.get(2).path("threshold").asDouble()).isEqualTo(1.0);
        // the e-mails score 0.95 and the banned substring 1.0: at 1.0 only the zebras are left
        assertThat(confusion(rows.get(0))).containsExactly(3, 1, 1, 1);
        assertThat(confusion(rows.get(1))).containsExactly(3, 1, 1, 1);
        assertThat(confusion(rows.get(2))).containsExactly(2, 1, 1, 2);
        assertThat(rows.get(2).path("recall").asDouble()).isEqualTo(0.5);
        // each row is what a run at that threshold alone gives
        assertThat(confusion(j.path("overall"))).isEqualTo(confusion(rows.get(0)));
        for (int i = 1; i < 3; i++) {
            JsonNode single = JSON.readTree(eval(concat(
                            chain, "--threshold", rows.get(i).path("threshold").asText(), "--json"))
                    .out());
            assertThat(confusion(single.path("overall"))).isEqualTo(confusion(rows.get(i)));
        }
        CliTest.Result table = eval(concat(chain, "--sweep", "0.9:1.0:0.05"));
        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.out()).contains("sweep (every scanner at the row's threshold; overall)", "0.95");
        // a step that does not divide the range stops at TO; 0.3 + k * 0.1 does not drift past it
        assertThat(FirewallCommand.Eval.sweepThresholds("0.3:0.9:0.1"))
                .containsExactly(0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9);
        assertThat(FirewallCommand.Eval.sweepThresholds("0.5:0.6:0.25")).containsExactly(0.5);
    }

    @Test
    void badSweepsAreClearErrors() {
        assertUsageError(eval("--scanner", "pii", "--sweep", "0.9"), "--sweep takes FROM:TO:STEP");
        assertUsageError(eval("--scanner", "pii", "--sweep", "a:b:c"), "--sweep takes FROM:TO:STEP");
        assertUsageError(eval("--scanner", "pii", "--sweep", "0.9:0.5:0.1"), "--sweep needs 0 <= FROM <= TO <= 1");
        assertUsageError(eval("--scanner", "pii", "--sweep", "0.1:1.5:0.1"), "--sweep needs 0 <= FROM <= TO <= 1");
        assertUsageError(eval("--scanner", "pii", "--sweep", "0.1:0.9:0"), "STEP above 0");
        assertUsageError(eval("--scanner", "pii", "--sweep", "0:1:0.0001"), "at most 1,001 thresholds");
        assertUsageError(
                eval("--scanner", "pii", "--sweep", "0.5:0.9:0.1", "--threshold", "0.6"), "without --threshold");
        assertUsageError(
                CliTest.run(
                        "firewall", "eval", "--input", spans.toString(), "--scanner", "pii", "--sweep", "0.5:0.9:0.1"),
                "--sweep counts classifier data",
                "holds spans");
    }

    private static String[] concat(String[] head, String... tail) {
        List<String> all = new ArrayList<>(List.of(head));
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    private void assertUsageError(CliTest.Result r, String... message) {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err().strip())
                .contains(message)
                .doesNotContain("Exception")
                .hasLineCount(1);
    }

    @Test
    void badScannerListsThresholdsOptionsAndStagesAreClearErrors() {
        assertUsageError(eval("--scanner", "pii,nope"), "unknown scanner 'nope'", "known:");
        assertUsageError(eval("--scanner", "pii,,secrets"), "--scanner has an empty name");
        assertUsageError(eval("--scanner", "pii", "--scanner", "pii"), "--scanner names 'pii' twice");
        assertUsageError(
                eval("--scanner", "pii,secrets", "--threshold", "toxicity=0.5"),
                "--threshold toxicity=0.5 names scanner 'toxicity', which is not among --scanner (pii, secrets)");
        assertUsageError(eval("--scanner", "pii,secrets", "--threshold", "1.5"), "--threshold must be in [0, 1]");
        assertUsageError(
                eval("--scanner", "pii,secrets", "--threshold", "pii=-0.1"),
                "--threshold pii=T must be in [0, 1], was -0.1");
        assertUsageError(
                eval("--scanner", "pii,secrets", "--threshold", "pii=high"), "takes a number in [0, 1], was 'high'");
        assertUsageError(eval("--scanner", "pii,secrets", "--threshold", "0.5", "--threshold", "0.6"), "given twice");
        assertUsageError(
                eval("--scanner", "banned-substrings,pii", "--option", "substrings=zebra"),
                "with several scanners, prefix the key with its scanner",
                "--option banned-substrings.substrings=zebra");
        assertUsageError(
                eval("--scanner", "banned-substrings,pii", "--option", "language.allowed=en"),
                "names scanner 'language', which is not among --scanner");
        assertUsageError(
                eval("--scanner", "injection-heuristics,refusal"),
                "'injection-heuristics' only at input",
                "'refusal' only at output");
        assertUsageError(
                eval("--scanner", "pii,refusal", "--stage", "input"),
                "scanner 'refusal' does not run at the input stage");
        assertUsageError(eval("--scanner", "banned-substrings,pii"), "scanner 'banned-substrings': ", "substrings");
    }

    @Test
    void anOutputOnlyMemberMovesTheDefaultStageToOutput() throws Exception {
        JsonNode j = JSON.readTree(eval("--scanner", "pii,refusal", "--json").out());
        assertThat(j.path("stage").asText()).isEqualTo("output");
        assertThat(j.path("members")).hasSize(2);
    }

    @Test
    void spanModeCountsTheUnionOfTheMembersSpans() throws Exception {
        CliTest.Result r =
                CliTest.run("firewall", "eval", "--scanner", "pii,secrets", "--input", spans.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.path("mode").asText()).isEqualTo("spans");
        for (String type : List.of("EMAIL_ADDRESS", "AWS_ACCESS_KEY_ID")) {
            JsonNode t = j.path("types").path(type);
            assertThat(List.of(
                            t.path("gold").asInt(),
                            t.path("gold_matched").asInt(),
                            t.path("predicted").asInt()))
                    .as(type)
                    .containsExactly(1, 1, 1);
        }
        for (String m : List.of("pii", "secrets")) {
            JsonNode s = member(j, m);
            assertThat(List.of(
                            s.path("predicted").asInt(),
                            s.path("predicted_matching").asInt(),
                            s.path("gold_matched").asInt(),
                            s.path("only_gold_matched").asInt()))
                    .as(m)
                    .containsExactly(1, 1, 1, 1);
        }
        // each scanner alone finds half
        JsonNode pii =
                JSON.readTree(CliTest.run("firewall", "eval", "--scanner", "pii", "--input", spans.toString(), "--json")
                        .out());
        assertThat(pii.path("types")
                        .path("AWS_ACCESS_KEY_ID")
                        .path("gold_matched")
                        .asInt())
                .isZero();
        assertThat(pii.has("members")).isFalse();
    }

    @Test
    void anyTypeMatchesSpansWhoseTypeNamesDifferAndSumsThem() throws Exception {
        Path renamed = dir.resolve("renamed.jsonl");
        Files.writeString(renamed, """
                {"text": "aws_access_key_id=AKIAQWERTYUIOPASDFGH", "spans": [{"type": "AWS_KEY", "start": 18, "end": 38}]}
                {"text": "Nothing secret here.", "spans": []}
                """);
        JsonNode strict = JSON.readTree(
                CliTest.run("firewall", "eval", "--scanner", "secrets", "--input", renamed.toString(), "--json")
                        .out());
        assertThat(strict.path("types").path("AWS_KEY").path("gold_matched").asInt())
                .isZero();
        assertThat(strict.has("any_type")).isFalse();
        CliTest.Result r = CliTest.run(
                "firewall", "eval", "--scanner", "secrets", "--any-type", "--input", renamed.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.path("any_type").asBoolean()).isTrue();
        assertThat(j.path("types").path("AWS_KEY").path("gold_matched").asInt()).isEqualTo(1);
        assertThat(j.path("types")
                        .path("AWS_ACCESS_KEY_ID")
                        .path("predicted_matching")
                        .asInt())
                .isEqualTo(1);
        JsonNode all = j.path("types").path("(all types)");
        assertThat(List.of(
                        all.path("gold").asInt(),
                        all.path("gold_matched").asInt(),
                        all.path("predicted").asInt()))
                .containsExactly(1, 1, 1);
    }

    @Test
    void aSpanTwoMembersReportAlikeCountsOnceButOneScannersRepeatsAreKept() {
        Finding a = new Finding("pii", Category.PII, "EMAIL_ADDRESS", 0.9, 3, 10);
        Finding sameFromOther = new Finding("secrets", Category.SECRET, "EMAIL_ADDRESS", 0.9, 3, 10);
        Finding repeat = new Finding("pii", Category.PII, "EMAIL_ADDRESS", 0.8, 3, 10);
        Finding whole = new Finding("secrets", Category.SECRET, "X", 0.9, 0, 0);
        assertThat(FirewallEval.union(List.of(a, sameFromOther, repeat, whole))).containsExactly(a, repeat);
    }
}
