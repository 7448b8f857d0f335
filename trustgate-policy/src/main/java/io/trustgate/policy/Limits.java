package io.trustgate.policy;

import io.trustgate.api.ApiKey;
import io.trustgate.api.ErrorKind;
import io.trustgate.api.Price;
import io.trustgate.api.Tier;
import io.trustgate.api.TrustgateException;
import io.trustgate.api.Usage;
import io.trustgate.api.UsageStore.Spend;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Admission control for one key's request: the tier's per-request ceiling, its per-minute request and token rates,
 * and its monthly token and cost budgets. Everything is in memory and per key, so a check costs a few hundred
 * nanoseconds; budgets are seeded from the usage store at start-up so that they survive restarts.
 *
 * <p>Budgets are reserved before the call (prompt tokens plus the completion cap, priced at the dearest model of
 * the route) and settled from the upstream's reported usage after it. When a budget or per-request ceiling is
 * finite, the completion cap is sent upstream as {@code max_tokens}, which is what keeps actual usage within the
 * reservation. Prompt counts for non-OpenAI tokenizers are estimates; {@link #PROMPT_MARGIN} covers their usual
 * error.
 *
 * <p>The per-minute token rate is taken the same way: prompt plus the completion cap (the client's {@code max_tokens},
 * else one imposed upstream), given back at settlement for what the answer did not use.
 */
public final class Limits {
    /** Completion tokens reserved when the client sets no {@code max_tokens} and a budget is finite. */
    public static final long DEFAULT_COMPLETION_RESERVE = 4096;
    /** Safety factor on counted prompt tokens for budget reservations (other vendors' tokenizers differ). */
    static final double PROMPT_MARGIN = 1.25;

    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Map<String, TokenBucket> requestBuckets = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> tokenBuckets = new ConcurrentHashMap<>();
    private final BudgetLedger ledger = new BudgetLedger();

    public Limits(Clock clock, LongSupplier nanoTime) {
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    public Limits() {
        this(Clock.systemUTC(), System::nanoTime);
    }

    /** Seeds this month's spend per key id (from the usage store). */
    public void seed(Map<String, Spend> spendByKey) {
        YearMonth month = currentMonth();
        spendByKey.forEach((k, s) -> ledger.seed(k, month, s));
    }

    /** The first instant of the current budget month (UTC). */
    public java.time.Instant monthStart() {
        return currentMonth().atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** Spend of the key in the current month, settled requests only. */
    public Spend spent(String keyId) {
        return ledger.spent(keyId, currentMonth());
    }

    /**
     * Admits a request or throws a {@link TrustgateException}: {@code INVALID_REQUEST} when it can never fit the
     * tier, {@code RATE_LIMITED} (with Retry-After) when it does not fit now.
     *
     * @param promptTokens counted prompt tokens
     * @param requestedMax the client's {@code max_tokens}, or 0 when absent
     * @param worstPrice the dearest price on the request's route
     */
    public Admission admit(ApiKey key, Tier tier, long promptTokens, long requestedMax, Price worstPrice) {
        return admit(key, tier, promptTokens, "messages", requestedMax, worstPrice);
    }

    /**
     * As {@link #admit(ApiKey, Tier, long, long, Price)}, with the request field that holds most of the prompt
     * ({@code messages}, {@code tools}, ...): a refusal for the prompt's size names it as its {@code param}.
     */
    public Admission admit(
            ApiKey key, Tier tier, long promptTokens, String promptParam, long requestedMax, Price worstPrice) {
        return admit(key, tier, promptTokens, promptParam, requestedMax, worstPrice, true);
    }

    /**
     * As {@link #admit}, for a request that produces no completion tokens (embeddings): only its input is charged,
     * and a refusal for its size names {@code input}.
     */
    public Admission admitInput(ApiKey key, Tier tier, long promptTokens, Price price) {
        return admit(key, tier, promptTokens, "input", 0, price, false);
    }

    private Admission admit(
            ApiKey key,
            Tier tier,
            long promptTokens,
            String promptParam,
            long requestedMax,
            Price worstPrice,
            boolean completes) {
        if (promptTokens >= tier.maxTokensPerRequest()) {
            throw TrustgateException.invalid(
                    "The prompt has " + promptTokens + " tokens ('" + promptParam + "' holds the most of them); tier '"
                            + tier.name() + "' allows " + tier.maxTokensPerRequest()
                            + " tokens per request, prompt and completion together.",
                    promptParam);
        }
        long tierRoom = tier.maxTokensPerRequest() == Tier.UNLIMITED
                ? Long.MAX_VALUE
                : tier.maxTokensPerRequest() - promptTokens;
        if (requestedMax > tierRoom) {
            throw TrustgateException.invalid(
                    "max_tokens is " + requestedMax + "; with a prompt of " + promptTokens + " tokens, tier '"
                            + tier.name() + "' allows at most " + tierRoom + ".",
                    "max_tokens");
        }
        long now = nanoTime.getAsLong();
        // The minute's bucket holds the prompt and the whole completion the answer may have: the client's max_tokens,
        // else a cap imposed upstream (what the tier and the minute leave), so that no answer takes the key past its
        // limit; settlement gives back what the answer did not use.
        long rateCap = 0;
        if (completes && requestedMax == 0 && tier.tokensPerMinute() != Tier.UNLIMITED) {
            rateCap = Math.max(
                    1, Math.min(Math.min(tierRoom, DEFAULT_COMPLETION_RESERVE), tier.tokensPerMinute() - promptTokens));
        }
        long rateTokens = promptTokens + (requestedMax > 0 ? requestedMax : rateCap);
        if (rateTokens > tier.tokensPerMinute()) {
            throw TrustgateException.invalid(
                    "The request needs " + rateTokens + " tokens, more than tier '" + tier.name()
                            + "' allows per minute (" + tier.tokensPerMinute() + ").",
                    requestedMax > 0 ? "max_tokens" : promptParam);
        }
        if (tier.requestsPerMinute() != Tier.UNLIMITED) {
            long wait = requestBuckets
                    .computeIfAbsent(key.id(), k -> new TokenBucket(tier.requestsPerMinute(), now))
                    .tryTake(1, now);
            if (wait > 0) {
                throw limited("requests per minute", tier.requestsPerMinute(), tier, Duration.ofNanos(wait));
            }
        }
        if (tier.tokensPerMinute() != Tier.UNLIMITED) {
            long wait = tokenBuckets
                    .computeIfAbsent(key.id(), k -> new TokenBucket(tier.tokensPerMinute(), now))
                    .tryTake(rateTokens, now);
            if (wait > 0) {
                refundRequest(key, tier, now);
                throw limited("tokens per minute", tier.tokensPerMinute(), tier, Duration.ofNanos(wait));
            }
        }
        return reserve(
                key, tier, promptTokens, requestedMax, rateCap > 0 ? rateCap : tierRoom, worstPrice, rateTokens, now);
    }

    private Admission reserve(
            ApiKey key,
            Tier tier,
            long prompt,
            long requestedMax,
            long completionRoom, // the cap the tier and the minute allow an answer; Long.MAX_VALUE: none
            Price price,
            long rateTokens,
            long now) {
        YearMonth month = currentMonth();
        boolean tokenBudget = tier.monthlyTokenBudget() != Tier.UNLIMITED;
        boolean costBudget = tier.monthlyCostBudgetMicros() != Tier.UNLIMITED;
        long cap = requestedMax > 0 ? requestedMax : completionRoom;
        boolean imposed = requestedMax == 0 && completionRoom != Long.MAX_VALUE;
        if (!tokenBudget && !costBudget) {
            return new Admission(key.id(), month, prompt, cap, imposed, 0, 0, rateTokens);
        }
        long promptReserve = (long) Math.ceil(prompt * PROMPT_MARGIN);
        BudgetLedger.Account account = ledger.account(key.id(), month);
        if (requestedMax == 0) {
            // No client cap: reserve a default, shrunk to what the budgets still hold, and impose it upstream.
            long room = Math.min(completionRoom, DEFAULT_COMPLETION_RESERVE);
            if (tokenBudget) {
                room = Math.min(room, account.tokensLeft(tier.monthlyTokenBudget()) - promptReserve);
            }
            if (costBudget && price.outputPerMillion().signum() > 0) {
                long microsLeft =
                        account.microsLeft(tier.monthlyCostBudgetMicros()) - price.costMicros(promptReserve, 0);
                room = Math.min(
                        room,
                        java.math.BigDecimal.valueOf(Math.max(0, microsLeft))
                                .divide(price.outputPerMillion(), 0, java.math.RoundingMode.FLOOR)
                                .longValue());
            }
            if (room < 1) {
                refundRequest(key, tier, now);
                refundTokens(key, tier, rateTokens, now);
                throw budgetExhausted(tier);
            }
            cap = room;
            imposed = true;
        }
        long tokens = promptReserve + cap;
        long micros = price.costMicros(promptReserve, cap);
        if (!account.tryReserve(tokens, micros, tier.monthlyTokenBudget(), tier.monthlyCostBudgetMicros())) {
            refundRequest(key, tier, now);
            refundTokens(key, tier, rateTokens, now);
            throw budgetExhausted(tier);
        }
        return new Admission(key.id(), month, prompt, cap, imposed, tokens, micros, rateTokens);
    }

    /** Settles a finished call with the upstream's usage and the actual cost. */
    public void settle(Admission a, Usage usage, long costMicros) {
        long now = nanoTime.getAsLong();
        TokenBucket tb = tokenBuckets.get(a.keyId());
        if (tb != null) {
            tb.adjust(a.rateTokens() - usage.totalTokens(), now);
        }
        ledger.account(a.keyId(), a.month())
                .settle(a.reservedTokens(), a.reservedMicros(), usage.totalTokens(), costMicros);
    }

    /** Releases a reservation for a call that consumed nothing upstream. */
    public void release(Admission a) {
        settle(a, Usage.ZERO, 0);
    }

    private void refundRequest(ApiKey key, Tier tier, long now) {
        TokenBucket b = requestBuckets.get(key.id());
        if (b != null) {
            b.adjust(1, now);
        }
    }

    private void refundTokens(ApiKey key, Tier tier, long n, long now) {
        TokenBucket b = tokenBuckets.get(key.id());
        if (b != null) {
            b.adjust(n, now);
        }
    }

    private static TrustgateException limited(String what, long limit, Tier tier, Duration wait) {
        return new TrustgateException(
                ErrorKind.RATE_LIMITED,
                "Rate limit reached: tier '" + tier.name() + "' allows " + limit + " " + what
                        + " per key. Retry after the time in the Retry-After header.",
                "",
                "rate_limit_exceeded",
                wait,
                null);
    }

    private TrustgateException budgetExhausted(Tier tier) {
        return TrustgateException.rateLimited(
                "Monthly budget of tier '" + tier.name() + "' is exhausted for this key (or too little is left for"
                        + " this request). It renews at the start of next month (UTC).",
                "rate_limit_exceeded",
                untilNextMonth());
    }

    private YearMonth currentMonth() {
        return YearMonth.now(clock.withZone(ZoneOffset.UTC));
    }

    private Duration untilNextMonth() {
        LocalDate first = currentMonth().plusMonths(1).atDay(1);
        return Duration.between(clock.instant(), first.atStartOfDay().toInstant(ZoneOffset.UTC));
    }
}
