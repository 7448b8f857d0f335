package io.trustgate.audit;

import io.trustgate.api.audit.AuditEvent;
import io.trustgate.api.audit.AuditFinding;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * A growable byte buffer that writes the canonical JSON of docs/audit.md ("Canonical body") straight as UTF-8: the
 * audit's per-event encoder. It replaced a Jackson generator per event (a generator, two intermediate arrays, a
 * validity check per value) on the request path; the bytes are the same, which {@code CanonicalWriterTest} checks
 * against Jackson with the pinned features on random strings. One per thread, reused: not thread-safe.
 */
final class CanonicalWriter {
    private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] HEX_LOWER = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    byte[] buf;
    int len;

    CanonicalWriter(int capacity) {
        buf = new byte[capacity];
    }

    void reset() {
        len = 0;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    void raw(byte[] b) {
        raw(b, 0, b.length);
    }

    void raw(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    void raw(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    /** An ASCII string as is (constants, enum names, numbers). */
    void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    void number(long v) {
        if (v >= 0 && v < 10) {
            raw((byte) ('0' + v));
        } else {
            ascii(Long.toString(v));
        }
    }

    /** Lower-case hex of {@code b}. */
    void hex(byte[] b) {
        ensure(b.length * 2);
        for (byte x : b) {
            buf[len++] = HEX_LOWER[(x >> 4) & 0xF];
            buf[len++] = HEX_LOWER[x & 0xF];
        }
    }

    /**
     * A JSON string: {@code "} and {@code \} escaped, control characters as the short escapes {@code \b \t \n \f
     * \r} or {@code \\u00XX} (upper-case hex), everything else as raw UTF-8 (a surrogate pair as one 4-byte
     * sequence), an unpaired surrogate as U+FFFD: what Jackson writes with the features {@link Codec} pins.
     */
    void string(String s) {
        int n = s.length();
        ensure(n + 2);
        buf[len++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    if (len == buf.length) {
                        ensure(n - i + 1);
                    }
                    buf[len++] = (byte) c;
                } else {
                    escape(c);
                }
            } else {
                int cp = c;
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    cp = Character.toCodePoint(c, s.charAt(++i));
                } else if (Character.isSurrogate(c)) {
                    cp = 0xFFFD;
                }
                utf8(cp);
            }
        }
        raw((byte) '"');
    }

    private void escape(char c) {
        ensure(6);
        buf[len++] = '\\';
        switch (c) {
            case '"' -> buf[len++] = '"';
            case '\\' -> buf[len++] = '\\';
            case '\b' -> buf[len++] = 'b';
            case '\t' -> buf[len++] = 't';
            case '\n' -> buf[len++] = 'n';
            case '\f' -> buf[len++] = 'f';
            case '\r' -> buf[len++] = 'r';
            default -> {
                buf[len++] = 'u';
                buf[len++] = '0';
                buf[len++] = '0';
                buf[len++] = HEX_UPPER[c >> 4];
                buf[len++] = HEX_UPPER[c & 0xF];
            }
        }
    }

    private void utf8(int cp) {
        ensure(4);
        if (cp < 0x800) {
            buf[len++] = (byte) (0xC0 | cp >> 6);
            buf[len++] = (byte) (0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            buf[len++] = (byte) (0xE0 | cp >> 12);
            buf[len++] = (byte) (0x80 | cp >> 6 & 0x3F);
            buf[len++] = (byte) (0x80 | cp & 0x3F);
        } else {
            buf[len++] = (byte) (0xF0 | cp >> 18);
            buf[len++] = (byte) (0x80 | cp >> 12 & 0x3F);
            buf[len++] = (byte) (0x80 | cp >> 6 & 0x3F);
            buf[len++] = (byte) (0x80 | cp & 0x3F);
        }
    }

    // Field names with their quotes, colon and leading comma, as bytes once: the key order is fixed below.
    private static final byte[] ATTRIBUTES = key("attributes");
    private static final byte[] CAPTURE = key("capture");
    private static final byte[] COMPLETION = key("completion");
    private static final byte[] MODE = key("mode");
    private static final byte[] PROMPT = key("prompt");
    private static final byte[] COMPLETION_TOKENS = key("completion_tokens");
    private static final byte[] CONTEXT = key("context");
    private static final byte[] COST_MICROS = key("cost_micros");
    private static final byte[] ERROR_CODE = key("error_code");
    private static final byte[] FINDINGS = key("findings");
    private static final byte[] CATEGORY = key("category");
    private static final byte[] SCANNER = key("scanner");
    private static final byte[] SCORE = key("score");
    private static final byte[] TYPE = key("type");
    private static final byte[] KEY_ID = key("key_id");
    private static final byte[] KIND = key("kind");
    private static final byte[] LATENCY_MS = key("latency_ms");
    private static final byte[] MODEL_REQUESTED = key("model_requested");
    private static final byte[] MODEL_SERVED = key("model_served");
    private static final byte[] PROMPT_TOKENS = key("prompt_tokens");
    private static final byte[] PROVIDER = key("provider");
    private static final byte[] REQUEST_ID = key("request_id");
    private static final byte[] ROUTE = key("route");
    private static final byte[] STATUS = key("status");
    private static final byte[] TENANT = key("tenant");
    private static final byte[] TIME = key("time");

    /** {@code ,"name":}; the comma is skipped for an object's first field. */
    private static byte[] key(String name) {
        return Codec.ascii(",\"" + name + "\":");
    }

    /** Whether the next field is the first of its object (no comma before it). */
    private boolean first;

    private void field(byte[] key) {
        if (first) {
            raw(key, 1, key.length - 1);
            first = false;
        } else {
            raw(key);
        }
    }

    private void open(byte b) {
        raw(b);
        first = true;
    }

    private void stringField(byte[] key, String value) {
        if (!value.isEmpty()) {
            field(key);
            string(value);
        }
    }

    private void numberField(byte[] key, long value) {
        field(key);
        number(value);
    }

    /** Appends the canonical body of {@code e} (keys in {@code String.compareTo} order, empties left out). */
    void event(AuditEvent e) {
        open((byte) '{');
        if (!e.attributes().isEmpty()) {
            field(ATTRIBUTES);
            open((byte) '{');
            for (Map.Entry<String, String> a : e.attributes().entrySet()) { // a TreeMap: sorted
                if (!first) {
                    raw((byte) ',');
                }
                first = false;
                string(a.getKey());
                raw((byte) ':');
                string(a.getValue());
            }
            raw((byte) '}');
            first = false;
        }
        field(CAPTURE);
        open((byte) '{');
        stringField(COMPLETION, e.content().completion());
        field(MODE);
        raw((byte) '"');
        ascii(e.content().mode().name());
        raw((byte) '"');
        stringField(PROMPT, e.content().prompt());
        raw((byte) '}');
        numberField(COMPLETION_TOKENS, e.completionTokens());
        stringField(CONTEXT, e.context());
        numberField(COST_MICROS, e.costMicros());
        stringField(ERROR_CODE, e.errorCode());
        if (!e.findings().isEmpty()) {
            field(FINDINGS);
            raw((byte) '[');
            boolean firstFinding = true;
            for (AuditFinding f : e.findings()) {
                if (!firstFinding) {
                    raw((byte) ',');
                }
                firstFinding = false;
                open((byte) '{');
                field(CATEGORY);
                string(f.category().name());
                field(SCANNER);
                string(f.scanner());
                field(SCORE);
                ascii(Codec.score(f.score()));
                field(TYPE);
                string(f.type());
                raw((byte) '}');
            }
            raw((byte) ']');
            first = false;
        }
        stringField(KEY_ID, e.keyId());
        field(KIND);
        string(e.kind().name());
        numberField(LATENCY_MS, e.latencyMs());
        stringField(MODEL_REQUESTED, e.modelRequested());
        stringField(MODEL_SERVED, e.modelServed());
        numberField(PROMPT_TOKENS, e.promptTokens());
        stringField(PROVIDER, e.provider());
        stringField(REQUEST_ID, e.requestId());
        if (!e.route().isEmpty()) {
            field(ROUTE);
            raw((byte) '[');
            for (int i = 0; i < e.route().size(); i++) {
                if (i > 0) {
                    raw((byte) ',');
                }
                string(e.route().get(i));
            }
            raw((byte) ']');
        }
        numberField(STATUS, e.status());
        stringField(TENANT, e.tenant());
        field(TIME);
        time(e.time());
        raw((byte) '}');
    }

    /**
     * {@code t} quoted, exactly as {@link Instant#toString()} writes it ({@code 2026-11-26T10:00:01.123Z}: the
     * fraction in groups of three digits, none when zero), without its formatter: that took a third of the encoding.
     * Years outside 0-9999 take the formatter.
     */
    void time(Instant t) {
        long secs = t.getEpochSecond();
        long days = Math.floorDiv(secs, 86_400);
        int secOfDay = (int) Math.floorMod(secs, 86_400);
        if (days < MIN_DAY || days > MAX_DAY) {
            raw((byte) '"');
            ascii(t.toString());
            raw((byte) '"');
            return;
        }
        java.time.LocalDate d = java.time.LocalDate.ofEpochDay(days);
        ensure(32);
        buf[len++] = '"';
        digits(d.getYear(), 4);
        buf[len++] = '-';
        digits(d.getMonthValue(), 2);
        buf[len++] = '-';
        digits(d.getDayOfMonth(), 2);
        buf[len++] = 'T';
        digits(secOfDay / 3600, 2);
        buf[len++] = ':';
        digits(secOfDay / 60 % 60, 2);
        buf[len++] = ':';
        digits(secOfDay % 60, 2);
        int nano = t.getNano();
        if (nano != 0) {
            buf[len++] = '.';
            if (nano % 1_000_000 == 0) {
                digits(nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                digits(nano / 1000, 6);
            } else {
                digits(nano, 9);
            }
        }
        buf[len++] = 'Z';
        buf[len++] = '"';
    }

    /** Days since the epoch of 0000-01-01 and 9999-12-31: the years Instant.toString writes as four plain digits. */
    private static final long MIN_DAY = java.time.LocalDate.of(0, 1, 1).toEpochDay();

    private static final long MAX_DAY = java.time.LocalDate.of(9999, 12, 31).toEpochDay();

    /** {@code v} as exactly {@code n} decimal digits, zero-padded (the caller ensured room). */
    private void digits(int v, int n) {
        for (int i = len + n - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        len += n;
    }
}
