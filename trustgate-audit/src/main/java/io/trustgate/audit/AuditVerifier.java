package io.trustgate.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Checks an audit log directory or an export: recomputes every record's hash, checks that sequence numbers run on
 * without a gap and each record names the hash of the one before, verifies every checkpoint's Ed25519 signature and
 * that it matches the chain at its seq (head hash and event count), and, for a directory, that no checkpoint in the
 * side file lies beyond the end of the log (truncation); for an export, that its signed trailer matches the last
 * record (truncation). Reports the first problem with its position. Costs one SHA-256 per record and one signature
 * check per checkpoint; reads each file once, whole (segments are bounded by {@link AuditConfig#segmentBytes()}).
 *
 * <p>Limits (docs/audit.md, "Threat model"): records after the last checkpoint are linked but unsigned, so whoever
 * can write the files can rewrite that tail undetected; whoever holds the private key can rewrite everything; with
 * the key taken from the directory itself, replacing the key pair and re-signing is only caught by pinning the
 * public key ({@code --public-key}).
 */
public final class AuditVerifier {
    private AuditVerifier() {}

    /** Reads a PEM public key (as {@code trustgate audit public-key} prints it). */
    public static PublicKey readPublicKey(Path pem) {
        try {
            return Keys.readPublicPem(Files.readString(pem, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new AuditException("cannot read the public key " + pem + ": " + io.trustgate.api.IoReason.of(e), e);
        } catch (IllegalArgumentException e) {
            throw new AuditException("cannot read the public key " + pem + ": " + e.getMessage(), e);
        }
    }

    /** Verifies the log in {@code dir}, with {@code pinned} or else the directory's own public key. */
    public static VerifyResult verifyDirectory(Path dir, Optional<PublicKey> pinned) {
        // The side file is read before the segments: the writer puts a checkpoint in the log before the side file,
        // so every checkpoint read here is in the segments read after it, even while the gateway writes. Read the
        // other way round, a checkpoint written during the check looked like a truncated log.
        Path side = dir.resolve(Segments.SIDE);
        Optional<byte[]> sideBytes = Files.exists(side) ? Optional.of(Segments.read(side)) : Optional.empty();
        List<Path> segs = Segments.list(dir);
        if (segs.isEmpty()) {
            return new VerifyResult.Broken(new VerifyResult.Position(dir.toString(), 0, -1), "no audit segments");
        }
        PublicKey key;
        try {
            key = pinned.orElseGet(() -> readPublicKey(dir.resolve(Keys.PUBLIC_FILE)));
        } catch (AuditException e) {
            return new VerifyResult.Broken(
                    new VerifyResult.Position(dir.resolve(Keys.PUBLIC_FILE).toString(), 0, -1), e.getMessage());
        }
        // Every segment opens with a signed checkpoint, so each can be checked on its own (in parallel: the
        // SHA-256 of every record is the cost), then the segments are stitched together in order.
        int threads = Math.max(1, Math.min(segs.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "audit-verify");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Segment>> parts = new ArrayList<>();
            for (Path seg : segs) {
                parts.add(pool.submit(() -> verifySegment(seg, key)));
            }
            Chain prev = null;
            long events = 0;
            long checkpoints = 0;
            Map<Long, byte[]> checkpointHashes = new HashMap<>();
            String lastFile = "";
            long lastLine = 0;
            for (int k = 0; k < parts.size(); k++) {
                Segment part = get(parts.get(k));
                Chain c = part.chain();
                VerifyResult.Broken b = part.broken();
                if (b != null && b.position().line() <= 1) {
                    return b;
                }
                if (prev != null && c.started) {
                    VerifyResult.Position first = new VerifyResult.Position(part.file(), 1, prev.expectSeq);
                    if (c.firstSeq != prev.expectSeq) {
                        return new VerifyResult.Broken(
                                first,
                                "expected seq " + prev.expectSeq + " but found seq " + c.firstSeq
                                        + ": records were deleted, inserted or reordered");
                    }
                    if (!MessageDigest.isEqual(c.firstPrev, prev.head)) {
                        return new VerifyResult.Broken(
                                first,
                                "prev hash does not match the record before: a record was inserted, replaced or"
                                        + " reordered");
                    }
                    long held = prev.checkpointCount + prev.sinceCheckpoint;
                    if (c.firstCount != held) {
                        return new VerifyResult.Broken(
                                new VerifyResult.Position(part.file(), 1, c.firstSeq),
                                "checkpoint claims " + c.firstCount + " events but the chain holds " + held);
                    }
                }
                if (b != null) {
                    return b;
                }
                if (!c.started) {
                    if (k + 1 == parts.size() && prev != null) {
                        break; // created by a writer that crashed before its first record: never acknowledged
                    }
                    return new VerifyResult.Broken(new VerifyResult.Position(part.file(), 1, -1), "empty segment");
                }
                // The last segment may end in a write in progress (or torn by a crash): never acknowledged.
                if (part.unterminated() && k + 1 < parts.size()) {
                    return new VerifyResult.Broken(
                            c.at(part.file(), part.lines() + 1), "segment ends in the middle of a record");
                }
                events += c.events;
                checkpoints += c.checkpoints;
                checkpointHashes.putAll(c.checkpointHashes);
                lastFile = part.file();
                lastLine = part.lines();
                prev = c;
            }
            if (sideBytes.isPresent()) {
                long firstSeq = get(parts.getFirst()).chain().firstSeq;
                VerifyResult.Broken b = checkSide(
                        side, sideBytes.get(), firstSeq, prev.expectSeq, checkpointHashes, lastFile, lastLine);
                if (b != null) {
                    return b;
                }
            }
            return new VerifyResult.Intact(events, checkpoints);
        } finally {
            pool.shutdownNow();
        }
    }

    private record Segment(String file, Chain chain, VerifyResult.Broken broken, long lines, boolean unterminated) {}

    private static Segment verifySegment(Path seg, PublicKey key) {
        String file = seg.getFileName().toString();
        byte[] buf = Segments.read(seg);
        Chain chain = new Chain(key);
        long[] lineNo = {0};
        VerifyResult.Broken[] broken = {null};
        int tail = Segments.lines(buf, (start, end) -> {
            broken[0] = chain.feed(buf, start, end, file, ++lineNo[0]);
            return broken[0] == null;
        });
        return new Segment(file, chain, broken[0], lineNo[0], tail < buf.length);
    }

    private static Segment get(Future<Segment> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditException("verification interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuditException ae) {
                throw ae;
            }
            throw new AuditException("verification failed: " + e.getCause(), e.getCause());
        }
    }

    /** Every checkpoint in the side file that is not older than the log must be in the log, byte for byte. */
    private static VerifyResult.Broken checkSide(
            Path side,
            byte[] buf,
            long firstSeq,
            long endSeq,
            Map<Long, byte[]> checkpointHashes,
            String lastFile,
            long lastLine) {
        var md = Codec.sha256();
        long[] lineNo = {0};
        VerifyResult.Broken[] broken = {null};
        String file = side.getFileName().toString();
        Segments.lines(buf, (start, end) -> {
            lineNo[0]++;
            Object r = Codec.parse(buf, start, end, md);
            if (!(r instanceof Codec.Line l) || !l.isCheckpoint()) {
                broken[0] = new VerifyResult.Broken(
                        new VerifyResult.Position(file, lineNo[0], -1),
                        "side record is not a valid checkpoint" + (r instanceof String s ? " (" + s + ")" : ""));
                return false;
            }
            if (l.seq() < firstSeq) {
                return true; // pruned with its segment
            }
            if (l.seq() >= endSeq) {
                String claim = "";
                try {
                    Codec.Checkpoint cp = Codec.Checkpoint.parse(
                            Codec.MAPPER.readTree(buf, l.bodyStart(), l.bodyEnd() - l.bodyStart()));
                    claim = " claiming " + cp.count() + " events";
                } catch (IOException | RuntimeException e) {
                    // the claim is only detail for the message
                }
                broken[0] = new VerifyResult.Broken(
                        new VerifyResult.Position(lastFile, lastLine + 1, endSeq),
                        "truncated: a checkpoint at seq " + l.seq() + claim + " was written, but the log ends at seq "
                                + (endSeq - 1));
                return false;
            }
            byte[] inLog = checkpointHashes.get(l.seq());
            if (inLog == null || !MessageDigest.isEqual(inLog, l.hash())) {
                broken[0] = new VerifyResult.Broken(
                        new VerifyResult.Position(file, lineNo[0], l.seq()),
                        "the checkpoint at seq " + l.seq() + " differs from the log's record at that seq");
                return false;
            }
            return true;
        });
        return broken[0];
    }

    /** Verifies an export made by {@link AuditReader#export}, with {@code pinned} or else the key it includes. */
    public static VerifyResult verifyExport(Path file, Optional<PublicKey> pinned) {
        byte[] buf;
        try {
            buf = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AuditException("cannot read " + file + ": " + io.trustgate.api.IoReason.of(e), e);
        }
        // Not an export at all is a wrong file given (bad input), not an export that was tampered with.
        if (!startsWithExportHeader(buf)) {
            throw new AuditException(
                    file + " is not a Trustgate audit export (its first line is not an export header)");
        }
        return verifyExport(buf, file.getFileName().toString(), pinned);
    }

    private static boolean startsWithExportHeader(byte[] buf) {
        int end = 0;
        while (end < buf.length && buf[end] != '\n') {
            end++;
        }
        try {
            JsonNode h = Codec.MAPPER.readTree(buf, 0, end);
            return h != null
                    && "header".equals(h.path("type").asText())
                    && AuditReader.FORMAT.equals(h.path("format").asText());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Verifies export bytes; never throws on malformed input (it is Broken). */
    public static VerifyResult verifyExport(byte[] buf, String name, Optional<PublicKey> pinned) {
        long[] lineNo = {0};
        VerifyResult.Broken[] broken = {null};
        Chain[] chain = {null};
        boolean[] trailer = {false};
        int tail = Segments.lines(buf, (start, end) -> {
            long n = ++lineNo[0];
            VerifyResult.Position here =
                    chain[0] == null ? new VerifyResult.Position(name, n, -1) : chain[0].at(name, n);
            if (trailer[0]) {
                broken[0] = new VerifyResult.Broken(here, "records after the trailer");
                return false;
            }
            if (n == 1) {
                try {
                    JsonNode h = Codec.MAPPER.readTree(buf, start, end - start);
                    if (!"header".equals(h.path("type").asText())
                            || !AuditReader.FORMAT.equals(h.path("format").asText())) {
                        broken[0] = new VerifyResult.Broken(here, "not a Trustgate audit export (no header)");
                        return false;
                    }
                    PublicKey included = Keys.publicKey(
                            Base64.getDecoder().decode(h.path("public_key").asText()));
                    if (pinned.isPresent() && !pinned.get().equals(included)) {
                        broken[0] = new VerifyResult.Broken(here, "the export's public key is not the one given");
                        return false;
                    }
                    chain[0] = new Chain(pinned.orElse(included));
                } catch (IOException | RuntimeException e) {
                    broken[0] = new VerifyResult.Broken(here, "not a Trustgate audit export (unreadable header)");
                    return false;
                }
                return true;
            }
            if (startsWithTrailer(buf, start, end)) {
                trailer[0] = true;
                broken[0] = checkTrailer(buf, start, end, chain[0], here);
                return broken[0] == null;
            }
            broken[0] = chain[0].feed(buf, start, end, name, n);
            return broken[0] == null;
        });
        if (broken[0] != null) {
            return broken[0];
        }
        if (chain[0] == null) {
            return new VerifyResult.Broken(new VerifyResult.Position(name, 1, -1), "empty export");
        }
        if (tail < buf.length && !isBlank(buf, tail)) {
            return new VerifyResult.Broken(chain[0].at(name, lineNo[0] + 1), "the export ends in the middle of a line");
        }
        if (!trailer[0]) {
            return new VerifyResult.Broken(
                    chain[0].at(name, lineNo[0] + 1), "the export ends without its signed trailer: truncated");
        }
        return new VerifyResult.Intact(chain[0].events, chain[0].checkpoints);
    }

    private static boolean isBlank(byte[] buf, int from) {
        for (int i = from; i < buf.length; i++) {
            if (buf[i] != ' ' && buf[i] != '\r' && buf[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private static final byte[] TRAILER = Codec.ascii("{\"type\":\"trailer\"");

    private static boolean startsWithTrailer(byte[] buf, int start, int end) {
        if (end - start < TRAILER.length) {
            return false;
        }
        for (int i = 0; i < TRAILER.length; i++) {
            if (buf[start + i] != TRAILER[i]) {
                return false;
            }
        }
        return true;
    }

    private static VerifyResult.Broken checkTrailer(
            byte[] buf, int start, int end, Chain chain, VerifyResult.Position here) {
        if (!chain.started) {
            return new VerifyResult.Broken(here, "the export holds no records");
        }
        Codec.Checkpoint cp;
        try {
            cp = Codec.Checkpoint.parse(
                    Codec.MAPPER.readTree(buf, start, end - start).path("checkpoint"));
        } catch (IOException | RuntimeException e) {
            return new VerifyResult.Broken(here, "unreadable trailer");
        }
        String problem = chain.checkCheckpoint(cp, chain.expectSeq - 1, chain.head);
        return problem == null
                ? null
                : new VerifyResult.Broken(
                        here, "trailer: " + problem + " (records were removed from the end or the trailer altered)");
    }
}
