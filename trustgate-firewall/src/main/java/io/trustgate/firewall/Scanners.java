package io.trustgate.firewall;

import io.trustgate.api.ScanText.Stage;
import io.trustgate.api.Scanner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The scanners a configuration can name, the stages each may run at, and the chain built from them with the shared
 * normaliser and the redactor. Scanners are immutable and thread-safe; costly resources (libphonenumber's metadata,
 * model weights) are loaded once per process by the scanner classes themselves, so creating one per rule is cheap.
 */
public final class Scanners {
    /**
     * One scanner a configuration can name.
     *
     * @param name its name in configuration and findings
     * @param stages where it may run
     * @param factory builds it from its options (throws {@link ScannerOptions.Invalid} for a bad option)
     * @param summary one line for {@code --help} and the docs
     */
    public record Spec(String name, Set<Stage> stages, Function<ScannerOptions, Scanner> factory, String summary) {
        public Spec {
            Objects.requireNonNull(name, "name");
            stages = Collections.unmodifiableSet(EnumSet.copyOf(stages));
            Objects.requireNonNull(factory, "factory");
            Objects.requireNonNull(summary, "summary");
        }
    }

    private static final Set<Stage> BOTH = EnumSet.allOf(Stage.class);
    private static final Set<Stage> INPUT_ONLY = EnumSet.of(Stage.INPUT);
    private static final Set<Stage> OUTPUT_ONLY = EnumSet.of(Stage.OUTPUT);

    // One line per scanner; the order is the order of the listings.
    private static final Map<String, Spec> SPECS = register(
            new Spec(
                    InvisibleTextScanner.NAME,
                    BOTH,
                    o -> {
                        o.allowOnly(Set.of());
                        return new InvisibleTextScanner();
                    },
                    "Unicode tag characters, bidi overrides, zero-width runs"),
            new Spec(
                    "injection-heuristics",
                    INPUT_ONLY,
                    o -> {
                        o.allowOnly(Set.of());
                        return new InjectionHeuristicsScanner();
                    },
                    "prompt injection and jailbreak phrases and structures"),
            new Spec(
                    ToolPoisoningScanner.NAME,
                    INPUT_ONLY,
                    o -> {
                        o.allowOnly(Set.of());
                        return new ToolPoisoningScanner();
                    },
                    "tool definitions that instruct the model beyond the tool: concealment, sending data out,"
                            + " shadowing other tools"),
            new Spec(
                    InjectionClassifierScanner.NAME,
                    INPUT_ONLY,
                    o -> {
                        o.allowOnly(Set.of());
                        return new InjectionClassifierScanner();
                    },
                    "learned prompt injection and jailbreak classifier (hashed n-grams, logistic regression)"),
            new Spec(
                    ToxicityScanner.NAME,
                    BOTH,
                    o -> {
                        o.allowOnly(Set.of());
                        return new ToxicityScanner();
                    },
                    "learned toxicity classifier (insults, slurs, harassment)"),
            new Spec(
                    "secrets",
                    BOTH,
                    o -> {
                        o.allowOnly(Set.of());
                        return new SecretsScanner();
                    },
                    "API keys, tokens, private keys, passwords"),
            new Spec(
                    "pii",
                    BOTH,
                    o -> {
                        o.allowOnly(Set.of());
                        return new PiiScanner();
                    },
                    "emails, phones, cards, IBANs, SSNs, IPs, dates of birth, person names, street addresses"),
            new Spec(
                    BannedSubstringsScanner.NAME,
                    BOTH,
                    BannedSubstringsScanner::fromOptions,
                    "operator-listed strings, matched over normalised and decoded text"),
            new Spec(
                    TokenLimitScanner.NAME,
                    INPUT_ONLY,
                    TokenLimitScanner::fromOptions,
                    "prompts over a token budget (jtokkit, OpenAI encodings)"),
            new Spec(
                    ExfiltrationScanner.NAME,
                    BOTH,
                    ExfiltrationScanner::fromOptions,
                    "data sent out through image and link URLs (markdown, HTML, CSS)"),
            new Spec(
                    RefusalScanner.NAME,
                    OUTPUT_ONLY,
                    o -> {
                        o.allowOnly(Set.of());
                        return new RefusalScanner();
                    },
                    "answers in which the model refused"),
            new Spec(
                    JsonSchemaScanner.NAME,
                    OUTPUT_ONLY,
                    JsonSchemaScanner::fromOptions,
                    "answers that are not JSON or not valid against the requested schema"),
            new Spec(
                    BannedTopicsScanner.NAME,
                    BOTH,
                    o -> new BannedTopicsScanner(
                            o.allowOnly(Set.of("topics", "max-sentences")).stringMap("topics"),
                            (int) o.integer("max-sentences", BannedTopicsScanner.DEFAULT_MAX_SENTENCES, 1, 1_000_000)),
                    "topics the operator describes in sentences, matched by meaning (MiniLM embeddings)"),
            new Spec(
                    SystemPromptLeakScanner.NAME,
                    OUTPUT_ONLY,
                    o -> {
                        o.allowOnly(Set.of());
                        return new SystemPromptLeakScanner();
                    },
                    "responses revealing the system prompt: canaries, verbatim runs, paraphrase"),
            new Spec(
                    LanguageScanner.NAME,
                    BOTH,
                    LanguageScanner::fromOptions,
                    "texts in a language that is not allowed (option allowed: ISO 639-1 codes)"));

    /** Names of the input scanners, in the order of the default chain. */
    public static final List<String> INPUT = namesFor(Stage.INPUT);

    /** Names of the output scanners. */
    public static final List<String> OUTPUT = namesFor(Stage.OUTPUT);

    private static final Normalizer NORMALIZER = new Normalizer();

    private Scanners() {}

    private static Map<String, Spec> register(Spec... specs) {
        Map<String, Spec> m = new LinkedHashMap<>();
        for (Spec s : specs) {
            if (m.put(s.name(), s) != null) {
                throw new IllegalStateException("scanner '" + s.name() + "' registered twice");
            }
        }
        return Collections.unmodifiableMap(m);
    }

    private static List<String> namesFor(Stage stage) {
        List<String> out = new ArrayList<>();
        for (Spec s : SPECS.values()) {
            if (s.stages().contains(stage)) {
                out.add(s.name());
            }
        }
        return List.copyOf(out);
    }

    /** Every scanner, in listing order. */
    public static List<Spec> specs() {
        return List.copyOf(SPECS.values());
    }

    /** The scanner of this name, if there is one. */
    public static java.util.Optional<Spec> spec(String name) {
        return java.util.Optional.ofNullable(SPECS.get(name));
    }

    /** A new scanner of this name with no options. */
    public static Scanner create(String name) {
        return create(name, ScannerOptions.NONE);
    }

    /**
     * A new scanner of this name with these options.
     *
     * @throws IllegalArgumentException for an unknown name
     * @throws ScannerOptions.Invalid for a bad option
     */
    public static Scanner create(String name, ScannerOptions options) {
        Spec s = SPECS.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown scanner '" + name + "', known: " + SPECS.keySet());
        }
        return s.factory().apply(options);
    }

    /** A chain over these rules with the shared normaliser, masking redacted spans with numbered placeholders. */
    public static FirewallChain chain(List<FirewallChain.Rule> rules) {
        return new FirewallChain(rules, NORMALIZER::normalize, Redactor::mask);
    }

    /** The shared normaliser. */
    public static Normalizer normalizer() {
        return NORMALIZER;
    }
}
