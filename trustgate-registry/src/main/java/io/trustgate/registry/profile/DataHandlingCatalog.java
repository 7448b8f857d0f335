package io.trustgate.registry.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The vendors' data-handling facts (ADR 008): the files shipped on the classpath ({@code catalog/providers/*.yaml})
 * plus {@code providers/} under each user catalog folder; a user file for the same provider replaces the shipped one.
 * Every known fact needs {@code source} (a URL) and {@code seen} (the date it was read); the source the decisions cite
 * is {@code "URL (seen DATE)"}. Immutable.
 */
public final class DataHandlingCatalog {
    /** The shipped files, by name under {@code catalog/providers/} on the classpath. */
    public static final List<String> SHIPPED = List.of("openai", "anthropic", "google", "mistral-ai", "deepseek");

    private static final Set<String> KEYS = Set.of(
            "provider",
            "service",
            "trains-on-customer-data",
            "retention-days",
            "zero-retention",
            "processing-regions",
            "eu-data-residency",
            "dpa",
            "hipaa-baa");

    private final Map<String, DataHandling> byProvider;

    private DataHandlingCatalog(Map<String, DataHandling> byProvider) {
        this.byProvider = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byProvider));
    }

    /** The shipped facts only. */
    public static DataHandlingCatalog shipped() {
        return load(List.of());
    }

    /** The shipped facts, then {@code providers/*.yaml} under each folder that has one. */
    public static DataHandlingCatalog load(List<Path> catalogFolders) {
        Map<String, DataHandling> all = new LinkedHashMap<>();
        for (String n : SHIPPED) {
            String res = "catalog/providers/" + n + ".yaml";
            try (InputStream in = DataHandlingCatalog.class.getClassLoader().getResourceAsStream(res)) {
                if (in == null) {
                    throw new ProfileException("classpath:" + res + ": missing from the build");
                }
                DataHandling d = read(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + res);
                all.put(key(d.provider()), d);
            } catch (IOException e) {
                throw new ProfileException("classpath:" + res + ": " + e.getMessage(), e);
            }
        }
        for (Path folder : catalogFolders) {
            Path dir = folder.resolve("providers");
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> {
                            String n = p.getFileName().toString();
                            return !n.startsWith(".") && (n.endsWith(".yaml") || n.endsWith(".yml"));
                        })
                        .sorted()
                        .limit(1_001)
                        .toList();
            } catch (IOException e) {
                throw new ProfileException(dir + ": cannot list: " + e.getMessage(), e);
            }
            if (files.size() > 1_000) {
                throw new ProfileException(dir + ": more than 1000 provider files");
            }
            for (Path f : files) {
                String name = f.toString();
                DataHandling d = read(ProfileCatalog.readBounded(f, name), name);
                all.put(key(d.provider()), d);
            }
        }
        return new DataHandlingCatalog(all);
    }

    /** Facts given in code (tests). */
    public static DataHandlingCatalog of(List<DataHandling> facts) {
        Map<String, DataHandling> m = new LinkedHashMap<>();
        facts.forEach(d -> m.put(key(d.provider()), d));
        return new DataHandlingCatalog(m);
    }

    private static String key(String provider) {
        return provider.trim().toLowerCase(Locale.ROOT);
    }

    /** The facts for a profile's provider; {@link DataHandling#unknown} when there is no file for it. */
    public DataHandling forProvider(String provider) {
        return Optional.ofNullable(byProvider.get(key(provider))).orElseGet(() -> DataHandling.unknown(provider));
    }

    public List<DataHandling> all() {
        return List.copyOf(byProvider.values());
    }

    /** Parses one provider file; {@code file} names it in errors. */
    public static DataHandling read(String text, String file) {
        try {
            YamlNode root = YamlNode.parse(text, file, ProfileYaml.MAX_CHARS);
            for (Map.Entry<String, YamlNode> e : root.entries().entrySet()) {
                if (!KEYS.contains(e.getKey())) {
                    throw e.getValue()
                            .problem("unknown key (allowed: " + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
                }
            }
            String provider = root.require("provider").text();
            try {
                return new DataHandling(
                        provider,
                        root.textOr("service", provider + " API"),
                        fact(root, "trains-on-customer-data", YamlNode::bool),
                        fact(root, "retention-days", YamlNode::number),
                        fact(root, "zero-retention", YamlNode::bool),
                        fact(
                                root,
                                "processing-regions",
                                n -> n.items().stream().map(YamlNode::text).toList()),
                        fact(root, "eu-data-residency", YamlNode::bool),
                        fact(root, "dpa", YamlNode::bool),
                        fact(root, "hipaa-baa", YamlNode::bool),
                        file);
            } catch (IllegalArgumentException e) {
                throw root.problem(e.getMessage());
            }
        } catch (YamlNode.Problem p) {
            throw new ProfileException(p.getMessage());
        }
    }

    /** {@code unknown}, or {@code {value, source, seen, note?}}: a vendor's terms change, so the date read is kept. */
    private static <T> Fact<T> fact(YamlNode parent, String key, Function<YamlNode, T> value) {
        Optional<YamlNode> n = parent.get(key);
        if (n.isEmpty() || n.get().isUnknown()) {
            return Fact.unknown();
        }
        YamlNode f = n.get();
        if (!f.isMap()) {
            throw f.problem("a fact is {value: ..., source: URL, seen: YYYY-MM-DD} or unknown");
        }
        for (Map.Entry<String, YamlNode> e : f.entries().entrySet()) {
            if (!Set.of("value", "source", "seen", "note").contains(e.getKey())) {
                throw e.getValue().problem("unknown key (allowed: value, source, seen, note)");
            }
        }
        YamlNode v = f.require("value");
        if (v.isUnknown()) {
            return Fact.unknown();
        }
        String source = f.require("source").text();
        if (!source.startsWith("https://")) {
            throw f.require("source").problem("source must be the https URL the fact was read from");
        }
        YamlNode seenNode = f.require("seen");
        LocalDate seen;
        try {
            seen = LocalDate.parse(seenNode.text());
        } catch (DateTimeParseException e) {
            throw seenNode.problem("seen must be a date YYYY-MM-DD, was '" + seenNode.text() + "'");
        }
        T val;
        try {
            val = value.apply(v);
        } catch (IllegalArgumentException e) {
            throw v.problem(e.getMessage());
        }
        return Fact.of(val, source + " (seen " + seen + ")", f.textOr("note", ""));
    }
}
