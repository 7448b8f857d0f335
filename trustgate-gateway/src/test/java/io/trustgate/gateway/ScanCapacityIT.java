package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustgate.api.Action;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanText;
import io.trustgate.api.Scanner;
import io.trustgate.api.Secret;
import io.trustgate.firewall.FirewallChain;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Long prompts are screened on the scan workers ({@code server.scan-threads}), and only as many may hold or wait for
 * one as {@code server.scan-queue} allows: with one thread and no queue, a second long prompt while the first is
 * screened gets 503 {@code server_overloaded} at once (OpenAI-style body, {@code Retry-After}), while short prompts
 * and the readiness check, which do not use that pool, are served as usual. The first prompt's scanner is held on a
 * latch, so the test does not depend on how fast anything scans.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScanCapacityIT {
    static final ObjectMapper M = new ObjectMapper();

    /** Holds the scan of every long text until released; short texts pass at once. */
    static final class Held implements Scanner {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String name() {
            return "held";
        }

        @Override
        public List<Finding> scan(ScanText text) {
            if (text.original().length() > ChatExchange.COUNT_OFF_LOOP_CHARS) {
                entered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return List.of();
        }
    }

    private GatewayHarness h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    static String body(String prompt) {
        return "{\"model\":\"sandbox-echo\",\"messages\":[{\"role\":\"user\",\"content\":"
                + M.getNodeFactory().textNode(prompt) + "}]}";
    }

    @Test
    void aLongPromptBeyondTheScanPoolIsRefusedAtOnceAndOthersAreServed() throws Exception {
        Held held = new Held();
        h = new GatewayHarness()
                .config(new GatewayConfig("127.0.0.1", 0, 1 << 20, 2, Secret.of(""), "default").withScanPool(1, 0))
                .sandbox()
                .model("sandbox-echo", "sandbox", "sandbox-echo")
                .inputFirewall(
                        io.trustgate.firewall.Scanners.chain(List.of(new FirewallChain.Rule(held, Action.FLAG, 0.5))))
                .start();
        String key = h.key("k");
        String longPrompt = "Please summarise this report. ".repeat(400);
        HttpRequest first = HttpRequest.newBuilder(URI.create(h.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + key)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(longPrompt)))
                .build();
        CompletableFuture<HttpResponse<String>> held1 = h.http().sendAsync(first, HttpResponse.BodyHandlers.ofString());
        assertThat(held.entered.await(20, TimeUnit.SECONDS))
                .as("the first long prompt reached the scanner")
                .isTrue();

        HttpResponse<String> second = h.post("/v1/chat/completions", key, body(longPrompt));
        assertThat(second.statusCode()).isEqualTo(503);
        JsonNode error = M.readTree(second.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("server_overloaded");
        assertThat(error.path("type").asText()).isEqualTo("server_error");
        assertThat(error.path("message").asText()).contains("busy");
        assertThat(second.headers().firstValue("retry-after")).hasValue("1");

        HttpResponse<String> shortOne = h.post("/v1/chat/completions", key, body("hello"));
        assertThat(shortOne.statusCode())
                .as("short prompts are screened on the event loop")
                .isEqualTo(200);
        HttpResponse<String> ready = h.get("/readyz", null);
        assertThat(ready.statusCode())
                .as("the readiness check does not wait for the scan workers")
                .isEqualTo(200);

        held.release.countDown();
        assertThat(held1.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        HttpResponse<String> third = h.post("/v1/chat/completions", key, body(longPrompt));
        assertThat(third.statusCode()).as("the place is given back").isEqualTo(200);
        assertThat(h.gateway().scanGate.held()).isZero();
    }
}
