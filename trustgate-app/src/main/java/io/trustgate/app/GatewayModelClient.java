package io.trustgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.api.Secret;
import io.trustgate.assess.run.ModelClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * The assessment runner's way to a model: the gateway's OpenAI-compatible {@code /v1/chat/completions} with a
 * virtual key, so that runs are authenticated, rate-limited and audited like any client. 429, 5xx, timeouts and
 * dropped connections are retryable failures (with the server's {@code retry-after}); a
 * {@code content_policy_violation} is the gateway's firewall blocking the exchange; 401, 403 and 404 (bad key,
 * model not allowed or unknown) are fatal to the run; other 4xx are not retryable.
 */
final class GatewayModelClient implements ModelClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final URI endpoint;
    private final Secret key;
    private final Duration timeout;

    GatewayModelClient(URI gateway, Secret key, Duration timeout) {
        String base = gateway.toString().replaceAll("/+$", "");
        if (base.endsWith("/v1")) {
            base = base.substring(0, base.length() - 3);
        }
        this.endpoint = URI.create(base + "/v1/chat/completions");
        this.key = key;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public Reply chat(ChatRequest r) throws InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", r.model());
        ArrayNode messages = body.putArray("messages");
        r.system().ifPresent(s -> messages.addObject().put("role", "system").put("content", s));
        r.messages().forEach(m -> messages.addObject().put("role", m.role()).put("content", m.content()));
        body.put("temperature", r.temperature());
        body.put("max_tokens", r.maxTokens());
        HttpRequest req = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("content-type", "application/json")
                .header("authorization", "Bearer " + key.reveal())
                .header("user-agent", "trustgate-assess")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return new Reply.Failure(true, "timed out after " + timeout.toSeconds() + " s", Optional.empty());
        } catch (IOException e) {
            return new Reply.Failure(
                    true, "cannot reach the gateway at " + endpoint + ": " + e.getMessage(), Optional.empty());
        }
        int status = resp.statusCode();
        JsonNode json;
        try {
            json = JSON.readTree(resp.body());
        } catch (IOException e) {
            return new Reply.Failure(status >= 500, "HTTP " + status + ": body is not JSON", Optional.empty());
        }
        if (status == 200) {
            JsonNode content = json.path("choices").path(0).path("message").path("content");
            return new Reply.Answer(content.isTextual() ? content.asText() : "");
        }
        JsonNode err = json.path("error");
        String message = "HTTP " + status + ": " + err.path("message").asText("(no message)");
        if ("content_policy_violation".equals(err.path("code").asText())) {
            return new Reply.Blocked(err.path("message").asText("blocked by the firewall"));
        }
        // Nothing in the request changes from sample to sample that would make these succeed: stop the run.
        switch (status) {
            case 401 -> {
                return new Reply.Fatal(message + ": the gateway refused the key; check --key or $TRUSTGATE_KEY");
            }
            case 403 -> {
                return new Reply.Fatal(message + ": the key may not use model '" + r.model() + "'");
            }
            case 404 -> {
                return new Reply.Fatal(message + ": the gateway at " + endpoint + " does not know model '" + r.model()
                        + "' (or --gateway is not a Trustgate gateway)");
            }
            default -> {}
        }
        boolean retryable = status == 429 || status == 408 || status >= 500;
        return new Reply.Failure(retryable, message, retryAfter(resp));
    }

    static Optional<Duration> retryAfter(HttpResponse<?> resp) {
        return resp.headers().firstValue("retry-after").flatMap(v -> {
            try {
                return Optional.of(Duration.ofMillis((long) (Double.parseDouble(v.strip()) * 1000)));
            } catch (NumberFormatException e) {
                return Optional.empty(); // an HTTP date: fall back to backoff
            }
        });
    }
}
