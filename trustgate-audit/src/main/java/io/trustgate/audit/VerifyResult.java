package io.trustgate.audit;

/** What {@link AuditVerifier} found: the chain is intact, or where it first breaks and why. */
public sealed interface VerifyResult {

    /** Every record hashes, links and counts as it should, and every checkpoint signature verifies. */
    record Intact(long events, long checkpoints) implements VerifyResult {}

    /** The first problem found. */
    record Broken(Position position, String reason) implements VerifyResult {}

    /**
     * Where a problem is: the file, its 1-based line, and the sequence number expected there ({@code -1} when not
     * known, e.g. before the first record).
     */
    record Position(String file, long line, long seq) {
        @Override
        public String toString() {
            return file + " line " + line + (seq >= 0 ? " (seq " + seq + ")" : "");
        }
    }
}
