package io.trustgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustgate.api.audit.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalFormTest {

    @Test
    void aKnownEventEncodesToExactlyTheseBytes() {
        // If this changes, every existing log's hashes would no longer be reproducible: change the format version.
        String body = new String(Codec.eventBody(Events.request(1)), StandardCharsets.UTF_8);
        assertThat(body)
                .isEqualTo("{\"capture\":{\"completion\":\"Hi\",\"mode\":\"REDACTED\",\"prompt\":\"Hello [EMAIL]\"},"
                        + "\"completion_tokens\":30,\"context\":\"standard\",\"cost_micros\":75,"
                        + "\"findings\":[{\"category\":\"PII\",\"scanner\":\"pii\",\"score\":0.9,\"type\":\"email\"}],"
                        + "\"key_id\":\"key_1\",\"kind\":\"API_REQUEST\",\"latency_ms\":230,"
                        + "\"model_requested\":\"gpt-4o-mini\",\"model_served\":\"gpt-4o-mini\",\"prompt_tokens\":120,"
                        + "\"provider\":\"openai\",\"request_id\":\"req-1\",\"route\":[\"openai\"],\"status\":200,"
                        + "\"tenant\":\"acme\",\"time\":\"2026-11-26T10:00:01Z\"}");
    }

    @Test
    void equalEventsEncodeIdenticallyWhateverTheAttributeInsertionOrder() {
        AuditEvent a = AuditEvent.builder(AuditEvent.Kind.ADMIN_ACTION, Events.T0)
                .attribute("zeta", "1")
                .attribute("alpha", "2")
                .attribute("mid", "3")
                .build();
        AuditEvent b = AuditEvent.builder(AuditEvent.Kind.ADMIN_ACTION, Events.T0)
                .attribute("mid", "3")
                .attribute("alpha", "2")
                .attribute("zeta", "1")
                .build();
        assertThat(Codec.eventBody(a)).isEqualTo(Codec.eventBody(b));
        assertThat(Codec.eventBody(Events.request(7))).isEqualTo(Codec.eventBody(Events.request(7)));
    }

    @Test
    void keysAreSortedAtEveryLevelWithoutWhitespace() throws Exception {
        AuditEvent e = AuditEvent.builder(AuditEvent.Kind.ADMIN_ACTION, Events.T0)
                .attribute("b", "x y")
                .attribute("a", "z")
                .build();
        for (AuditEvent ev : List.of(e, Events.request(3))) {
            byte[] body = Codec.eventBody(ev);
            String s = new String(body, StandardCharsets.UTF_8);
            assertThat(s.replaceAll("\"[^\"]*\"", "")).doesNotContainAnyWhitespaces();
            assertSorted(Codec.MAPPER.readTree(body));
        }
    }

    private static void assertSorted(JsonNode n) {
        if (n.isObject()) {
            List<String> names = new ArrayList<>();
            Iterator<String> it = n.fieldNames();
            it.forEachRemaining(names::add);
            assertThat(names).isSorted();
            n.forEach(CanonicalFormTest::assertSorted);
        } else if (n.isArray()) {
            n.forEach(CanonicalFormTest::assertSorted);
        }
    }

    @Test
    void decodingGivesBackTheSameEvent() throws Exception {
        AuditEvent e = Events.request(42);
        assertThat(Codec.decodeEvent(Codec.MAPPER.readTree(Codec.eventBody(e)))).isEqualTo(e);
    }

    @Test
    void scoresAreRoundedToSixPlacesWithoutTrailingZeros() {
        assertThat(Codec.score(0.9)).isEqualTo("0.9");
        assertThat(Codec.score(1.0)).isEqualTo("1");
        assertThat(Codec.score(0.0)).isEqualTo("0");
        assertThat(Codec.score(1.0 / 3)).isEqualTo("0.333333");
    }

    @Test
    void unpairedSurrogatesBecomeReplacementCharactersSoTextHasOneEncoding() {
        AuditEvent e = AuditEvent.builder(AuditEvent.Kind.API_REQUEST, Events.T0)
                .requestId("a\uD800b\uD83D\uDE00")
                .build();
        assertThat(new String(Codec.eventBody(e), StandardCharsets.UTF_8)).contains("a\uFFFDb\uD83D\uDE00");
        // the emoji is one 4-byte UTF-8 sequence, not two escapes
        assertThat(Codec.eventBody(e)).containsSequence((byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80);
        AuditEvent ctl = AuditEvent.builder(AuditEvent.Kind.API_REQUEST, Events.T0)
                .requestId("a/b\n\u0001\"\\é")
                .build();
        assertThat(new String(Codec.eventBody(ctl), StandardCharsets.UTF_8))
                .contains("\"request_id\":\"a/b\\n\\u0001\\\"\\\\é\"");
    }

    @Test
    void aLineHashesPrevAndItsBytesWithoutTheHashField() {
        var md = Codec.sha256();
        byte[] body = Codec.eventBody(Events.request(1));
        Codec.Encoded line = Codec.line(5, Codec.GENESIS, Codec.EVENT, body, md);
        String s = new String(line.bytes(), StandardCharsets.UTF_8);
        assertThat(s).startsWith("{\"seq\":5,\"prev\":\"" + "0".repeat(64) + "\",\"type\":\"event\",\"body\":{");
        assertThat(s).endsWith("\"}\n");
        md.reset();
        md.update(Codec.GENESIS);
        md.update((s.substring(0, s.length() - 1 - Codec.HASH_SUFFIX) + "}").getBytes(StandardCharsets.UTF_8));
        assertThat(md.digest()).isEqualTo(line.hash());
        byte[] bytes = line.bytes();
        assertThat(Codec.parse(bytes, 0, bytes.length - 1, md)).isInstanceOf(Codec.Line.class);
    }
}
