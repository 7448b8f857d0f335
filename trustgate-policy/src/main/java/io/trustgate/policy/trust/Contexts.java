package io.trustgate.policy.trust;

import io.trustgate.api.IoReason;
import io.trustgate.api.evidence.EvidenceKind;
import io.trustgate.registry.licence.UseCase;
import io.trustgate.registry.licence.Verdict;
import io.trustgate.registry.openness.MofClass;
import io.trustgate.registry.profile.YamlNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The contexts: the examples shipped on the classpath ({@code contexts/*.yaml}) plus the user's folder, one file per
 * context (docs/trust.md describes the format). A user file with the name of a shipped context replaces it. Every
 * error names the file, the line and the key. Immutable.
 */
public final class Contexts {
    /** The shipped examples, by file name under {@code contexts/} on the classpath. */
    public static final List<String> SHIPPED =
            List.of("internal-tooling", "customer-support-chat", "clinical-notes", "credit-decisions");

    private static final int MAX_CHARS = 200_000;
    private static final int MAX_FILES = 1_000;

    private final Map<String, Context> byName;

    private Contexts(Map<String, Context> byName) {
        this.byName = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /** The shipped examples, then the files of {@code userFolder} when it exists. */
    public static Contexts load(Optional<Path> userFolder) {
        Map<String, Context> all = new LinkedHashMap<>();
        for (String n : SHIPPED) {
            String res = "contexts/" + n + ".yaml";
            try (InputStream in = Contexts.class.getClassLoader().getResourceAsStream(res)) {
                if (in == null) {
                    throw new ContextException("classpath:" + res + ": missing from the build");
                }
                Context c = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + res);
                all.put(c.name(), c);
            } catch (IOException e) {
                throw new ContextException("classpath:" + res + ": " + e.getMessage(), e);
            }
        }
        if (userFolder.isPresent()) {
            Path dir = userFolder.get();
            if (Files.isDirectory(dir)) {
                Map<String, String> seen = new LinkedHashMap<>();
                for (Path f : files(dir)) {
                    Context c = read(f);
                    String prev = seen.putIfAbsent(c.name(), f.toString());
                    if (prev != null) {
                        throw new ContextException(f + ": context '" + c.name() + "' is already declared in " + prev);
                    }
                    all.remove(c.name());
                    all.put(c.name(), c);
                }
            } else if (Files.exists(dir)) {
                throw new ContextException(dir + ": not a folder");
            }
        }
        return new Contexts(all);
    }

    /** Contexts given in code (tests). */
    public static Contexts of(List<Context> contexts) {
        Map<String, Context> m = new LinkedHashMap<>();
        for (Context c : contexts) {
            if (m.putIfAbsent(c.name(), c) != null) {
                throw new ContextException("context '" + c.name() + "' is declared twice");
            }
        }
        return new Contexts(m);
    }

    /**
     * A context that asks nothing: minimal risk, equal weights, only the licence checked for a non-commercial use
     * (what {@code compare} uses when no context is named).
     */
    public static Context neutral() {
        Map<Dimension, Double> w = new EnumMap<>(Dimension.class);
        for (Dimension d : Dimension.values()) {
            w.put(d, 1.0);
        }
        return new Context(
                "none",
                "no context: equal weights, licence checked for non-commercial use",
                "-",
                new Questionnaire("deployer", Optional.empty(), Optional.empty(), false, false, false, false),
                DataSensitivity.PUBLIC,
                new Requirements(
                        false,
                        UseCase.builder().build(),
                        Set.of(Verdict.ALLOWED),
                        Optional.empty(),
                        List.of(),
                        Optional.empty()),
                w,
                Optional.empty(),
                "built-in");
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> l = s.filter(p -> {
                        String n = p.getFileName().toString();
                        return !n.startsWith(".") && (n.endsWith(".yaml") || n.endsWith(".yml"));
                    })
                    .sorted()
                    .limit(MAX_FILES + 1)
                    .toList();
            if (l.size() > MAX_FILES) {
                throw new ContextException(dir + ": more than " + MAX_FILES + " context files");
            }
            return l;
        } catch (IOException e) {
            throw new ContextException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }

    /** Reads one context file. */
    public static Context read(Path file) {
        try {
            if (Files.size(file) > MAX_CHARS) {
                throw new ContextException(file + ": larger than " + MAX_CHARS + " bytes");
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (CharacterCodingException e) {
            throw new ContextException(file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new ContextException(file + ": cannot read: " + IoReason.of(e), e);
        }
    }

    /** Parses one context; {@code file} names it in errors. */
    public static Context parse(String text, String file) {
        try {
            YamlNode root = YamlNode.parse(text, file, MAX_CHARS);
            return context(root, file);
        } catch (YamlNode.Problem e) {
            throw new ContextException(e.getMessage(), e);
        }
    }

    private static Context context(YamlNode root, String file) {
        onlyKeys(
                root,
                "name",
                "description",
                "owner",
                "eu-ai-act",
                "data-sensitivity",
                "requirements",
                "weights",
                "firewall");
        YamlNode nameNode = root.require("name");
        String name = nameNode.text();
        Questionnaire q = questionnaire(root.require("eu-ai-act"));
        YamlNode ds = root.require("data-sensitivity");
        DataSensitivity sensitivity = guard(ds, () -> DataSensitivity.parse(ds.text()));
        Requirements req = root.get("requirements")
                .map(Contexts::requirements)
                .orElseGet(() -> guard(
                        root,
                        () -> new Requirements(
                                false,
                                UseCase.builder().build(),
                                Set.of(Verdict.ALLOWED),
                                Optional.empty(),
                                List.of(),
                                Optional.empty())));
        Map<Dimension, Double> weights = root.get("weights")
                .map(Contexts::weights)
                .orElseGet(() -> {
                    Map<Dimension, Double> w = new EnumMap<>(Dimension.class);
                    for (Dimension d : Dimension.values()) {
                        w.put(d, 1.0);
                    }
                    return w;
                });
        Optional<String> firewall = root.get("firewall").map(YamlNode::text);
        YamlNode owner = root.require("owner");
        if (owner.text().isBlank()) {
            throw owner.problem("is blank");
        }
        return guard(
                nameNode,
                () -> new Context(
                        name,
                        root.textOr("description", ""),
                        owner.text(),
                        q,
                        sensitivity,
                        req,
                        weights,
                        firewall,
                        file));
    }

    private static Questionnaire questionnaire(YamlNode n) {
        onlyKeys(
                n,
                "role",
                "prohibited-practice",
                "annex-iii",
                "annex-i-product",
                "interacts-with-people",
                "generates-synthetic-content",
                "emotion-recognition-or-biometric-categorisation");
        YamlNode role = n.require("role");
        Optional<String> art5 = noneable(n, "prohibited-practice");
        Optional<String> annex = noneable(n, "annex-iii");
        boolean annexI = flag(n, "annex-i-product");
        boolean interacts = flag(n, "interacts-with-people");
        boolean synthetic = flag(n, "generates-synthetic-content");
        boolean emotion = flag(n, "emotion-recognition-or-biometric-categorisation");
        // each answer is checked alone first, so that an error names its own key and line
        Optional<String> none = Optional.empty();
        guard(role, () -> new Questionnaire(role.text(), none, none, false, false, false, false));
        guard(
                n.require("prohibited-practice"),
                () -> new Questionnaire("deployer", art5, none, false, false, false, false));
        guard(n.require("annex-iii"), () -> new Questionnaire("deployer", none, annex, false, false, false, false));
        return guard(n, () -> new Questionnaire(role.text(), art5, annex, annexI, interacts, synthetic, emotion));
    }

    private static Optional<String> noneable(YamlNode n, String key) {
        Optional<YamlNode> v = n.get(key);
        if (v.isEmpty()) {
            throw n.problem("missing required key '" + key + "' (write none when it does not apply)");
        }
        String t = v.get().text().trim();
        return t.equals("none") || t.equals("false") ? Optional.empty() : Optional.of(t);
    }

    private static boolean flag(YamlNode n, String key) {
        return n.get(key).map(YamlNode::bool).orElse(false);
    }

    private static Requirements requirements(YamlNode n) {
        onlyKeys(n, "self-hosting", "licence", "min-mof-class", "evidence", "max-cost-per-1m-tokens", "data-residency");
        boolean self = n.get("self-hosting")
                .map(v -> switch (v.text()) {
                    case "required" -> true;
                    case "any" -> false;
                    default -> throw v.problem("must be required or any, was '" + v.text() + "'");
                })
                .orElse(false);
        UseCase use = UseCase.builder().build();
        Set<Verdict> verdicts = EnumSet.of(Verdict.ALLOWED);
        Optional<YamlNode> lic = n.get("licence");
        if (lic.isPresent()) {
            onlyKeys(lic.get(), "use", "allowed-verdicts");
            Optional<YamlNode> u = lic.get().get("use");
            if (u.isPresent()) {
                use = useCase(u.get());
            }
            Optional<YamlNode> av = lic.get().get("allowed-verdicts");
            if (av.isPresent()) {
                verdicts = EnumSet.noneOf(Verdict.class);
                for (YamlNode v : av.get().items()) {
                    verdicts.add(guard(v, () -> Verdict.parse(v.text(), v.path())));
                }
            }
        }
        Optional<MofClass> mof = n.get("min-mof-class")
                .map(v -> switch (v.text().trim().toUpperCase(Locale.ROOT)) {
                    case "I" -> MofClass.CLASS_I;
                    case "II" -> MofClass.CLASS_II;
                    case "III" -> MofClass.CLASS_III;
                    default -> throw v.problem("must be I, II or III, was '" + v.text() + "'");
                });
        List<EvidenceRequirement> ev = new ArrayList<>();
        for (YamlNode e : n.get("evidence").map(YamlNode::items).orElse(List.of())) {
            onlyKeys(e, "kind", "name", "measurement", "min", "max");
            YamlNode kind = e.require("kind");
            EvidenceKind k = guard(kind, () -> EvidenceKind.parse(kind.text()));
            Optional<Double> min = e.get("min").map(YamlNode::number);
            Optional<Double> max = e.get("max").map(YamlNode::number);
            ev.add(guard(
                    e,
                    () -> new EvidenceRequirement(
                            k, e.textOr("name", ""), e.require("measurement").text(), min, max)));
        }
        Optional<Double> cost = n.get("max-cost-per-1m-tokens").map(YamlNode::number);
        Optional<YamlNode> residencyNode = n.get("data-residency");
        Optional<String> residency = residencyNode.map(YamlNode::text);
        UseCase fu = use;
        Set<Verdict> fv = verdicts;
        return guard(residencyNode.orElse(n), () -> new Requirements(self, fu, fv, mof, ev, cost, residency));
    }

    private static UseCase useCase(YamlNode u) {
        onlyKeys(
                u,
                "commercial",
                "monthly-active-users",
                "fine-tune",
                "distribute-weights",
                "outputs-train-other-models",
                "region",
                "hosted-as-service",
                "multimodal",
                "purposes");
        UseCase.Builder b = UseCase.builder()
                .commercial(flag(u, "commercial"))
                .fineTune(flag(u, "fine-tune"))
                .distributeWeights(flag(u, "distribute-weights"))
                .useOutputsToTrainOtherModels(flag(u, "outputs-train-other-models"))
                .hostedAsService(flag(u, "hosted-as-service"))
                .multimodal(flag(u, "multimodal"));
        u.get("monthly-active-users").ifPresent(v -> {
            double d = v.number();
            if (d < 0 || d != Math.rint(d)) {
                throw v.problem("must be a whole number >= 0, was " + v.text());
            }
            b.monthlyActiveUsers((long) d);
        });
        u.get("region").ifPresent(v -> {
            guard(v, () -> UseCase.builder().region(v.text()).build());
            b.region(v.text());
        });
        u.get("purposes")
                .ifPresent(
                        v -> b.purposes(v.items().stream().map(YamlNode::text).toArray(String[]::new)));
        return guard(u, b::build);
    }

    private static Map<Dimension, Double> weights(YamlNode n) {
        Map<Dimension, Double> w = new EnumMap<>(Dimension.class);
        for (Dimension d : Dimension.values()) {
            w.put(d, 1.0);
        }
        for (Map.Entry<String, YamlNode> e : n.entries().entrySet()) {
            Dimension d = guard(e.getValue(), () -> Dimension.parse(e.getKey()));
            double v = e.getValue().number();
            if (v < 0) {
                throw e.getValue().problem("must be >= 0, was " + e.getValue().text());
            }
            w.put(d, v);
        }
        if (w.values().stream().allMatch(v -> v == 0)) {
            throw n.problem("at least one must be > 0");
        }
        return w;
    }

    private static void onlyKeys(YamlNode n, String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (Map.Entry<String, YamlNode> e : n.entries().entrySet()) {
            if (!ok.contains(e.getKey())) {
                throw e.getValue().problem("unknown key (expected one of " + String.join(", ", allowed) + ")");
            }
        }
    }

    /** Runs a constructor and turns its validation message into a problem at the node. */
    private static <T> T guard(YamlNode at, java.util.function.Supplier<T> f) {
        try {
            return f.get();
        } catch (IllegalArgumentException e) {
            throw at.problem(e.getMessage());
        }
    }

    public List<Context> all() {
        return List.copyOf(byName.values());
    }

    public Optional<Context> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
