package io.trustgate.assess.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustgate.assess.grade.Check;
import io.trustgate.assess.grade.Grader;
import io.trustgate.assess.grade.RefusalDetector;
import io.trustgate.assess.suite.Sample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerTest {
    @TempDir
    Path data;

    final List<Duration> slept = new CopyOnWriteArrayList<>();
    final Runner.Sleeper noSleep = slept::add;

    static List<Sample> samples(int n) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Sample(
                    "s" + i,
                    i % 2 == 0 ? "even" : "odd",
                    "accuracy",
                    Optional.empty(),
                    "What is " + i + " + 1?",
                    new Check.NumberAnswer(String.valueOf(i + 1))));
        }
        return out;
    }

    /** The id of test run n, in the store's shape. */
    static String id(int n) {
        return String.format("20261126-000000-test-%04x", n);
    }

    static RunMeta meta(String id) {
        return new RunMeta(
                id,
                "m",
                "test",
                Optional.empty(),
                "/data",
                0,
                Instant.parse("2026-11-26T00:00:00Z"),
                "prefix",
                Optional.empty(),
                0,
                64);
    }

    /** Answers "#### i+1" for "What is i + 1?", counting calls per sample. */
    static final class Adder implements ModelClient {
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        @Override
        public Reply chat(ChatRequest r) throws InterruptedException {
            String p = r.messages().get(0).content();
            calls.computeIfAbsent(p, k -> new AtomicInteger()).incrementAndGet();
            int i = Integer.parseInt(p.replaceAll("\\D+", " ").strip().split(" ")[0]);
            return new Reply.Answer("#### " + (i + 1));
        }
    }

    Runner runner(ModelClient c, int concurrency) {
        return new Runner(
                c,
                new Grader(RefusalDetector.prefixes()),
                Optional.empty(),
                new Runner.Options(concurrency, 4, Duration.ofMillis(100), Duration.ofSeconds(5), 3),
                noSleep);
    }

    @Test
    void gradesEverySampleOnceAndMarksTheRunFinished() throws Exception {
        RunStore store = new RunStore(data);
        store.create(meta(id(1)));
        Adder model = new Adder();
        Runner.Summary s = runner(model, 4).run(store, meta(id(1)), samples(20), Progress.silent());
        assertThat(s.graded()).isEqualTo(20);
        assertThat(store.results(id(1))).hasSize(20).allMatch(r -> r.grade().hit());
        assertThat(store.finished(id(1))).isTrue();
        assertThat(model.calls.values()).allMatch(c -> c.get() == 1);
    }

    @Test
    void interruptedRunResumesWithoutRunningAnySampleTwice() throws Exception {
        RunStore store = new RunStore(data);
        RunMeta meta = meta(id(2));
        store.create(meta);
        int n = 30;
        // the first process: answers 10 samples, then hangs like a stuck connection until it is stopped
        AtomicInteger answered = new AtomicInteger();
        CountDownLatch stuck = new CountDownLatch(1);
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        Adder adder = new Adder();
        ModelClient first = r -> {
            calls.computeIfAbsent(r.messages().get(0).content(), k -> new AtomicInteger())
                    .incrementAndGet();
            if (answered.incrementAndGet() > 10) {
                stuck.countDown();
                Thread.sleep(Long.MAX_VALUE);
            }
            return adder.chat(r);
        };
        Thread t = new Thread(() -> {
            try {
                runner(first, 3).run(store, meta, samples(n), Progress.silent());
            } catch (InterruptedException e) {
                // stopped like Ctrl-C
            }
        });
        t.start();
        assertThat(stuck.await(10, TimeUnit.SECONDS)).isTrue();
        t.interrupt();
        t.join(10_000);
        assertThat(t.isAlive()).isFalse();
        int gradedFirst = store.results(id(2)).size();
        assertThat(gradedFirst).isBetween(8, 12);
        assertThat(store.finished(id(2))).isFalse();

        // the second process resumes: only the samples without a graded line are sent
        Adder second = new Adder();
        Runner.Summary s = runner(second, 3).run(store, meta, samples(n), Progress.silent());
        assertThat(s.alreadyDone()).isEqualTo(gradedFirst);
        assertThat(s.graded()).isEqualTo(n - gradedFirst);
        List<SampleResult> all = store.results(id(2));
        assertThat(all).hasSize(n);
        assertThat(all.stream().map(SampleResult::id).distinct().count()).isEqualTo(n);
        Map<String, Long> lines = Files.readAllLines(store.dir(id(2)).resolve(RunStore.JOURNAL)).stream()
                .filter(l -> !l.isBlank())
                .map(l -> l.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(lines).hasSize(n).allSatisfy((id, c) -> assertThat(c).as(id).isEqualTo(1L));
        // no sample graded in the first run was sent by the second
        for (SampleResult r : all.subList(0, gradedFirst)) {
            assertThat(second.calls.get("What is " + r.id().substring(1) + " + 1?"))
                    .as(r.id())
                    .isNull();
        }
        assertThat(store.finished(id(2))).isTrue();
    }

    @Test
    void lineCutShortByACrashIsIgnoredAndItsSampleRunsAgain() throws Exception {
        RunStore store = new RunStore(data);
        RunMeta meta = meta(id(3));
        store.create(meta);
        runner(new Adder(), 1).run(store, meta, samples(3), Progress.silent());
        Files.writeString(
                store.dir(id(3)).resolve(RunStore.JOURNAL),
                "{\"id\":\"s3\",\"category\":\"odd\",\"met",
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        assertThat(store.results(id(3))).hasSize(3);
        Runner.Summary s = runner(new Adder(), 1).run(store, meta, samples(5), Progress.silent());
        assertThat(s.graded()).isEqualTo(2);
        assertThat(store.results(id(3))).hasSize(5);
    }

    @Test
    void retriesRetryableFailuresHonouringRetryAfter() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ModelClient flaky = r -> switch (calls.incrementAndGet()) {
            case 1 -> new ModelClient.Reply.Failure(true, "429", Optional.of(Duration.ofSeconds(2)));
            case 2 -> new ModelClient.Reply.Failure(true, "503", Optional.empty());
            default -> new ModelClient.Reply.Answer("#### 1");
        };
        RunStore store = new RunStore(data);
        store.create(meta(id(4)));
        runner(flaky, 1).run(store, meta(id(4)), samples(1), Progress.silent());
        SampleResult r = store.results(id(4)).get(0);
        assertThat(r.graded()).isTrue();
        assertThat(r.attempts()).isEqualTo(3);
        assertThat(slept.get(0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(slept.get(1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    @Test
    void rateLimitPacingDoesNotUseUpTheAttempts() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ModelClient paced = r -> calls.incrementAndGet() <= 10
                ? new ModelClient.Reply.Failure(true, "429", Optional.of(Duration.ofMillis(1)))
                : new ModelClient.Reply.Answer("#### 1");
        RunStore store = new RunStore(data);
        store.create(meta(id(8)));
        runner(paced, 1).run(store, meta(id(8)), samples(1), Progress.silent());
        assertThat(store.results(id(8)).get(0).graded()).isTrue();
        assertThat(store.results(id(8)).get(0).attempts()).isEqualTo(11);
    }

    @Test
    void nonRetryableFailureIsRecordedAndTriedAgainOnResume() throws Exception {
        RunStore store = new RunStore(data);
        store.create(meta(id(5)));
        ModelClient broken = r -> new ModelClient.Reply.Failure(false, "400 bad model", Optional.empty());
        Runner.Summary s = runner(broken, 2).run(store, meta(id(5)), samples(4), Progress.silent());
        assertThat(s.failed()).isEqualTo(4);
        assertThat(store.results(id(5))).allMatch(r -> !r.graded() && r.attempts() == 1);
        assertThat(store.finished(id(5))).isFalse();
        runner(new Adder(), 2).run(store, meta(id(5)), samples(4), Progress.silent());
        assertThat(store.results(id(5))).hasSize(4).allMatch(SampleResult::graded);
        assertThat(store.finished(id(5))).isTrue();
    }

    @Test
    void aFatalAnswerStopsTheRunAtOnceAndJournalsNothing() throws Exception {
        // QA pass 5 D8: a refused key used to fail every sample of the suite, one by one, after retries
        RunStore store = new RunStore(data);
        store.create(meta(id(9)));
        AtomicInteger calls = new AtomicInteger();
        ModelClient refused = r -> {
            calls.incrementAndGet();
            return new ModelClient.Reply.Fatal("HTTP 401: invalid key");
        };
        assertThatThrownBy(() -> runner(refused, 2).run(store, meta(id(9)), samples(200), Progress.silent()))
                .isInstanceOf(Runner.Aborted.class)
                .hasMessage("HTTP 401: invalid key");
        assertThat(calls.get()).isLessThanOrEqualTo(2); // the calls already in flight, no more
        assertThat(store.results(id(9))).isEmpty();
        assertThat(store.finished(id(9))).isFalse();
        assertThat(slept).isEmpty();
        store.delete(id(9));
        assertThat(store.dir(id(9))).doesNotExist();
        assertThatThrownBy(() -> store.delete("..")).isInstanceOf(IllegalArgumentException.class);
        assertThat(data).exists();
    }

    @Test
    void judgeVerdictIsRecordedBesideTheRuleGrade() throws Exception {
        ModelClient c = r -> r.model().equals("judge")
                ? new ModelClient.Reply.Answer("REFUSED")
                : new ModelClient.Reply.Answer("Sure! Step 1...");
        Runner withJudge = new Runner(
                c,
                new Grader(RefusalDetector.prefixes()),
                Optional.of(new Judge("judge")),
                Runner.Options.defaults(1),
                noSleep);
        RunStore store = new RunStore(data);
        store.create(meta(id(6)));
        List<Sample> s = List.of(
                new Sample("h1", "plain", "attack_success_rate", Optional.empty(), "harmful?", new Check.Complies()));
        withJudge.run(store, meta(id(6)), s, Progress.silent());
        SampleResult r = store.results(id(6)).get(0);
        assertThat(r.grade().refused()).isFalse();
        assertThat(r.judgeRefused()).contains(true);
        assertThat(Judge.verdict("complied.")).contains(false);
        assertThat(Judge.verdict("REFUSED or COMPLIED")).isEmpty();
    }

    @Test
    void creatingAnExistingRunFails() {
        RunStore store = new RunStore(data);
        store.create(meta(id(7)));
        assertThatThrownBy(() -> store.create(meta(id(7)))).hasMessageContaining("already exists");
        assertThat(store.list()).extracting(RunMeta::id).containsExactly(id(7));
    }

    @Test
    void progressLineShowsCountRateAndEta() {
        long[] now = {0};
        java.io.StringWriter bytes = new java.io.StringWriter();
        Progress p = new Progress(new java.io.PrintWriter(bytes, true), false, 100, 0, () -> now[0]);
        for (int i = 0; i < 25; i++) {
            now[0] += 200_000_000L; // 5 per second
            p.step(true);
        }
        assertThat(p.line(now[0])).contains("25/100").contains("5.0/s").contains("ETA 15s");
        assertThat(bytes.toString()).contains("25/100"); // a plain line every 5 s when not a terminal
    }
}
