package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Votes between two models' answers, through the API: validated, stored, audited, then acknowledged. */
class VotesIT {
    GatewayHarness h;
    final List<VoteSink.Vote> stored = new CopyOnWriteArrayList<>();
    final AuditEventsIT.Recording audit = new AuditEventsIT.Recording();

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private GatewayHarness start(VoteSink sink) {
        h = new GatewayHarness()
                .sandbox()
                .model("sandbox-echo", "sandbox", "sandbox-echo")
                .model("sandbox-twin", "sandbox", "sandbox-echo")
                .audit(audit)
                .votes(sink)
                .start();
        return h;
    }

    private static String vote(String a, String b, String winner) {
        return "{\"model_a\":\"" + a + "\",\"model_b\":\"" + b + "\",\"winner\":\"" + winner + "\"}";
    }

    @Test
    void aVoteIsStoredAuditedAndAcknowledged() throws Exception {
        start(stored::add);
        String key = h.key("voter");
        HttpResponse<String> r = h.post("/v1/trustgate/votes", key, vote("sandbox-echo", "sandbox-twin", "model_b"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).contains("\"id\":\"vote_", "\"winner\":\"model_b\"");
        assertThat(stored).singleElement().satisfies(v -> {
            assertThat(v.modelA()).isEqualTo("sandbox-echo");
            assertThat(v.winner()).isEqualTo("model_b");
            assertThat(v.keyId()).startsWith("key_");
        });
        assertThat(audit.of(r).attributes()).containsEntry("action", "vote").containsEntry("winner", "model_b");
    }

    @Test
    void badVotesGetClearErrorsAndAreNotStored() {
        start(stored::add);
        String key = h.key("voter");
        assertThat(h.post("/v1/trustgate/votes", key, vote("sandbox-echo", "nope", "model_a"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(h.post("/v1/trustgate/votes", key, vote("sandbox-echo", "sandbox-echo", "tie"))
                        .statusCode())
                .isEqualTo(400);
        HttpResponse<String> w = h.post("/v1/trustgate/votes", key, vote("sandbox-echo", "sandbox-twin", "both"));
        assertThat(w.statusCode()).isEqualTo(400);
        assertThat(w.body()).contains("\"param\":\"winner\"");
        assertThat(h.post("/v1/trustgate/votes", key, "[1]").statusCode()).isEqualTo(400);
        assertThat(h.post("/v1/trustgate/votes", "sk-tg-nope", vote("sandbox-echo", "sandbox-twin", "tie"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(stored).isEmpty();
    }

    @Test
    void withoutAVoteStoreTheEndpointDoesNotExist() {
        start(VoteSink.NONE);
        assertThat(h.post("/v1/trustgate/votes", h.key("v"), vote("sandbox-echo", "sandbox-twin", "tie"))
                        .statusCode())
                .isEqualTo(404);
    }
}
