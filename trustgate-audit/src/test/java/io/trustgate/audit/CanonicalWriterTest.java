package io.trustgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.trustgate.api.Category;
import io.trustgate.api.audit.AuditEvent;
import io.trustgate.api.audit.AuditFinding;
import io.trustgate.api.audit.CaptureMode;
import io.trustgate.api.audit.CapturedContent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written canonical encoder against the Jackson generator it replaced (kept here, features pinned as the log
 * used them): the same bytes for every event, so logs written before and after stay reproducible.
 */
class CanonicalWriterTest {
    private static final JsonFactory JACKSON = JsonFactory.builder()
            .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .disable(JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS)
            .enable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .enable(JsonWriteFeature.QUOTE_FIELD_NAMES)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    @Test
    void encodesRandomEventsToTheSameBytesAsTheJacksonGeneratorItReplaced() throws IOException {
        Random r = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            AuditEvent e = randomEvent(r);
            assertThat(Codec.eventBody(e)).as("event %d: %s", i, e).isEqualTo(jackson(e));
        }
    }

    @Test
    void encodesEveryCharacterClassLikeJackson() throws IOException {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x3000; c++) {
            all.append(c);
        }
        all.append("\uD83D\uDE00 \uD800 x \uDC00 \uDBFF\uDFFF \u2028\u2029 \uFFFF \uFEFF end\uD83D");
        AuditEvent e = AuditEvent.builder(AuditEvent.Kind.API_REQUEST, Instant.EPOCH)
                .content(new CapturedContent(CaptureMode.FULL, all.toString(), "\u007f\"\\/"))
                .build();
        assertThat(Codec.eventBody(e)).isEqualTo(jackson(e));
    }

    @Test
    void writesInstantsExactlyAsInstantToStringDoes() {
        Random r = new Random(11);
        List<Instant> cases = new java.util.ArrayList<>(List.of(
                Instant.EPOCH,
                Instant.parse("2026-11-26T10:00:01Z"),
                Instant.parse("2026-11-26T10:00:01.100Z"),
                Instant.parse("2026-11-26T10:00:01.000100Z"),
                Instant.parse("2026-11-26T10:00:01.000000100Z"),
                Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.5Z"),
                Instant.MIN,
                Instant.MAX));
        for (int i = 0; i < 20_000; i++) {
            long secs = r.nextInt(4) == 0 ? r.nextLong() % 400_000_000_000L : r.nextLong() % 4_000_000_000L;
            int nano = switch (r.nextInt(4)) {
                case 0 -> 0;
                case 1 -> r.nextInt(1000) * 1_000_000;
                case 2 -> r.nextInt(1_000_000) * 1000;
                default -> r.nextInt(1_000_000_000);
            };
            cases.add(Instant.ofEpochSecond(secs, nano));
        }
        CanonicalWriter w = new CanonicalWriter(4);
        for (Instant t : cases) {
            w.reset();
            w.time(t);
            assertThat(new String(w.toByteArray(), StandardCharsets.UTF_8)).isEqualTo("\"" + t + "\"");
        }
    }

    @Test
    void reusedWriterGrowsPastItsCapacityAndStartsCleanAfterReset() throws IOException {
        CanonicalWriter w = new CanonicalWriter(8);
        AuditEvent big = AuditEvent.builder(AuditEvent.Kind.API_REQUEST, Instant.EPOCH)
                .content(new CapturedContent(CaptureMode.FULL, "é\n".repeat(5000), "ok"))
                .build();
        w.event(big);
        assertThat(w.toByteArray()).isEqualTo(jackson(big));
        w.reset();
        w.event(Events.request(1));
        assertThat(w.toByteArray()).isEqualTo(jackson(Events.request(1)));
    }

    @Test
    void aLineAppendedToABufferIsTheLineOnItsOwn() {
        CanonicalWriter w = new CanonicalWriter(16);
        w.raw(Codec.ascii("earlier\n"));
        byte[] body = Codec.eventBody(Events.request(3));
        byte[] hash = Codec.line(w, 12, Codec.GENESIS, Codec.EVENT_BYTES, body, body.length, Codec.sha256());
        Codec.Encoded alone = Codec.line(12, Codec.GENESIS, Codec.EVENT, body, Codec.sha256());
        assertThat(hash).isEqualTo(alone.hash());
        assertThat(new String(w.toByteArray(), StandardCharsets.UTF_8))
                .isEqualTo("earlier\n" + new String(alone.bytes(), StandardCharsets.UTF_8));
    }

    private static AuditEvent randomEvent(Random r) {
        AuditEvent.Builder b = AuditEvent.builder(
                        AuditEvent.Kind.values()[r.nextInt(AuditEvent.Kind.values().length)],
                        Instant.ofEpochSecond(
                                1_700_000_000L + r.nextInt(100_000_000),
                                r.nextInt(3) == 0 ? 0 : r.nextInt(1_000_000_000)))
                .requestId(text(r))
                .keyId(text(r))
                .tenant(text(r))
                .context(text(r))
                .modelRequested(text(r))
                .modelServed(text(r))
                .provider(text(r))
                .tokens(number(r), number(r))
                .costMicros(number(r))
                .latencyMs(number(r))
                .status(r.nextInt(1000))
                .errorCode(text(r));
        int routes = r.nextInt(3);
        for (int i = 0; i < routes; i++) {
            b.route(List.of(text(r), text(r)).subList(0, 1 + r.nextInt(2)));
        }
        int findings = r.nextInt(3);
        for (int i = 0; i < findings; i++) {
            b.finding(new AuditFinding(
                    text(r), Category.values()[r.nextInt(Category.values().length)], text(r), r.nextDouble()));
        }
        switch (r.nextInt(4)) {
            case 0 -> b.content(CapturedContent.NONE);
            case 1 -> b.content(new CapturedContent(CaptureMode.REDACTED, text(r), text(r)));
            case 2 -> b.content(new CapturedContent(CaptureMode.FULL, text(r), text(r)));
            default -> b.content(new CapturedContent(CaptureMode.HASHED, "ab".repeat(32), ""));
        }
        int attrs = r.nextInt(3);
        for (int i = 0; i < attrs; i++) {
            String k = text(r);
            b.attribute(k.isEmpty() ? "k" : k, text(r));
        }
        return b.build();
    }

    private static long number(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> r.nextInt(10);
            case 1 -> r.nextInt(100_000);
            default -> r.nextLong() & Long.MAX_VALUE;
        };
    }

    /** Mostly plain words, sometimes every kind of awkward character. */
    private static String text(Random r) {
        int n = r.nextInt(4) == 0 ? 0 : r.nextInt(40);
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(
                    switch (r.nextInt(10)) {
                        case 0 -> (char) r.nextInt(0x20);
                        case 1 -> "\"\\/\u007f".charAt(r.nextInt(4));
                        case 2 -> (char) (0x80 + r.nextInt(0x780));
                        case 3 -> (char) (0x800 + r.nextInt(0xF800));
                        case 4 -> "\uD83D\uDE00";
                        case 5 -> (char) (0xD800 + r.nextInt(0x800)); // a lone surrogate
                        default -> (char) (0x20 + r.nextInt(0x5F));
                    });
        }
        return s.toString();
    }

    /** The canonical body as the Jackson-based encoder wrote it (unpaired surrogates replaced first, as it did). */
    private static byte[] jackson(AuditEvent e) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JACKSON.createGenerator(out)) {
            g.writeStartObject();
            if (!e.attributes().isEmpty()) {
                g.writeObjectFieldStart("attributes");
                for (Map.Entry<String, String> a : e.attributes().entrySet()) {
                    g.writeStringField(Codec.clean(a.getKey()), Codec.clean(a.getValue()));
                }
                g.writeEndObject();
            }
            g.writeObjectFieldStart("capture");
            str(g, "completion", e.content().completion());
            g.writeStringField("mode", e.content().mode().name());
            str(g, "prompt", e.content().prompt());
            g.writeEndObject();
            g.writeNumberField("completion_tokens", e.completionTokens());
            str(g, "context", e.context());
            g.writeNumberField("cost_micros", e.costMicros());
            str(g, "error_code", e.errorCode());
            if (!e.findings().isEmpty()) {
                g.writeArrayFieldStart("findings");
                for (AuditFinding f : e.findings()) {
                    g.writeStartObject();
                    g.writeStringField("category", f.category().name());
                    g.writeStringField("scanner", Codec.clean(f.scanner()));
                    g.writeFieldName("score");
                    g.writeNumber(Codec.score(f.score()));
                    g.writeStringField("type", Codec.clean(f.type()));
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            str(g, "key_id", e.keyId());
            g.writeStringField("kind", e.kind().name());
            g.writeNumberField("latency_ms", e.latencyMs());
            str(g, "model_requested", e.modelRequested());
            str(g, "model_served", e.modelServed());
            g.writeNumberField("prompt_tokens", e.promptTokens());
            str(g, "provider", e.provider());
            str(g, "request_id", e.requestId());
            if (!e.route().isEmpty()) {
                g.writeArrayFieldStart("route");
                for (String r : e.route()) {
                    g.writeString(Codec.clean(r));
                }
                g.writeEndArray();
            }
            g.writeNumberField("status", e.status());
            str(g, "tenant", e.tenant());
            g.writeStringField("time", e.time().toString());
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void str(JsonGenerator g, String name, String value) throws IOException {
        if (!value.isEmpty()) {
            g.writeStringField(name, Codec.clean(value));
        }
    }
}
