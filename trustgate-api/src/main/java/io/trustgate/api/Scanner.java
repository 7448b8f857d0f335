package io.trustgate.api;

import java.util.List;

/**
 * A firewall scanner: looks at one text (a message of a request, or a response) and reports findings. The chain
 * decides what to do with them (block, redact or flag), so a scanner only detects.
 *
 * <p>Implementations are thread-safe, never block on I/O, and open with a Javadoc saying the threat they cover, their
 * cost per call and what they cannot catch. A scanner that fails throws; the chain records the failure and goes on
 * with the other scanners. A scanner whose work grows with the text calls {@link ScanDeadline#tick()} in its loops,
 * so that a chain's time limit can stop it there (it throws {@link ScanDeadline.Exceeded}; let it pass).
 */
public interface Scanner {
    /** A short stable name, used in configuration, findings and metrics. */
    String name();

    /**
     * Scans a text. {@code text} is the original; {@code normalized} is the shared normalisation of it (see the
     * firewall's normaliser), whose offsets map back to the original through {@link ScanText#toOriginal(int)}.
     */
    List<Finding> scan(ScanText text);

    /**
     * Scans a text knowing the exchange around it (system prompt, canaries, requested schema). Scanners that need
     * the context override this; the others ignore it.
     */
    default List<Finding> scan(ScanText text, ScanContext context) {
        return scan(text);
    }

    /**
     * Whether the scanner can judge only a complete text (JSON validity, for instance): on a streamed response it
     * then runs once, at the end, instead of over the sliding window.
     */
    default boolean wholeText() {
        return false;
    }
}
