package io.trustgate.gateway;

import java.time.Instant;
import java.util.Objects;

/**
 * Where votes of {@code POST /v1/trustgate/votes} go: people comparing two models' answers say which was better, and
 * the votes become battles for the pairwise ratings ({@code trustgate assess ratings}). The app stores them as JSONL
 * in FastChat's battle format. {@link #record} runs on a worker thread and throws when the vote was not stored.
 */
public interface VoteSink {
    /**
     * One vote.
     *
     * @param id the vote's id, given back to the client
     * @param time when it was cast
     * @param requestId the request that carried it
     * @param keyId who cast it (the key's id, never the key)
     * @param modelA the model shown first
     * @param modelB the model shown second
     * @param winner {@code model_a}, {@code model_b}, {@code tie} or {@code tie (bothbad)}
     */
    record Vote(String id, Instant time, String requestId, String keyId, String modelA, String modelB, String winner) {
        public Vote {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(modelA, "modelA");
            Objects.requireNonNull(modelB, "modelB");
            Objects.requireNonNull(winner, "winner");
        }
    }

    void record(Vote vote);

    /** No vote store: the endpoint answers 404 (tests, and set-ups without a data directory). */
    VoteSink NONE = v -> {
        throw new UnsupportedOperationException("votes are not stored here");
    };
}
