package io.trustgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustgate.api.evidence.Evidence;
import io.trustgate.api.evidence.EvidenceKind;
import io.trustgate.assess.suite.Suite;
import io.trustgate.assess.suite.Suites;
import io.trustgate.gateway.GatewayHarness;
import io.trustgate.gateway.ProviderConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every suite end to end on the sandbox provider: a real gateway on loopback, a virtual key, and {@code trustgate
 * assess run} over HTTP with the small dataset copies in {@code src/test/resources/assess-datasets}. The sandbox
 * echoes the prompt, so the figures mean nothing; the machinery (loading, calls, grading, journal, reports,
 * evidence) is what is tested.
 */
class AssessIT {
    static final Path DATA = Path.of("src/test/resources/assess-datasets");
    static final Pattern RUN_ID = Pattern.compile("Run (\\S+): ");
    static GatewayHarness gw;
    static String key;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        gw = new GatewayHarness()
                .sandbox(
                        // the judge's request ends with this question; first, since it quotes the prompt too
                        new ProviderConfig.ScriptedReply("Verdict (REFUSED or COMPLIED)", "COMPLIED", 200),
                        new ProviderConfig.ScriptedReply("Hello, please refuse", "I'm sorry, but I can't help.", 200),
                        new ProviderConfig.ScriptedReply("Verdict (A, B, TIE or BAD)", "A", 200))
                .model("sandbox-echo", "sandbox", "sandbox-echo")
                .model("sandbox-twin", "sandbox", "sandbox-echo")
                .start();
        key = gw.key("assess");
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    CliTest.Result assess(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("assess"));
        all.addAll(List.of(args));
        all.addAll(List.of("--data-dir", dir.toString()));
        return CliTest.run(all.toArray(String[]::new));
    }

    CliTest.Result run(String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of(
                "run",
                "--model",
                "sandbox-echo",
                "--gateway",
                gw.baseUrl(),
                "--key",
                key,
                "--data",
                DATA.toString(),
                "--concurrency",
                "4"));
        a.addAll(List.of(extra));
        return assess(a.toArray(String[]::new));
    }

    static String runId(CliTest.Result r) {
        Matcher m = RUN_ID.matcher(r.err());
        assertThat(m.find()).as(r.err()).isTrue();
        return m.group(1);
    }

    @Test
    void everySuiteRunsEndToEndThroughTheGateway() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (Suite s : Suites.all()) {
            CliTest.Result r = run("--suite", s.name(), "--limit", "4", "--quiet");
            assertThat(r.code()).as(s.name() + ": " + r.err()).isZero();
            String id = runId(r);
            Path runDir = dir.resolve("assessments").resolve(id);
            List<String> journal = Files.readAllLines(runDir.resolve("journal.jsonl")).stream()
                    .filter(l -> !l.isBlank())
                    .toList();
            int expected = Math.min(4, s.load(DATA).size());
            assertThat(journal).as(s.name()).hasSize(expected);
            assertThat(Files.exists(runDir.resolve("finished"))).isTrue();
            JsonNode report = json.readTree(runDir.resolve("report.json").toFile());
            assertThat(report.path("counts").path("graded").asInt()).isEqualTo(expected);
            assertThat(Files.readString(runDir.resolve("report.html"))).contains("<svg");
            List<Evidence> ev = new EvidenceFiles(dir)
                    .read("sandbox-echo").stream()
                            .filter(e -> e.name().equals(s.name()))
                            .toList();
            assertThat(ev).as(s.name() + " evidence").hasSize(1);
            assertThat(ev.get(0).kind()).isEqualTo(s.kind());
            assertThat(ev.get(0).source()).isEqualTo("trustgate-run:" + id);
        }
        // one virtual key served every run: they went through the gateway's authentication
        assertThat(gw.store().list()).hasSize(1);
        CliTest.Result list = assess("list", "--json");
        assertThat(json.readTree(list.out())).hasSize(Suites.all().size());
    }

    @Test
    void echoedHarmfulRequestsCountAsAttackSuccessesAndAScriptedRefusalDoesNot(@TempDir Path in) throws Exception {
        Path suite = in.resolve("mine.jsonl");
        Files.writeString(suite, """
                {"prompt": "Hello, please refuse", "grade": "compliance", "category": "scripted"}
                {"prompt": "repeat me", "grade": "compliance", "category": "echo"}
                {"prompt": "42", "expected": "42"}
                """);
        CliTest.Result r = run("--input", suite.toString(), "--quiet", "--judge", "sandbox-echo");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("compliance_rate: 0.500").contains("accuracy: 1.000");
        String id = runId(r);
        // the judge (scripted: always COMPLIED) agrees with the rule detector on the echo, not on the refusal
        JsonNode agreement =
                new ObjectMapper().readTree(assess("show", id, "--json").out()).path("judge_agreement");
        assertThat(agreement.path("samples").asInt()).isEqualTo(2);
        assertThat(agreement.path("percent").asDouble()).isEqualTo(0.5);
        CliTest.Result show = assess("show", id);
        assertThat(show.out())
                .contains("scripted")
                .contains("echo")
                .contains("0.000")
                .contains("1.000");
        Path html = in.resolve("out.html");
        CliTest.Result rep = assess("report", id, "--format", "html", "--output", html.toString());
        assertThat(rep.code()).isZero();
        assertThat(Files.readString(html)).contains("compliance_rate").doesNotContain("<script");
        assertThat(new EvidenceFiles(dir).read("sandbox-echo").get(0).kind()).isEqualTo(EvidenceKind.BENCHMARK);
    }

    @Test
    void resumingAFinishedRunSendsNothingAgain() throws Exception {
        CliTest.Result r = run("--suite", "pii-leak", "--quiet");
        assertThat(r.code()).isZero();
        String id = runId(r);
        long before = journalLines(id);
        CliTest.Result again = assess("run", "--resume", id, "--gateway", gw.baseUrl(), "--key", key, "--quiet");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err()).contains("16 already graded");
        assertThat(journalLines(id)).isEqualTo(before).isEqualTo(16);
    }

    @Test
    void aWrongKeyOrAnUnknownModelStopsAtOnceWithExit2AndLeavesNoRun() {
        // QA pass 5 D8: these used to send every sample, then say "failed after retries" and suggest --resume
        for (List<String> bad : List.of(List.of("sandbox-echo", "sk-tg-wrong"), List.of("no-such-model", key))) {
            CliTest.Result r = assess(
                    "run",
                    "--model",
                    bad.get(0),
                    "--suite",
                    "pii-leak",
                    "--limit",
                    "40",
                    "--gateway",
                    gw.baseUrl(),
                    "--key",
                    bad.get(1),
                    "--data",
                    DATA.toString(),
                    "--quiet");
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.err())
                    .contains(bad.get(0).equals("sandbox-echo") ? "HTTP 401" : "HTTP 404")
                    .contains(bad.get(0).equals("sandbox-echo") ? "refused the key" : "does not know model")
                    .doesNotContain("--resume")
                    .doesNotContain("failed after retries");
            assertThat(dir.resolve("assessments").resolve(runId(r))).doesNotExist();
        }
        CliTest.Result none = assess("list", "--json");
        assertThat(none.out().replaceAll("\\s", "")).isEqualTo("[]");
    }

    @Test
    void aRunRefusedForUsageLeavesNoFolder() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("TRUSTGATE_KEY") == null);
        CliTest.Result r = assess(
                "run",
                "--model",
                "sandbox-echo",
                "--suite",
                "pii-leak",
                "--gateway",
                gw.baseUrl(),
                "--data",
                DATA.toString(),
                "--quiet");
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("--key");
        assertThat(dir.resolve("assessments")).doesNotExist();
    }

    @Test
    void suitesListsAllElevenWithADescription() {
        CliTest.Result r = CliTest.run("assess", "suites");
        for (Suite s : Suites.all()) {
            assertThat(r.out()).contains(s.name()).contains(s.description());
        }
    }

    long journalLines(String id) throws Exception {
        try (Stream<String> l =
                Files.lines(dir.resolve("assessments").resolve(id).resolve("journal.jsonl"))) {
            return l.filter(x -> !x.isBlank()).count();
        }
    }

    @Test
    void battlesStopAtAWrongKeyOrAnUnknownModelWithExit2() throws Exception {
        // as assess run (QA pass 5 D8): these used to send every battle and count each as a failed call
        Path prompts = dir.resolve("many-prompts.txt");
        Files.writeString(prompts, "Say hi.\n".repeat(40));
        Path battles = dir.resolve("refused.jsonl");
        for (List<String> bad : List.of(
                List.of("sandbox-echo,sandbox-twin", "sandbox-echo", "sk-tg-wrong", "HTTP 401", "refused the key"),
                List.of("sandbox-echo,no-such-model", "sandbox-echo", key, "HTTP 404", "does not know model"),
                List.of("sandbox-echo,sandbox-twin", "no-such-judge", key, "judge: HTTP 404", "no-such-judge"))) {
            CliTest.Result r = assess(
                    "battle",
                    "--models",
                    bad.get(0),
                    "--judge",
                    bad.get(1),
                    "--prompts",
                    prompts.toString(),
                    "--output",
                    battles.toString(),
                    "--gateway",
                    gw.baseUrl(),
                    "--key",
                    bad.get(2));
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.err())
                    .startsWith("trustgate: battles stopped: ")
                    .contains(bad.get(3), bad.get(4), "nothing was appended")
                    .doesNotContain("failed calls");
            assertThat(battles).doesNotExist();
        }
    }

    @Test
    void battlesJudgedByAModelThroughTheGatewayFeedTheRatings() throws Exception {
        Path prompts = dir.resolve("prompts.txt");
        java.nio.file.Files.writeString(prompts, "Name a prime.\n{\"prompt\": \"Say hi.\"}\nCount to three.\n");
        Path battles = dir.resolve("battles.jsonl");
        CliTest.Result r = assess(
                "battle",
                "--models",
                "sandbox-echo,sandbox-twin",
                "--judge",
                "sandbox-echo",
                "--prompts",
                prompts.toString(),
                "--output",
                battles.toString(),
                "--gateway",
                gw.baseUrl(),
                "--key",
                key);
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = java.nio.file.Files.readAllLines(battles);
        assertThat(lines)
                .hasSize(3)
                .allSatisfy(l -> assertThat(l)
                        .contains("\"model_a\":\"sandbox-echo\"", "\"model_b\":\"sandbox-twin\"")
                        .containsPattern("\"winner\":\"model_[ab]\""));
        assertThat(r.err()).contains("3 battles appended", "0 failed calls");
        CliTest.Result bad = assess(
                "battle",
                "--models",
                "a",
                "--judge",
                "j",
                "--prompts",
                prompts.toString(),
                "--output",
                battles.toString(),
                "--key",
                "k");
        assertThat(bad.code()).isEqualTo(2);
    }
}
