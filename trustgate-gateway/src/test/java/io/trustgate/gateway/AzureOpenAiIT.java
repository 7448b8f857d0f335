package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustgate.api.Price;
import io.trustgate.api.Usage;
import io.trustgate.api.UsageRecord;
import io.trustgate.registry.ModelEntry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway in front of Azure OpenAI: the model's upstream name is the deployment in the URL, the configured
 * {@code api-version} is the query, and the key goes in an {@code api-key} header, never as a bearer token.
 */
class AzureOpenAiIT {
    static final ObjectMapper M = new ObjectMapper();
    static final String KEY = "azure-key-1";
    static final String VERSION = "2024-10-21";
    static Vertx vertx;
    FakeOpenAiServer azure;
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
    void start() {
        azure = new FakeOpenAiServer(vertx, KEY);
        h = new GatewayHarness()
                .provider(azure("azure", azure, KEY))
                .model("gpt-4o", "azure", "my-gpt4o-deployment")
                .model(new ModelEntry(
                        "emb", "azure", "my-embedding-deployment", ModelEntry.Kind.EMBEDDING, Price.FREE, List.of()))
                .start();
        key = h.key("k");
    }

    @AfterEach
    void tearDown() {
        h.close();
        azure.close();
    }

    /** An AZURE_OPENAI provider whose resource URL is the fake's root. */
    static ProviderConfig azure(String name, FakeOpenAiServer fake, String apiKey) {
        return GatewayHarness.upstream(
                name, ProviderConfig.Kind.AZURE_OPENAI, URI.create("http://127.0.0.1:" + fake.port()), apiKey, VERSION);
    }

    private static String chat(String text, boolean stream) {
        return "{\"model\":\"gpt-4o\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + text
                + "\"}]}";
    }

    private void assertAzureWireForm(String operation, String deployment) {
        assertThat(azure.receivedPaths()).containsExactly("/openai/deployments/" + deployment + "/" + operation);
        assertThat(azure.receivedQueries()).containsExactly("api-version=" + VERSION);
        assertThat(azure.lastHeaders()).containsEntry("api-key", KEY).doesNotContainKey("authorization");
    }

    @Test
    void sendsAChatToTheDeploymentWithApiKeyAndApiVersion() throws Exception {
        HttpResponse<String> r = h.post("/v1/chat/completions", key, chat("hello azure", false));

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = M.readTree(r.body());
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("hello azure");
        assertAzureWireForm("chat/completions", "my-gpt4o-deployment");
        h.gateway().usageRecorder().flush();
        List<UsageRecord> records =
                h.store().usageOf(r.headers().firstValue("x-request-id").orElseThrow());
        assertThat(records).singleElement().satisfies(u -> {
            assertThat(u.provider()).isEqualTo("azure");
            assertThat(u.usage()).isEqualTo(new Usage(11, 7));
        });
    }

    @Test
    void streamsFromTheDeployment() throws Exception {
        HttpResponse<String> r = h.post("/v1/chat/completions", key, chat("one two three", true));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(r.body()).endsWith("data: [DONE]\n\n").doesNotContain("\"usage\":{");
        assertThat(GatewayIT.contentOf(r.body())).isEqualTo("one two three");
        assertThat(azure.lastBody().at("/stream_options/include_usage").asBoolean())
                .isTrue();
        assertAzureWireForm("chat/completions", "my-gpt4o-deployment");
    }

    @Test
    void sendsEmbeddingsToTheEmbeddingDeployment() throws Exception {
        HttpResponse<String> r = h.post("/v1/embeddings", key, "{\"model\":\"emb\",\"input\":[\"a\",\"b\",\"c\"]}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(M.readTree(r.body()).path("data")).hasSize(3);
        assertAzureWireForm("embeddings", "my-embedding-deployment");
    }

    @Test
    void aWrongAzureKeyIsTheOperatorsProblem() throws Exception {
        h.close();
        h = new GatewayHarness()
                .provider(azure("azure", azure, "wrong-key"))
                .model("gpt-4o", "azure", "my-gpt4o-deployment")
                .start();
        HttpResponse<String> r = h.post("/v1/chat/completions", h.key("k"), chat("hi", false));

        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(azure.lastHeaders()).containsEntry("api-key", "wrong-key");
    }
}
