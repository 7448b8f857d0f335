package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The access log (logger trustgate.access at INFO): one line per API request, refusals included, never a key. */
class AccessLogIT {
    static final String WRONG_KEY = "sk-tg-wrong-key-that-must-never-be-logged";
    GatewayHarness h;
    ListAppender<ILoggingEvent> log;
    final Logger access = (Logger) LoggerFactory.getLogger("trustgate.access");

    @BeforeEach
    void captureLog() {
        log = new ListAppender<>();
        log.start();
        access.addAppender(log);
        access.setLevel(Level.INFO);
        h = new GatewayHarness()
                .sandbox(new ProviderConfig.ScriptedReply("UPSTREAM-DOWN", "", 500))
                .model("m", "sandbox", "sandbox-echo")
                .start();
    }

    @AfterEach
    void tearDown() {
        h.close();
        access.detachAppender(log);
        access.setLevel(null);
    }

    private Map<String, String> line(String requestId) {
        return log.list.stream()
                .map(e -> e.getKeyValuePairs().stream()
                        .collect(Collectors.toMap(kv -> kv.key, kv -> String.valueOf(kv.value))))
                .filter(kv -> requestId.equals(kv.get("request_id")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no access line for " + requestId + " in " + log.list));
    }

    private static String id(java.net.http.HttpResponse<String> r) {
        return r.headers().firstValue("x-request-id").orElseThrow();
    }

    @Test
    void requestsRefusedAtAuthenticationAndUnknownPathsAreLoggedWithoutTheKey() {
        var badKey = h.post("/v1/chat/completions", WRONG_KEY, "{}");
        var noKey = h.get("/v1/models", null);
        var unknown = h.get("/v1/nothing-here", h.key("k"));
        assertThat(List.of(badKey.statusCode(), noKey.statusCode(), unknown.statusCode()))
                .containsExactly(401, 401, 404);

        assertThat(line(id(badKey)))
                .containsEntry("endpoint", "chat")
                .containsEntry("status", "401")
                .containsEntry("error", "invalid_api_key")
                .containsEntry("key_id", "-");
        assertThat(line(id(noKey))).containsEntry("endpoint", "models").containsEntry("status", "401");
        assertThat(line(id(unknown))).containsEntry("status", "404").containsEntry("error", "unknown_url");
        assertThat(log.list)
                .allSatisfy(e -> assertThat(e.toString() + e.getKeyValuePairs()).doesNotContain("sk-tg-"));
    }

    @Test
    void anUpstreamFailureNamesTheModelAndTheProviderTried() {
        var r = h.post(
                "/v1/chat/completions",
                h.key("k"),
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"UPSTREAM-DOWN\"}]}");
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(line(id(r)))
                .containsEntry("status", "502")
                .containsEntry("model_requested", "m")
                .as("each attempt, retries included, in order")
                .containsEntry("route", "sandbox,sandbox,sandbox");
    }
}
