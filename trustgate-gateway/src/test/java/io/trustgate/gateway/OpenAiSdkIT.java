package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import io.trustgate.api.Price;
import io.trustgate.api.Tier;
import io.trustgate.registry.ModelEntry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway driven by the official OpenAI Java SDK, the way an application would use it: chat, streaming, tools,
 * embeddings, the model list, and every error as the SDK surfaces it (its exception types dispatch on the HTTP
 * status; its {@code code()}, {@code type()} and {@code param()} read our OpenAI-style error body).
 */
class OpenAiSdkIT {
    static Vertx vertx;
    GatewayHarness h;
    FakeOpenAiServer fake;
    final List<OpenAIClient> clients = new ArrayList<>();

    @BeforeAll
    static void vertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    @AfterEach
    void tearDown() {
        clients.forEach(OpenAIClient::close);
        if (h != null) {
            h.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    private OpenAIClient client(String key) {
        OpenAIClient c = OpenAIOkHttpClient.builder()
                .baseUrl(h.baseUrl() + "/v1")
                .apiKey(key)
                .maxRetries(0)
                .timeout(Duration.ofSeconds(20))
                .build();
        clients.add(c);
        return c;
    }

    private GatewayHarness sandboxGateway() {
        h = new GatewayHarness()
                .sandbox()
                .model("sandbox-echo", "sandbox", "sandbox-echo")
                .model(new ModelEntry(
                        "sandbox-embed", "sandbox", "sandbox-embed", ModelEntry.Kind.EMBEDDING, Price.FREE, List.of()))
                .tier(new Tier(
                        "echo-only",
                        List.of("sandbox-echo"),
                        Tier.UNLIMITED,
                        Tier.UNLIMITED,
                        Tier.UNLIMITED,
                        Tier.UNLIMITED,
                        Tier.UNLIMITED))
                .tier(new Tier(
                        "one-rpm", List.of("*"), 1, Tier.UNLIMITED, Tier.UNLIMITED, Tier.UNLIMITED, Tier.UNLIMITED))
                .start();
        return h;
    }

    private static ChatCompletionCreateParams echo(String model, String prompt) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .addSystemMessage("Be brief.")
                .addUserMessage(prompt)
                .build();
    }

    private static void assertOpenAiError(OpenAIServiceException e, int status, String type, String code) {
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.type()).hasValue(type);
        assertThat(e.code()).hasValue(code);
        assertThat(e.headers().values("x-request-id"))
                .singleElement()
                .asString()
                .startsWith("req_");
    }

    @Test
    void chatCompletionEchoesPromptWithUsage() {
        sandboxGateway();
        ChatCompletion c = client(h.key("k")).chat().completions().create(echo("sandbox-echo", "The quick brown fox."));
        assertThat(c.choices()).singleElement().satisfies(choice -> {
            assertThat(choice.message().content()).hasValue("The quick brown fox.");
            assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        });
        assertThat(c.model()).isEqualTo("sandbox-echo");
        assertThat(c.usage()).hasValueSatisfying(u -> {
            assertThat(u.promptTokens()).isPositive();
            assertThat(u.completionTokens()).isPositive();
            assertThat(u.totalTokens()).isEqualTo(u.promptTokens() + u.completionTokens());
        });
    }

    @Test
    void streamingDeltasConcatenateToPromptAndStreamEndsCleanly() {
        sandboxGateway();
        String prompt = "one two three four five six seven";
        StringBuilder text = new StringBuilder();
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> s =
                client(h.key("k")).chat().completions().createStreaming(echo("sandbox-echo", prompt))) {
            chunks = s.stream().toList(); // ends without an exception only if the stream is well-formed to [DONE]
        }
        for (ChatCompletionChunk c : chunks) {
            c.choices().forEach(ch -> ch.delta().content().ifPresent(text::append));
        }
        assertThat(text).hasToString(prompt);
        assertThat(chunks).hasSizeGreaterThan(2);
        assertThat(chunks.get(chunks.size() - 1).choices())
                .singleElement()
                .satisfies(ch -> assertThat(ch.finishReason()).hasValue(ChatCompletionChunk.Choice.FinishReason.STOP));
        assertThat(chunks).allSatisfy(c -> assertThat(c.usage()).isEmpty());
    }

    @Test
    void streamingWithIncludeUsageEndsWithUsageChunk() {
        sandboxGateway();
        ChatCompletionCreateParams p = echo("sandbox-echo", "count my tokens please").toBuilder()
                .streamOptions(
                        ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> s =
                client(h.key("k")).chat().completions().createStreaming(p)) {
            chunks = s.stream().toList();
        }
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage()).hasValueSatisfying(u -> {
            assertThat(u.promptTokens()).isPositive();
            assertThat(u.completionTokens()).isPositive();
        });
        assertThat(chunks.subList(0, chunks.size() - 1))
                .allSatisfy(c -> assertThat(c.usage()).isEmpty());
    }

    @Test
    void toolDefinitionsReachUpstreamAsSent() {
        fake = new FakeOpenAiServer(vertx, "up-key");
        h = new GatewayHarness()
                .provider(GatewayHarness.openai("up", fake, "up-key"))
                .model("gpt-x", "up", "gpt-upstream")
                .start();
        ChatCompletionFunctionTool tool = ChatCompletionFunctionTool.builder()
                .function(FunctionDefinition.builder()
                        .name("get_weather")
                        .description("Weather for a city")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty(
                                        "properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                                .build())
                        .strict(true)
                        .build())
                .build();
        ChatCompletion c = client(h.key("k"))
                .chat()
                .completions()
                .create(echo("gpt-x", "weather in Oslo?").toBuilder()
                        .addTool(tool)
                        .build());
        assertThat(c.choices().get(0).message().content()).hasValue("weather in Oslo?");
        JsonNode sent = fake.lastBody();
        assertThat(sent.path("model").asText()).isEqualTo("gpt-upstream");
        JsonNode t = sent.path("tools");
        assertThat(t).hasSize(1);
        assertThat(t.get(0).path("type").asText()).isEqualTo("function");
        JsonNode f = t.get(0).path("function");
        assertThat(f.path("name").asText()).isEqualTo("get_weather");
        assertThat(f.path("description").asText()).isEqualTo("Weather for a city");
        assertThat(f.path("strict").asBoolean()).isTrue();
        assertThat(f.path("parameters")
                        .path("properties")
                        .path("city")
                        .path("type")
                        .asText())
                .isEqualTo("string");
        assertThat(f.path("parameters").path("required").get(0).asText()).isEqualTo("city");
    }

    @Test
    void embeddingsComeBackPerInput() {
        sandboxGateway();
        CreateEmbeddingResponse r = client(h.key("k"))
                .embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model("sandbox-embed")
                        .inputOfArrayOfStrings(List.of("alpha", "beta", "alpha"))
                        .build());
        assertThat(r.data()).hasSize(3);
        assertThat(r.data().get(0).embedding()).hasSize(SandboxProvider.EMBEDDING_DIMENSIONS);
        assertThat(r.data().get(0).embedding()).isEqualTo(r.data().get(2).embedding());
        assertThat(r.data().get(0).embedding()).isNotEqualTo(r.data().get(1).embedding());
        assertThat(r.usage().promptTokens()).isPositive();
    }

    @Test
    void modelListShowsOnlyModelsTheTierAllows() {
        sandboxGateway();
        List<String> all = client(h.key("k")).models().list().data().stream()
                .map(Model::id)
                .toList();
        assertThat(all).containsExactlyInAnyOrder("sandbox-echo", "sandbox-embed");
        List<Model> limited = client(h.key("e", "echo-only")).models().list().data();
        assertThat(limited).singleElement().satisfies(m -> assertThat(m.id()).isEqualTo("sandbox-echo"));
    }

    @Test
    void missingKeyIsUnauthorized() {
        sandboxGateway();
        OpenAIClient noKey = OpenAIOkHttpClient.builder()
                .baseUrl(h.baseUrl() + "/v1")
                .apiKey("unused")
                .removeHeaders("Authorization")
                .maxRetries(0)
                .build();
        clients.add(noKey);
        UnauthorizedException e = catchThrowableOfType(
                UnauthorizedException.class, () -> noKey.chat().completions().create(echo("sandbox-echo", "hi")));
        assertOpenAiError(e, 401, "authentication_error", "missing_api_key");
    }

    @Test
    void unknownKeyIsUnauthorized() {
        sandboxGateway();
        UnauthorizedException e = catchThrowableOfType(
                UnauthorizedException.class,
                () -> client("tg-not-a-real-key").chat().completions().create(echo("sandbox-echo", "hi")));
        assertOpenAiError(e, 401, "authentication_error", "invalid_api_key");
        assertThat(e.getMessage()).doesNotContain("tg-not-a-real-key");
    }

    @Test
    void revokedKeyFailsOnTheVeryNextCall() {
        sandboxGateway();
        OpenAIClient c = client(h.key("doomed"));
        assertThat(c.chat().completions().create(echo("sandbox-echo", "before")).choices())
                .hasSize(1);
        assertThat(h.store().revoke("doomed", Instant.now())).isPresent();
        UnauthorizedException e = catchThrowableOfType(
                UnauthorizedException.class, () -> c.chat().completions().create(echo("sandbox-echo", "after")));
        assertOpenAiError(e, 401, "authentication_error", "invalid_api_key");
        assertThat(e.getMessage()).contains("revoked");
    }

    @Test
    void modelOutsideTierIsPermissionDenied() {
        sandboxGateway();
        PermissionDeniedException e = catchThrowableOfType(
                PermissionDeniedException.class,
                () -> client(h.key("e", "echo-only"))
                        .embeddings()
                        .create(EmbeddingCreateParams.builder()
                                .model("sandbox-embed")
                                .input("x")
                                .build()));
        assertOpenAiError(e, 403, "permission_error", "model_not_allowed");
        assertThat(e.param()).hasValue("model");
    }

    @Test
    void unknownModelIsNotFound() {
        sandboxGateway();
        NotFoundException e = catchThrowableOfType(
                NotFoundException.class,
                () -> client(h.key("k")).chat().completions().create(echo("gpt-does-not-exist", "hi")));
        assertOpenAiError(e, 404, "invalid_request_error", "model_not_found");
        assertThat(e.param()).hasValue("model");
    }

    @Test
    void outOfRangeTemperatureIsBadRequestNamingTheParam() {
        sandboxGateway();
        BadRequestException e = catchThrowableOfType(
                BadRequestException.class,
                () -> client(h.key("k"))
                        .chat()
                        .completions()
                        .create(echo("sandbox-echo", "hi").toBuilder()
                                .temperature(5.0)
                                .build()));
        assertOpenAiError(e, 400, "invalid_request_error", "invalid_request");
        assertThat(e.param()).hasValue("temperature");
        assertThat(e.getMessage()).contains("temperature");
    }

    @Test
    void secondCallWithinAMinuteIsRateLimitedWithRetryAfter() {
        sandboxGateway();
        OpenAIClient c = client(h.key("slow", "one-rpm"));
        assertThat(c.chat().completions().create(echo("sandbox-echo", "first")).choices())
                .hasSize(1);
        RateLimitException e = catchThrowableOfType(
                RateLimitException.class, () -> c.chat().completions().create(echo("sandbox-echo", "second")));
        assertOpenAiError(e, 429, "rate_limit_error", "rate_limit_exceeded");
        assertThat(e.headers().values("retry-after"))
                .singleElement()
                .satisfies(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
    }

    @Test
    void bodyOverTheLimitIs413ForTheSdk() {
        GatewayConfig d = GatewayConfig.defaults();
        h = new GatewayHarness()
                .config(new GatewayConfig("127.0.0.1", 0, 2048, 0, d.adminToken(), "default"))
                .sandbox()
                .model("sandbox-echo", "sandbox", "sandbox-echo")
                .start();
        com.openai.errors.OpenAIServiceException e = catchThrowableOfType(
                com.openai.errors.OpenAIServiceException.class,
                () -> client(h.key("k")).chat().completions().create(echo("sandbox-echo", "x".repeat(4096))));
        assertOpenAiError(e, 413, "invalid_request_error", "request_too_large");
    }

    @Test
    void failingUpstreamIsA5xxForTheSdk() {
        fake = new FakeOpenAiServer(vertx, "up-key");
        ProviderConfig p = GatewayHarness.withTimeouts(
                GatewayHarness.openai("up", fake, "up-key"), Duration.ofSeconds(2), Duration.ofSeconds(10), 1);
        h = new GatewayHarness()
                .provider(p)
                .model("gpt-x", "up", "gpt-upstream")
                .start();
        fake.enqueue(new FakeOpenAiServer.Behavior.Status(500, 0), new FakeOpenAiServer.Behavior.Status(500, 0));
        InternalServerException e = catchThrowableOfType(
                InternalServerException.class,
                () -> client(h.key("k")).chat().completions().create(echo("gpt-x", "hi")));
        assertOpenAiError(e, 502, "upstream_error", "upstream_error");
        assertThat(fake.requests()).as("one try plus one retry").isEqualTo(2);
    }

    @Test
    void upstreamSlowFirstByteIsA504ForTheSdk() {
        fake = new FakeOpenAiServer(vertx, "up-key");
        ProviderConfig p = GatewayHarness.withTimeouts(
                GatewayHarness.openai("up", fake, "up-key"), Duration.ofMillis(300), Duration.ofSeconds(10), 0);
        h = new GatewayHarness()
                .provider(p)
                .model("gpt-x", "up", "gpt-upstream")
                .start();
        fake.enqueue(new FakeOpenAiServer.Behavior.SlowFirstByte(3000));
        long t0 = System.nanoTime();
        InternalServerException e = catchThrowableOfType(
                InternalServerException.class,
                () -> client(h.key("k")).chat().completions().create(echo("gpt-x", "hi")));
        assertOpenAiError(e, 504, "upstream_error", "upstream_timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(2500));
    }
}
