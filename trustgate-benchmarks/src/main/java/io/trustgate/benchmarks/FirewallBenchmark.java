package io.trustgate.benchmarks;

import io.trustgate.api.Action;
import io.trustgate.api.ScanContext;
import io.trustgate.api.ScanText;
import io.trustgate.api.Verdict;
import io.trustgate.firewall.FirewallChain;
import io.trustgate.firewall.Scanners;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The default input chain (normaliser, invisible-text, injection heuristics, the injection classifier, secrets, PII: the
 * rules of {@code TrustgateConfig.DEFAULT_INPUT_FIREWALL}) on a 2 KB prompt: ordinary prose with one email to redact,
 * the case a chat request usually is; the same chain without the classifier (the default before decision 015); and
 * the learned injection classifier alone on it. Sample mode, so JMH prints p50 and p99 per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FirewallBenchmark {
    /** The default of {@code firewall.scan-time-limit}: its checks are part of what a default scan costs. */
    static final java.time.Duration DEFAULT_SCAN_TIME_LIMIT = java.time.Duration.ofSeconds(30);

    private FirewallChain chain;
    private String prompt;
    private io.trustgate.api.Scanner injectionClassifier;
    private ScanText normalizedPrompt;
    private io.trustgate.api.Scanner pii;
    private ScanText proseLines;
    private String toolResult;
    private String toolDefinition;
    private ScanText normalizedToolDefinition;
    private io.trustgate.api.Scanner toolPoisoning;

    private FirewallChain withoutClassifier;
    private ScanText normalizedChinesePrompt;
    private ScanText normalizedLongDocument;
    private String numberDense;
    private String logPasswords;
    private String thePassword;

    @Setup
    public void setUp() {
        // mirrors TrustgateConfig.DEFAULT_INPUT_FIREWALL (the app module, which benchmarks do not depend on)
        FirewallChain.Rule invisible = new FirewallChain.Rule(Scanners.create("invisible-text"), Action.BLOCK, 0.5);
        io.trustgate.api.Scanner classifier = Scanners.create("injection-classifier");
        FirewallChain.Rule heuristics = new FirewallChain.Rule(
                Scanners.create("injection-heuristics"),
                Action.BLOCK,
                0.5,
                FirewallChain.OnFailure.BLOCK,
                FirewallChain.Rule.ALL_SOURCES,
                java.util.Optional.of(new FirewallChain.Corroboration(classifier, 0.4)));
        FirewallChain.Rule secrets = new FirewallChain.Rule(Scanners.create("secrets"), Action.BLOCK, 0.5);
        FirewallChain.Rule redactPii = new FirewallChain.Rule(Scanners.create("pii"), Action.REDACT, 0.5);
        chain = Scanners.chain(List.of(
                        invisible,
                        heuristics,
                        new FirewallChain.Rule(
                                classifier,
                                Action.BLOCK,
                                0.63,
                                FirewallChain.OnFailure.BLOCK,
                                Set.of(
                                        ScanContext.Source.USER,
                                        ScanContext.Source.TOOL,
                                        ScanContext.Source.TOOL_DEFINITION)),
                        new FirewallChain.Rule(
                                Scanners.create("tool-poisoning"),
                                Action.BLOCK,
                                0.5,
                                FirewallChain.OnFailure.BLOCK,
                                Set.of(ScanContext.Source.TOOL_DEFINITION)),
                        secrets,
                        redactPii))
                .withTimeLimit(DEFAULT_SCAN_TIME_LIMIT); // as the default configuration has it
        withoutClassifier = Scanners.chain(List.of(
                        invisible,
                        new FirewallChain.Rule(Scanners.create("injection-heuristics"), Action.BLOCK, 0.5),
                        secrets,
                        redactPii))
                .withTimeLimit(DEFAULT_SCAN_TIME_LIMIT); // as the default configuration has it
        StringBuilder b = new StringBuilder();
        String sentence = "Please summarise the quarterly report for the board and list the three main risks, "
                + "with one sentence on each and a suggested owner. ";
        while (b.length() < 2000) {
            b.append(sentence);
        }
        b.append("Send the draft to jane.doe@example.com by Friday.");
        prompt = b.toString();
        injectionClassifier = Scanners.create("injection-classifier");
        normalizedPrompt = Scanners.normalizer().normalize(prompt, ScanText.Stage.INPUT);
        injectionClassifier.scan(normalizedPrompt); // loads the weights outside the measurement
        StringBuilder zh = new StringBuilder();
        String request = "请帮我总结董事会的季度报告，列出三个主要风险，每个风险写一句话，并建议一位负责人。" + "之前的草稿可以忽略，请使用这份新的数据和说明。";
        while (zh.length() < 700) { // 700 chars of Chinese are about 2 KB of UTF-8
            zh.append(request);
        }
        normalizedChinesePrompt = Scanners.normalizer().normalize(zh.toString(), ScanText.Stage.INPUT);
        if (io.trustgate.firewall.learn.Gloss.render(normalizedChinesePrompt.normalized())
                .isEmpty()) {
            throw new IllegalStateException("the Chinese prompt should have an English rendering");
        }
        pii = Scanners.create("pii");
        StringBuilder lines = new StringBuilder();
        while (lines.length() < 2000) {
            lines.append("We met on Monday, reviewed the plan, agreed on owners, and set a date.\n");
        }
        proseLines = Scanners.normalizer().normalize(lines.toString(), ScanText.Stage.INPUT);
        StringBuilder doc = new StringBuilder();
        String paragraph = "To install the client, add the following line to your configuration file and restart"
                + " the service. Your answers to the survey help us improve the documentation. If the upload"
                + " fails, check your network settings and send your reply to the support team.\n";
        while (doc.length() < 2000) {
            doc.append(paragraph);
        }
        toolResult = doc.toString();
        // a tool definition as the gateway joins it for the scan (InputScreen.definition): about 1 KB
        toolDefinition = String.join(
                "\n",
                "create_support_ticket",
                "Opens a ticket in the customer support system for a problem the user reports. Use it only after"
                        + " the user has described the problem and confirmed they want a ticket; do not use it for"
                        + " billing questions, which go to the billing tool. Returns the ticket id and the expected"
                        + " response time.",
                "A one-line summary of the problem, in the user's words where possible.",
                "The full description: what happened, when, and what the user has already tried.",
                "How urgent the problem is for the user.",
                "low",
                "normal",
                "high",
                "urgent",
                "normal",
                "The product or service the problem concerns, e.g. 'mobile app' or 'web portal'.",
                "The customer's account number, if the user gave it; never guess one.",
                "Ids of earlier tickets about the same problem, if any.",
                "The language to answer the user in, as an ISO 639-1 code such as 'en' or 'de'.");
        normalizedToolDefinition = Scanners.normalizer().normalize(toolDefinition, ScanText.Stage.INPUT);
        toolPoisoning = Scanners.create("tool-poisoning");
        StringBuilder longDoc = new StringBuilder();
        String[] sentences = {
            "To install the client, add the following line to your configuration file and restart the service. ",
            "Your answers to the survey help us improve the documentation, and we read every one of them. ",
            "If the upload fails, check your network settings and send your reply to the support team. "
        };
        for (int k = 0; longDoc.length() < 64_000; k++) {
            for (int i = 0; i < 3; i++) {
                longDoc.append(sentences[(k + i) % 3]);
            }
            longDoc.append(k % 2 == 0 ? "\n\n" : "\n"); // a blank line after every other paragraph
        }
        normalizedLongDocument = Scanners.normalizer().normalize(longDoc.toString(), ScanText.Stage.INPUT);
        if (!(chain.scan(toolResult, ScanText.Stage.INPUT, Set.of(), TOOL) instanceof Verdict.Allow)) {
            throw new IllegalStateException("the benchmark tool result should pass");
        }
        numberDense = "1 Main ".repeat(32_000 / 7);
        logPasswords = "[INFO] password=".repeat(32_000 / 16);
        thePassword = "the password ".repeat(32_000 / 13);
        if (!(chain.scan(prompt, ScanText.Stage.INPUT, Set.of(), USER) instanceof Verdict.Redact)) {
            throw new IllegalStateException("the benchmark prompt should be redacted once");
        }
    }

    /**
     * The default chain on 32,000 chars of "1 Main " repeated: a number after every capitalised word, the densest work
     * of the street-address rules (linear, but the heaviest per char that HostileRunsTest's units found).
     */
    @Benchmark
    public Verdict defaultChainNumberDense32k() {
        return chain.scan(numberDense, ScanText.Stage.INPUT, Set.of(), USER);
    }

    /** The default chain on 32,000 chars of "[INFO] password=" repeated: the heaviest per char for the heuristics. */
    @Benchmark
    public Verdict defaultChainLogPasswords32k() {
        return chain.scan(logPasswords, ScanText.Stage.INPUT, Set.of(), USER);
    }

    /**
     * The default chain on 32,000 chars of "the password " repeated: each name of the secret passes the cheap check
     * before the secret rules' 60-char look-behinds, which tried every start in their range at each name until they
     * ran only where a request word is near (the heaviest unit of the heuristics after "password=" was made cheap).
     */
    @Benchmark
    public Verdict defaultChainThePassword32k() {
        return chain.scan(thePassword, ScanText.Stage.INPUT, Set.of(), USER);
    }

    /** A user message, as the gateway scans one. */
    /** The tool-poisoning scanner alone on the normalised tool definition of {@link #defaultChainToolDefinition}. */
    @Benchmark
    public java.util.List<io.trustgate.api.Finding> toolPoisoningDefinition() {
        return toolPoisoning.scan(normalizedToolDefinition, TOOL_DEFINITION);
    }

    /** The default chain on one tool definition (every request that offers the tool pays this per tool). */
    @Benchmark
    public Verdict defaultChainToolDefinition() {
        return chain.scan(toolDefinition, ScanText.Stage.INPUT, Set.of(), TOOL_DEFINITION);
    }

    @Benchmark
    public Verdict defaultChain2KbPrompt() {
        return chain.scan(prompt, ScanText.Stage.INPUT, Set.of(), USER);
    }

    /** The default chain before decision 015: heuristics only. */
    @Benchmark
    public Verdict defaultChainWithoutClassifier2KbPrompt() {
        return withoutClassifier.scan(prompt, ScanText.Stage.INPUT, Set.of(), USER);
    }

    private static final ScanContext USER = ScanContext.of(ScanContext.Source.USER);
    private static final ScanContext TOOL = ScanContext.of(ScanContext.Source.TOOL);
    private static final ScanContext TOOL_DEFINITION = ScanContext.of(ScanContext.Source.TOOL_DEFINITION);

    /**
     * The default chain on 2 KB of documentation returned by a tool, dense with near misses of the tool-result rules
     * ("add the following line to your configuration", "your answers", "your reply"); they run on tool results only.
     */
    @Benchmark
    public Verdict defaultChain2KbToolResult() {
        return chain.scan(toolResult, ScanText.Stage.INPUT, Set.of(), TOOL);
    }

    /** The same documentation as a user message: the tool-result rules do not run. */
    @Benchmark
    public Verdict defaultChain2KbDocumentAsUserMessage() {
        return chain.scan(toolResult, ScanText.Stage.INPUT, Set.of(), USER);
    }

    /** The shared normaliser alone on the same prompt: the part of the chain every scanner shares. */
    @Benchmark
    public ScanText normalizer2KbPrompt() {
        return Scanners.normalizer().normalize(prompt, ScanText.Stage.INPUT);
    }

    /**
     * PII on 2 KB of short prose lines with commas: the text a table detector must pass over cheaply, since any line
     * with a delimiter could be a table's header.
     */
    @Benchmark
    public List<io.trustgate.api.Finding> pii2KbProseLines() {
        return pii.scan(proseLines);
    }

    /** The learned injection classifier alone on the same prompt, already normalised (the chain shares that work). */
    @Benchmark
    public List<io.trustgate.api.Finding> injectionClassifier2KbPrompt() {
        return injectionClassifier.scan(normalizedPrompt);
    }

    /**
     * The classifier on 2 KB (UTF-8) of a Chinese request with glossed words: the forms looked up inside the runs of
     * characters, and the English rendering scored besides the text (decision 017).
     */
    @Benchmark
    public List<io.trustgate.api.Finding> injectionClassifier2KbChinesePrompt() {
        return injectionClassifier.scan(normalizedChinesePrompt);
    }

    /**
     * The classifier on a 64 KB document of short paragraphs (a page fetched by a tool, a pasted report): 83
     * half-overlapping windows and 114 paragraphs scored alone, where the text's length rather than the per-call
     * setup sets the cost.
     */
    @Benchmark
    public List<io.trustgate.api.Finding> injectionClassifier64KbDocument() {
        return injectionClassifier.scan(normalizedLongDocument);
    }
}
