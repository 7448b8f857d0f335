package io.trustgate.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Where usage records are kept. Appends come in batches from one writer thread. */
public interface UsageStore {
    /** Appends records durably (one transaction per batch). */
    void append(List<UsageRecord> batch);

    /** Totals grouped by one dimension, for records at or after {@code since}. */
    List<UsageSummary> summarize(UsageSummary.GroupBy groupBy, Instant since);

    /** Tokens and cost per key id since the given time: the spend that budgets start from after a restart. */
    Map<String, Spend> spendByKeySince(Instant since);

    /** Tokens and cost spent. */
    record Spend(long tokens, long costMicros) {
        public static final Spend ZERO = new Spend(0, 0);

        public Spend plus(Spend other) {
            return new Spend(tokens + other.tokens, costMicros + other.costMicros);
        }
    }
}
