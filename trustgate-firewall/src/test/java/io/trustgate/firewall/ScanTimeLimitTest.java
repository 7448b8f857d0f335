package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustgate.api.Action;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanContext;
import io.trustgate.api.ScanDeadline;
import io.trustgate.api.ScanText;
import io.trustgate.api.Scanner;
import io.trustgate.api.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The chain's time limit ({@link FirewallChain#withTimeLimit}): a scan that uses up its CPU time stops at the next
 * check, a fail-closed rule blocks with a time-limit finding, later scanners do not start, and every built-in scanner
 * that can take long on a big text checks the limit as it goes rather than only between scanners.
 */
class ScanTimeLimitTest {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Works until the scan's time is up; gives up after 10 s of wall time so that a broken limit fails, not hangs. */
    private static final class Spinner implements Scanner {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String name() {
            return "spinner";
        }

        @Override
        public List<Finding> scan(ScanText text) {
            calls.incrementAndGet();
            long giveUp = System.nanoTime() + 10_000_000_000L;
            long x = 0;
            while (System.nanoTime() < giveUp) {
                for (int i = 0; i < 1_000; i++) {
                    x += i * 31L ^ x;
                }
                ScanDeadline.tick();
            }
            return x == 42 ? List.of() : List.of(); // x keeps the loop from being removed
        }
    }

    private static final class Counting implements Scanner {
        final String name;
        final AtomicInteger calls = new AtomicInteger();

        Counting(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<Finding> scan(ScanText text) {
            calls.incrementAndGet();
            return List.of();
        }
    }

    @Test
    void aBlockingRuleOverTheLimitBlocksAndLaterScannersDoNotStart() {
        Spinner spinner = new Spinner();
        Counting after = new Counting("after");
        Counting redacting = new Counting("redacting");
        FirewallChain chain = Scanners.chain(List.of(
                        new FirewallChain.Rule(spinner, Action.BLOCK, 0.5),
                        new FirewallChain.Rule(after, Action.BLOCK, 0.5),
                        new FirewallChain.Rule(redacting, Action.REDACT, 0.5)))
                .withTimeLimit(Duration.ofMillis(20));
        long wall = System.nanoTime();
        Verdict v = chain.scan("Please summarise this note.", ScanText.Stage.INPUT);
        long tookMs = (System.nanoTime() - wall) / 1_000_000;

        assertThat(tookMs)
                .as("stopped at the limit, not after the spinner's 10 s")
                .isLessThan(5_000);
        assertThat(v).isInstanceOf(Verdict.Block.class);
        Finding cause = ((Verdict.Block) v).cause();
        assertThat(cause.scanner()).isEqualTo("spinner");
        assertThat(FirewallChain.isTimeLimit(cause)).isTrue();
        assertThat(FirewallChain.isFailure(cause)).isTrue();
        assertThat(spinner.calls).hasValue(1);
        assertThat(after.calls).as("not started once the time is used up").hasValue(0);
        assertThat(redacting.calls).hasValue(0);
        assertThat(v.failedScanners()).containsExactly("spinner", "after", "redacting");
        // the fail-open redact rule adds no finding: its verdict is just missing
        assertThat(v.findings()).extracting(Finding::scanner).containsExactly("spinner", "after");
        assertThat(v.findings()).allMatch(FirewallChain::isTimeLimit);
    }

    @Test
    void aFailOpenRuleOverTheLimitIsOnlyMissing() {
        FirewallChain chain = Scanners.chain(List.of(new FirewallChain.Rule(new Spinner(), Action.REDACT, 0.5)))
                .withTimeLimit(Duration.ofMillis(10));
        Verdict v = chain.scan("Please summarise this note.", ScanText.Stage.INPUT);
        assertThat(v).isInstanceOf(Verdict.Allow.class);
        assertThat(v.failedScanners()).containsExactly("spinner");
        assertThat(v.findings()).isEmpty();
    }

    @Test
    void theNormaliserOverTheLimitFailsEveryRule() {
        Counting first = new Counting("first");
        Counting second = new Counting("second");
        FirewallChain chain = new FirewallChain(
                        List.of(
                                new FirewallChain.Rule(first, Action.FLAG, 0.5),
                                new FirewallChain.Rule(second, Action.BLOCK, 0.5)),
                        (text, stage) -> {
                            new Spinner().scan(ScanText.plain(text, stage));
                            return ScanText.plain(text, stage);
                        },
                        Redactor::mask)
                .withTimeLimit(Duration.ofMillis(10));
        Verdict v = chain.scan("text", ScanText.Stage.INPUT);
        assertThat(first.calls).hasValue(0);
        assertThat(second.calls).hasValue(0);
        assertThat(v).isInstanceOf(Verdict.Block.class);
        assertThat(((Verdict.Block) v).cause().scanner()).isEqualTo("second");
        assertThat(v.failedScanners()).containsExactly("first", "second");
    }

    @Test
    void theDeadlineLeavesTheThreadWithTheScan() {
        FirewallChain chain = Scanners.chain(List.of(new FirewallChain.Rule(new Spinner(), Action.BLOCK, 0.5)))
                .withTimeLimit(Duration.ofMillis(5));
        assertThat(chain.scan("a", ScanText.Stage.INPUT)).isInstanceOf(Verdict.Block.class);
        // outside a scan, ticks do nothing however long the thread works
        for (int i = 0; i < 100_000; i++) {
            ScanDeadline.tick();
        }
        ScanDeadline.checkNow();
        // the next scan gets a fresh limit: a quick scanner finishes within it
        Counting quick = new Counting("quick");
        FirewallChain ok = Scanners.chain(List.of(new FirewallChain.Rule(quick, Action.BLOCK, 0.5)))
                .withTimeLimit(Duration.ofSeconds(5));
        assertThat(ok.scan("a", ScanText.Stage.INPUT)).isInstanceOf(Verdict.Allow.class);
        assertThat(quick.calls).hasValue(1);
    }

    @Test
    void theLimitIsValidatedAndKeptBySelect() {
        FirewallChain chain = Scanners.chain(List.of(new FirewallChain.Rule(new Counting("c"), Action.BLOCK, 0.5)));
        assertThat(chain.timeLimit()).isEmpty();
        assertThatThrownBy(() -> chain.withTimeLimit(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> chain.withTimeLimit(Duration.ofHours(2))).isInstanceOf(IllegalArgumentException.class);
        FirewallChain limited = chain.withTimeLimit(Duration.ofSeconds(2));
        assertThat(limited.timeLimit()).contains(Duration.ofSeconds(2));
        assertThat(limited.select(r -> true).timeLimit()).contains(Duration.ofSeconds(2));
    }

    /**
     * Each built-in scanner that takes long on a big text stops soon after the limit, not at its end: inside a
     * deadline of 5 ms of CPU, it must throw having used at most a third of what the whole scan of the text takes
     * (and at least 150 ms must be at stake, or the scanner is not tried). CPU time, so a busy machine does not matter.
     */
    @Test
    void builtInScannersStopSoonAfterTheLimit() throws IOException {
        String text = bigText(600_000);
        List<String> report = new ArrayList<>();
        List<String> late = new ArrayList<>();
        for (String name :
                List.of("injection-heuristics", "injection-classifier", "secrets", "pii", "exfiltration", "toxicity")) {
            Scanner scanner = Scanners.create(name);
            ScanText.Stage stage = name.equals("exfiltration") ? ScanText.Stage.OUTPUT : ScanText.Stage.INPUT;
            ScanText normalized = Scanners.normalizer().normalize(text, stage);
            ScanContext context = ScanContext.of(ScanContext.Source.USER);
            scanner.scan(normalized, context); // warm up
            long t0 = cpu();
            scanner.scan(normalized, context);
            long whole = cpu() - t0;
            long t1 = cpu();
            boolean stopped = false;
            ScanDeadline d = ScanDeadline.enter(5_000_000);
            try {
                scanner.scan(normalized, context);
            } catch (ScanDeadline.Exceeded e) {
                stopped = true;
            } finally {
                d.exit();
            }
            long limited = cpu() - t1;
            report.add(name + ": whole " + whole / 1_000_000 + " ms, limited " + limited / 1_000_000 + " ms");
            if (whole < 150_000_000L) {
                continue;
            }
            if (!stopped || limited > whole / 3) {
                late.add(report.get(report.size() - 1) + (stopped ? "" : " (not stopped)"));
            }
        }
        System.out.println("[ScanTimeLimitTest] on " + text.length() + " chars: " + report);
        assertThat(late)
                .as("scanners that ran on well past the limit; all: " + report)
                .isEmpty();
    }

    /** The normaliser checks the limit between its passes. */
    @Test
    void theNormaliserStopsSoonAfterTheLimit() throws IOException {
        String text = bigText(600_000);
        Scanners.normalizer().normalize(text, ScanText.Stage.INPUT);
        long t0 = cpu();
        Scanners.normalizer().normalize(text, ScanText.Stage.INPUT);
        long whole = cpu() - t0;
        long t1 = cpu();
        ScanDeadline d = ScanDeadline.enter(2_000_000);
        try {
            assertThatThrownBy(() -> Scanners.normalizer().normalize(text, ScanText.Stage.INPUT))
                    .isInstanceOf(ScanDeadline.Exceeded.class);
        } finally {
            d.exit();
        }
        long limited = cpu() - t1;
        System.out.println("[ScanTimeLimitTest] normaliser: whole " + whole / 1_000_000 + " ms, limited "
                + limited / 1_000_000 + " ms");
        assertThat(limited).isLessThanOrEqualTo(Math.max(whole * 2 / 3, 20_000_000L));
    }

    private static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** The module's labelled texts (attacks, PII, secrets look-alikes, links) joined, repeated to {@code length}. */
    static String bigText(int length) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String resource :
                List.of("/injection/heldout-probe.jsonl", "/pii/pii-corpus.jsonl", "/exfiltration/must-flag.tsv")) {
            try (InputStream in = ScanTimeLimitTest.class.getResourceAsStream(resource)) {
                assertThat(in).as(resource).isNotNull();
                b.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            }
        }
        String base = b.toString();
        StringBuilder out = new StringBuilder(length + base.length());
        while (out.length() < length) {
            out.append(base);
        }
        return out.substring(0, length);
    }
}
