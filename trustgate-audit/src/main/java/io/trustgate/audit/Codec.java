package io.trustgate.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustgate.api.Category;
import io.trustgate.api.audit.AuditEvent;
import io.trustgate.api.audit.AuditFinding;
import io.trustgate.api.audit.CaptureMode;
import io.trustgate.api.audit.CapturedContent;
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
    static final HexFormat HEX = HexFormat.of();
    static final byte[] GENESIS = new byte[32];
    static final String EVENT = "event";
    static final String CHECKPOINT = "checkpoint";
    static final byte[] EVENT_BYTES = ascii(EVENT);
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
        CanonicalWriter w = new CanonicalWriter(512);
        w.event(e);
        return w.toByteArray();
    }

    /** Scores as plain decimals rounded to 6 places, without trailing zeros ("0.87", "1", "0"). */
    static String score(double s) {
        BigDecimal d = BigDecimal.valueOf(s).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
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
        CanonicalWriter out = new CanonicalWriter(body.length + 200);
        byte[] hash = line(out, seq, prev, ascii(type), body, body.length, md);
        return new Encoded(out.toByteArray(), hash);
    }

    /**
     * As {@link #line(long, byte[], String, byte[], MessageDigest)}, appending the line to {@code out} (which may hold
     * earlier lines) with no intermediate copies: the append path's form. Returns the line's hash.
     */
    static byte[] line(
            CanonicalWriter out, long seq, byte[] prev, byte[] type, byte[] body, int bodyLen, MessageDigest md) {
        int start = out.len;
        out.raw(SEQ);
        out.number(seq);
        out.raw(PREV);
        out.hex(prev);
        out.raw(TYPE);
        out.raw(type);
        out.raw(BODY);
        out.raw(body, 0, bodyLen);
        md.reset();
        md.update(prev);
        md.update(out.buf, start, out.len - start);
        md.update((byte) '}');
        byte[] hash = md.digest();
        out.raw(HASH);
        out.hex(hash);
        out.raw(LINE_END);
        return hash;
    }

    private static final byte[] LINE_END = ascii("\"}\n");

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
