package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustgate.api.Action;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanText;
import io.trustgate.api.Scanner;
import io.trustgate.firewall.FirewallChain;
import io.trustgate.firewall.Scanners;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A scanner that throws, in the request and in a streamed answer: a rule that fails closed refuses like a block
 * (saying the scanner failed, not that it found something), one that fails open lets the text through; either way
 * the failure is logged by scanner name and place, once per stream.
 */
class FailClosedIT {
    static final String TRIGGER = "zq-crash-me";
    static final String FILLER = "This answer starts with a long and harmless paragraph about the weather, the sea,"
            + " the mountains and the birds, long enough to leave the gateway before anything else happens here. ";
    static final ObjectMapper M = new ObjectMapper();
    static Vertx vertx;
    FakeOpenAiServer upstream;
    GatewayHarness h;
    ListAppender<ILoggingEvent> log;

    /** Throws on any text that contains the trigger, as a scanner might on some hostile input. */
    record Fragile() implements Scanner {
        @Override
        public String name() {
            return "fragile";
        }

        @Override
        public List<Finding> scan(ScanText text) {
            if (text.original().contains(TRIGGER)) {
                throw new IllegalStateException("boom");
            }
            return List.of();
        }
    }

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    @BeforeEach
    void captureLog() {
        log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(InputScreen.class)).addAppender(log);
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(InputScreen.class)).detachAppender(log);
        if (h != null) {
            h.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private static FirewallChain fragile(Action action, FirewallChain.OnFailure onFailure) {
        return Scanners.chain(List.of(new FirewallChain.Rule(new Fragile(), action, 0.5, onFailure)));
    }

    private void gateway(Firewalls.Policy policy) {
        upstream = new FakeOpenAiServer(vertx, "k").chunkDelay(0);
        h = new GatewayHarness()
                .provider(GatewayHarness.openai("up", upstream, "k"))
                .model("m", "up", "m-up")
                .firewalls(Firewalls.of(policy))
                .start();
    }

    private static Firewalls.Policy output(FirewallChain chain) {
        return new Firewalls.Policy(FirewallChain.none(), chain, false, 64, 128);
    }

    private static String chat(String text, boolean stream) {
        return "{\"model\":\"m\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":"
                + M.getNodeFactory().textNode(text) + "}]}";
    }

    private List<String> warnings() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aFailingBlockScannerRefusesTheRequestAndTheUpstreamIsNeverCalled() throws Exception {
        gateway(Firewalls.Policy.input(fragile(Action.BLOCK, FirewallChain.OnFailure.BLOCK)));
        HttpResponse<String> r = h.post("/v1/chat/completions", h.key("k"), chat("please " + TRIGGER, false));
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode e = M.readTree(r.body()).path("error");
        assertThat(e.path("code").asText()).isEqualTo("content_policy_violation");
        assertThat(e.path("param").asText()).isEqualTo("messages[0].content");
        assertThat(e.path("message").asText())
                .contains("request was blocked", "scanner 'fragile' failed", "messages[0].content", "on-failure")
                .doesNotContain("found by")
                .doesNotContain(TRIGGER);
        assertThat(upstream.requests()).isZero();
        assertThat(warnings())
                .singleElement()
                .asString()
                .contains("[fragile]", "messages[0].content", "fail closed")
                .doesNotContain(TRIGGER);
    }

    @Test
    void aScanOverTheTimeLimitRefusesTheRequestSayingSo() throws Exception {
        FirewallChain unlimited = Scanners.chain(List.of(
                new FirewallChain.Rule(Scanners.create("secrets"), Action.BLOCK, 0.5),
                new FirewallChain.Rule(Scanners.create("pii"), Action.REDACT, 0.5)));
        // loaded and compiled first, as the gateway's warm-up does: a first scan's loading counts against its limit
        for (int i = 0; i < 200; i++) {
            unlimited.scan("Hello there, call me on +44 20 7946 0958.", ScanText.Stage.INPUT);
        }
        FirewallChain chain = unlimited.withTimeLimit(java.time.Duration.ofMillis(1));
        gateway(Firewalls.Policy.input(chain));
        // 200,000 chars cannot be normalised in a millisecond of CPU: no scanner gets to start
        String prompt = "Please summarise the quarterly report, call +44 20 7946 0958. ".repeat(3_200);
        String key = h.key("k");
        HttpResponse<String> r = h.post("/v1/chat/completions", key, chat(prompt, false));
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode e = M.readTree(r.body()).path("error");
        assertThat(e.path("code").asText()).isEqualTo("content_policy_violation");
        assertThat(e.path("message").asText())
                .contains("scanner 'secrets' did not finish", "scan time limit", "firewall.scan-time-limit")
                .doesNotContain("7946");
        assertThat(upstream.requests()).isZero();
        assertThat(warnings())
                .anySatisfy(w -> assertThat(w).contains("messages[0].content", "time limit"))
                .allSatisfy(w -> assertThat(w).doesNotContain("7946"));
        // a short prompt is scanned within the same limit's fresh budget and goes through
        HttpResponse<String> ok = h.post("/v1/chat/completions", key, chat("Hello there.", false));
        assertThat(ok.statusCode()).isEqualTo(200);
    }

    @Test
    void aFailingBlockScannerWithOnFailureAllowLetsTheRequestThrough() throws Exception {
        gateway(Firewalls.Policy.input(fragile(Action.BLOCK, FirewallChain.OnFailure.ALLOW)));
        HttpResponse<String> r = h.post("/v1/chat/completions", h.key("k"), chat("please " + TRIGGER, false));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(upstream.requests()).isEqualTo(1);
        assertThat(warnings()).singleElement().asString().contains("[fragile]", "their verdict is missing");
    }

    @Test
    void aStreamWhoseFailClosedOutputScannerFailsEndsWithAnErrorEvent() throws Exception {
        gateway(output(fragile(Action.BLOCK, FirewallChain.OnFailure.BLOCK)));
        HttpResponse<String> r =
                h.post("/v1/chat/completions", h.key("k"), chat(FILLER + TRIGGER + " and more after it", true));
        assertThat(r.statusCode()).isEqualTo(200);
        OutputFirewallIT.Streamed s = OutputFirewallIT.parse(r.body());
        assertThat(s.content()).startsWith("This answer starts").doesNotContain("more after it");
        assertThat(s.done()).isFalse();
        assertThat(s.error().path("code").asText()).isEqualTo("content_policy_violation");
        assertThat(s.error().path("message").asText())
                .contains("response was blocked", "scanner 'fragile' failed", "choices[0].delta.content");
        assertThat(r.body()).doesNotContain(TRIGGER);
        assertThat(warnings())
                .singleElement()
                .asString()
                .contains("[fragile]", "choices[0].delta.content", "streamed", "fail closed");
    }

    @Test
    void aStreamWhoseFailOpenOutputScannerFailsGoesOnAndIsLoggedOnce() throws Exception {
        gateway(output(fragile(Action.REDACT, FirewallChain.OnFailure.ALLOW)));
        String text = FILLER + TRIGGER + " and more after it, " + FILLER;
        HttpResponse<String> r = h.post("/v1/chat/completions", h.key("k"), chat(text, true));
        OutputFirewallIT.Streamed s = OutputFirewallIT.parse(r.body());
        assertThat(s.done()).isTrue();
        assertThat(s.error()).isNull();
        assertThat(s.content()).isEqualTo(text);
        assertThat(warnings())
                .as("the window fails on many chunks; the log says so once")
                .singleElement()
                .asString()
                .contains("[fragile]", "choices[0].delta.content", "their verdict is missing")
                .doesNotContain(TRIGGER);
    }
}
