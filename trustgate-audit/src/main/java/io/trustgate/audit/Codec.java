package io.trustgate.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustgate.api.Category;
import io.trustgate.api.audit.AuditEvent;
import io.trustgate.api.audit.AuditFinding;
import io.trustgate.api.audit.CaptureMode;
import io.trustgate.api.audit.CapturedContent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The on-disk form of the audit log (see docs/audit.md, "Format"). A chain line is
 * {@code {"seq":N,"prev":"<hex>","type":"event|checkpoint","body":<canonical JSON>,"hash":"<hex>"}} in exactly that
 * key order, where {@code hash = SHA-256(prev as 32 raw bytes || the line's bytes without ,"hash":"...")}. Bodies
 * are canonical: UTF-8, no whitespace, keys sorted, empty strings, lists and maps left out, numbers as integers
 * (scores as plain decimals rounded to 6 places), times as ISO-8601 instants. The verifier hashes the raw bytes, so
 * the canonical form matters for reproducibility, not for checking.
 */
final class Codec {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /**
     * The canonical writer, every output choice pinned rather than left to Jackson's defaults: non-ASCII as raw UTF-8
     * (characters beyond the BMP as one 4-byte sequence, not two escapes), {@code /} unescaped, control characters
     * as {@code \\uXXXX} with upper-case hex except the short escapes Jackson always uses ({@code \\b \\t \\n
     * \\f \\r}).
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .disable(JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS)
            .enable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .enable(JsonWriteFeature.QUOTE_FIELD_NAMES)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    static final HexFormat HEX = HexFormat.of();
    static final byte[] GENESIS = new byte[32];
    static final String EVENT = "event";
    static final String CHECKPOINT = "checkpoint";
    static final String SIGNED_PREFIX = "trustgate-audit-checkpoint/1\n";

    private static final byte[] SEQ = ascii("{\"seq\":");
    private static final byte[] PREV = ascii(",\"prev\":\"");
    private static final byte[] TYPE = ascii("\",\"type\":\"");
    private static final byte[] BODY = ascii("\",\"body\":");
    private static final byte[] HASH = ascii(",\"hash\":\"");
    /** {@code ,"hash":"} + 64 hex + {@code "}}. */
    static final int HASH_SUFFIX = 9 + 64 + 2;

    private Codec() {}

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The canonical body of an event. */
    static byte[] eventBody(AuditEvent e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            if (!e.attributes().isEmpty()) {
                g.writeObjectFieldStart("attributes");
                for (Map.Entry<String, String> a : e.attributes().entrySet()) { // a TreeMap: sorted
                    g.writeStringField(clean(a.getKey()), clean(a.getValue()));
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
                    g.writeStringField("scanner", clean(f.scanner()));
                    g.writeFieldName("score");
                    g.writeNumber(score(f.score()));
                    g.writeStringField("type", clean(f.type()));
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
                    g.writeString(clean(r));
                }
                g.writeEndArray();
            }
            g.writeNumberField("status", e.status());
            str(g, "tenant", e.tenant());
            g.writeStringField("time", e.time().toString());
            g.writeEndObject();
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return out.toByteArray();
    }

    /** Scores as plain decimals rounded to 6 places, without trailing zeros ("0.87", "1", "0"). */
    static String score(double s) {
        BigDecimal d = BigDecimal.valueOf(s).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }

    private static void str(JsonGenerator g, String name, String value) throws IOException {
        if (!value.isEmpty()) {
            g.writeStringField(name, clean(value));
        }
    }

    /** Replaces unpaired surrogates (not encodable as UTF-8) with U+FFFD, so every string has one encoding. */
    static String clean(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                StringBuilder b = new StringBuilder(s.length());
                for (int j = 0; j < s.length(); j++) {
                    char d = s.charAt(j);
                    if (Character.isHighSurrogate(d)
                            && j + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(j + 1))) {
                        b.append(d).append(s.charAt(++j));
                    } else {
                        b.append(Character.isSurrogate(d) ? '\uFFFD' : d);
                    }
                }
                return b.toString();
            }
        }
        return s;
    }

    /** Reads an event body back. */
    static AuditEvent decodeEvent(JsonNode n) {
        AuditEvent.Builder b = AuditEvent.builder(
                        AuditEvent.Kind.valueOf(n.path("kind").asText()),
                        Instant.parse(n.path("time").asText()))
                .requestId(n.path("request_id").asText(""))
                .keyId(n.path("key_id").asText(""))
                .tenant(n.path("tenant").asText(""))
                .context(n.path("context").asText(""))
                .modelRequested(n.path("model_requested").asText(""))
                .modelServed(n.path("model_served").asText(""))
                .provider(n.path("provider").asText(""))
                .tokens(
                        n.path("prompt_tokens").asLong(),
                        n.path("completion_tokens").asLong())
                .costMicros(n.path("cost_micros").asLong())
                .latencyMs(n.path("latency_ms").asLong())
                .status(n.path("status").asInt())
                .errorCode(n.path("error_code").asText(""));
        List<String> route = new ArrayList<>();
        n.path("route").forEach(r -> route.add(r.asText()));
        b.route(route);
        for (JsonNode f : n.path("findings")) {
            b.finding(new AuditFinding(
                    f.path("scanner").asText(),
                    Category.valueOf(f.path("category").asText()),
                    f.path("type").asText(),
                    f.path("score").asDouble()));
        }
        JsonNode c = n.path("capture");
        b.content(new CapturedContent(
                CaptureMode.valueOf(c.path("mode").asText("NONE")),
                c.path("prompt").asText(""),
                c.path("completion").asText("")));
        Map<String, String> attrs = new TreeMap<>();
        n.path("attributes")
                .properties()
                .forEach(e -> attrs.put(e.getKey(), e.getValue().asText()));
        attrs.forEach(b::attribute);
        return b.build();
    }

    /** A signed statement: the chain's head at {@code seq} is {@code head}, and {@code count} events lie up to it. */
    record Checkpoint(long seq, String head, long count, Instant time, String signature) {
        /** The bytes the signature covers. */
        byte[] signedBytes() {
            return (SIGNED_PREFIX + "{\"count\":" + count + ",\"head\":\"" + head + "\",\"seq\":" + seq + ",\"time\":\""
                            + time + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }

        byte[] body() {
            return ("{\"count\":" + count + ",\"head\":\"" + head + "\",\"seq\":" + seq + ",\"sig\":\"" + signature
                            + "\",\"time\":\"" + time + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }

        static Checkpoint parse(JsonNode n) {
            if (!n.path("count").isIntegralNumber()
                    || !n.path("seq").isIntegralNumber()
                    || !n.path("head").isTextual()
                    || !n.path("sig").isTextual()
                    || !n.path("time").isTextual()) {
                throw new IllegalArgumentException("checkpoint lacks count, head, seq, sig or time");
            }
            return new Checkpoint(
                    n.get("seq").asLong(),
                    n.get("head").asText(),
                    n.get("count").asLong(),
                    Instant.parse(n.get("time").asText()),
                    n.get("sig").asText());
        }
    }

    /** Builds a complete chain line (with its trailing newline) and returns it with its hash. */
    static Encoded line(long seq, byte[] prev, String type, byte[] body, MessageDigest md) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 200);
        out.writeBytes(SEQ);
        out.writeBytes(ascii(Long.toString(seq)));
        out.writeBytes(PREV);
        out.writeBytes(ascii(HEX.formatHex(prev)));
        out.writeBytes(TYPE);
        out.writeBytes(ascii(type));
        out.writeBytes(BODY);
        out.writeBytes(body);
        md.reset();
        md.update(prev);
        byte[] unhashed = out.toByteArray();
        md.update(unhashed);
        md.update((byte) '}');
        byte[] hash = md.digest();
        out.writeBytes(HASH);
        out.writeBytes(ascii(HEX.formatHex(hash)));
        out.writeBytes(ascii("\"}\n"));
        return new Encoded(out.toByteArray(), hash);
    }

    record Encoded(byte[] bytes, byte[] hash) {}

    /**
     * A parsed chain line: its offsets in {@code buf} ({@code [start, end)}, without the newline). {@code bodyStart}
     * and {@code bodyEnd} bound the body.
     */
    record Line(long seq, byte[] prev, String type, byte[] hash, int bodyStart, int bodyEnd) {
        boolean isCheckpoint() {
            return type.equals(CHECKPOINT);
        }
    }

    /**
     * Parses the envelope of the line {@code buf[start, end)} and checks its hash. Returns the reason it is not a
     * valid chain line, or the line.
     */
    static Object parse(byte[] buf, int start, int end, MessageDigest md) {
        int len = end - start;
        if (len < SEQ.length + 1 + PREV.length + 64 + TYPE.length + BODY.length + 2 + HASH_SUFFIX
                || !startsWith(buf, start, SEQ)) {
            return "not an audit record";
        }
        int p = start + SEQ.length;
        long seq = 0;
        int digits = 0;
        while (p < end && buf[p] >= '0' && buf[p] <= '9' && digits < 18) {
            seq = seq * 10 + (buf[p] - '0');
            p++;
            digits++;
        }
        if (digits == 0 || (digits > 1 && buf[p - digits] == '0')) {
            return "not an audit record (bad seq)";
        }
        if (!startsWith(buf, p, PREV) || p + PREV.length + 64 > end) {
            return "not an audit record (no prev)";
        }
        p += PREV.length;
        byte[] prev = hex(buf, p);
        if (prev == null) {
            return "not an audit record (bad prev)";
        }
        p += 64;
        if (!startsWith(buf, p, TYPE)) {
            return "not an audit record (no type)";
        }
        p += TYPE.length;
        String type;
        if (startsWith(buf, p, ascii(EVENT))) {
            type = EVENT;
        } else if (startsWith(buf, p, ascii(CHECKPOINT))) {
            type = CHECKPOINT;
        } else {
            return "not an audit record (unknown type)";
        }
        p += type.length();
        if (!startsWith(buf, p, BODY)) {
            return "not an audit record (no body)";
        }
        p += BODY.length;
        int hashAt = end - HASH_SUFFIX;
        if (hashAt <= p
                || !startsWith(buf, hashAt, HASH)
                || buf[end - 2] != '"'
                || buf[end - 1] != '}'
                || buf[p] != '{'
                || buf[hashAt - 1] != '}') {
            return "not an audit record (no hash)";
        }
        byte[] hash = hex(buf, hashAt + HASH.length);
        if (hash == null) {
            return "not an audit record (bad hash)";
        }
        md.reset();
        md.update(prev);
        md.update(buf, start, hashAt - start);
        md.update((byte) '}');
        if (!MessageDigest.isEqual(md.digest(), hash)) {
            return "hash mismatch: the record was modified";
        }
        return new Line(seq, prev, type, hash, p, hashAt);
    }

    private static boolean startsWith(byte[] buf, int at, byte[] prefix) {
        if (at < 0 || at + prefix.length > buf.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** 64 lowercase hex digits at {@code at} as 32 bytes, or null when they are not. */
    private static byte[] hex(byte[] buf, int at) {
        if (at + 64 > buf.length) {
            return null;
        }
        byte[] out = new byte[32];
        for (int i = 0; i < 32; i++) {
            int hi = digit(buf[at + 2 * i]);
            int lo = digit(buf[at + 2 * i + 1]);
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    private static int digit(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }
}
