package io.trustgate.audit;

import io.trustgate.api.audit.AuditEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a log directory without taking the writer's lock (safe while the gateway runs: a record being written is
 * not yet newline-terminated and is skipped): exports and queries. Both are linear scans over the segments (about
 * a second per million records here); there is no index.
 */
public final class AuditReader {
    /** The first line of an export names this format. */
    public static final String FORMAT = "trustgate-audit-export/1";

    private AuditReader() {}

    /** What a query matches: empty strings and open bounds match everything. */
    public record Query(String requestId, String keyId, Instant from, Instant to, int limit) {
        public Query {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (limit < 1) {
                throw new IllegalArgumentException("query limit must be >= 1, was " + limit);
            }
        }

        public static Query all() {
            return new Query("", "", Instant.MIN, Instant.MAX, Integer.MAX_VALUE);
        }

        public Query withRequestId(String v) {
            return new Query(v, keyId, from, to, limit);
        }

        public Query withKeyId(String v) {
            return new Query(requestId, v, from, to, limit);
        }

        public Query between(Instant f, Instant t) {
            return new Query(requestId, keyId, f, t, limit);
        }

        public Query withLimit(int n) {
            return new Query(requestId, keyId, from, to, n);
        }

        boolean matches(AuditEvent e) {
            return (requestId.isEmpty() || requestId.equals(e.requestId()))
                    && (keyId.isEmpty() || keyId.equals(e.keyId()))
                    && !e.time().isBefore(from)
                    && e.time().isBefore(to);
        }
    }

    /** The event as canonical JSON (the body its log record holds). */
    public static String json(AuditEvent e) {
        return new String(Codec.eventBody(e), StandardCharsets.UTF_8);
    }

    /** The events matching {@code q}, oldest first. Records are not verified here: run the verifier for that. */
    public static List<AuditRecord> query(Path dir, Query q) {
        List<AuditRecord> out = new ArrayList<>();
        var md = Codec.sha256();
        byte[] reqNeedle = q.requestId().isEmpty() ? null : needle("request_id", q.requestId());
        byte[] keyNeedle = q.keyId().isEmpty() ? null : needle("key_id", q.keyId());
        for (Path seg : Segments.list(dir)) {
            byte[] buf = Segments.read(seg);
            Segments.lines(buf, (start, end) -> {
                if (out.size() >= q.limit()) {
                    return false;
                }
                if ((reqNeedle != null && indexOf(buf, start, end, reqNeedle) < 0)
                        || (keyNeedle != null && indexOf(buf, start, end, keyNeedle) < 0)) {
                    return true; // cheap byte search first: most lines are not the one asked for
                }
                if (Codec.parse(buf, start, end, md) instanceof Codec.Line l && !l.isCheckpoint()) {
                    try {
                        AuditEvent e = Codec.decodeEvent(
                                Codec.MAPPER.readTree(buf, l.bodyStart(), l.bodyEnd() - l.bodyStart()));
                        if (q.matches(e)) {
                            out.add(new AuditRecord(l.seq(), e));
                        }
                    } catch (IOException | RuntimeException e) {
                        // an unreadable record is the verifier's business; a query shows what it can read
                    }
                }
                return true;
            });
        }
        return out;
    }

    private static byte[] needle(String field, String value) {
        try {
            return ("\"" + field + "\":" + Codec.MAPPER.writeValueAsString(Codec.clean(value)))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] buf, int start, int end, byte[] n) {
        outer:
        for (int i = start; i <= end - n.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (buf[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Writes the log as a self-verifying JSONL export: a header with the public key, the chain records from the
     * checkpoint that anchors the first event at or after {@code since} (so a few earlier events may be included),
     * then a trailer signed now with the log's key that states the head and count at the last record, so that
     * cutting records off the end is detected. Refuses (without writing a trailer) when the chain is broken.
     */
    public static void export(Path dir, Optional<Instant> since, OutputStream out) {
        KeyPair keys = Keys.load(dir);
        List<Path> segs = Segments.list(dir);
        if (segs.isEmpty()) {
            throw new AuditException("no audit log in " + dir);
        }
        // Pass 1: where to start: the last checkpoint before the first event at or after since.
        int[] found = since.isPresent() ? findStart(segs, since.get()) : new int[] {0, 0, 1};
        int startSeg = found[0];
        int startOff = found[1];
        // No event at or after since: only the anchoring checkpoint goes out (a verifiable export of no events),
        // never the older events that follow it.
        boolean onlyAnchor = found[2] == 0;
        try {
            String header = Codec.MAPPER
                    .createObjectNode()
                    .put("type", "header")
                    .put("format", FORMAT)
                    .put(
                            "public_key",
                            Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()))
                    .put(
                            "exported_at",
                            Instant.now().truncatedTo(ChronoUnit.MICROS).toString())
                    .put("since", since.map(Instant::toString).orElse(""))
                    .toString();
            out.write(header.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
            Chain chain = new Chain(keys.getPublic());
            for (int s = startSeg; s < (onlyAnchor ? startSeg + 1 : segs.size()); s++) {
                byte[] buf = Segments.read(segs.get(s));
                String file = segs.get(s).getFileName().toString();
                int from = s == startSeg ? startOff : 0;
                long[] lineNo = {0};
                IOException[] failed = {null};
                VerifyResult.Broken[] broken = {null};
                Segments.lines(buf, (start, end) -> {
                    lineNo[0]++;
                    if (start < from) {
                        return true;
                    }
                    if (onlyAnchor && chain.started) {
                        return false;
                    }
                    broken[0] = chain.feed(buf, start, end, file, lineNo[0]);
                    if (broken[0] != null) {
                        return false;
                    }
                    try {
                        out.write(buf, start, end - start + 1);
                    } catch (IOException e) {
                        failed[0] = e;
                        return false;
                    }
                    return true;
                });
                if (failed[0] != null) {
                    throw failed[0];
                }
                if (broken[0] != null) {
                    throw new AuditException("the audit log is broken at " + broken[0].position() + ": "
                            + broken[0].reason() + "; the export stops there, unsigned");
                }
            }
            Codec.Checkpoint cp = new Codec.Checkpoint(
                    chain.expectSeq - 1,
                    Codec.HEX.formatHex(chain.head),
                    chain.checkpointCount + chain.sinceCheckpoint,
                    Instant.now().truncatedTo(ChronoUnit.MICROS),
                    "");
            cp = new Codec.Checkpoint(
                    cp.seq(), cp.head(), cp.count(), cp.time(), Keys.sign(keys.getPrivate(), cp.signedBytes()));
            out.write(("{\"type\":\"trailer\",\"checkpoint\":" + new String(cp.body(), StandardCharsets.UTF_8) + "}\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new AuditException("cannot write the export: " + e.getMessage(), e);
        }
    }

    private static final byte[] TIME = Codec.ascii("\"time\":\"");

    /**
     * {segment index, byte offset, 1} of the checkpoint anchoring the first event at or after {@code since}; {.., 0}
     * (the last checkpoint) when no event is that recent.
     */
    private static int[] findStart(List<Path> segs, Instant since) {
        var md = Codec.sha256();
        int[] anchor = {0, 0};
        for (int s = 0; s < segs.size(); s++) {
            byte[] buf = Segments.read(segs.get(s));
            int seg = s;
            boolean[] found = {false};
            Segments.lines(buf, (start, end) -> {
                if (!(Codec.parse(buf, start, end, md) instanceof Codec.Line l)) {
                    return true;
                }
                if (l.isCheckpoint()) {
                    anchor[0] = seg;
                    anchor[1] = start;
                    return true;
                }
                if (!eventTime(buf, l).isBefore(since)) {
                    found[0] = true;
                    return false;
                }
                return true;
            });
            if (found[0]) {
                return new int[] {anchor[0], anchor[1], 1};
            }
        }
        return new int[] {anchor[0], anchor[1], 0};
    }

    /** The event's time: canonical bodies end with {@code "time":"<instant>"}} (it sorts last). */
    static Instant eventTime(byte[] buf, Codec.Line l) {
        int end = l.bodyEnd() - 2; // before "}
        for (int i = end - 1; i >= l.bodyStart(); i--) {
            if (buf[i] == '"') {
                int k = i - TIME.length + 1;
                if (k >= l.bodyStart()) {
                    boolean match = true;
                    for (int j = 0; j < TIME.length; j++) {
                        match &= buf[k + j] == TIME[j];
                    }
                    if (match) {
                        return Instant.parse(new String(buf, i + 1, end - i - 1, StandardCharsets.US_ASCII));
                    }
                }
                break;
            }
        }
        return Instant.MIN;
    }
}
