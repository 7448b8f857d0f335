package io.trustgate.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustgate.api.Secret;
import io.trustgate.assess.ratings.Battle;
import io.trustgate.assess.ratings.PairwiseJudge;
import io.trustgate.assess.run.Runner;
import io.trustgate.assess.suite.Sample;
import io.trustgate.assess.suite.SuiteDataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code trustgate assess battle}: pairwise battles judged by a model, through the gateway. Every pair of the given
 * models answers each prompt; the judge picks the better answer (shown in a seeded random order); the battles are
 * appended to a JSONL file in FastChat's format, ready for {@code trustgate assess ratings --battles FILE}.
 */
@Command(
        name = "battle",
        mixinStandardHelpOptions = true,
        description = "Pairwise battles judged by a model (through the gateway), appended as JSONL for assess ratings.")
final class AssessBattleCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    StateOptions state;

    @Option(
            names = "--models",
            required = true,
            split = ",",
            paramLabel = "MODEL",
            description = "Two or more models, comma-separated.")
    List<String> models;

    @Option(names = "--judge", required = true, paramLabel = "MODEL", description = "The judge model.")
    String judge;

    @Option(
            names = "--prompts",
            paramLabel = "FILE",
            description = "Prompts: JSONL with a \"prompt\" field, or one prompt per line.")
    Path prompts;

    @Option(
            names = "--suite",
            paramLabel = "SUITE",
            description = "Or the prompts of a suite (trustgate assess suites).")
    String suite;

    @Option(names = "--data", paramLabel = "DIR", description = "Datasets folder (with --suite).")
    Path data;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "50",
            description = "Prompts. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Order of each pair's answers.")
    long seed;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Battles JSONL file (appended to).")
    Path output;

    @Option(
            names = "--gateway",
            paramLabel = "URL",
            description = "Gateway base URL. Default: $TRUSTGATE_GATEWAY or http://127.0.0.1:8080.")
    String gateway;

    @Option(names = "--key", paramLabel = "KEY", description = "Virtual API key. Default: $TRUSTGATE_KEY.")
    String key;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "512", description = "Default: ${DEFAULT-VALUE}.")
    int maxTokens;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if ((prompts == null) == (suite == null)) {
            throw new CliException("give exactly one of --prompts FILE or --suite NAME", 2);
        }
        if (models.size() < 2 || models.stream().distinct().count() != models.size()) {
            throw new CliException("--models needs two or more different models, was " + models, 2);
        }
        if (limit < 1 || maxTokens < 1) {
            throw new CliException("--limit and --max-tokens must be >= 1", 2);
        }
        String k = Assessments.key(key);
        String g = Assessments.gateway(gateway);
        List<String> texts = prompts != null ? readPrompts(prompts) : suitePrompts();
        if (texts.size() > limit) {
            texts = texts.subList(0, limit);
        }
        GatewayModelClient client = new GatewayModelClient(URI.create(g), Secret.of(k), Duration.ofSeconds(120));
        PairwiseJudge.Result r;
        try {
            r = new PairwiseJudge(client, judge, 0.7, maxTokens).run(texts, models, seed);
        } catch (Runner.Aborted e) {
            // as assess run: a refused key or an unknown model would fail every battle; nothing is worth appending
            throw new CliException("battles stopped: " + e.getMessage() + "; nothing was appended to " + output, 2);
        }
        StringBuilder lines = new StringBuilder();
        for (Battle b : r.battles()) {
            lines.append(JSON.createObjectNode()
                            .put("model_a", b.modelA())
                            .put("model_b", b.modelB())
                            .put("winner", b.outcome().wire())
                            .put("judge", judge)
                            .toString())
                    .append('\n');
        }
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(
                output,
                lines,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
        spec.commandLine()
                .getErr()
                .println(r.battles().size() + " battles appended to " + output + " (" + texts.size() + " prompts, "
                        + r.failed() + " failed calls, " + r.unreadable() + " unreadable verdicts); rate them with:"
                        + " trustgate assess ratings --battles " + output);
        return r.battles().isEmpty() ? 1 : 0;
    }

    private List<String> suitePrompts() {
        try {
            List<Sample> samples = Assessments.suite(suite, Optional.empty()).load(Assessments.datasets(data));
            return samples.stream().map(Sample::prompt).toList();
        } catch (SuiteDataException e) {
            throw new CliException(e.getMessage(), 2);
        }
    }

    static List<String> readPrompts(Path file) {
        List<String> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String t = line.strip();
                if (t.isEmpty()) {
                    continue;
                }
                if (t.startsWith("{")) {
                    var n = JSON.readTree(t);
                    if (!n.path("prompt").isTextual()) {
                        throw new CliException(file + ": a JSON line without a \"prompt\" string", 2);
                    }
                    out.add(n.path("prompt").asText());
                } else {
                    out.add(t);
                }
            }
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), 2);
        } catch (UncheckedIOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), 2);
        }
        if (out.isEmpty()) {
            throw new CliException(file + " holds no prompt", 2);
        }
        return out;
    }
}
