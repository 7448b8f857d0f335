package io.trustgate.assess.ratings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustgate.assess.run.ModelClient;
import io.trustgate.assess.run.Runner;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PairwiseJudgeTest {
    static final java.util.concurrent.atomic.AtomicInteger STRONG_SHOWN_FIRST =
            new java.util.concurrent.atomic.AtomicInteger();
    static final java.util.concurrent.atomic.AtomicInteger STRONG_SHOWN_SECOND =
            new java.util.concurrent.atomic.AtomicInteger();

    /** Models answer with their name; the judge prefers the answer of "strong", whichever position it is shown in. */
    static final ModelClient FAKE = request -> {
        if (request.model().equals("judge")) {
            String q = request.messages().get(0).content();
            String a = q.substring(q.indexOf("ANSWER A:"), q.indexOf("ANSWER B:"));
            String b = q.substring(q.indexOf("ANSWER B:"));
            if (a.contains("from strong")) {
                STRONG_SHOWN_FIRST.incrementAndGet();
                return new ModelClient.Reply.Answer("A");
            }
            if (b.contains("from strong")) {
                STRONG_SHOWN_SECOND.incrementAndGet();
                return new ModelClient.Reply.Answer("b.");
            }
            return new ModelClient.Reply.Answer(a.contains("from broken") || b.contains("from broken") ? "?" : "TIE");
        }
        if (request.model().equals("down")) {
            return new ModelClient.Reply.Failure(false, "404", Optional.empty());
        }
        return new ModelClient.Reply.Answer("answer from " + request.model());
    };

    @Test
    void theJudgesVerdictIsMappedBackWhateverOrderThePairWasShownIn() throws Exception {
        PairwiseJudge j = new PairwiseJudge(FAKE, "judge", 0, 64);
        PairwiseJudge.Result r = j.run(List.of("p1", "p2", "p3", "p4"), List.of("weak", "strong", "other"), 7);
        assertThat(r.battles()).hasSize(12);
        for (Battle b : r.battles()) {
            if (b.modelA().equals("strong")) {
                assertThat(b.outcome()).isEqualTo(Outcome.A_WINS);
            } else if (b.modelB().equals("strong")) {
                assertThat(b.outcome()).isEqualTo(Outcome.B_WINS);
            } else {
                assertThat(b.outcome()).isEqualTo(Outcome.TIE);
            }
        }
        assertThat(STRONG_SHOWN_FIRST.get()).as("shown first sometimes").isPositive();
        assertThat(STRONG_SHOWN_SECOND.get()).as("and second other times").isPositive();
    }

    @Test
    void failedCallsAndUnreadableVerdictsAreCountedNotGuessed() throws Exception {
        PairwiseJudge.Result r =
                new PairwiseJudge(FAKE, "judge", 0, 64).run(List.of("p"), List.of("weak", "down", "broken"), 1);
        assertThat(r.failed()).isEqualTo(2);
        assertThat(r.unreadable()).isEqualTo(1);
        assertThat(r.battles()).isEmpty();
        assertThatThrownBy(() -> new PairwiseJudge(FAKE, "judge", 0, 64).run(List.of("p"), List.of("a", "a"), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFatalAnswerStopsTheBattlesAtTheFirstCall() {
        // as assess run: a refused key (401, 403) or an unknown model (404) would fail every later call too
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        ModelClient modelGone = request -> {
            calls.incrementAndGet();
            return request.model().equals("gone")
                    ? new ModelClient.Reply.Fatal("HTTP 404: the gateway does not know model 'gone'")
                    : FAKE.chat(request);
        };
        assertThatThrownBy(() -> new PairwiseJudge(modelGone, "judge", 0, 64)
                        .run(List.of("p1", "p2", "p3"), List.of("weak", "gone", "strong"), 1))
                .isInstanceOf(Runner.Aborted.class)
                .hasMessage("HTTP 404: the gateway does not know model 'gone'");
        assertThat(calls.get()).as("weak answered, gone refused, nothing more").isEqualTo(2);

        calls.set(0);
        ModelClient judgeRefused = request -> {
            calls.incrementAndGet();
            return request.model().equals("judge")
                    ? new ModelClient.Reply.Fatal("HTTP 401: the gateway refused the key")
                    : FAKE.chat(request);
        };
        assertThatThrownBy(() -> new PairwiseJudge(judgeRefused, "judge", 0, 64)
                        .run(List.of("p1", "p2", "p3"), List.of("weak", "strong"), 1))
                .isInstanceOf(Runner.Aborted.class)
                .hasMessage("judge: HTTP 401: the gateway refused the key");
        assertThat(calls.get()).as("two answers and one verdict asked").isEqualTo(3);
    }

    @Test
    void verdictsAreReadStrictly() {
        assertThat(PairwiseJudge.verdict(" a ")).contains(Outcome.A_WINS);
        assertThat(PairwiseJudge.verdict("B.")).contains(Outcome.B_WINS);
        assertThat(PairwiseJudge.verdict("TIE")).contains(Outcome.TIE);
        assertThat(PairwiseJudge.verdict("bad")).contains(Outcome.TIE_BOTH_BAD);
        assertThat(PairwiseJudge.verdict("Answer A is better")).isEmpty();
        assertThat(PairwiseJudge.verdict("")).isEmpty();
    }
}
