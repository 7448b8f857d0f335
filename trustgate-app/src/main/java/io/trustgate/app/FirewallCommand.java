package io.trustgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanText;
import io.trustgate.api.Verdict;
import io.trustgate.firewall.FirewallChain;
import io.trustgate.gateway.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code trustgate firewall}: run the firewall outside the HTTP path. */
@Command(
        name = "firewall",
        mixinStandardHelpOptions = true,
        description = "Run the AI firewall on texts, outside the gateway.",
        subcommands = {FirewallCommand.Scanners.class, FirewallCommand.Scan.class, FirewallCommand.Eval.class})
final class FirewallCommand extends GroupCommand {

    @Command(
            name = "scanners",
            mixinStandardHelpOptions = true,
            description = "List the scanners a firewall chain can name, with the stages each may run at.")
    static final class Scanners implements Callable<Integer> {
        @Option(names = "--json", description = "Print a JSON array instead of a table.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ArrayNode all = Json.MAPPER.createArrayNode();
                for (io.trustgate.firewall.Scanners.Spec s : io.trustgate.firewall.Scanners.specs()) {
                    ObjectNode o = all.addObject().put("name", s.name()).put("summary", s.summary());
                    ArrayNode stages = o.putArray("stages");
                    s.stages().forEach(st -> stages.add(st.name().toLowerCase(Locale.ROOT)));
                }
                out.println(Json.MAPPER.writeValueAsString(all));
            } else {
                Table t = new Table("SCANNER", "STAGES", "FINDS");
                for (io.trustgate.firewall.Scanners.Spec s : io.trustgate.firewall.Scanners.specs()) {
                    t.row(
                            s.name(),
                            String.join(
                                    ",",
                                    s.stages().stream()
                                            .map(st -> st.name().toLowerCase(Locale.ROOT))
                                            .toList()),
                            s.summary());
                }
                t.print(out, "no scanners");
            }
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "scan",
            mixinStandardHelpOptions = true,
            description = "Scan lines of text (JSONL with a \"text\" field, or plain lines) with the configured chain;"
                    + " print one JSON line per input: verdict, findings (scanner, category, type, score, start, end, action)"
                    + " and the text with every found span masked, whatever the action, so that a report never repeats"
                    + " what it found (the gateway masks only what redact and anonymize rules find). Spans count UTF-16"
                    + " code units, as Java and JavaScript strings do. A line that is not a JSON object with a \"text\""
                    + " field is scanned as it stands (a JSON log line included); a \"text\", \"system\" or \"role\""
                    + " field of the wrong type is an error. At the output stage a JSONL line may carry a \"system\""
                    + " field: the system prompt the text must not leak. A JSONL line may carry a \"role\" field"
                    + " (system, developer, user, assistant, tool, tool-definition): a tool result is also checked for"
                    + " instructions planted for the model, a tool definition (its texts joined) for tool poisoning,"
                    + " and injection and jailbreak findings in system and developer messages are dropped (neither"
                    + " acted on nor reported: not in the findings), as in the gateway. Exit 0 when every line was"
                    + " scanned, whatever the"
                    + " verdicts; 2 for bad usage, configuration or input (a malformed line, text that is not UTF-8),"
                    + " naming the line.")
    static final class Scan implements Callable<Integer> {
        @Mixin
        StateOptions state;

        @Option(
                names = "--stage",
                paramLabel = "STAGE",
                defaultValue = "input",
                description = "input or output. Default: ${DEFAULT-VALUE}.")
        String stage;

        @Option(names = "--input", paramLabel = "FILE", description = "Read this file instead of standard input.")
        Path input;

        @Option(
                names = "--context",
                paramLabel = "NAME",
                description = "Use the firewall the gateway applies in this context (a shipped one or one in"
                        + " <data-dir>/contexts; trustgate contexts list shows them): the tier settings its"
                        + " \"firewall\" names, or, for a context that names none, the caller's tier's (--tier)."
                        + " The name of a tier that is not a context is taken as --tier, as before contexts existed.")
        String context;

        @Option(
                names = "--tier",
                paramLabel = "NAME",
                description = "Use the firewall of this tier of the configuration: its own (tiers.NAME.firewall), else"
                        + " the top-level one. Default, without --tier and --context: the top-level firewall.")
        String tier;

        @Option(
                names = "--role",
                paramLabel = "ROLE",
                description = "Scan every line as a message of this chat role (system, developer, user, assistant,"
                        + " tool), unless the line has a \"role\" field; tool: as a tool result, where instructions"
                        + " planted for the model are injections; tool-definition: as the texts of a tool's definition"
                        + " (description, parameter descriptions), where they are tool poisoning.")
        String role;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            io.trustgate.api.ScanContext.Source defaultSource = role == null
                    ? io.trustgate.api.ScanContext.Source.UNSPECIFIED
                    : source(Json.MAPPER.getNodeFactory().textNode(role), "--role");
            ScanText.Stage st = switch (stage.toLowerCase(Locale.ROOT)) {
                case "input" -> ScanText.Stage.INPUT;
                case "output" -> ScanText.Stage.OUTPUT;
                default -> throw new CliException("--stage takes input or output, was '" + stage + "'", 2);
            };
            if (input != null && Files.isDirectory(input)) {
                throw new CliException("input file is a directory: " + input, 2);
            }
            if (input != null && !Files.isRegularFile(input)) {
                throw new CliException("input file not found: " + input, 2);
            }
            TrustgateConfig config = state.loadConfig();
            TrustgateConfig.FirewallSettings settings = firewallOf(config, state.dataDir(), context, tier);
            FirewallChain chain = Wiring.chain(st == ScanText.Stage.INPUT ? settings.input() : settings.output())
                    .withTimeLimit(settings.scanTimeLimit());
            PrintWriter out = spec.commandLine().getOut();
            String from = input != null ? input.toString() : "standard input";
            // malformed bytes are an error, from a file and from standard input alike, never silently replaced
            java.nio.charset.CharsetDecoder utf8 = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
            int n = 0;
            try (Reader r = new InputStreamReader(input != null ? Files.newInputStream(input) : System.in, utf8);
                    BufferedReader lines = new BufferedReader(r)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    n++;
                    if (n == 1 && line.startsWith("\uFEFF")) {
                        line = line.substring(1); // a byte order mark, as editors on Windows write one
                    }
                    if (line.isBlank()) {
                        continue;
                    }
                    out.println(Json.MAPPER.writeValueAsString(scanLine(chain, line, st, n, defaultSource)));
                }
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new CliException(from + ": not UTF-8 text (after line " + n + ")", 2);
            } finally {
                out.flush();
            }
            return 0;
        }

        /**
         * The firewall settings the gateway would screen with: those of the tier a context names
         * ({@code firewall: TIER} in the context file, which takes the place of the caller's tier's), else those of
         * the caller's tier, else the top-level ones.
         */
        static TrustgateConfig.FirewallSettings firewallOf(
                TrustgateConfig config, Path dataDir, String context, String tier) {
            java.util.List<String> tiers =
                    config.tiers().stream().map(io.trustgate.api.Tier::name).toList();
            if (tier != null && !tiers.contains(tier)) {
                throw new CliException(
                        "--tier '" + tier + "' is not a tier of " + config.source() + "; tiers: " + tiers, 2);
            }
            String use = tier;
            if (context != null) {
                java.util.Optional<io.trustgate.policy.trust.Context> c;
                try {
                    c = io.trustgate.policy.trust.Contexts.load(java.util.Optional.of(dataDir.resolve("contexts")))
                            .find(context);
                } catch (io.trustgate.policy.trust.ContextException e) {
                    throw new CliException(e.getMessage(), 2);
                }
                if (c.isPresent()) {
                    java.util.Optional<String> f = c.get().firewall();
                    if (f.isPresent() && !config.tierFirewalls().containsKey(f.get())) {
                        // the gateway refuses to start with this context bound
                        throw new CliException(
                                "context " + context + ": firewall '" + f.get()
                                        + "' names no tier with its own firewall settings (tiers." + f.get()
                                        + ".firewall) in " + config.source(),
                                2);
                    }
                    use = f.orElse(tier);
                } else if (tiers.contains(context) && tier == null) {
                    use = context;
                } else {
                    throw new CliException(
                            "--context '" + context + "' is not a context (trustgate contexts list shows them)"
                                    + (tier == null ? " nor a tier of " + config.source() + "; tiers: " + tiers : ""),
                            2);
                }
            }
            return use == null ? config.firewall() : Wiring.settingsOf(config, use);
        }

        /** A JSONL line's string field; a value of another type is an error naming the line. */
        private static String string(JsonNode line, String field, String at) {
            JsonNode v = line.path(field);
            if (!v.isTextual()) {
                throw new CliException(
                        at + ": \"" + field + "\" must be a string, was "
                                + v.getNodeType().name().toLowerCase(Locale.ROOT),
                        2);
            }
            return v.asText();
        }

        private static boolean hasLoneSurrogate(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                        return true;
                    }
                    i++;
                } else if (Character.isLowSurrogate(c)) {
                    return true;
                }
            }
            return false;
        }

        /** The source of a chat role given on the command line or in a JSONL line. */
        static io.trustgate.api.ScanContext.Source source(JsonNode role, String where) {
            io.trustgate.api.ScanContext.Source s = role.isTextual()
                    ? io.trustgate.api.ScanContext.Source.ofRole(role.asText())
                    : io.trustgate.api.ScanContext.Source.UNSPECIFIED;
            if (s == io.trustgate.api.ScanContext.Source.UNSPECIFIED) {
                throw new CliException(
                        where + ": role must be one of system, developer, user, assistant, tool, tool-definition; was "
                                + role,
                        2);
            }
            return s;
        }

        static ObjectNode scanLine(FirewallChain chain, String line, ScanText.Stage stage, int lineNumber) {
            return scanLine(chain, line, stage, lineNumber, io.trustgate.api.ScanContext.Source.UNSPECIFIED);
        }

        static ObjectNode scanLine(
                FirewallChain chain,
                String line,
                ScanText.Stage stage,
                int lineNumber,
                io.trustgate.api.ScanContext.Source defaultSource) {
            String text = line;
            io.trustgate.api.ScanContext context = io.trustgate.api.ScanContext.of(defaultSource);
            if (line.stripLeading().startsWith("{")) {
                JsonNode n;
                try {
                    n = Json.MAPPER.readTree(line);
                } catch (IOException notJson) {
                    n = null; // a plain line that starts with a brace
                }
                if (n != null && n.has("text")) {
                    String at = "line " + lineNumber;
                    text = string(n, "text", at);
                    if (n.has("system")) {
                        context = io.trustgate.api.ScanContext.ofSystemPrompt(string(n, "system", at))
                                .withSource(defaultSource);
                    }
                    if (n.has("role")) {
                        context = context.withSource(source(n.path("role"), at));
                    }
                }
            }
            if (hasLoneSurrogate(text)) {
                // it could not be printed back, and what the scanners read would not be what was sent
                throw new CliException("line " + lineNumber + ": the text has an unpaired UTF-16 surrogate", 2);
            }
            Verdict v = chain.scan(text, stage, context.source().notActedOn(), context);
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("line", lineNumber);
            o.put(
                    "verdict",
                    switch (v) {
                        case Verdict.Allow a -> "allow";
                        case Verdict.Redact r -> "redact";
                        case Verdict.Block b -> "block";
                    });
            ArrayNode fs = o.putArray("findings");
            for (int i = 0; i < v.findings().size(); i++) {
                Finding f = v.findings().get(i);
                fs.addObject()
                        .put("scanner", f.scanner())
                        .put("category", f.category().name())
                        .put("type", f.type())
                        .put("score", f.score())
                        .put("start", f.start())
                        .put("end", f.end())
                        // what it caused: a block rule's finding its corroborator did not agree with is a flag
                        .put("action", v.actions().get(i).name().toLowerCase(java.util.Locale.ROOT));
            }
            if (!v.failedScanners().isEmpty()) {
                ArrayNode failed = o.putArray("failed_scanners");
                v.failedScanners().forEach(failed::add);
            }
            // Whatever the verdict, the printed text has every found span masked: a scan report must not repeat
            // the secrets it found.
            o.put(
                    "text",
                    io.trustgate.firewall.Redactor.mask(
                            text, v.findings().stream().filter(Finding::hasSpan).toList()));
            return o;
        }
    }

    @Command(
            name = "eval",
            mixinStandardHelpOptions = true,
            description = "Measure a scanner, or several together, on a labelled dataset. Classifier data (attack or"
                    + " benign texts): the scanners run in one chain with action FLAG, and a text is predicted positive"
                    + " when any of them reports a finding at or above its threshold (as in a chain whose rules all"
                    + " block); prints precision, recall, F1, false-positive rate and balanced accuracy per category"
                    + " and overall, with the latency per text, and with several scanners what each flagged and what"
                    + " only it flagged. Span data (PII, secrets): the predicted spans are all the scanners' spans; a"
                    + " predicted span matches a gold span of the same type when they overlap; prints precision,"
                    + " recall and F1 per type. Texts are never printed.")
    static final class Eval implements Callable<Integer> {
        @Option(
                names = "--scanner",
                required = true,
                paramLabel = "NAME",
                description = "The scanner to measure; several (repeated or comma-separated, e.g."
                        + " injection-heuristics,injection-classifier) are measured as one chain: a text is positive"
                        + " when any of them flags it.")
        List<String> scanners = new ArrayList<>();

        @Option(
                names = "--threshold",
                paramLabel = "T|NAME=T",
                description = "Minimum finding score in [0, 1], for every scanner (default 0.5, a rule's default in"
                        + " the configuration); NAME=T sets one scanner's own (repeatable).")
        List<String> thresholds = new ArrayList<>();

        @Option(names = "--input", required = true, paramLabel = "FILE", description = "The dataset file.")
        Path input;

        @Option(
                names = "--format",
                paramLabel = "FORMAT",
                defaultValue = "auto",
                description = "auto, jsonl (text/label/category or text/spans), spans, garak, jbb, bipia, xstest,"
                        + " self-instruct, awesome, refusal, toxicity or csv (text,label[,category])."
                        + " Default: ${DEFAULT-VALUE}.")
        String format;

        @Option(
                names = "--stage",
                paramLabel = "STAGE",
                description = "input or output. Default: input, or output when a scanner runs only there.")
        String stage;

        @Option(
                names = "--option",
                paramLabel = "KEY=VALUE",
                description = "A scanner option, as in a rule (repeatable; a comma makes a list),"
                        + " e.g. --option allowed=en,de; with several scanners prefix the scanner:"
                        + " --option language.allowed=en,de.")
        List<String> options = new ArrayList<>();

        @Option(
                names = "--role",
                paramLabel = "ROLE",
                description = "Scan every text as a message of this chat role (system, developer, user, assistant,"
                        + " tool); tool: as a tool result, where instructions planted for the model are injections."
                        + " Default: none given.")
        String role;

        @Option(
                names = "--any-type",
                description = "Span data: a predicted span matches a gold span it overlaps whatever their types (for"
                        + " datasets that name types differently from the scanner); recall is then per gold type,"
                        + " precision per predicted type, and a row sums them all.")
        boolean anyType;

        @Option(
                names = "--sweep",
                paramLabel = "FROM:TO:STEP",
                description = "Classifier data: also count the chain at every threshold from FROM to TO by STEP"
                        + " (every scanner at the row's threshold), from one scan; e.g. --sweep 0.3:0.9:0.05. The"
                        + " main table is at FROM. Not with --threshold.")
        String sweep;

        @Option(names = "--json", description = "Print one JSON object instead of tables.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /** The thresholds of --sweep FROM:TO:STEP; a malformed or out-of-range sweep is a usage error. */
        static List<Double> sweepThresholds(String arg) {
            CliException usage =
                    new CliException("--sweep takes FROM:TO:STEP, e.g. 0.3:0.9:0.05, was '" + arg + "'", 2);
            String[] p = arg.split(":", -1);
            double[] v = new double[3];
            if (p.length != 3) {
                throw usage;
            }
            for (int i = 0; i < 3; i++) {
                try {
                    v[i] = Double.parseDouble(p[i].strip());
                } catch (NumberFormatException e) {
                    throw usage;
                }
            }
            if (!(v[0] >= 0 && v[0] <= v[1] && v[1] <= 1)) {
                throw new CliException("--sweep needs 0 <= FROM <= TO <= 1, was '" + arg + "'", 2);
            }
            if (!(v[2] > 0) || (v[1] - v[0]) / v[2] > 1000) {
                throw new CliException(
                        "--sweep needs a STEP above 0 and at most 1,001 thresholds, was '" + arg + "'", 2);
            }
            List<Double> out = new ArrayList<>();
            // by index, so that 0.3 + k * 0.05 does not drift past TO
            for (int k = 0; ; k++) {
                double t = Math.round((v[0] + k * v[2]) * 1e9) / 1e9;
                if (t > v[1] + 1e-9) {
                    break;
                }
                out.add(t);
            }
            return out;
        }

        @Override
        public Integer call() {
            List<Double> sweepAt = List.of();
            if (sweep != null) {
                if (!thresholds.isEmpty()) {
                    throw new CliException("--sweep sets every scanner's threshold; give it without --threshold", 2);
                }
                sweepAt = sweepThresholds(sweep);
                thresholds = List.of(Double.toString(sweepAt.get(0)));
            }
            EvalChain ec = EvalChain.resolve(scanners, thresholds, options, java.util.Optional.ofNullable(stage));
            FirewallChain chain = ec.chain();
            ScanText.Stage st = ec.stage();
            io.trustgate.api.ScanContext context = role == null
                    ? io.trustgate.api.ScanContext.NONE
                    : io.trustgate.api.ScanContext.of(
                            Scan.source(Json.MAPPER.getNodeFactory().textNode(role), "--role"));
            EvalDataset.Data data = EvalDataset.read(input, format);
            ObjectNode head = Json.MAPPER.createObjectNode();
            head.put("scanner", ec.names());
            head.put(
                    "threshold",
                    ec.several() ? ec.defaultThreshold() : ec.members().get(0).threshold());
            head.put("stage", st.name().toLowerCase(Locale.ROOT));
            if (role != null) {
                head.put("role", role);
            }
            head.put("input", input.toString());
            head.put("format", data.format());
            head.put("mode", data.spanMode() ? "spans" : "classifier");
            head.put("skipped", data.skipped());
            PrintWriter out = spec.commandLine().getOut();
            if (data.spanMode() && !sweepAt.isEmpty()) {
                throw new CliException("--sweep counts classifier data (text and label); " + input + " holds spans", 2);
            }
            if (data.spanMode()) {
                FirewallEval.SpanResult r = FirewallEval.spans(chain, st, data.spanned(), anyType, context);
                if (json) {
                    out.println(Json.MAPPER
                            .valueToTree(FirewallEval.spanJson(head, r))
                            .toString());
                } else {
                    FirewallEval.printSpans(out, head, r);
                }
            } else {
                FirewallEval.ClassifierResult r = FirewallEval.classify(chain, st, data.labelled(), context);
                List<FirewallEval.Counts> swept = FirewallEval.sweep(r, data.labelled(), sweepAt);
                if (json) {
                    ObjectNode j = FirewallEval.classifierJson(head, r);
                    if (!sweepAt.isEmpty()) {
                        FirewallEval.sweepJson(j, sweepAt, swept);
                    }
                    out.println(j.toString());
                } else {
                    FirewallEval.printClassifier(out, head, r);
                    if (!sweepAt.isEmpty()) {
                        FirewallEval.printSweep(out, sweepAt, swept);
                    }
                }
            }
            out.flush();
            return 0;
        }
    }
}
