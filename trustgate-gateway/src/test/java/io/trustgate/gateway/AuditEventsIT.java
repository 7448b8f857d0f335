package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.api.Action;
import io.trustgate.api.audit.AuditEvent;
import io.trustgate.api.audit.AuditSink;
import io.trustgate.firewall.FirewallChain;
import io.trustgate.firewall.Scanners;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One audit event per API request, with what the issue asks for and never a matched text; no event, no answer. */
class AuditEventsIT {
    static Vertx vertx;
    FakeOpenAiServer upstream;
    GatewayHarness h;

    /** Keeps events; completes each append later, as a real log does after its write. */
    static final class Recording implements AuditSink {
        final List<AuditEvent> events = new CopyOnWriteArrayList<>();
        volatile boolean broken;
        volatile boolean unhealthy;

        @Override
        public boolean healthy() {
            return !unhealthy;
        }

        @Override
        public CompletableFuture<Long> append(AuditEvent e) {
            if (broken) {
                return CompletableFuture.failedFuture(new IllegalStateException("disk full"));
            }
            events.add(e);
            return CompletableFuture.supplyAsync(() -> (long) events.size());
        }

        @Override
        public void close() {}

        AuditEvent of(HttpResponse<?> r) {
            String id = r.headers().firstValue("x-request-id").orElseThrow();
            return events.stream()
                    .filter(e -> e.requestId().equals(id))
                    .reduce((a, b) -> {
                        throw new AssertionError("two events for " + id);
                    })
                    .orElseThrow(() -> new AssertionError("no event for " + id));
        }
    }

    final Recording audit = new Recording();

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
        h.close();
        upstream.close();
    }

    private void gateway() {
        upstream = new FakeOpenAiServer(vertx, "k");
        FirewallChain in = Scanners.chain(List.of(
                new FirewallChain.Rule(Scanners.create("secrets"), Action.BLOCK, 0.5),
                new FirewallChain.Rule(Scanners.create("pii"), Action.REDACT, 0.5)));
        h = new GatewayHarness()
                .provider(GatewayHarness.openai("up", upstream, "k"))
                .model("m", "up", "m-up")
                .firewalls(Firewalls.of(Firewalls.Policy.input(in)))
                .audit(audit)
                .start();
    }

    private static String chat(String text, boolean stream) {
        return "{\"model\":\"m\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + text
                + "\"}]}";
    }

    @Test
    void everyRequestHasOneEventWithRouteTokensAndFindingsButNoText() throws Exception {
        gateway();
        String key = h.key("k");
        HttpResponse<String> ok = h.post("/v1/chat/completions", key, chat("mail jane.doe@example.com", false));
        assertThat(ok.statusCode()).isEqualTo(200);
        AuditEvent e = audit.of(ok);
        assertThat(e.kind()).isEqualTo(AuditEvent.Kind.API_REQUEST);
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.keyId()).startsWith("key_");
        assertThat(e.context()).isEqualTo("default");
        assertThat(e.modelRequested()).isEqualTo("m");
        assertThat(e.provider()).isEqualTo("up");
        assertThat(e.route()).containsExactly("up");
        assertThat(e.promptTokens()).isEqualTo(11);
        assertThat(e.completionTokens()).isEqualTo(7);
        assertThat(e.findings())
                .singleElement()
                .satisfies(f -> assertThat(f.scanner()).isEqualTo("pii"));
        assertThat(e.toString()).doesNotContain("jane.doe").doesNotContain(key);

        HttpResponse<String> streamed = h.post("/v1/chat/completions", key, chat("hello there", true));
        assertThat(streamed.body()).endsWith("data: [DONE]\n\n");
        assertThat(audit.of(streamed).status()).isEqualTo(200);

        HttpResponse<String> blocked =
                h.post("/v1/chat/completions", key, chat("key ghp_aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5", false));
        assertThat(blocked.statusCode()).isEqualTo(400);
        AuditEvent b = audit.of(blocked);
        assertThat(b.errorCode()).isEqualTo("content_policy_violation");
        assertThat(b.findings()).anySatisfy(f -> assertThat(f.scanner()).isEqualTo("secrets"));
        assertThat(b.toString()).doesNotContain("ghp_");

        HttpResponse<String> unauthenticated = h.post("/v1/chat/completions", "sk-tg-nope", chat("hi", false));
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(audit.of(unauthenticated).status()).isEqualTo(401);

        HttpResponse<String> embeddings = h.post("/v1/embeddings", key, "{\"model\":\"m\",\"input\":\"x\"}");
        assertThat(audit.of(embeddings).status()).isEqualTo(embeddings.statusCode());
    }

    @Test
    void aRequestWhoseEventCannotBeRecordedIsNotAnswered() throws Exception {
        gateway();
        String key = h.key("k");
        audit.broken = true;
        HttpResponse<String> r = h.post("/v1/chat/completions", key, chat("hello", false));
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("audit_unavailable").doesNotContain("hello");
        HttpResponse<String> s = h.post("/v1/chat/completions", key, chat("hello there", true));
        assertThat(s.body()).contains("audit_unavailable").doesNotContain("[DONE]");
    }

    @Test
    void eachTierKeepsThePromptAndAnswerTextItsCaptureModeSays() throws Exception {
        upstream = new FakeOpenAiServer(vertx, "k");
        h = new GatewayHarness()
                .provider(GatewayHarness.openai("up", upstream, "k"))
                .model("m", "up", "m-up")
                .tier(io.trustgate.api.Tier.unlimited("hashed"))
                .tier(io.trustgate.api.Tier.unlimited("full"))
                .tier(io.trustgate.api.Tier.unlimited("none"))
                .audit(audit)
                .capture(AuditCapture.of(
                        io.trustgate.api.audit.CaptureMode.REDACTED,
                        java.util.Map.of(
                                "hashed", io.trustgate.api.audit.CaptureMode.HASHED,
                                "full", io.trustgate.api.audit.CaptureMode.FULL,
                                "none", io.trustgate.api.audit.CaptureMode.NONE),
                        AuditCapture.DEFAULT_MAX_CHARS))
                .start();
        String text = "mail jane.doe@example.com now";

        // Redacted (the default): the audit's own PII redaction, although this tier's firewall redacts nothing.
        String key = h.key("d");
        HttpResponse<String> r = h.post("/v1/chat/completions", key, chat(text, false));
        io.trustgate.api.audit.CapturedContent c = audit.of(r).content();
        assertThat(c.mode()).isEqualTo(io.trustgate.api.audit.CaptureMode.REDACTED);
        assertThat(c.prompt()).startsWith("user: mail ").doesNotContain("jane.doe");
        assertThat(c.completion()).isNotEmpty().doesNotContain("jane.doe");
        HttpResponse<String> rs = h.post("/v1/chat/completions", key, chat(text, true));
        io.trustgate.api.audit.CapturedContent cs = audit.of(rs).content();
        assertThat(cs.completion()).isNotEmpty().doesNotContain("jane.doe");
        assertThat(rs.body()).contains("jane.doe"); // the client's answer is untouched

        HttpResponse<String> hashed = h.post("/v1/chat/completions", h.key("h", "hashed"), chat(text, false));
        assertThat(audit.of(hashed).content().prompt()).isEqualTo(AuditCapture.sha256("user: " + text));

        HttpResponse<String> full = h.post("/v1/chat/completions", h.key("f", "full"), chat(text, true));
        io.trustgate.api.audit.CapturedContent f = audit.of(full).content();
        assertThat(f.mode()).isEqualTo(io.trustgate.api.audit.CaptureMode.FULL);
        assertThat(f.prompt()).isEqualTo("user: " + text);
        assertThat(f.completion()).contains("jane.doe@example.com");

        HttpResponse<String> none = h.post("/v1/chat/completions", h.key("n", "none"), chat(text, false));
        assertThat(audit.of(none).content()).isEqualTo(io.trustgate.api.audit.CapturedContent.NONE);
    }

    @Test
    void redactedCaptureStaysRedactedWhenTheFirewallAnonymisedAndTheAnswerPutTheValueBack() throws Exception {
        upstream = new FakeOpenAiServer(vertx, "k");
        FirewallChain in = Scanners.chain(List.of(
                new FirewallChain.Rule(Scanners.create("secrets"), Action.BLOCK, 0.5),
                new FirewallChain.Rule(Scanners.create("pii"), Action.ANONYMIZE, 0.5)));
        h = new GatewayHarness()
                .provider(GatewayHarness.openai("up", upstream, "k"))
                .model("m", "up", "m-up")
                // The output chain redacts PII too, but it sees the placeholders: the originals are put back after it.
                .firewalls(Firewalls.of(new Firewalls.Policy(
                        in,
                        Scanners.chain(List.of(new FirewallChain.Rule(Scanners.create("pii"), Action.REDACT, 0.5))),
                        false,
                        Firewalls.Policy.DEFAULT_HOLDBACK,
                        Firewalls.Policy.DEFAULT_LOOKBEHIND)))
                .audit(audit)
                .capture(AuditCapture.of(
                        io.trustgate.api.audit.CaptureMode.REDACTED,
                        java.util.Map.of(),
                        AuditCapture.DEFAULT_MAX_CHARS))
                .start();
        HttpResponse<String> r = h.post("/v1/chat/completions", h.key("k"), chat("mail jane.doe@example.com", false));
        assertThat(r.body()).as("the client gets its value back").contains("jane.doe@example.com");
        io.trustgate.api.audit.CapturedContent c = audit.of(r).content();
        assertThat(c.prompt()).contains("[EMAIL_ADDRESS_1]").doesNotContain("jane.doe");
        assertThat(c.completion()).isNotEmpty().doesNotContain("jane.doe");
    }
}
