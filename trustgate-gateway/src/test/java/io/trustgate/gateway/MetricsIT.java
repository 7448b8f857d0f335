package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trustgate.api.Action;
import io.trustgate.firewall.FirewallChain;
import io.trustgate.firewall.Scanners;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The meters behind /metrics, and what /readyz says about the store, the audit log and the providers. */
class MetricsIT {
    static Vertx vertx;
    FakeOpenAiServer upstream;
    GatewayHarness h;
    final MeterRegistry registry = new SimpleMeterRegistry();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    @AfterEach
    void tearDown() {
        if (h != null) {
            h.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private GatewayHarness gateway(io.trustgate.api.audit.AuditSink audit) {
        return gateway(
                audit,
                Scanners.chain(List.of(
                        new FirewallChain.Rule(Scanners.create("secrets"), Action.BLOCK, 0.5),
                        new FirewallChain.Rule(Scanners.create("pii"), Action.REDACT, 0.5))));
    }

    private GatewayHarness gateway(io.trustgate.api.audit.AuditSink audit, FirewallChain in) {
        return gateway(audit, Firewalls.Policy.input(in));
    }

    private GatewayHarness gateway(io.trustgate.api.audit.AuditSink audit, Firewalls.Policy policy) {
        upstream = new FakeOpenAiServer(vertx, "k");
        h = new GatewayHarness()
                .provider(GatewayHarness.openai("up", upstream, "k"))
                .model("m", "up", "m-up")
                .embeddingModel("emb", "up", "emb-up")
                .firewalls(Firewalls.of(policy))
                .telemetry(new GatewayMetrics.Telemetry(registry, () -> "# text"))
                .audit(audit)
                .start();
        return h;
    }

    private static String chat(String text) {
        return "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    private double count(String name, String... tags) {
        var search = registry.find(name).tags(tags);
        return search.counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void requestsTokensCostFindingsAndLatencyAreCounted() throws Exception {
        gateway(io.trustgate.api.audit.AuditSink.discarding());
        String key = h.key("k");
        assertThat(h.post("/v1/chat/completions", key, chat("mail jane.doe@example.com"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(h.post("/v1/chat/completions", key, chat("key ghp_aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5"))
                        .statusCode())
                .isEqualTo(400);
        assertThat(h.post("/v1/chat/completions", "sk-tg-nope", chat("hi")).statusCode())
                .isEqualTo(401);

        assertThat(count("trustgate.requests", "endpoint", "chat", "status", "200", "model", "m", "provider", "up"))
                .isEqualTo(1);
        assertThat(count("trustgate.requests", "endpoint", "chat", "status", "400"))
                .isEqualTo(1);
        assertThat(count("trustgate.requests", "endpoint", "chat", "status", "401"))
                .isEqualTo(1);
        assertThat(count("trustgate.tokens", "model", "m", "type", "prompt")).isPositive();
        assertThat(count("trustgate.firewall.findings", "scanner", "pii", "category", "pii", "action", "redact"))
                .isEqualTo(1);
        assertThat(count("trustgate.firewall.findings", "scanner", "secrets", "action", "block"))
                .isEqualTo(1);
        assertThat(registry.find("trustgate.upstream.duration")
                        .tag("provider", "up")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.find("trustgate.request.duration").timer().count()).isEqualTo(3);
        assertThat(registry.find("trustgate.circuit.breaker.state")
                        .tag("provider", "up")
                        .gauge()
                        .value())
                .isZero();
        assertThat(registry.getMeters().toString()).doesNotContain("jane.doe").doesNotContain(key);

        HttpResponse<String> text = h.get("/metrics", "");
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
    }

    @Test
    void aFindingIsCountedUnderTheActionItCausedNotUnderItsRulesAction() throws Exception {
        // secrets block only where pii also finds something: a key alone is reported, a key next to an e-mail blocks
        FirewallChain in = Scanners.chain(List.of(new FirewallChain.Rule(
                Scanners.create("secrets"),
                Action.BLOCK,
                0.5,
                FirewallChain.OnFailure.BLOCK,
                FirewallChain.Rule.ALL_SOURCES,
                java.util.Optional.of(new FirewallChain.Corroboration(Scanners.create("pii"), 0.5)))));
        gateway(io.trustgate.api.audit.AuditSink.discarding(), in);
        String key = h.key("k");
        String token = "ghp_aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5";
        assertThat(h.post("/v1/chat/completions", key, chat("key " + token)).statusCode())
                .isEqualTo(200);
        assertThat(h.post("/v1/chat/completions", key, chat("key " + token + " for jane.doe@example.com"))
                        .statusCode())
                .isEqualTo(400);
        assertThat(count("trustgate.firewall.findings", "scanner", "secrets", "action", "flag"))
                .isEqualTo(1);
        assertThat(count("trustgate.firewall.findings", "scanner", "secrets", "action", "block"))
                .isEqualTo(1);
    }

    @Test
    void aFindingIsCountedUnderTheSourceItWasFoundIn() throws Exception {
        FirewallChain in = Scanners.chain(List.of(
                new FirewallChain.Rule(Scanners.create("secrets"), Action.BLOCK, 0.5),
                new FirewallChain.Rule(Scanners.create("pii"), Action.REDACT, 0.5)));
        FirewallChain out = Scanners.chain(List.of(new FirewallChain.Rule(Scanners.create("pii"), Action.REDACT, 0.5)));
        gateway(
                io.trustgate.api.audit.AuditSink.discarding(),
                new Firewalls.Policy(
                        in, out, false, Firewalls.Policy.DEFAULT_HOLDBACK, Firewalls.Policy.DEFAULT_LOOKBEHIND));
        String key = h.key("k");
        upstream.enqueue(new FakeOpenAiServer.Behavior.Body(
                "{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"m-up\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"Write to qa.out@example-corp.com\"},"
                        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":5}}"));
        String body = "{\"model\":\"m\",\"messages\":["
                + "{\"role\":\"system\",\"content\":\"Escalate to qa.sys@example-corp.com\"},"
                + "{\"role\":\"user\",\"content\":\"mail qa.user@example-corp.com\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"notify\","
                + "\"description\":\"Copies qa.tool@example-corp.com\"}}],"
                + "\"metadata\":{\"owner\":\"qa.meta@example-corp.com\"}}";
        HttpResponse<String> r = h.post("/v1/chat/completions", key, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(h.post("/v1/embeddings", key, "{\"model\":\"emb\",\"input\":\"qa.emb@example-corp.com\"}")
                        .statusCode())
                .isEqualTo(200);
        String secret = "ghp_aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5";
        HttpResponse<String> unknown = h.post(
                "/v1/chat/completions",
                key,
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]," + "\"extra_instructions\":\""
                        + secret + "\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);

        for (String source :
                List.of("system", "user", "tool-definition", "request-field", "embeddings-input", "output")) {
            assertThat(count("trustgate.firewall.findings", "scanner", "pii", "action", "redact", "source", source))
                    .as(source)
                    .isEqualTo(1);
        }
        assertThat(count(
                        "trustgate.firewall.findings",
                        "scanner",
                        "secrets",
                        "action",
                        "block",
                        "source",
                        "request-field"))
                .isEqualTo(1);
        assertThat(count("trustgate.firewall.findings")).isEqualTo(7);
    }

    @Test
    void readyzNamesEachCheckAndFailsWhenTheAuditLogOrEveryProviderIsDown() throws Exception {
        AuditEventsIT.Recording audit = new AuditEventsIT.Recording();
        gateway(audit);
        HttpResponse<String> ok = h.get("/readyz", "");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(ok.body());
        assertThat(body.path("status").asText()).isEqualTo("ready");
        assertThat(body.path("checks").path("store").asText()).isEqualTo("ok");
        assertThat(body.path("checks").path("providers").path("up").asText()).isEqualTo("ok");
        assertThat(h.get("/healthz", "").statusCode()).isEqualTo(200);

        audit.unhealthy = true;
        HttpResponse<String> noAudit = h.get("/readyz", "");
        assertThat(noAudit.statusCode()).isEqualTo(503);
        assertThat(Json.MAPPER
                        .readTree(noAudit.body())
                        .path("checks")
                        .path("audit")
                        .asText())
                .isEqualTo("failing");
        assertThat(h.get("/healthz", "").statusCode()).as("alive all the same").isEqualTo(200);
    }

    @Test
    void readyzSaysWhichProviderCannotBeReached() throws Exception {
        gateway(io.trustgate.api.audit.AuditSink.discarding());
        upstream.close();
        upstream = null;
        HttpResponse<String> r = h.get("/readyz", "");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(Json.MAPPER
                        .readTree(r.body())
                        .path("checks")
                        .path("providers")
                        .path("up")
                        .asText())
                .isEqualTo("unreachable");
    }
}
