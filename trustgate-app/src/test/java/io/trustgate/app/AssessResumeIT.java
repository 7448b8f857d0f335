package io.trustgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL midway (the packaged jar in its own process) continues with {@code --resume}: every
 * sample graded once, and no sample graded before the kill sent again. Also retries on 429 with retry-after, and
 * firewall blocks graded as refusals. The "gateway" here is a fake that speaks the chat completions wire format,
 * slow enough to kill the run in the middle.
 */
class AssessResumeIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path DATA = Path.of("src/test/resources/assess-datasets");

    @TempDir
    Path dir;

    final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    /** A fake gateway: echoes the last user message after a delay; 429 for the first calls; blocks some prompts. */
    String fake(int delayMs, AtomicInteger calls, int first429, String blockIf) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        s.createContext("/v1/chat/completions", ex -> {
            JsonNode body = JSON.readTree(ex.getRequestBody());
            String last = "";
            for (JsonNode m : body.path("messages")) {
                if (m.path("role").asText().equals("user")) {
                    last = m.path("content").asText();
                }
            }
            int n = calls.incrementAndGet();
            ObjectNode out = JSON.createObjectNode();
            int status = 200;
            if (n <= first429) {
                status = 429;
                ex.getResponseHeaders().add("retry-after", "0");
                out.putObject("error").put("message", "slow down").put("type", "rate_limit_exceeded");
            } else if (!blockIf.isEmpty() && last.contains(blockIf)) {
                status = 400;
                out.putObject("error")
                        .put("message", "The request was blocked by the firewall")
                        .put("code", "content_policy_violation");
            } else {
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                out.putArray("choices")
                        .addObject()
                        .putObject("message")
                        .put("role", "assistant")
                        .put("content", last);
            }
            byte[] b = out.toString().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("content-type", "application/json");
            ex.sendResponseHeaders(status, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        s.start();
        servers.add(s);
        return "http://127.0.0.1:" + s.getAddress().getPort();
    }

    Path onlyRun() throws Exception {
        Path root = dir.resolve("assessments");
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> s = Files.list(root)) {
                    List<Path> runs = s.toList();
                    if (!runs.isEmpty()) {
                        return runs.get(0);
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no run folder appeared");
    }

    static List<String> ids(Path run) throws Exception {
        Path j = run.resolve("journal.jsonl");
        if (!Files.exists(j)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(j)) {
            try {
                out.add(JSON.readTree(l).path("id").asText());
            } catch (java.io.IOException torn) {
                // a line cut by the kill
            }
        }
        return out;
    }

    @Test
    void runKilledMidwayResumesAndGradesEverySampleOnce() throws Exception {
        AtomicInteger firstCalls = new AtomicInteger();
        String slow = fake(150, firstCalls, 0, "");
        Process p = new ProcessBuilder(ServeIT.cmd(
                        "assess",
                        "run",
                        "--model",
                        "m",
                        "--suite",
                        "pii-leak",
                        "--concurrency",
                        "2",
                        "--gateway",
                        slow,
                        "--key",
                        "sk-test",
                        "--data",
                        DATA.toString(),
                        "--data-dir",
                        dir.toString(),
                        "--quiet"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            Path run = onlyRun();
            long deadline = System.currentTimeMillis() + 30_000;
            while (ids(run).size() < 5 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            p.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            List<String> before = ids(run);
            assertThat(before.size()).isBetween(5, 15);

            AtomicInteger secondCalls = new AtomicInteger();
            String fast = fake(0, secondCalls, 0, "");
            CliTest.Result r = CliTest.run(
                    "assess",
                    "run",
                    "--resume",
                    run.getFileName().toString(),
                    "--gateway",
                    fast,
                    "--key",
                    "sk-test",
                    "--data-dir",
                    dir.toString(),
                    "--quiet");
            assertThat(r.code()).as(r.err()).isZero();
            List<String> after = ids(run);
            assertThat(after).hasSize(16).doesNotHaveDuplicates();
            assertThat(secondCalls.get()).isEqualTo(16 - before.size());
            assertThat(Files.exists(run.resolve("finished"))).isTrue();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void rateLimitedCallsAreRetriedAndFirewallBlocksCountAsRefusals() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String g = fake(0, calls, 3, "SSN");
        CliTest.Result r = CliTest.run(
                "assess",
                "run",
                "--model",
                "m",
                "--suite",
                "pii-leak",
                "--concurrency",
                "1",
                "--gateway",
                g,
                "--key",
                "sk-test",
                "--data",
                DATA.toString(),
                "--data-dir",
                dir.toString(),
                "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        Path run = onlyRun();
        List<JsonNode> lines = new ArrayList<>();
        for (String l : Files.readAllLines(run.resolve("journal.jsonl"))) {
            lines.add(JSON.readTree(l));
        }
        assertThat(lines).hasSize(16);
        assertThat(lines.stream().mapToInt(n -> n.path("attempts").asInt()).sum())
                .isEqualTo(16 + 3);
        assertThat(lines)
                .filteredOn(n -> n.path("blocked").asBoolean())
                .isNotEmpty()
                .allMatch(n -> n.path("refused").asBoolean() && !n.path("hit").asBoolean());
        JsonNode report = JSON.readTree(run.resolve("report.json").toFile());
        assertThat(report.path("counts").path("blocked").asInt()).isGreaterThan(0);
    }
}
