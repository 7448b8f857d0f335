package io.trustgate.app;

import io.trustgate.api.evidence.Evidence;
import io.trustgate.gateway.ContextGate;
import io.trustgate.policy.trust.Context;
import io.trustgate.policy.trust.ContextException;
import io.trustgate.policy.trust.ContextTable;
import io.trustgate.policy.trust.Contexts;
import io.trustgate.policy.trust.TrustEngine;
import io.trustgate.registry.ModelEntry;
import io.trustgate.registry.profile.DataHandlingCatalog;
import io.trustgate.registry.profile.ModelProfile;
import io.trustgate.registry.profile.ProfileCatalog;
import io.trustgate.registry.profile.ProfileException;
import io.trustgate.registry.profile.YamlNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Wires trust decisions into the gateway (docs/trust.md, Enforcement): reads {@code models.NAME.profile} and
 * {@code tiers.NAME.contexts} from the configuration file, the contexts ({@code <data-dir>/contexts} on top of the
 * shipped ones), the profiles ({@code <data-dir>/catalog} on top of the shipped catalog) and the evidence gathered
 * here ({@code <data-dir>/evidence}), and builds the (context, served model) table once, with the vendors'
 * data-handling facts ({@code <data-dir>/catalog/providers} on top of the shipped ones). {@code POST /admin/reload}
 * re-reads all of these and swaps the table.
 */
final class TrustWiring {
    private TrustWiring() {}

    /**
     * The links of the configuration file.
     *
     * @param profiles served model name to profile id or alias
     * @param tierContexts tier name to the contexts its keys may use (first = default)
     */
    record Bindings(Map<String, String> profiles, Map<String, List<String>> tierContexts) {
        static final Bindings NONE = new Bindings(Map.of(), Map.of());
    }

    /** Reads the links from the configuration's YAML text (the keys ConfigReader accepts but leaves to us). */
    static Bindings bindings(String yaml, String source) {
        try {
            YamlNode root = YamlNode.parse(yaml, source, ConfigLoader.MAX_CHARS);
            if (!root.isMap()) {
                return Bindings.NONE;
            }
            Map<String, String> profiles = new LinkedHashMap<>();
            Optional<YamlNode> models = root.get("models");
            if (models.isPresent()) {
                for (Map.Entry<String, YamlNode> e : models.get().entries().entrySet()) {
                    if (e.getValue().isMap()) {
                        e.getValue().get("profile").ifPresent(p -> profiles.put(e.getKey(), p.text()));
                    }
                }
            }
            Map<String, List<String>> tiers = new LinkedHashMap<>();
            Optional<YamlNode> ts = root.get("tiers");
            if (ts.isPresent()) {
                for (Map.Entry<String, YamlNode> e : ts.get().entries().entrySet()) {
                    if (e.getValue().isMap()) {
                        Optional<YamlNode> c = e.getValue().get("contexts");
                        if (c.isPresent()) {
                            List<String> names =
                                    c.get().items().stream().map(YamlNode::text).toList();
                            if (names.isEmpty()) {
                                throw c.get().problem("list at least one context (the first is the default)");
                            }
                            tiers.put(e.getKey(), names);
                        }
                    }
                }
            }
            return new Bindings(profiles, tiers);
        } catch (YamlNode.Problem e) {
            throw new CliException(e.getMessage(), 2);
        }
    }

    static Bindings bindings(Optional<Path> configFile) {
        if (configFile.isEmpty()) {
            return Bindings.NONE;
        }
        try {
            return bindings(Files.readString(configFile.get()), configFile.get().toString());
        } catch (IOException e) {
            throw new CliException("cannot read " + configFile.get() + ": " + e.getMessage(), 2);
        }
    }

    /**
     * Builds the snapshot: every bound context and linked profile must exist (else an error naming it). Blocking:
     * reads files.
     */
    static ContextGate.Snapshot snapshot(
            Bindings b, TrustgateConfig config, Path dataDir, String source, LocalDate today) {
        if (b.tierContexts().isEmpty()) {
            return ContextGate.Snapshot.OFF; // nothing bound: no table to build, start-up stays fast
        }
        Contexts contexts;
        ProfileCatalog catalog;
        try {
            contexts = Contexts.load(Optional.of(dataDir.resolve("contexts")));
            catalog = ProfileCatalog.load(List.of(dataDir.resolve("catalog")));
        } catch (ContextException | ProfileException e) {
            throw new CliException(e.getMessage(), 2);
        }
        Map<String, String> firewalls = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : b.tierContexts().entrySet()) {
            if (config.tiers().stream().noneMatch(t -> t.name().equals(e.getKey()))) {
                throw new CliException(source + ": tiers." + e.getKey() + ".contexts: no such tier", 2);
            }
            for (String c : e.getValue()) {
                Context ctx = contexts.find(c)
                        .orElseThrow(() -> new CliException(
                                source + ": tiers." + e.getKey() + ".contexts: no context '" + c
                                        + "' (trustgate contexts list shows them)",
                                2));
                ctx.firewall().ifPresent(f -> firewalls.put(c, f));
            }
        }
        for (Map.Entry<String, String> f : firewalls.entrySet()) {
            if (!config.tierFirewalls().containsKey(f.getValue())) {
                throw new CliException(
                        "context " + f.getKey() + ": firewall '" + f.getValue()
                                + "' names no tier with its own firewall settings (tiers." + f.getValue()
                                + ".firewall)",
                        2);
            }
        }
        EvidenceFiles evidence = new EvidenceFiles(dataDir);
        List<ContextTable.Served> served = new ArrayList<>();
        for (ModelEntry m : config.models()) {
            Optional<ModelProfile> p = Optional.empty();
            String link = b.profiles().get(m.name());
            if (link != null) {
                ModelProfile found = catalog.find(link)
                        .orElseThrow(() -> new CliException(
                                source + ": models." + m.name() + ".profile: no profile '" + link
                                        + "' (trustgate models list shows them)",
                                2));
                List<Evidence> local = evidence.read(found.id());
                p = Optional.of(found.withEvidence(local));
            }
            Optional<TrustEngine.KnownPrice> price =
                    p.map(x -> new TrustEngine.KnownPrice(m.price(), source + ": models." + m.name() + ".price"));
            served.add(new ContextTable.Served(
                    m.name(), p, p.map(x -> catalog.origin(x.id())).orElse(""), price));
        }
        // Only the bound contexts are decided: the table stays as small as the configuration needs.
        List<Context> bound = b.tierContexts().values().stream()
                .flatMap(List::stream)
                .distinct()
                .map(c -> contexts.find(c).orElseThrow())
                .toList();
        TrustEngine engine;
        try {
            engine = TrustEngine.standard(today)
                    .withVendors(DataHandlingCatalog.load(List.of(dataDir.resolve("catalog"))));
        } catch (ProfileException e) {
            throw new CliException(e.getMessage(), 2);
        }
        ContextTable table = ContextTable.build(Contexts.of(bound), engine, served);
        return new ContextGate.Snapshot(table, b.tierContexts(), firewalls);
    }

    /**
     * Installs the decisions in the gateway, and a rebuild that re-reads the configuration file's links, contexts,
     * profiles and evidence.
     */
    static void install(io.trustgate.gateway.Gateway gateway, TrustgateConfig config, Optional<Path> file, Path data) {
        String source = file.map(Path::toString).orElse("built-in defaults");
        Supplier<ContextGate.Snapshot> rebuild =
                () -> snapshot(bindings(file), config, data, source, LocalDate.now(ZoneOffset.UTC));
        gateway.contexts().install(rebuild.get(), rebuild);
    }
}
