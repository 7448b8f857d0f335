package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustgate.api.Tier;
import io.trustgate.api.UsageSummary;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tiers, rate limits and budgets enforced by a running gateway under concurrency. */
class LimitsIT {
    GatewayHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    static String chat(String text, String extra) {
        return "{\"model\":\"sandbox-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]" + extra
                + "}";
    }

    @Test
    void concurrentRequestsNeverOvershootASmallBudget() throws Exception {
        long tokenBudget = 3_000;
        long costBudget = 6_000; // micro-units; sandbox-echo costs 1 per prompt token and 2 per completion token
        h = new GatewayHarness()
                .sandbox()
                .model("sandbox-echo", "sandbox", "sandbox-echo")
                .tier(new Tier(
                        "small", List.of("*"), Tier.UNLIMITED, Tier.UNLIMITED, Tier.UNLIMITED, tokenBudget, costBudget))
                .start();
        String key = h.key("budget", "small");
        String text = "the quick brown fox jumps over the lazy dog ".repeat(4).strip();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<HttpResponse<String>>> fs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            boolean stream = i % 2 == 0;
            fs.add(pool.submit(
                    () -> h.post("/v1/chat/completions", key, chat(text, stream ? ",\"stream\":true" : ""))));
        }
        int ok = 0;
        int limited = 0;
        for (Future<HttpResponse<String>> f : fs) {
            int s = f.get().statusCode();
            if (s == 200) {
                ok++;
            } else {
                assertThat(s).isEqualTo(429);
                assertThat(f.get().headers().firstValue("retry-after")).isPresent();
                limited++;
            }
        }
        pool.shutdown();
        h.gateway().usageRecorder().flush();
        UsageSummary s =
                h.store().summarize(UsageSummary.GroupBy.KEY, Instant.EPOCH).get(0);
        assertThat(ok).isPositive();
        assertThat(limited).isPositive();
        assertThat(s.promptTokens() + s.completionTokens()).isLessThanOrEqualTo(tokenBudget);
        assertThat(s.costMicros()).isLessThanOrEqualTo(costBudget);
        assertThat(s.requests()).isEqualTo(300);
    }

    @Test
    void longPromptsAreCountedOffTheEventLoopAndCharged() throws Exception {
        h = new GatewayHarness()
                .sandbox()
                .model("sandbox-echo", "sandbox", "sandbox-echo")
                .start();
        String key = h.key("long");
        String text = "lorem ipsum dolor sit amet ".repeat(4_000); // ~108 KB, ~24k tokens
        HttpResponse<String> r = h.post("/v1/chat/completions", key, chat(text, ""));
        assertThat(r.statusCode()).isEqualTo(200);
        h.gateway().usageRecorder().flush();
        var u = h.store()
                .usageOf(r.headers().firstValue("x-request-id").orElseThrow())
                .get(0);
        assertThat(u.usage().promptTokens()).isGreaterThan(20_000);
    }

    @Test
    void requestsPerMinuteGives429WithRetryAfter() {
        h = new GatewayHarness()
                .sandbox()
                .model("sandbox-echo", "sandbox", "sandbox-echo")
                .tier(new Tier("slow", List.of("*"), 2, Tier.UNLIMITED, Tier.UNLIMITED, Tier.UNLIMITED, Tier.UNLIMITED))
                .start();
        String key = h.key("slow", "slow");
        assertThat(h.post("/v1/chat/completions", key, chat("a", "")).statusCode())
                .isEqualTo(200);
        assertThat(h.post("/v1/chat/completions", key, chat("a", "")).statusCode())
                .isEqualTo(200);
        HttpResponse<String> r = h.post("/v1/chat/completions", key, chat("a", ""));
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("retry-after"))
                .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 31L));
        assertThat(r.body()).contains("\"code\":\"rate_limit_exceeded\"");
        // Another key of the same tier has its own allowance.
        assertThat(h.post("/v1/chat/completions", h.key("other", "slow"), chat("a", ""))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void tierRestrictsModelsAndFallbacks() {
        h = new GatewayHarness()
                .sandbox()
                .model("sandbox-echo", "sandbox", "sandbox-echo")
                .model("premium", "sandbox", "sandbox-echo")
                .tier(new Tier(
                        "basic",
                        List.of("sandbox-*"),
                        Tier.UNLIMITED,
                        Tier.UNLIMITED,
                        Tier.UNLIMITED,
                        Tier.UNLIMITED,
                        Tier.UNLIMITED))
                .start();
        String key = h.key("b", "basic");
        assertThat(h.post("/v1/chat/completions", key, chat("a", "")).statusCode())
                .isEqualTo(200);
        HttpResponse<String> r =
                h.post("/v1/chat/completions", key, chat("a", "").replace("sandbox-echo", "premium"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("model_not_allowed");
        assertThat(h.get("/v1/models", key).body()).contains("sandbox-echo").doesNotContain("premium");
    }

    @Test
    void maxTokensPerRequestCapsTheSandboxAnswer() throws Exception {
        h = new GatewayHarness()
                .sandbox()
                .model("sandbox-echo", "sandbox", "sandbox-echo")
                .tier(new Tier(
                        "tiny", List.of("*"), Tier.UNLIMITED, Tier.UNLIMITED, 40, Tier.UNLIMITED, Tier.UNLIMITED))
                .start();
        String key = h.key("t", "tiny");
        String text = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
                + " seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three";
        HttpResponse<String> r = h.post("/v1/chat/completions", key, chat(text, ""));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"finish_reason\":\"length\"");
        HttpResponse<String> tooMuch = h.post("/v1/chat/completions", key, chat("hi", ",\"max_tokens\":100"));
        assertThat(tooMuch.statusCode()).isEqualTo(400);
        assertThat(tooMuch.body()).contains("\"param\":\"max_tokens\"");
    }

    @Test
    void aPromptOverTheTierLimitNamesTheFieldThatHoldsMostOfIt() throws Exception {
        h = new GatewayHarness()
                .sandbox()
                .model("sandbox-echo", "sandbox", "sandbox-echo")
                .embeddingModel("sandbox-embed", "sandbox", "sandbox-embed")
                .tier(new Tier(
                        "tiny", List.of("*"), Tier.UNLIMITED, Tier.UNLIMITED, 60, Tier.UNLIMITED, Tier.UNLIMITED))
                .start();
        String key = h.key("t", "tiny");
        String many = "one two three four five six seven eight nine ten ".repeat(8);
        String tools = ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"count\",\"description\":\"" + many
                + "\"}}]";
        HttpResponse<String> inTools = h.post("/v1/chat/completions", key, chat("hi", tools));
        assertThat(inTools.statusCode()).isEqualTo(400);
        JsonNode e = Json.MAPPER.readTree(inTools.body()).path("error");
        assertThat(e.path("param").asText()).isEqualTo("tools");
        assertThat(e.path("message").asText()).contains("'tools'");

        String schema = ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"n\","
                + "\"description\":\"" + many + "\"}}";
        assertThat(param(h.post("/v1/chat/completions", key, chat("hi", schema))))
                .isEqualTo("response_format");
        assertThat(param(h.post("/v1/chat/completions", key, chat(many, "")))).isEqualTo("messages");
        assertThat(param(h.post("/v1/embeddings", key, "{\"model\":\"sandbox-embed\",\"input\":\"" + many + "\"}")))
                .isEqualTo("input");
        assertThat(h.post("/v1/chat/completions", key, chat("hi", "")).statusCode())
                .isEqualTo(200);
    }

    private static String param(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        return Json.MAPPER.readTree(r.body()).path("error").path("param").asText();
    }
}
