package io.trustgate.audit;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.Map;

/**
 * Walks chain lines in order and finds the first problem: shared by the verifier (directories and exports) and the
 * exporter (which refuses to sign a broken chain).
 */
final class Chain {
    private final PublicKey key;
    private final MessageDigest md = Codec.sha256();
    boolean started;
    long expectSeq;
    long firstSeq = -1;
    byte[] firstPrev = Codec.GENESIS;
    long firstCount = -1;
    byte[] head = Codec.GENESIS;
    long checkpointCount = -1;
    long sinceCheckpoint;
    long events;
    long checkpoints;
    final Map<Long, byte[]> checkpointHashes = new HashMap<>();
    Codec.Line last;

    Chain(PublicKey key) {
        this.key = key;
    }

    VerifyResult.Position at(String file, long line) {
        return new VerifyResult.Position(file, line, started ? expectSeq : -1);
    }

    /** Checks the next line; returns the problem, or null when it fits. */
    VerifyResult.Broken feed(byte[] buf, int start, int end, String file, long lineNo) {
        Object r = Codec.parse(buf, start, end, md);
        if (r instanceof String reason) {
            return new VerifyResult.Broken(at(file, lineNo), reason);
        }
        Codec.Line l = (Codec.Line) r;
        if (!started) {
            if (!l.isCheckpoint()) {
                return new VerifyResult.Broken(
                        at(file, lineNo),
                        "the first record (seq " + l.seq() + ") is not a checkpoint: nothing anchors the chain");
            }
        } else {
            if (l.seq() != expectSeq) {
                return new VerifyResult.Broken(
                        at(file, lineNo),
                        "expected seq " + expectSeq + " but found seq " + l.seq()
                                + ": records were deleted, inserted or reordered");
            }
            if (!MessageDigest.isEqual(l.prev(), head)) {
                return new VerifyResult.Broken(
                        at(file, lineNo),
                        "prev hash does not match the record before: a record was inserted, replaced or reordered");
            }
        }
        if (l.isCheckpoint()) {
            Codec.Checkpoint cp;
            try {
                cp = Codec.Checkpoint.parse(Codec.MAPPER.readTree(buf, l.bodyStart(), l.bodyEnd() - l.bodyStart()));
            } catch (IOException | RuntimeException e) {
                return new VerifyResult.Broken(pos(file, lineNo, l.seq()), "unreadable checkpoint");
            }
            String problem = checkCheckpoint(cp, l.seq() - 1, l.prev());
            if (problem != null) {
                return new VerifyResult.Broken(pos(file, lineNo, l.seq()), problem);
            }
            if (!started) {
                firstCount = cp.count();
            }
            checkpointCount = cp.count();
            sinceCheckpoint = 0;
            checkpoints++;
            checkpointHashes.put(l.seq(), l.hash());
        } else {
            events++;
            sinceCheckpoint++;
        }
        if (!started) {
            started = true;
            firstSeq = l.seq();
            firstPrev = l.prev();
        }
        expectSeq = l.seq() + 1;
        head = l.hash();
        last = l;
        return null;
    }

    /** Checks a checkpoint claimed for the chain whose head at {@code seq} is {@code headAtSeq}; null when it holds. */
    String checkCheckpoint(Codec.Checkpoint cp, long seq, byte[] headAtSeq) {
        if (!Keys.verify(key, cp.signedBytes(), cp.signature())) {
            return "checkpoint signature does not verify (forged, altered, or signed with another key)";
        }
        if (cp.seq() != seq || !cp.head().equals(Codec.HEX.formatHex(headAtSeq))) {
            return "checkpoint (seq " + cp.seq() + ") does not match the chain at seq " + seq
                    + ": earlier records were rewritten";
        }
        if (checkpointCount >= 0 && cp.count() != checkpointCount + sinceCheckpoint) {
            return "checkpoint claims " + cp.count() + " events but the chain holds "
                    + (checkpointCount + sinceCheckpoint);
        }
        return null;
    }

    private static VerifyResult.Position pos(String file, long line, long seq) {
        return new VerifyResult.Position(file, line, seq);
    }
}
