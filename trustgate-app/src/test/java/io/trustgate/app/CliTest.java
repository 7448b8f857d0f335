package io.trustgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's contract: what goes to stdout (scriptable), what to stderr, and the exit codes. */
class CliTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {}

    static synchronized Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void keysCreatePrintsTheKeyAloneOnStdout() {
        Result r = run("keys", "create", "--name", "ci", "--data-dir", dir.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out().strip()).matches("sk-tg-[0-9A-Za-z]{43}");
        assertThat(r.err())
                .contains("only time the key is shown")
                .doesNotContain(r.out().strip());
    }

    @Test
    void keyActionsFromTheCommandLineAreAuditEvents() {
        String key = run("keys", "create", "--name", "ops", "--data-dir", dir.toString())
                .out()
                .strip();
        assertThat(run("keys", "revoke", "ops", "--data-dir", dir.toString()).code())
                .isZero();
        Result q = run("audit", "query", "--since", "24h", "--json", "--data-dir", dir.toString());
        assertThat(q.code()).as(q.err()).isZero();
        assertThat(q.out())
                .contains("\"ADMIN_ACTION\"", "key.create", "key.revoke", "\"cli:")
                .doesNotContain(key);
        assertThat(run("audit", "verify", "--data-dir", dir.toString()).code()).isZero();
    }

    @Test
    void keysListNeverShowsTheKeyAndSupportsJson() throws Exception {
        String key = run("keys", "create", "--name", "a", "--data-dir", dir.toString())
                .out()
                .strip();
        run("keys", "create", "--name", "b", "--expires", "30d", "--tenant", "acme", "--data-dir", dir.toString());
        Result text = run("keys", "list", "--data-dir", dir.toString());
        assertThat(text.out()).contains("a", "b", "acme", "active").doesNotContain(key);
        Result json = run("keys", "list", "--json", "--data-dir", dir.toString());
        JsonNode arr = new ObjectMapper().readTree(json.out());
        assertThat(arr).hasSize(2);
        assertThat(json.out()).doesNotContain(key);
    }

    @Test
    void revokeByNameMarksTheKeyRevoked() throws Exception {
        run("keys", "create", "--name", "gone", "--data-dir", dir.toString());
        assertThat(run("keys", "revoke", "gone", "--data-dir", dir.toString()).code())
                .isZero();
        JsonNode arr = new ObjectMapper()
                .readTree(run("keys", "list", "--json", "--data-dir", dir.toString())
                        .out());
        assertThat(arr.get(0).path("status").asText()).isEqualTo("revoked");
        assertThat(run("keys", "revoke", "nobody", "--data-dir", dir.toString()).code())
                .isEqualTo(1);
    }

    @Test
    void revokingAnAlreadyRevokedKeySaysSoAndAddsNoSecondEvent() {
        run("keys", "create", "--name", "twice", "--data-dir", dir.toString());
        assertThat(run("keys", "revoke", "twice", "--data-dir", dir.toString()).err())
                .contains("Revoked key");
        Result again = run("keys", "revoke", "twice", "--data-dir", dir.toString());
        assertThat(again.code()).isZero();
        assertThat(again.err()).contains("was already revoked", "nothing changed");
        Result q = run("audit", "query", "--since", "24h", "--json", "--data-dir", dir.toString());
        assertThat(q.out().split("key\\.revoke", -1)).as(q.out()).hasSize(2); // one revoke event
    }

    @Test
    void aDataDirThatIsAFileIsRefusedWithTheReason() throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("afile"), "x");
        Result r = run("keys", "list", "--data-dir", file.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip())
                .isEqualTo("trustgate: cannot create data directory " + file
                        + ": a file of that name exists and is not a directory");
    }

    @Test
    void duplicateNamesAndUnknownTiersAreRefusedClearly() {
        run("keys", "create", "--name", "dup", "--data-dir", dir.toString());
        Result dup = run("keys", "create", "--name", "dup", "--data-dir", dir.toString());
        assertThat(dup.code()).isEqualTo(1);
        assertThat(dup.err()).contains("already exists").doesNotContain("Exception");
        Result tier = run("keys", "create", "--name", "x", "--tier", "gold", "--data-dir", dir.toString());
        assertThat(tier.code()).isEqualTo(2);
        assertThat(tier.err()).contains("tier 'gold'");
    }

    @Test
    void usageIsEmptyOnAFreshStoreAndJsonIsAList() {
        Result r = run("usage", "--json", "--data-dir", dir.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out().strip()).isEqualTo("[ ]");
        assertThat(run("usage", "--by", "color", "--data-dir", dir.toString()).code())
                .isEqualTo(2);
    }

    @Test
    void everyCommandHasHelpThatPicocliFormatsWithoutWarnings() {
        List<List<String>> commands = new java.util.ArrayList<>();
        commands(new picocli.CommandLine(new Main()), List.of(), commands);
        assertThat(commands).as("the command tree").hasSizeGreaterThan(30);
        for (List<String> c : commands) {
            List<String> args = new java.util.ArrayList<>(c);
            args.add("--help");
            Result r = run(args.toArray(String[]::new));
            String name = String.join(" ", args);
            assertThat(r.code()).as(name).isZero();
            assertThat(r.out()).as(name).contains("Usage:");
            // picocli formats descriptions with String.format: a bare % is reported on stderr, not thrown
            assertThat(r.err()).as(name).doesNotContainIgnoringCase("picocli").isEmpty();
        }
    }

    /** Every command below {@code cl} (help excepted, it takes no --help), as the words that name it. */
    private static void commands(picocli.CommandLine cl, List<String> path, List<List<String>> into) {
        into.add(path);
        for (var e : cl.getSubcommands().entrySet()) {
            if (!e.getKey().equals("help") && e.getValue().getCommandName().equals(e.getKey())) {
                List<String> sub = new java.util.ArrayList<>(path);
                sub.add(e.getKey());
                commands(e.getValue(), sub, into);
            }
        }
    }

    @Test
    void firewallScanPrintsOneVerdictPerLineWithoutTheFoundValues() throws Exception {
        java.nio.file.Path in = dir.resolve("prompts.jsonl");
        java.nio.file.Files.writeString(
                in,
                String.join(
                        "\n",
                        "{\"text\": \"write to jane.doe@example.com please\"}",
                        "key ghp_aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5 here",
                        "",
                        "How do I kill a Python process?"));
        Result r = run("firewall", "scan", "--input", in.toString());
        assertThat(r.code()).isZero();
        java.util.List<JsonNode> out = r.out()
                .lines()
                .map(l -> {
                    try {
                        return new ObjectMapper().readTree(l);
                    } catch (java.io.IOException e) {
                        throw new AssertionError(e);
                    }
                })
                .toList();
        assertThat(out).extracting(n -> n.path("verdict").asText()).containsExactly("redact", "block", "allow");
        assertThat(out.get(0).path("text").asText()).isEqualTo("write to [EMAIL_ADDRESS_1] please");
        assertThat(out.get(1).path("findings").get(0).path("scanner").asText()).isEqualTo("secrets");
        assertThat(out.get(2).path("line").asInt()).isEqualTo(4);
        assertThat(r.out()).doesNotContain("jane.doe@example.com").doesNotContain("ghp_aB3");
        assertThat(run("firewall", "scan", "--stage", "sideways", "--input", in.toString())
                        .code())
                .isEqualTo(2);
    }

    @Test
    void firewallScanOfOutputsUsesTheOutputChainOfTheNamedContext() throws Exception {
        java.nio.file.Path config = dir.resolve("fw.yaml");
        java.nio.file.Files.writeString(
                config,
                "firewall:\n  output:\n    - {scanner: secrets, action: redact}\n"
                        + "tiers:\n  open:\n    models: ['*']\n  strict:\n    models: ['*']\n    firewall:\n"
                        + "      output:\n        - {scanner: secrets, action: block}\n"
                        + "server:\n  default-tier: open\n");
        java.nio.file.Path in = dir.resolve("answers.jsonl");
        java.nio.file.Files.writeString(
                in, "{\"text\": \"the key is AKIAABCDEFGHIJKLMNOP\", \"system\": \"You are a bot.\"}\n");
        Result open =
                run("firewall", "scan", "--config", config.toString(), "--stage", "output", "--input", in.toString());
        assertThat(open.code()).isZero();
        assertThat(new ObjectMapper().readTree(open.out()).path("verdict").asText())
                .isEqualTo("redact");
        Result strict = run(
                "firewall",
                "scan",
                "--config",
                config.toString(),
                "--context",
                "strict",
                "--stage",
                "output",
                "--input",
                in.toString());
        assertThat(new ObjectMapper().readTree(strict.out()).path("verdict").asText())
                .isEqualTo("block");
        Result unknown =
                run("firewall", "scan", "--config", config.toString(), "--context", "nope", "--input", in.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("'nope' is not a context", "nor a tier", "[open, strict]");
    }

    @Test
    void firewallScanOfAContextUsesTheFirewallTheGatewayAppliesInIt() throws Exception {
        java.nio.file.Path config = dir.resolve("fw.yaml");
        java.nio.file.Files.writeString(
                config,
                "firewall:\n  output:\n    - {scanner: secrets, action: redact}\n"
                        + "tiers:\n  open:\n    models: ['*']\n  plain:\n    models: ['*']\n"
                        + "  strict:\n    models: ['*']\n    firewall:\n"
                        + "      output:\n        - {scanner: secrets, action: block}\n"
                        + "server:\n  default-tier: open\n");
        java.nio.file.Path data = dir.resolve("data");
        java.nio.file.Files.createDirectories(data.resolve("contexts"));
        String context = "name: NAME\nowner: qa\neu-ai-act:\n  role: deployer\n  prohibited-practice: none\n"
                + "  annex-iii: none\ndata-sensitivity: internal\n";
        java.nio.file.Files.writeString(
                data.resolve("contexts/locked.yaml"), context.replace("NAME", "locked") + "firewall: strict\n");
        java.nio.file.Files.writeString(
                data.resolve("contexts/loose.yaml"), context.replace("NAME", "loose") + "firewall: plain\n");
        java.nio.file.Path in = dir.resolve("answers.jsonl");
        java.nio.file.Files.writeString(in, "{\"text\": \"the key is AKIAABCDEFGHIJKLMNOP\"}\n");
        java.util.function.Function<String[], Result> scan = extra -> {
            List<String> args = new java.util.ArrayList<>(List.of(
                    "firewall",
                    "scan",
                    "--config",
                    config.toString(),
                    "--data-dir",
                    data.toString(),
                    "--stage",
                    "output",
                    "--input",
                    in.toString()));
            args.addAll(List.of(extra));
            return run(args.toArray(String[]::new));
        };
        java.util.function.Function<Result, String> verdict = r -> {
            try {
                assertThat(r.code()).as(r.err()).isZero();
                return new ObjectMapper().readTree(r.out()).path("verdict").asText();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        };
        // a context that names a tier's firewall uses it, whatever the caller's tier
        assertThat(verdict.apply(scan.apply(new String[] {"--context", "locked"})))
                .isEqualTo("block");
        assertThat(verdict.apply(scan.apply(new String[] {"--context", "locked", "--tier", "open"})))
                .isEqualTo("block");
        // a shipped context names none: the caller's tier's firewall, the top-level one by default
        assertThat(verdict.apply(scan.apply(new String[] {"--context", "internal-tooling"})))
                .isEqualTo("redact");
        assertThat(verdict.apply(scan.apply(new String[] {"--context", "internal-tooling", "--tier", "strict"})))
                .isEqualTo("block");
        assertThat(verdict.apply(scan.apply(new String[] {"--tier", "strict"}))).isEqualTo("block");
        // the gateway refuses to start with a context whose firewall names a tier without firewall settings
        Result loose = scan.apply(new String[] {"--context", "loose"});
        assertThat(loose.code()).isEqualTo(2);
        assertThat(loose.err()).contains("context loose: firewall 'plain' names no tier with its own firewall");
        Result badTier = scan.apply(new String[] {"--tier", "nope"});
        assertThat(badTier.code()).isEqualTo(2);
        assertThat(badTier.err()).contains("--tier 'nope' is not a tier", "[open, plain, strict]");
    }

    @Test
    void firewallScannersListsEveryScannerWithItsStages() throws Exception {
        Result r = run("firewall", "scanners");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("SCANNER", "injection-heuristics", "system-prompt-leak", "input,output");
        JsonNode all = new ObjectMapper()
                .readTree(run("firewall", "scanners", "--json").out());
        assertThat(all.size()).isEqualTo(io.trustgate.firewall.Scanners.specs().size());
        assertThat(all.get(0).path("stages").size()).isPositive();
    }

    @Test
    void versionPrintsJavaVersion() {
        assertThat(run("version").out()).startsWith("trustgate ").contains("Java");
    }

    private static String resource(String name) {
        try {
            return Path.of(CliTest.class.getResource("/eval/" + name).toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void firewallEvalCountsALabelledFilePerCategory() throws Exception {
        Result r = run("firewall", "eval", "--scanner", "pii", "--input", resource("labelled.jsonl"), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.path("mode").asText()).isEqualTo("classifier");
        assertThat(j.path("stage").asText()).isEqualTo("input");
        JsonNode email = j.path("categories").path("email");
        assertThat(List.of(
                        email.path("tp").asInt(),
                        email.path("fp").asInt(),
                        email.path("tn").asInt(),
                        email.path("fn").asInt()))
                .containsExactly(1, 1, 1, 0);
        JsonNode phone = j.path("categories").path("phone");
        assertThat(List.of(
                        phone.path("tp").asInt(),
                        phone.path("fp").asInt(),
                        phone.path("tn").asInt(),
                        phone.path("fn").asInt()))
                .containsExactly(1, 0, 1, 1);
        JsonNode all = j.path("overall");
        assertThat(all.path("precision").asDouble()).isEqualTo(0.6667);
        assertThat(all.path("recall").asDouble()).isEqualTo(0.6667);
        assertThat(all.path("fpr").asDouble()).isEqualTo(0.3333);
        assertThat(all.path("balanced_accuracy").asDouble()).isEqualTo(0.6667);
        assertThat(j.path("latency_us").path("p50").isNumber()).isTrue();
        // the table form names every category and never prints the texts
        Result table = run("firewall", "eval", "--scanner", "pii", "--input", resource("labelled.jsonl"));
        assertThat(table.out())
                .contains("email", "phone", "(overall)", "precision", "p50")
                .doesNotContain("alice@example.com");
    }

    @Test
    void firewallEvalMatchesOverlappingSpansOfTheSameType() throws Exception {
        Result r = run("firewall", "eval", "--scanner", "pii", "--input", resource("spans.jsonl"), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode types = new ObjectMapper().readTree(r.out()).path("types");
        for (String t : List.of("EMAIL_ADDRESS", "PHONE_NUMBER", "PERSON")) {
            assertThat(types.path(t).path("recall").asDouble()).as(t).isEqualTo(1.0);
            assertThat(types.path(t).path("precision").asDouble()).as(t).isEqualTo(1.0);
        }
        assertThat(types.path("IP_ADDRESS").path("predicted").asInt()).isEqualTo(1);
        assertThat(types.path("IP_ADDRESS").path("precision").asDouble()).isEqualTo(0.0);
        assertThat(types.path("IP_ADDRESS").path("recall").isNull()).isTrue();
        assertThat(types.path("CREDIT_CARD").path("gold").asInt()).isEqualTo(1);
        assertThat(types.path("CREDIT_CARD").path("recall").asDouble()).isEqualTo(0.0);
    }

    @Test
    void firewallEvalReadsXstestCsvWithQuotedNewlines() throws Exception {
        Result r = run(
                "firewall",
                "eval",
                "--scanner",
                "injection-heuristics",
                "--input",
                resource("xstest-sample.csv"),
                "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.path("format").asText()).isEqualTo("xstest");
        assertThat(j.path("overall").path("n").asInt()).isEqualTo(3);
        assertThat(j.path("overall").path("positives").asInt()).isEqualTo(1);
        assertThat(j.path("categories").path("homonyms").path("n").asInt()).isEqualTo(2);
    }

    @Test
    void firewallEvalPassesScannerOptions() throws Exception {
        java.nio.file.Path in = dir.resolve("lang.jsonl");
        java.nio.file.Files.writeString(
                in,
                "{\"text\": \"Le train a été annulé à cause de la grève, nous arriverons demain matin.\", \"label\": true}\n"
                        + "{\"text\": \"The train was cancelled because of the strike, we will arrive tomorrow.\", \"label\": false}\n");
        Result r = run(
                "firewall",
                "eval",
                "--scanner",
                "language",
                "--option",
                "allowed=en,de",
                "--input",
                in.toString(),
                "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode all = new ObjectMapper().readTree(r.out()).path("overall");
        assertThat(all.path("tp").asInt()).isEqualTo(1);
        assertThat(all.path("tn").asInt()).isEqualTo(1);
        Result missing = run("firewall", "eval", "--scanner", "language", "--input", in.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("allowed").doesNotContain("Exception");
    }

    @Test
    void firewallEvalReportsBadInputAsOneLineWithFileAndLine() {
        Result bad = run("firewall", "eval", "--scanner", "pii", "--input", resource("bad.jsonl"));
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip())
                .contains("bad.jsonl:2: not valid JSON")
                .doesNotContain("Exception")
                .hasLineCount(1);
        Result missing = run(
                "firewall",
                "eval",
                "--scanner",
                "pii",
                "--input",
                dir.resolve("nope.jsonl").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("input file not found").doesNotContain("\tat ");
        Result unknown = run("firewall", "eval", "--scanner", "nope", "--input", resource("labelled.jsonl"));
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown scanner 'nope'");
        Result threshold =
                run("firewall", "eval", "--scanner", "pii", "--threshold", "2", "--input", resource("labelled.jsonl"));
        assertThat(threshold.code()).isEqualTo(2);
    }
}
