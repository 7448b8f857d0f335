package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustgate.api.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and broken input over raw HTTP, against one gateway shared by all tests: every bad request gets the right
 * status, an OpenAI-style error body with all four keys and an {@code x-request-id}, never a stack trace and never a
 * hang; and after each test a good request on the same gateway still succeeds (one bad request never affects
 * another).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadInputIT {
    static final ObjectMapper M = new ObjectMapper();
    static final int MAX = 32 * 1024;
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    static GatewayHarness h;
    static String key;
    static HttpClient http;

    @BeforeAll
    static void start() {
        h = new GatewayHarness()
                .config(new GatewayConfig("127.0.0.1", 0, MAX, 2, Secret.of(""), "default"))
                .sandbox()
                .model("sandbox-echo", "sandbox", "sandbox-echo")
                .start();
        key = h.key("k");
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CALL_TIMEOUT)
                .build();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @AfterEach
    void goodRequestStillSucceeds() throws Exception {
        HttpResponse<String> r = post("/v1/chat/completions", goodBody("still alive"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(M.readTree(r.body())
                        .path("choices")
                        .get(0)
                        .path("message")
                        .path("content")
                        .asText())
                .isEqualTo("still alive");
    }

    @Test
    void anAssistantMessageWithOnlyTheIdOfAnEarlierAudioAnswerIsAccepted() throws Exception {
        // how an audio conversation goes on (OpenAI's reference: audio.id instead of content)
        HttpResponse<String> r = post(
                "/v1/chat/completions",
                messages("[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\","
                        + "\"audio\":{\"id\":\"audio_abc\"}},{\"role\":\"user\",\"content\":\"more\"}]"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    static String goodBody(String prompt) {
        return "{\"model\":\"sandbox-echo\",\"messages\":[{\"role\":\"user\",\"content\":"
                + M.getNodeFactory().textNode(prompt) + "}]}";
    }

    /** A chat body with one field replaced (or added) by raw JSON text. */
    static String with(String field, String rawJson) {
        return "{\"model\":\"sandbox-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"" + field + "\":"
                + rawJson + "}";
    }

    static String messages(String rawJson) {
        return "{\"model\":\"sandbox-echo\",\"messages\":" + rawJson + "}";
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(h.baseUrl() + path))
                .header("authorization", "Bearer " + key)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    static HttpResponse<String> send(HttpRequest r) throws Exception {
        return http.sendAsync(r, HttpResponse.BodyHandlers.ofString()).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(h.baseUrl() + path)).timeout(CALL_TIMEOUT);
    }

    /** Asserts an OpenAI-style error: status, all four keys, a request id, no stack trace; returns error. */
    static JsonNode assertError(int status, int actualStatus, Map<String, List<String>> headers, String body)
            throws Exception {
        assertThat(actualStatus).as("status for body %s", body).isEqualTo(status);
        assertThat(headers.get("x-request-id"))
                .as("x-request-id")
                .singleElement()
                .asString()
                .startsWith("req_");
        assertThat(headers.get("content-type")).singleElement().asString().startsWith("application/json");
        assertThat(body)
                .doesNotContain("Exception")
                .doesNotContain("\tat ")
                .doesNotContain("io.trustgate")
                .doesNotContain("jackson");
        JsonNode root = M.readTree(body);
        assertThat(root.properties()).hasSize(1);
        JsonNode e = root.path("error");
        assertThat(e.isObject()).as("error object in %s", body).isTrue();
        assertThat(e.has("message") && e.has("type") && e.has("param") && e.has("code"))
                .as("all four keys in %s", body)
                .isTrue();
        assertThat(e.path("message").isTextual() && !e.path("message").asText().isBlank())
                .isTrue();
        assertThat(e.path("type").isTextual()).isTrue();
        assertThat(e.path("code").isTextual()).isTrue();
        assertThat(e.path("param").isTextual() || e.path("param").isNull()).isTrue();
        return e;
    }

    static JsonNode assertError(int status, HttpResponse<String> r) throws Exception {
        return assertError(status, r.statusCode(), r.headers().map(), r.body());
    }

    static JsonNode assertError(int status, RawResponse r) throws Exception {
        return assertError(status, r.status(), r.headers(), r.body());
    }

    static Stream<Arguments> badBodies() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        return Stream.of(
                // not JSON, or not an object
                Arguments.of("malformed JSON", "{\"model\":\"sandbox-echo\",", ""),
                Arguments.of("trailing garbage", goodBody("x") + " {}", ""),
                Arguments.of("single quotes", "{'model':'sandbox-echo'}", ""),
                Arguments.of("array", "[" + goodBody("x") + "]", ""),
                Arguments.of("string", "\"hello\"", ""),
                Arguments.of("number", "42", ""),
                Arguments.of("null", "null", ""),
                Arguments.of("boolean", "true", ""),
                Arguments.of("whitespace only", "   \n ", ""),
                Arguments.of("deeply nested arrays", deep, ""),
                Arguments.of("deeply nested messages", messages(deep), ""),
                Arguments.of("deeply nested objects", "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000), ""),
                Arguments.of("number with 1000 digits", with("max_tokens", "1" + "0".repeat(999)), ""),
                // model
                Arguments.of("missing model", "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "model"),
                Arguments.of(
                        "model null",
                        "{\"model\":null,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                        "model"),
                Arguments.of(
                        "model number",
                        "{\"model\":42,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                        "model"),
                Arguments.of(
                        "model array",
                        "{\"model\":[\"a\"],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                        "model"),
                Arguments.of(
                        "model object",
                        "{\"model\":{},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                        "model"),
                Arguments.of(
                        "model blank",
                        "{\"model\":\"  \",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                        "model"),
                // messages
                Arguments.of("missing messages", "{\"model\":\"sandbox-echo\"}", "messages"),
                Arguments.of("messages string", messages("\"hi\""), "messages"),
                Arguments.of("messages object", messages("{\"role\":\"user\",\"content\":\"hi\"}"), "messages"),
                Arguments.of("messages number", messages("1"), "messages"),
                Arguments.of("empty messages", messages("[]"), "messages"),
                Arguments.of("message not an object", messages("[\"hi\"]"), "messages[0]"),
                Arguments.of("message without role", messages("[{\"content\":\"hi\"}]"), "messages[0].role"),
                Arguments.of("bad role", messages("[{\"role\":\"wizard\",\"content\":\"hi\"}]"), "messages[0].role"),
                Arguments.of("role number", messages("[{\"role\":1,\"content\":\"hi\"}]"), "messages[0].role"),
                Arguments.of(
                        "bad role in second message",
                        messages("[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"USER\",\"content\":\"x\"}]"),
                        "messages[1].role"),
                Arguments.of("content number", messages("[{\"role\":\"user\",\"content\":5}]"), "messages[0].content"),
                Arguments.of(
                        "content object",
                        messages("[{\"role\":\"user\",\"content\":{\"text\":\"hi\"}}]"),
                        "messages[0].content"),
                Arguments.of(
                        "content boolean", messages("[{\"role\":\"user\",\"content\":true}]"), "messages[0].content"),
                Arguments.of("content missing", messages("[{\"role\":\"user\"}]"), "messages[0].content"),
                Arguments.of(
                        "content part not an object",
                        messages("[{\"role\":\"user\",\"content\":[\"hi\"]}]"),
                        "messages[0].content[0].type"),
                Arguments.of(
                        "text part without text",
                        messages("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":3}]}]"),
                        "messages[0].content[0].text"),
                Arguments.of(
                        "tool message without id",
                        messages("[{\"role\":\"tool\",\"content\":\"42\"}]"),
                        "messages[0].tool_call_id"),
                // typed parameters
                Arguments.of("stream string", with("stream", "\"yes\""), "stream"),
                Arguments.of("stream number", with("stream", "1"), "stream"),
                Arguments.of("max_tokens string", with("max_tokens", "\"10\""), "max_tokens"),
                Arguments.of("max_tokens fraction", with("max_tokens", "1.5"), "max_tokens"),
                Arguments.of("max_tokens zero", with("max_tokens", "0"), "max_tokens"),
                Arguments.of("max_tokens negative", with("max_tokens", "-1"), "max_tokens"),
                Arguments.of(
                        "max_tokens huge integer", with("max_tokens", "123456789012345678901234567890"), "max_tokens"),
                Arguments.of("max_tokens 1e400", with("max_tokens", "1e400"), "max_tokens"),
                Arguments.of(
                        "max_completion_tokens object", with("max_completion_tokens", "{}"), "max_completion_tokens"),
                Arguments.of("n string", with("n", "\"2\""), "n"),
                Arguments.of("n zero", with("n", "0"), "n"),
                Arguments.of("n too many", with("n", "1000"), "n"),
                Arguments.of("temperature string", with("temperature", "\"hot\""), "temperature"),
                Arguments.of("temperature boolean", with("temperature", "true"), "temperature"),
                Arguments.of("temperature 5", with("temperature", "5"), "temperature"),
                Arguments.of("temperature negative", with("temperature", "-0.1"), "temperature"),
                Arguments.of("temperature 1e400", with("temperature", "1e400"), "temperature"),
                Arguments.of("temperature -1e400", with("temperature", "-1e400"), "temperature"),
                Arguments.of("top_p 1.5", with("top_p", "1.5"), "top_p"),
                Arguments.of("tools object", with("tools", "{}"), "tools"),
                Arguments.of("tools string", with("tools", "\"f\""), "tools"),
                Arguments.of("tool number", with("tools", "[1]"), "tools[0]"),
                Arguments.of("tool without type", with("tools", "[{\"function\":{\"name\":\"f\"}}]"), "tools[0]"),
                Arguments.of(
                        "tool function name number",
                        with("tools", "[{\"type\":\"function\",\"function\":{\"name\":1}}]"),
                        "tools[0].function.name"),
                Arguments.of(
                        "stream_options string",
                        "{\"model\":\"sandbox-echo\",\"stream\":true,\"stream_options\":\"x\","
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                        "stream_options"),
                Arguments.of(
                        "stream_options array",
                        "{\"model\":\"sandbox-echo\",\"stream\":true,\"stream_options\":[],"
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                        "stream_options"),
                Arguments.of(
                        "stream_options without stream",
                        with("stream_options", "{\"include_usage\":true}"),
                        "stream_options"),
                Arguments.of(
                        "include_usage string",
                        "{\"model\":\"sandbox-echo\",\"stream\":true,\"stream_options\":"
                                + "{\"include_usage\":\"yes\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                        "stream_options.include_usage"),
                Arguments.of("response_format string", with("response_format", "\"json\""), "response_format"),
                Arguments.of("response_format without type", with("response_format", "{}"), "response_format.type"),
                Arguments.of("stop number", with("stop", "7"), "stop"),
                Arguments.of("seed fraction", with("seed", "1.5"), "seed"),
                Arguments.of("user number", with("user", "1"), "user"),
                Arguments.of("tool_choice number", with("tool_choice", "1"), "tool_choice"),
                Arguments.of(
                        "assistant audio without id",
                        messages("[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"audio\":{}},"
                                + "{\"role\":\"user\",\"content\":\"more\"}]"),
                        "messages[1].audio.id"),
                Arguments.of(
                        "assistant audio string",
                        messages("[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"audio\":\"a\"}]"),
                        "messages[1].audio.id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badChatBodyIs400NamingTheParam(String what, String body, String param) throws Exception {
        JsonNode e = assertError(400, post("/v1/chat/completions", body));
        assertThat(e.path("type").asText()).isEqualTo("invalid_request_error");
        if (param.isEmpty()) {
            assertThat(e.path("param").isNull()).as("param of %s", what).isTrue();
        } else {
            assertThat(e.path("param").asText()).as("param of %s", what).isEqualTo(param);
        }
    }

    @Test
    void emptyBodyIs400() throws Exception {
        HttpResponse<String> r = send(request("/v1/chat/completions")
                .header("authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(assertError(400, r).path("message").asText()).contains("empty");
    }

    @Test
    void badEmbeddingsBodiesAre400() throws Exception {
        assertError(400, post("/v1/embeddings", "[]"));
        assertThat(assertError(400, post("/v1/embeddings", "{\"model\":\"sandbox-echo\"}"))
                        .path("param")
                        .asText())
                .isEqualTo("input");
        assertThat(assertError(400, post("/v1/embeddings", "{\"model\":\"sandbox-echo\",\"input\":5}"))
                        .path("param")
                        .asText())
                .isEqualTo("input");
        assertThat(assertError(400, post("/v1/embeddings", "{\"model\":\"sandbox-echo\",\"input\":[]}"))
                        .path("param")
                        .asText())
                .isEqualTo("input");
        assertThat(assertError(400, post("/v1/embeddings", "{\"model\":7,\"input\":\"x\"}"))
                        .path("param")
                        .asText())
                .isEqualTo("model");
        assertThat(assertError(
                                400,
                                post(
                                        "/v1/embeddings",
                                        "{\"model\":\"sandbox-echo\",\"input\":\"x\",\"dimensions\":-3}"))
                        .path("param")
                        .asText())
                .isEqualTo("dimensions");
        assertThat(assertError(
                                400,
                                post(
                                        "/v1/embeddings",
                                        "{\"model\":\"sandbox-echo\",\"input\":\"x\",\"encoding_format\":\"hex\"}"))
                        .path("param")
                        .asText())
                .isEqualTo("encoding_format");
    }

    @Test
    void invalidUtf8Is400() throws Exception {
        byte[] prefix = "{\"model\":\"sandbox-echo\",\"messages\":[{\"role\":\"user\",\"content\":\""
                .getBytes(StandardCharsets.UTF_8);
        byte[] suffix = "\"}]}".getBytes(StandardCharsets.UTF_8);
        for (byte[] bad : List.of(
                new byte[] {(byte) 0xC3, 0x28},
                new byte[] {(byte) 0xFF, (byte) 0xFE},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xE2, (byte) 0x82})) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.write(prefix);
            b.write(bad);
            b.write(suffix);
            HttpResponse<String> r = send(request("/v1/chat/completions")
                    .header("authorization", "Bearer " + key)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(b.toByteArray()))
                    .build());
            assertError(400, r);
        }
    }

    @Test
    void bodyExactlyAtLimitIsAcceptedAndOneByteMoreIs413() throws Exception {
        String good = goodBody("at the limit");
        String atLimit = good + " ".repeat(MAX - good.getBytes(StandardCharsets.UTF_8).length);
        assertThat(atLimit.getBytes(StandardCharsets.UTF_8)).hasSize(MAX);
        assertThat(post("/v1/chat/completions", atLimit).statusCode()).isEqualTo(200);
        JsonNode e = assertError(413, post("/v1/chat/completions", atLimit + " "));
        assertThat(e.path("code").asText()).isEqualTo("request_too_large");
        assertThat(e.path("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void oversizeBodyWithContentLengthIs413() throws Exception {
        String big = goodBody("x".repeat(4 * MAX));
        assertThat(assertError(413, post("/v1/chat/completions", big))
                        .path("code")
                        .asText())
                .isEqualTo("request_too_large");
        assertThat(assertError(413, post("/v1/embeddings", big)).path("code").asText())
                .isEqualTo("request_too_large");
    }

    @Test
    void validJsonNestedTooDeepIsNamedAsSuchNotAsMalformed() throws Exception {
        JsonNode e = assertError(400, post("/v1/chat/completions", "[".repeat(300) + "]".repeat(300)));
        assertThat(e.path("message").asText()).contains("valid", "nesting at most 256 levels");
        assertThat(assertError(400, post("/v1/chat/completions", "{\"model\":"))
                        .path("message")
                        .asText())
                .contains("could not parse");
    }

    @Test
    void oversizeContentLengthIs413BeforeTheBodyIsSent() throws Exception {
        // The header alone decides: the gateway answers without waiting for a body that never comes.
        RawResponse r = raw(
                "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + (10L * MAX) + "\r\n\r\n",
                null);
        assertError(413, r);
    }

    @Test
    void oversizeChunkedBodyWithoutContentLengthIs413() throws Exception {
        RawResponse r = raw(
                "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key
                        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
                out -> {
                    byte[] chunk = "[".repeat(1024).getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; i < 4 * MAX / chunk.length; i++) {
                        out.write(("400\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                });
        assertThat(assertError(413, r).path("code").asText()).isEqualTo("request_too_large");
    }

    @Test
    void smallChunkedBodyIsAccepted() throws Exception {
        byte[] body = goodBody("sent in chunks").getBytes(StandardCharsets.UTF_8);
        RawResponse r = raw(
                "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key
                        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
                out -> {
                    for (int i = 0; i < body.length; i += 7) {
                        int n = Math.min(7, body.length - i);
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body, i, n);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                });
        assertThat(r.status()).isEqualTo(200);
        assertThat(M.readTree(r.body())
                        .path("choices")
                        .get(0)
                        .path("message")
                        .path("content")
                        .asText())
                .isEqualTo("sent in chunks");
    }

    @Test
    void unknownPathIs404() throws Exception {
        for (String path : List.of(
                "/",
                "/v1",
                "/v1/chat",
                "/v1/completions",
                "/v2/chat/completions",
                "/v1/chat/completions/x",
                "/%2e%2e/etc/passwd")) {
            HttpResponse<String> r = send(
                    request(path).header("authorization", "Bearer " + key).GET().build());
            assertThat(assertError(404, r).path("code").asText()).as(path).isEqualTo("unknown_url");
        }
        // Without server.admin-token the admin API does not exist, whatever credential is sent.
        assertThat(assertError(
                                404,
                                send(request("/admin/keys")
                                        .header("authorization", "Bearer " + key)
                                        .GET()
                                        .build()))
                        .path("code")
                        .asText())
                .isEqualTo("admin_disabled");
        JsonNode e = assertError(
                404,
                send(request("/v1/nope")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build()));
        assertThat(e.path("message").asText()).contains("/v1/nope");
    }

    @Test
    void wrongMethodIsAnErrorJson() throws Exception {
        for (String[] mp : new String[][] {
            {"GET", "/v1/chat/completions"},
            {"PUT", "/v1/chat/completions"},
            {"DELETE", "/v1/models"},
            {"POST", "/v1/models"},
            {"PATCH", "/v1/embeddings"},
            {"POST", "/healthz"}
        }) {
            HttpResponse<String> r = send(request(mp[1])
                    .header("authorization", "Bearer " + key)
                    .method(mp[0], HttpRequest.BodyPublishers.ofString(goodBody("x")))
                    .build());
            JsonNode e = assertError(405, r);
            assertThat(e.path("code").asText()).as("%s %s", mp[0], mp[1]).isEqualTo("method_not_allowed");
            assertThat(r.headers().firstValue("allow"))
                    .as("%s %s", mp[0], mp[1])
                    .isPresent();
            assertThat(e.path("message").asText()).contains(mp[0]);
        }
    }

    @Test
    void headOnHealthAndMetricsAnswersHeadersAndNoBodyBytes() throws Exception {
        for (String path : List.of("/healthz", "/readyz", "/metrics")) {
            try (Socket s = new Socket("127.0.0.1", h.gateway().port())) {
                s.setSoTimeout((int) CALL_TIMEOUT.toMillis());
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                out.write(("HEAD " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String head = headerBlock(in);
                assertThat(head).as(path).startsWith("HTTP/1.1 200").containsIgnoringCase("content-length:");
                // a body would be sent right behind the headers: nothing may be waiting
                Thread.sleep(300);
                assertThat(in.available())
                        .as(path + ": bytes after the HEAD response's headers")
                        .isZero();
                // and the next bytes on the connection are the next response's status line, not a stray body
                out.write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(headerBlock(in)).as(path).startsWith("HTTP/1.1 200");
            }
        }
    }

    /** The bytes up to and including the blank line that ends a response's headers. */
    private static String headerBlock(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed in the headers: " + b);
            }
            b.write(c);
            String sofar = b.toString(StandardCharsets.ISO_8859_1);
            if (sofar.endsWith("\r\n\r\n")) {
                return sofar;
            }
        }
    }

    @Test
    void malformedAuthorizationIs401() throws Exception {
        for (String auth : List.of(
                "Basic dXNlcjpwYXNz",
                "Bearer",
                "Bearer    ",
                "bearer",
                key,
                "Token " + key,
                "Bearer " + key + "x",
                "Bearer " + "k".repeat(600),
                "Bearer  " + key.substring(1))) {
            HttpResponse<String> r = send(request("/v1/chat/completions")
                    .header("authorization", auth)
                    .POST(HttpRequest.BodyPublishers.ofString(goodBody("x")))
                    .build());
            JsonNode e = assertError(401, r);
            assertThat(e.path("type").asText()).isEqualTo("authentication_error");
            assertThat(e.path("code").asText()).isEqualTo("invalid_api_key");
            assertThat(r.body()).doesNotContain(key);
        }
        HttpResponse<String> none = send(request("/v1/models").GET().build());
        assertThat(assertError(401, none).path("code").asText()).isEqualTo("missing_api_key");
        RawResponse nonAscii = raw("GET /v1/models HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ключ-🔑\r\n\r\n", null);
        assertThat(assertError(401, nonAscii).path("code").asText()).isEqualTo("invalid_api_key");
        RawResponse twoHeaders = raw(
                "GET /v1/models HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer nope\r\nAuthorization: Bearer " + key
                        + "\r\n\r\n",
                null);
        assertThat(twoHeaders.status()).isIn(200, 401);
    }

    @Test
    void modelPathWithBadPercentEscapeIs404NotA500() throws Exception {
        for (String path : List.of("/v1/models/%ZZ", "/v1/models/%", "/v1/models/abc%E")) {
            RawResponse r =
                    raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key + "\r\n\r\n", null);
            assertThat(assertError(404, r).path("code").asText()).as(path).isEqualTo("model_not_found");
        }
    }

    @Test
    void malformedChunkEncodingClosesTheConnectionPromptly() throws Exception {
        // Netty fails the body decode and Vert.x closes the connection before the handler can answer: no response,
        // but no hang either, and (checked after each test) nothing else is affected.
        long t0 = System.nanoTime();
        try (Socket s = new Socket("127.0.0.1", h.gateway().port())) {
            s.setSoTimeout((int) CALL_TIMEOUT.toMillis());
            s.getOutputStream()
                    .write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key
                                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            byte[] got = s.getInputStream().readAllBytes();
            String text = new String(got, StandardCharsets.UTF_8);
            assertThat(text.isEmpty() || text.startsWith("HTTP/1.1 4")).as(text).isTrue();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    }

    /**
     * What the HTTP decoder itself refuses (a bad Content-Length, an oversize header or request line, a garbage
     * request line) never reaches the gateway's handler: Vert.x answers with a bare status and closes. Checked here
     * for what matters: a prompt 4xx, no hang, nothing else affected.
     */
    @Test
    void protocolLevelGarbageIsRefusedPromptlyByTheHttpDecoder() throws Exception {
        Map<String, Integer> cases = new LinkedHashMap<>();
        cases.put("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 400);
        cases.put("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400);
        cases.put("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n", 400);
        cases.put(
                "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
                400);
        cases.put("GET /v1/models HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(40_000) + "\r\n\r\n", 431);
        cases.put("GET /v1/" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414);
        cases.put("GARBAGE\r\n\r\n", 400);
        for (Map.Entry<String, Integer> c : cases.entrySet()) {
            long t0 = System.nanoTime();
            RawResponse r = raw(c.getKey(), null);
            assertThat(r.status())
                    .as(c.getKey().substring(0, Math.min(40, c.getKey().length())))
                    .isEqualTo(c.getValue());
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
            assertThat(r.body())
                    .as("OpenAI-style body even from the HTTP decoder")
                    .contains("\"error\":{\"message\"");
            assertThat(r.headers().keySet().stream().map(k -> k.toLowerCase(java.util.Locale.ROOT)))
                    .contains("x-request-id");
        }
    }

    @Test
    void concurrentMixedGoodAndBadRequestsAllGetTheirOwnAnswer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    String prompt = "request number " + n;
                    switch (n % 6) {
                        case 0 -> {
                            HttpResponse<String> r = post("/v1/chat/completions", goodBody(prompt));
                            assertThat(r.statusCode()).isEqualTo(200);
                            assertThat(M.readTree(r.body())
                                            .path("choices")
                                            .get(0)
                                            .path("message")
                                            .path("content")
                                            .asText())
                                    .isEqualTo(prompt);
                        }
                        case 1 -> {
                            String body = goodBody(prompt).replaceFirst("\\{", "{\"stream\":true,");
                            HttpResponse<String> r = post("/v1/chat/completions", body);
                            assertThat(r.statusCode()).isEqualTo(200);
                            assertThat(r.body()).endsWith("data: [DONE]\n\n");
                            assertThat(GatewayIT.contentOf(r.body())).isEqualTo(prompt);
                        }
                        case 2 ->
                            assertError(
                                    400,
                                    post("/v1/chat/completions", "{\"model\":\"sandbox-echo\",\"messages\":[" + n));
                        case 3 ->
                            assertThat(assertError(400, post("/v1/chat/completions", with("temperature", "" + (3 + n))))
                                            .path("param")
                                            .asText())
                                    .isEqualTo("temperature");
                        case 4 -> assertError(413, post("/v1/chat/completions", goodBody("y".repeat(MAX + n))));
                        default ->
                            assertThat(assertError(
                                                    404,
                                                    post(
                                                            "/v1/chat/completions",
                                                            goodBody(prompt).replace("sandbox-echo", "m" + n)))
                                            .path("message")
                                            .asText())
                                    .contains("m" + n);
                    }
                    return null;
                }));
            }
            for (Future<?> f : results) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- a minimal raw HTTP/1.1 client, for what java.net.http will not send ----

    record RawResponse(int status, Map<String, List<String>> headers, String body) {}

    interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Sends a request head (and a body written by {@code body}, on its own thread so the response can be read while
     * the body is still going out) and reads one response, with a read timeout on the socket.
     */
    static RawResponse raw(String head, BodyWriter body) throws Exception {
        try (Socket s = new Socket("127.0.0.1", h.gateway().port())) {
            s.setSoTimeout((int) CALL_TIMEOUT.toMillis());
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread writer = null;
            if (body != null) {
                writer = Thread.ofVirtual().start(() -> {
                    try {
                        body.write(out);
                        out.flush();
                    } catch (IOException ignored) {
                        // the gateway may close the connection once it has answered
                    }
                });
            }
            RawResponse r = readResponse(s.getInputStream());
            if (writer != null) {
                s.close();
                writer.join(CALL_TIMEOUT.toMillis());
            }
            return r;
        }
    }

    static RawResponse readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String l = line(in); !l.isEmpty(); l = line(in)) {
            int c = l.indexOf(':');
            headers.computeIfAbsent(l.substring(0, c).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(l.substring(c + 1).strip());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.containsKey("content-length")) {
            body.write(
                    in.readNBytes(Integer.parseInt(headers.get("content-length").get(0))));
        } else if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
            for (int n = Integer.parseInt(line(in).strip(), 16); n > 0; n = Integer.parseInt(line(in).strip(), 16)) {
                body.write(in.readNBytes(n));
                line(in);
            }
        } else {
            body.write(in.readAllBytes());
        }
        return new RawResponse(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed mid-line after: " + b.toString(StandardCharsets.ISO_8859_1));
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
