package io.trustgate.policy;

import io.trustgate.api.UsageStore.Spend;
import java.time.YearMonth;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Monthly spend per key, with reservations. A request reserves its worst case before the call and settles its
 * actual usage after it; admission checks spent + reserved + new against the budget under the key's lock, so
 * concurrent requests can never together overshoot a budget (as long as actual usage stays within the
 * reservation, which {@link Limits} ensures by capping the upstream's completion tokens).
 */
final class BudgetLedger {
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    /** Seeds the month's spend, e.g. from the usage store at start-up. */
    void seed(String keyId, YearMonth month, Spend spend) {
        account(keyId, month).seed(spend);
    }

    Account account(String keyId, YearMonth month) {
        Account a =
                accounts.compute(keyId, (k, old) -> old == null || !old.month.equals(month) ? new Account(month) : old);
        return a;
    }

    Spend spent(String keyId, YearMonth month) {
        Account a = accounts.get(keyId);
        return a == null || !a.month.equals(month) ? Spend.ZERO : a.spentSnapshot();
    }

    /** One key's month. */
    static final class Account {
        final YearMonth month;
        private long spentTokens;
        private long spentMicros;
        private long reservedTokens;
        private long reservedMicros;

        Account(YearMonth month) {
            this.month = month;
        }

        synchronized void seed(Spend s) {
            spentTokens += s.tokens();
            spentMicros += s.costMicros();
        }

        /** Tokens still reservable under the given budget (spent and reserved deducted). */
        synchronized long tokensLeft(long tokenBudget) {
            return tokenBudget - spentTokens - reservedTokens;
        }

        synchronized long microsLeft(long costBudget) {
            return costBudget - spentMicros - reservedMicros;
        }

        /** Reserves when both budgets allow it; returns false otherwise and reserves nothing. */
        synchronized boolean tryReserve(long tokens, long micros, long tokenBudget, long costBudget) {
            if (tokenBudget != Long.MAX_VALUE && spentTokens + reservedTokens + tokens > tokenBudget) {
                return false;
            }
            if (costBudget != Long.MAX_VALUE && spentMicros + reservedMicros + micros > costBudget) {
                return false;
            }
            reservedTokens += tokens;
            reservedMicros += micros;
            return true;
        }

        synchronized void settle(long reservedT, long reservedM, long actualT, long actualM) {
            reservedTokens -= reservedT;
            reservedMicros -= reservedM;
            spentTokens += actualT;
            spentMicros += actualM;
        }

        synchronized Spend spentSnapshot() {
            return new Spend(spentTokens, spentMicros);
        }
    }
}
