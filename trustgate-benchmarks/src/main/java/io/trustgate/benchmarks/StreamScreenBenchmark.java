package io.trustgate.benchmarks;

import io.trustgate.api.Action;
import io.trustgate.api.ScanContext;
import io.trustgate.firewall.FirewallChain;
import io.trustgate.firewall.Scanners;
import io.trustgate.firewall.StreamScreen;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The output firewall's cost per streamed chunk: one piece of about one token (4 characters) of an ordinary answer
 * pushed through a {@link StreamScreen} with secrets alone, with secrets and PII, and with the built-in default output
 * chain (secrets, and exfiltration at 0.8, on an answer with a link and an image in every paragraph, so that the
 * stream's hold of a URL until it ends and of an image opener's context is part of the figure),
 * holdback 128 and lookbehind 256 characters (the defaults). Sample mode, so JMH prints p50 and p99 per chunk: the
 * processing time a chunk waits in the gateway, on top of the holdback's fixed delay.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StreamScreenBenchmark {
    @Param({"secrets", "secrets+pii", "default"})
    public String chain;

    private FirewallChain firewall;
    private String answer;
    private StreamScreen screen;
    private int pos;

    @Setup(Level.Trial)
    public void setUp() {
        List<FirewallChain.Rule> rules = switch (chain) {
            case "secrets" -> List.of(new FirewallChain.Rule(Scanners.create("secrets"), Action.REDACT, 0.5));
            case "secrets+pii" ->
                List.of(
                        new FirewallChain.Rule(Scanners.create("secrets"), Action.REDACT, 0.5),
                        new FirewallChain.Rule(Scanners.create("pii"), Action.REDACT, 0.5));
            default ->
                List.of(
                        new FirewallChain.Rule(Scanners.create("secrets"), Action.REDACT, 0.5),
                        new FirewallChain.Rule(Scanners.create("exfiltration"), Action.REDACT, 0.8));
        };
        firewall = Scanners.chain(rules);
        StringBuilder b = new StringBuilder();
        while (b.length() < 20_000) {
            b.append("The quarterly results show revenue up four percent, driven by the services business; the"
                    + " main risks are supplier concentration, currency exposure and the delayed migration. ");
            if (chain.equals("default")) {
                b.append("See [the report](https://docs.example.com/reports/2026/q3/summary.html#risks) and"
                        + " ![the chart](https://upload.wikimedia.org/wikipedia/commons/a/a9/Example.jpg). ");
            }
        }
        answer = b.toString();
        screen = new StreamScreen(firewall, ScanContext.NONE, 128, 256);
    }

    @Benchmark
    public StreamScreen.Step pushOneTokenSizedChunk() {
        if (pos + 4 > answer.length()) {
            pos = 0;
            screen = new StreamScreen(firewall, ScanContext.NONE, 128, 256);
        }
        StreamScreen.Step s = screen.push(answer.substring(pos, pos + 4));
        pos += 4;
        return s;
    }
}
