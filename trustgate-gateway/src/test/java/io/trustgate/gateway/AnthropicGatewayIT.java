package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustgate.api.Usage;
import io.trustgate.api.UsageRecord;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway in front of Anthropic: OpenAI-format clients call a Claude model through the gateway's HTTP API and
 * get OpenAI-format answers, with retries, fallback to an open model behind an OpenAI-compatible server, and usage.
 */
class AnthropicGatewayIT {
    static final ObjectMapper M = new ObjectMapper();
    static Vertx vertx;
    FakeAnthropicServer claude;
    FakeOpenAiServer open;
    GatewayHarness h;
    String key;

    @BeforeAll
    static void vertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    @BeforeEach
    void start() throws Exception {
        claude = FakeAnthropicServer.start(vertx)
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        open = new FakeOpenAiServer(vertx, "open-key");
        h = new GatewayHarness()
                .provider(anthropic("anthropic", claude))
                .provider(GatewayHarness.openai("vllm", open, "open-key"))
                .model("claude", "anthropic", FakeAnthropicServer.MODEL, "open")
                .model("open", "vllm", "llama-open")
                .start();
        key = h.key("k");
    }

    @AfterEach
    void tearDown() {
        h.close();
        claude.close();
        open.close();
    }

    /** An Anthropic provider pointing at the fake, with the harness's fast retries and a breaker of 3. */
    static ProviderConfig anthropic(String name, FakeAnthropicServer fake) {
        return GatewayHarness.upstream(
                name, ProviderConfig.Kind.ANTHROPIC, fake.baseUrl(), FakeAnthropicServer.API_KEY, "2023-06-01");
    }

    private static String chat(String model, String text, boolean stream, boolean usage) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream
                + (usage ? ",\"stream_options\":{\"include_usage\":true}" : "")
                + ",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\""
                + text + "\"}]}";
    }

    private UsageRecord usageOf(HttpResponse<String> r) {
        h.gateway().usageRecorder().flush();
        List<UsageRecord> records =
                h.store().usageOf(r.headers().firstValue("x-request-id").orElseThrow());
        assertThat(records).hasSize(1);
        return records.getFirst();
    }

    @Test
    void answersAnOpenAiRequestInOpenAiFormatAndRecordsUsage() throws Exception {
        claude.answerWith(new FakeAnthropicServer.Behaviour.Text("Hello from Claude.", "end_turn"));
        HttpResponse<String> r = h.post("/v1/chat/completions", key, chat("claude", "Say hello", false, false));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode body = M.readTree(r.body());
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.at("/choices/0/message/role").asText()).isEqualTo("assistant");
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Hello from Claude.");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(FakeAnthropicServer.INPUT_TOKENS);
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(3);
        assertThat(claude.lastRequest().getString("model")).isEqualTo(FakeAnthropicServer.MODEL);
        assertThat(claude.lastHeaders()).containsEntry("x-api-key", FakeAnthropicServer.API_KEY);

        UsageRecord u = usageOf(r);
        assertThat(u.status()).isEqualTo(200);
        assertThat(u.modelServed()).isEqualTo("claude");
        assertThat(u.provider()).isEqualTo("anthropic");
        assertThat(u.usage()).isEqualTo(new Usage(FakeAnthropicServer.INPUT_TOKENS, 3));
        assertThat(u.attempts()).isEqualTo(1);
    }

    @Test
    void streamsOpenAiChunksEndingWithDoneAndRecordsUsage() throws Exception {
        claude.answerWith(new FakeAnthropicServer.Behaviour.Text("One two three four.", "end_turn"));
        HttpResponse<String> r = h.post("/v1/chat/completions", key, chat("claude", "Count", true, true));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(r.body()).startsWith("data: ").endsWith("data: [DONE]\n\n");
        StringBuilder text = new StringBuilder();
        JsonNode last = null;
        for (String event : r.body().split("\n\n")) {
            assertThat(event).startsWith("data: ");
            String data = event.substring("data: ".length());
            if (data.equals("[DONE]")) {
                continue;
            }
            JsonNode chunk = M.readTree(data);
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            for (JsonNode c : chunk.path("choices")) {
                text.append(c.at("/delta/content").asText(""));
            }
            last = chunk;
        }
        assertThat(text).hasToString("One two three four.");
        assertThat(last.path("choices")).as("the usage chunk, asked for").isEmpty();
        assertThat(last.at("/usage/prompt_tokens").asInt()).isEqualTo(FakeAnthropicServer.INPUT_TOKENS);
        assertThat(claude.lastRequest().getBoolean("stream")).isTrue();

        UsageRecord u = usageOf(r);
        assertThat(u.status()).isEqualTo(200);
        assertThat(u.usage()).isEqualTo(new Usage(FakeAnthropicServer.INPUT_TOKENS, 4));
    }

    @Test
    void translatesTheSystemPromptAndToolsAndAnswersWithToolCalls() throws Exception {
        claude.answerWith(new FakeAnthropicServer.Behaviour.ToolUse("toolu_7", "weather", "{\"city\":\"Oslo\"}"));
        String body = """
                {"model":"claude","messages":[
                  {"role":"system","content":"You are a weather bot."},
                  {"role":"user","content":"Weather in Oslo?"}],
                 "tools":[{"type":"function","function":{"name":"weather","description":"Current weather",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],
                 "tool_choice":"required"}""";
        HttpResponse<String> r = h.post("/v1/chat/completions", key, body);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode sent = M.readTree(claude.lastRequest().encode());
        assertThat(sent.path("system").asText()).isEqualTo("You are a weather bot.");
        assertThat(sent.path("messages")).hasSize(1);
        assertThat(sent.at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(sent.at("/tools/0/name").asText()).isEqualTo("weather");
        assertThat(sent.at("/tools/0/description").asText()).isEqualTo("Current weather");
        assertThat(sent.at("/tools/0/input_schema")).isEqualTo(M.readTree(body).at("/tools/0/function/parameters"));
        assertThat(sent.path("tool_choice")).isEqualTo(M.readTree("{\"type\":\"any\"}"));

        JsonNode answer = M.readTree(r.body());
        assertThat(answer.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        JsonNode call = answer.at("/choices/0/message/tool_calls/0");
        assertThat(call.path("id").asText()).isEqualTo("toolu_7");
        assertThat(call.at("/function/name").asText()).isEqualTo("weather");
        assertThat(M.readTree(call.at("/function/arguments").asText())).isEqualTo(M.readTree("{\"city\":\"Oslo\"}"));
    }

    @Test
    void retriesAnOverloadedAnthropicAndSucceeds() throws Exception {
        claude.answerWith(new FakeAnthropicServer.Behaviour.Text("Second time lucky.", "end_turn"));
        claude.enqueue(new FakeAnthropicServer.Behaviour.Error(529, "overloaded_error", "Overloaded", 0));
        HttpResponse<String> r = h.post("/v1/chat/completions", key, chat("claude", "Hi", false, false));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(M.readTree(r.body()).at("/choices/0/message/content").asText())
                .isEqualTo("Second time lucky.");
        assertThat(claude.requests()).isEqualTo(2);
        assertThat(open.requests()).isZero();
        UsageRecord u = usageOf(r);
        assertThat(u.modelServed()).isEqualTo("claude");
        assertThat(u.attempts()).isEqualTo(2);
    }

    @Test
    void fallsBackFromClaudeToTheOpenModelThenSkipsClaudeOnceItsCircuitOpens() throws Exception {
        claude.answerWith(new FakeAnthropicServer.Behaviour.Error(529, "overloaded_error", "Overloaded", 0));
        HttpResponse<String> r = h.post("/v1/chat/completions", key, chat("claude", "fall back please", false, false));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(M.readTree(r.body()).at("/choices/0/message/content").asText())
                .isEqualTo("fall back please");
        assertThat(claude.requests()).as("one call and two retries").isEqualTo(3);
        assertThat(open.requests()).isEqualTo(1);
        assertThat(open.lastBody().path("model").asText()).isEqualTo("llama-open");
        assertThat(open.lastBody().at("/messages/0/content").asText()).isEqualTo("Be brief.");
        UsageRecord u = usageOf(r);
        assertThat(u.modelRequested()).isEqualTo("claude");
        assertThat(u.modelServed()).isEqualTo("open");
        assertThat(u.provider()).isEqualTo("vllm");
        assertThat(u.attempts()).isEqualTo(4);
        assertThat(u.usage()).isEqualTo(new Usage(11, 7));

        // Three failures opened Claude's circuit: the next request, streamed, goes straight to the open model.
        HttpResponse<String> s = h.post("/v1/chat/completions", key, chat("claude", "again", true, false));
        assertThat(s.statusCode()).isEqualTo(200);
        assertThat(s.body()).endsWith("data: [DONE]\n\n");
        assertThat(GatewayIT.contentOf(s.body())).isEqualTo("again");
        assertThat(claude.requests()).isEqualTo(3);
        assertThat(open.requests()).isEqualTo(2);
        assertThat(usageOf(s).modelServed()).isEqualTo("open");
    }
}
