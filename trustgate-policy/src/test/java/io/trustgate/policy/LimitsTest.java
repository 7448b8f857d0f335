package io.trustgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustgate.api.ApiKey;
import io.trustgate.api.ErrorKind;
import io.trustgate.api.Price;
import io.trustgate.api.Tier;
import io.trustgate.api.TrustgateException;
import io.trustgate.api.Usage;
import io.trustgate.api.UsageStore.Spend;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LimitsTest {
    static final Price PRICE = new Price(BigDecimal.ONE, BigDecimal.valueOf(2)); // 1 and 2 micro-units per token
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    final Limits limits = new Limits(clock, nanos::get);
    final ApiKey key = new ApiKey("key_1", "k", "t", "free", "h", "p", clock.instant(), ApiKey.NEVER, ApiKey.NEVER);

    static Tier tier(long rpm, long tpm, long maxPerRequest, long tokenBudget, long costBudget) {
        return new Tier("free", List.of("*"), rpm, tpm, maxPerRequest, tokenBudget, costBudget);
    }

    @Test
    void requestsPerMinuteRefusesTheExtraRequestWithRetryAfter() {
        Tier t = tier(2, Tier.UNLIMITED, Tier.UNLIMITED, Tier.UNLIMITED, Tier.UNLIMITED);
        limits.admit(key, t, 10, 0, PRICE);
        limits.admit(key, t, 10, 0, PRICE);
        assertThatThrownBy(() -> limits.admit(key, t, 10, 0, PRICE))
                .isInstanceOfSatisfying(TrustgateException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
                    assertThat(e.code()).hasValue("rate_limit_exceeded");
                    assertThat(e.retryAfter().toSeconds()).isBetween(29L, 31L);
                });
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(31));
        limits.admit(key, t, 10, 0, PRICE);
    }

    @Test
    void tokensPerMinuteCountsPromptAndRequestedMaxThenSettlesActual() {
        Tier t = tier(Tier.UNLIMITED, 1000, Tier.UNLIMITED, Tier.UNLIMITED, Tier.UNLIMITED);
        Admission a = limits.admit(key, t, 100, 800, PRICE);
        assertThatThrownBy(() -> limits.admit(key, t, 100, 200, PRICE)).isInstanceOf(TrustgateException.class);
        limits.settle(a, new Usage(100, 50), 0); // refunds the 750 unused
        limits.admit(key, t, 100, 600, PRICE);
    }

    @Test
    void tokensPerMinuteWithoutClientMaxReservesAnImposedCapSoNoAnswerGoesPastTheLimit() {
        Tier t = tier(Tier.UNLIMITED, 500, Tier.UNLIMITED, Tier.UNLIMITED, Tier.UNLIMITED);
        long used = 0;
        int admitted = 0;
        // every answer uses its whole cap (the worst case): what was admitted in the minute stays within 500
        for (int i = 0; i < 30; i++) {
            Admission a;
            try {
                a = limits.admit(key, t, 15, 0, PRICE);
            } catch (TrustgateException refused) {
                assertThat(refused.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
                continue;
            }
            admitted++;
            assertThat(a.capImposed()).isTrue();
            assertThat(15 + a.maxCompletionTokens()).isLessThanOrEqualTo(500);
            limits.settle(a, new Usage(15, a.maxCompletionTokens()), 0);
            used += 15 + a.maxCompletionTokens();
        }
        assertThat(admitted).isEqualTo(1);
        assertThat(used).isLessThanOrEqualTo(500);

        // short answers are given back at settlement, so the next request fits once the minute has refilled them
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(60));
        Admission a = limits.admit(key, t, 15, 0, PRICE);
        limits.settle(a, new Usage(15, 9), 0);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(3)); // 25 tokens refilled: the 24 used
        assertThat(limits.admit(key, t, 15, 0, PRICE).maxCompletionTokens()).isEqualTo(485);
    }

    @Test
    void anInputOnlyRequestTakesOnlyItsInputFromTheMinute() {
        Tier t = tier(Tier.UNLIMITED, 500, Tier.UNLIMITED, Tier.UNLIMITED, Tier.UNLIMITED);
        for (int i = 0; i < 5; i++) {
            limits.admitInput(key, t, 100, PRICE);
        }
        assertThatThrownBy(() -> limits.admitInput(key, t, 100, PRICE)).isInstanceOf(TrustgateException.class);
    }

    @Test
    void requestThatCanNeverFitIsInvalidNotRateLimited() {
        Tier t = tier(Tier.UNLIMITED, 1000, 500, Tier.UNLIMITED, Tier.UNLIMITED);
        assertThatThrownBy(() -> limits.admit(key, t, 600, 0, PRICE))
                .isInstanceOfSatisfying(
                        TrustgateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
        assertThatThrownBy(() -> limits.admit(key, t, 100, 450, PRICE))
                .isInstanceOfSatisfying(
                        TrustgateException.class, e -> assertThat(e.param()).hasValue("max_tokens"));
    }

    @Test
    void aPromptTooLargeNamesTheFieldThatHoldsMostOfIt() {
        Tier t = tier(Tier.UNLIMITED, 1000, 500, Tier.UNLIMITED, Tier.UNLIMITED);
        assertThatThrownBy(() -> limits.admit(key, t, 600, "tools", 0, PRICE))
                .isInstanceOfSatisfying(TrustgateException.class, e -> {
                    assertThat(e.param()).hasValue("tools");
                    assertThat(e.getMessage()).contains("'tools'");
                });
        Tier perMinute = tier(Tier.UNLIMITED, 400, Tier.UNLIMITED, Tier.UNLIMITED, Tier.UNLIMITED);
        assertThatThrownBy(() -> limits.admit(key, perMinute, 450, "functions", 0, PRICE))
                .isInstanceOfSatisfying(
                        TrustgateException.class, e -> assertThat(e.param()).hasValue("functions"));
        assertThatThrownBy(() -> limits.admitInput(key, t, 600, PRICE))
                .isInstanceOfSatisfying(
                        TrustgateException.class, e -> assertThat(e.param()).hasValue("input"));
    }

    @Test
    void tierCeilingIsImposedWhenClientSetsNoMaxTokens() {
        Tier t = tier(Tier.UNLIMITED, Tier.UNLIMITED, 1000, Tier.UNLIMITED, Tier.UNLIMITED);
        Admission a = limits.admit(key, t, 100, 0, PRICE);
        assertThat(a.capImposed()).isTrue();
        assertThat(a.maxCompletionTokens()).isEqualTo(900);
        Admission own = limits.admit(key, t, 100, 50, PRICE);
        assertThat(own.capImposed()).isFalse();
    }

    @Test
    void tokenBudgetRefusesOnceSpentAndRenewsNextMonth() {
        Tier t = tier(Tier.UNLIMITED, Tier.UNLIMITED, Tier.UNLIMITED, 1000, Tier.UNLIMITED);
        Admission a = limits.admit(key, t, 100, 200, PRICE); // reserves 125 + 200
        limits.settle(a, new Usage(100, 200), 0);
        assertThat(limits.spent("key_1")).isEqualTo(new Spend(300, 0));
        limits.admit(key, t, 100, 500, PRICE);
        assertThatThrownBy(() -> limits.admit(key, t, 100, 500, PRICE))
                .isInstanceOfSatisfying(TrustgateException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
                    assertThat(e.retryAfter().toDays()).isBetween(5L, 6L); // until 2026-12-01
                });
    }

    @Test
    void budgetWithoutClientMaxImposesWhatIsLeft() {
        Tier t = tier(Tier.UNLIMITED, Tier.UNLIMITED, Tier.UNLIMITED, 1000, Tier.UNLIMITED);
        Admission a = limits.admit(key, t, 100, 0, PRICE);
        assertThat(a.capImposed()).isTrue();
        assertThat(a.maxCompletionTokens()).isEqualTo(1000 - 125);
    }

    @Test
    void costBudgetIsCheckedAtTheWorstPriceOfTheRoute() {
        Tier t = tier(Tier.UNLIMITED, Tier.UNLIMITED, Tier.UNLIMITED, Tier.UNLIMITED, 1000); // 1000 micro-units
        limits.admit(key, t, 100, 400, PRICE); // 125*1 + 400*2 = 925
        assertThatThrownBy(() -> limits.admit(key, t, 100, 20, PRICE)).isInstanceOf(TrustgateException.class);
        limits.admit(key, t, 10, 20, PRICE); // 13 + 40 = 53 still fits
    }

    @Test
    void seededSpendCountsAgainstTheBudget() {
        limits.seed(Map.of("key_1", new Spend(950, 0)));
        Tier t = tier(Tier.UNLIMITED, Tier.UNLIMITED, Tier.UNLIMITED, 1000, Tier.UNLIMITED);
        assertThatThrownBy(() -> limits.admit(key, t, 40, 10, PRICE)).isInstanceOf(TrustgateException.class);
    }

    @Test
    void concurrentAdmissionsNeverOvershootTheBudget() throws Exception {
        Tier t = tier(Tier.UNLIMITED, Tier.UNLIMITED, Tier.UNLIMITED, 10_000, 15_000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        ConcurrentLinkedQueue<Admission> granted = new ConcurrentLinkedQueue<>();
        List<java.util.concurrent.Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            fs.add(pool.submit(() -> {
                try {
                    Admission a = limits.admit(key, t, 40, 0, PRICE);
                    granted.add(a);
                    // Upstream obeys the cap; actual completion is at most the cap.
                    long completion = Math.min(a.maxCompletionTokens(), 60);
                    limits.settle(a, new Usage(40, completion), PRICE.costMicros(40, completion));
                } catch (TrustgateException e) {
                    assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
                }
            }));
        }
        for (var f : fs) {
            f.get();
        }
        pool.shutdown();
        Spend s = limits.spent("key_1");
        assertThat(granted).isNotEmpty();
        assertThat(s.tokens()).isLessThanOrEqualTo(10_000);
        assertThat(s.costMicros()).isLessThanOrEqualTo(15_000);
    }
}
