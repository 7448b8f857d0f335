package io.trustgate.assess.run;

import io.trustgate.assess.grade.Check;
import io.trustgate.assess.grade.Grade;
import io.trustgate.assess.grade.Grader;
import io.trustgate.assess.suite.Sample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a suite's samples against a model: N at a time, each with retries and backoff on retryable failures
 * (honouring the server's retry-after), graded by the rule graders (and the judge when there is one), and journaled
 * so that a run stopped at any point continues where it stopped without sending a graded sample again.
 */
public final class Runner {
    /**
     * How a run behaves.
     *
     * @param concurrency samples in flight at once
     * @param maxAttempts calls per sample before it is recorded as failed
     * @param baseDelay first backoff delay (doubled per attempt, with jitter)
     * @param maxDelay longest wait between attempts, retry-after included
     * @param batch journal lines per fsync
     */
    public record Options(int concurrency, int maxAttempts, Duration baseDelay, Duration maxDelay, int batch) {
        public Options {
            if (concurrency < 1 || concurrency > 256) {
                throw new IllegalArgumentException("concurrency must be 1-256, was " + concurrency);
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("max attempts must be >= 1, was " + maxAttempts);
            }
            if (batch < 1) {
                throw new IllegalArgumentException("batch must be >= 1, was " + batch);
            }
        }

        public static Options defaults(int concurrency) {
            return new Options(concurrency, 6, Duration.ofMillis(500), Duration.ofSeconds(60), 8);
        }
    }

    /** Waits between attempts; tests pass one that does not sleep. */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /**
     * The run stopped because a call answered {@link ModelClient.Reply.Fatal}: no later call could succeed. Samples in
     * flight are not journaled, so nothing about the run is recorded as failed. Judged battles
     * ({@code ratings.PairwiseJudge}) stop the same way.
     */
    public static final class Aborted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Aborted(String message) {
            super(message);
        }
    }

    /** What a run did this time. */
    public record Summary(int total, int alreadyDone, int graded, int failed) {}

    private final ModelClient client;
    private final Grader grader;
    private final Optional<Judge> judge;
    private final Options options;
    private final Sleeper sleeper;

    public Runner(ModelClient client, Grader grader, Optional<Judge> judge, Options options, Sleeper sleeper) {
        this.client = Objects.requireNonNull(client, "client");
        this.grader = Objects.requireNonNull(grader, "grader");
        this.judge = Objects.requireNonNull(judge, "judge");
        this.options = Objects.requireNonNull(options, "options");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * Runs the samples not yet graded in the run's journal. Interrupted, it stops the calls in flight, keeps what is
     * graded, and rethrows; the run can then be resumed.
     */
    public Summary run(RunStore store, RunMeta meta, List<Sample> samples, Progress progress)
            throws InterruptedException {
        Set<String> done = new HashSet<>();
        for (SampleResult r : store.results(meta.id())) {
            if (r.graded()) {
                done.add(r.id());
            }
        }
        List<Sample> todo = new ArrayList<>();
        for (Sample s : samples) {
            if (!done.contains(s.id())) {
                todo.add(s);
            }
        }
        AtomicInteger graded = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Semaphore slots = new Semaphore(options.concurrency());
        java.util.concurrent.atomic.AtomicReference<Aborted> aborted =
                new java.util.concurrent.atomic.AtomicReference<>();
        try (RunStore.Journal journal = store.journal(meta.id());
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            try {
                for (Sample s : todo) {
                    slots.acquire();
                    if (aborted.get() != null) {
                        break; // a fatal answer: send nothing more
                    }
                    futures.add(pool.submit(() -> {
                        try {
                            if (aborted.get() != null) {
                                return null;
                            }
                            SampleResult r = runOne(meta, s);
                            journal.append(r);
                            if (journal.pending() >= options.batch()) {
                                journal.flush();
                            }
                            (r.graded() ? graded : failed).incrementAndGet();
                            progress.step(r.graded());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt(); // stopped: this sample is not journaled
                        } catch (Aborted e) {
                            aborted.compareAndSet(null, e);
                        } finally {
                            slots.release();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    if (aborted.get() != null) {
                        break;
                    }
                    f.get();
                }
                if (aborted.get() != null) {
                    pool.shutdownNow(); // interrupts the calls in flight: their answers would be thrown away
                    throw aborted.get();
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                pool.awaitTermination(10, TimeUnit.SECONDS);
                throw e;
            } catch (ExecutionException e) {
                pool.shutdownNow();
                Throwable c = e.getCause();
                throw c instanceof RuntimeException re ? re : new IllegalStateException(c);
            }
        }
        if (failed.get() == 0
                && store.results(meta.id()).stream()
                                .filter(SampleResult::graded)
                                .count()
                        >= samples.size()) {
            store.markFinished(meta.id());
        }
        progress.finish();
        return new Summary(samples.size(), samples.size() - todo.size(), graded.get(), failed.get());
    }

    private SampleResult runOne(RunMeta meta, Sample s) throws InterruptedException {
        ModelClient.ChatRequest req = ModelClient.ChatRequest.user(
                meta.model(), s.system(), s.prompt(), meta.temperature(), meta.maxTokens());
        int[] attempts = {0};
        ModelClient.Reply reply = call(req, attempts);
        return switch (reply) {
            case ModelClient.Reply.Answer a -> {
                Grade g = grader.grade(s.check(), a.text());
                Optional<Boolean> j = Optional.empty();
                if (judge.isPresent() && (s.check() instanceof Check.Complies || s.check() instanceof Check.Refuses)) {
                    ModelClient.Reply jr = call(judge.get().request(s.prompt(), a.text()), new int[1]);
                    if (jr instanceof ModelClient.Reply.Answer ja) {
                        j = Judge.verdict(ja.text());
                    } else if (jr instanceof ModelClient.Reply.Fatal f) {
                        throw new Aborted("judge: " + f.message());
                    }
                }
                yield new SampleResult(
                        s.id(),
                        s.category(),
                        s.metric(),
                        SampleResult.Status.GRADED,
                        g,
                        false,
                        j,
                        attempts[0],
                        a.text(),
                        "");
            }
            case ModelClient.Reply.Blocked b ->
                new SampleResult(
                        s.id(),
                        s.category(),
                        s.metric(),
                        SampleResult.Status.GRADED,
                        grader.blocked(s.check()),
                        true,
                        Optional.empty(),
                        attempts[0],
                        "",
                        "");
            case ModelClient.Reply.Fatal f -> throw new Aborted(f.message());
            case ModelClient.Reply.Failure f ->
                new SampleResult(
                        s.id(),
                        s.category(),
                        s.metric(),
                        SampleResult.Status.FAILED,
                        new Grade(false, false, "", Grade.BbqAnswer.NOT_BBQ),
                        false,
                        Optional.empty(),
                        attempts[0],
                        "",
                        f.message());
        };
    }

    /**
     * Calls with retries: retryable failures wait (retry-after if given, else exponential backoff with jitter). A
     * rate-limit answer that says when to come back is the gateway pacing the run, not a failure: up to
     * {@link #MAX_PACED_WAITS} of those do not use up the sample's attempts.
     */
    ModelClient.Reply call(ModelClient.ChatRequest req, int[] attempts) throws InterruptedException {
        ModelClient.Reply last = null;
        int paced = 0;
        for (int attempt = 1; attempt <= options.maxAttempts(); attempt++) {
            attempts[0]++;
            last = client.chat(req);
            if (!(last instanceof ModelClient.Reply.Failure f) || !f.retryable()) {
                return last;
            }
            if (f.retryAfter().isPresent() && paced < MAX_PACED_WAITS) {
                paced++;
                attempt--;
            } else if (attempt == options.maxAttempts()) {
                return last;
            }
            sleeper.sleep(delay(attempt, f.retryAfter()));
        }
        return last;
    }

    /** Rate-limit waits (with retry-after) per sample that do not count as attempts. */
    static final int MAX_PACED_WAITS = 100;

    Duration delay(int attempt, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            Duration r = retryAfter.get();
            return r.compareTo(options.maxDelay()) > 0 ? options.maxDelay() : r;
        }
        long base = options.baseDelay().toMillis() << Math.min(20, attempt - 1);
        long capped = Math.min(base, options.maxDelay().toMillis());
        // full jitter in [capped/2, capped]: runs started together do not retry in lockstep
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }
}
