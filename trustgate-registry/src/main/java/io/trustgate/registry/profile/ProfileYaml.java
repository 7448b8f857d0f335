package io.trustgate.registry.profile;

import io.trustgate.api.evidence.Evidence;
import io.trustgate.api.evidence.EvidenceKind;
import io.trustgate.api.evidence.Measurement;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Reads and writes the model profile YAML format (one model per file; docs/registry.md). Reading is strict: unknown
 * keys, wrong types and invalid values are errors naming {@code file:line} and the key.
 */
public final class ProfileYaml {
    /** Profile files are small; anything larger is refused before parsing. */
    public static final int MAX_CHARS = 512 * 1024;

    private static final Set<String> TOP_KEYS = Set.of(
            "id",
            "name",
            "aliases",
            "family",
            "provider",
            "hosting",
            "weights",
            "release-date",
            "parameters",
            "active-parameters",
            "training-compute-flop",
            "training-tokens",
            "base-model",
            "datasets",
            "licence",
            "mof",
            "osaid",
            "osai-index",
            "eu-ai-act",
            "provenance",
            "incidents",
            "evidence");

    private ProfileYaml() {}

    /** Parses one profile; {@code file} names it in errors. */
    public static ModelProfile read(String text, String file) {
        try {
            return read(YamlNode.parse(text, file, MAX_CHARS));
        } catch (YamlNode.Problem p) {
            throw new ProfileException(p.getMessage());
        }
    }

    static ModelProfile read(YamlNode root) {
        Map<String, YamlNode> e = root.entries();
        for (String k : e.keySet()) {
            if (!TOP_KEYS.contains(k)) {
                throw e.get(k)
                        .problem("unknown key (allowed: " + String.join(", ", new java.util.TreeSet<>(TOP_KEYS)) + ")");
            }
        }
        String id = root.require("id").text();
        Set<Hosting> hosting = EnumSet.noneOf(Hosting.class);
        for (YamlNode h : root.require("hosting").items()) {
            hosting.add(guard(h, () -> Hosting.parse(h.text())));
        }
        YamlNode w = root.require("weights");
        List<String> aliases = root.get("aliases")
                .map(a -> a.items().stream().map(YamlNode::text).toList())
                .orElse(List.of());
        try {
            return new ModelProfile(
                    id,
                    root.require("name").text(),
                    aliases,
                    root.textOr("family", ""),
                    root.require("provider").text(),
                    hosting,
                    guard(w, () -> Weights.parse(w.text())),
                    fact(root, "release-date", n -> guard(n, () -> LocalDate.parse(n.text()))),
                    fact(root, "parameters", ProfileYaml::positive),
                    fact(root, "active-parameters", ProfileYaml::positive),
                    fact(root, "training-compute-flop", ProfileYaml::positive),
                    fact(root, "training-tokens", ProfileYaml::positive),
                    fact(root, "base-model", ProfileYaml::texts),
                    fact(root, "datasets", ProfileYaml::texts),
                    root.get("licence").map(ProfileYaml::licence).orElse(Licence.unknown()),
                    root.get("mof").map(ProfileYaml::mof).orElse(MofComponents.unknown()),
                    fact(root, "osaid", n -> guard(n, () -> OsaidStatus.parse(n.text()))),
                    root.get("osai-index").map(ProfileYaml::osai),
                    root.get("eu-ai-act").map(ProfileYaml::euAiAct).orElse(EuAiAct.unknown()),
                    root.get("provenance").map(ProfileYaml::provenance).orElse(Provenance.none()),
                    root.get("incidents")
                            .map(n -> n.items().stream()
                                    .map(ProfileYaml::incident)
                                    .toList())
                            .orElse(List.of()),
                    root.get("evidence")
                            .map(n ->
                                    n.items().stream().map(x -> evidence(x, id)).toList())
                            .orElse(List.of()));
        } catch (IllegalArgumentException ex) {
            throw root.problem(ex.getMessage());
        }
    }

    private static <T> T guard(YamlNode n, java.util.function.Supplier<T> f) {
        try {
            return f.get();
        } catch (IllegalArgumentException | DateTimeParseException ex) {
            throw n.problem(ex.getMessage());
        }
    }

    private static void only(YamlNode n, String... keys) {
        Set<String> allowed = Set.of(keys);
        for (var en : n.entries().entrySet()) {
            if (!allowed.contains(en.getKey())) {
                throw en.getValue().problem("unknown key (allowed: " + String.join(", ", keys) + ")");
            }
        }
    }

    /** A fact: absent, null or {@code unknown} is unknown; otherwise {@code {value, source, note?}}. */
    static <T> Fact<T> fact(YamlNode parent, String key, Function<YamlNode, T> value) {
        Optional<YamlNode> n = parent.get(key);
        if (n.isEmpty() || n.get().isUnknown()) {
            return Fact.unknown();
        }
        YamlNode f = n.get();
        if (!f.isMap()) {
            throw f.problem("a fact is {value: ..., source: ...} or unknown");
        }
        only(f, "value", "source", "note");
        YamlNode v = f.require("value");
        if (v.isUnknown()) {
            return Fact.unknown();
        }
        String source = f.require("source").text();
        return guard(f, () -> Fact.of(value.apply(v), source, f.textOr("note", "")));
    }

    /** A size, compute or count: checked here too, so that the error names the key path and line. */
    private static double positive(YamlNode n) {
        double d = n.number();
        if (!(d > 0)) {
            throw n.problem("must be a positive number, was " + n.text().trim());
        }
        return d;
    }

    private static List<String> texts(YamlNode n) {
        return n.items().stream().map(YamlNode::text).toList();
    }

    private static Licence licence(YamlNode n) {
        only(n, "id", "terms");
        return new Licence(fact(n, "id", YamlNode::text), n.textOr("terms", ""));
    }

    private static MofComponents mof(YamlNode n) {
        only(n, "source", "components");
        List<MofComponentEntry> cs = new ArrayList<>();
        for (YamlNode c : n.get("components").map(YamlNode::items).orElse(List.of())) {
            only(c, "name", "licence");
            cs.add(guard(
                    c,
                    () -> new MofComponentEntry(
                            c.require("name").text(), c.textOr("licence", MofComponentEntry.UNLICENSED))));
        }
        return guard(n, () -> new MofComponents(n.textOr("source", ""), cs));
    }

    private static OsaiRecord osai(YamlNode n) {
        only(n, "source", "grades");
        Map<String, OsaiRecord.Grade> grades = new LinkedHashMap<>();
        for (var en : n.require("grades").entries().entrySet()) {
            YamlNode g = en.getValue();
            only(g, "class", "links", "notes");
            YamlNode c = g.require("class");
            OsaiRecord.Level level = guard(c, () -> OsaiRecord.Level.parse(c.text()));
            List<String> links = g.get("links")
                    .map(l -> l.items().stream().map(YamlNode::text).toList())
                    .orElse(List.of());
            grades.put(en.getKey(), new OsaiRecord.Grade(level, links, g.textOr("notes", "")));
        }
        return guard(n, () -> new OsaiRecord(n.require("source").text(), grades));
    }

    private static EuAiAct euAiAct(YamlNode n) {
        only(n, "role", "signatory-gpai-code-of-practice");
        return new EuAiAct(fact(n, "role", YamlNode::text), fact(n, "signatory-gpai-code-of-practice", YamlNode::bool));
    }

    private static Provenance provenance(YamlNode n) {
        only(n, "artifacts", "signatures");
        List<Provenance.Artifact> as = new ArrayList<>();
        for (YamlNode a : n.get("artifacts").map(YamlNode::items).orElse(List.of())) {
            only(a, "path", "sha256", "source");
            as.add(guard(
                    a,
                    () -> new Provenance.Artifact(
                            a.require("path").text(),
                            a.require("sha256").text(),
                            a.require("source").text())));
        }
        List<Provenance.Signature> ss = new ArrayList<>();
        for (YamlNode s : n.get("signatures").map(YamlNode::items).orElse(List.of())) {
            only(s, "kind", "ref", "source");
            ss.add(guard(
                    s,
                    () -> new Provenance.Signature(
                            s.require("kind").text(),
                            s.require("ref").text(),
                            s.require("source").text())));
        }
        return new Provenance(as, ss);
    }

    private static Incident incident(YamlNode n) {
        only(n, "date", "summary", "source");
        return guard(
                n,
                () -> new Incident(
                        n.require("date").text(),
                        n.require("summary").text(),
                        n.require("source").text()));
    }

    private static Evidence evidence(YamlNode n, String model) {
        only(n, "kind", "name", "source", "date", "method", "measurements", "notes");
        YamlNode k = n.require("kind");
        EvidenceKind kind = guard(k, () -> EvidenceKind.parse(k.text()));
        List<Measurement> ms = new ArrayList<>();
        for (YamlNode m : n.get("measurements").map(YamlNode::items).orElse(List.of())) {
            only(m, "name", "value", "lower", "upper", "samples");
            double v = m.require("value").number();
            double lo = m.get("lower").map(YamlNode::number).orElse(v);
            double hi = m.get("upper").map(YamlNode::number).orElse(v);
            long samples =
                    (long) m.get("samples").map(YamlNode::number).orElse(0.0).doubleValue();
            ms.add(guard(m, () -> new Measurement(m.require("name").text(), v, lo, hi, samples)));
        }
        List<String> notes = n.get("notes")
                .map(x -> x.items().stream().map(YamlNode::text).toList())
                .orElse(List.of());
        YamlNode d = n.require("date");
        return guard(
                n,
                () -> new Evidence(
                        model,
                        kind,
                        n.require("name").text(),
                        n.require("source").text(),
                        guard(d, () -> LocalDate.parse(d.text())),
                        n.textOr("method", ""),
                        ms,
                        notes));
    }

    // ---- writing ----

    /** The profile as YAML in the catalog format; reading it back gives an equal profile. */
    public static String write(ModelProfile p) {
        DumpSettings settings = DumpSettings.builder()
                .setDefaultFlowStyle(FlowStyle.BLOCK)
                .setIndent(2)
                .setIndicatorIndent(2)
                .setIndentWithIndicator(true)
                .setWidth(120)
                .build();
        return new Dump(settings).dumpToString(toMap(p));
    }

    /**
     * The profile as nested maps and lists with the YAML keys, in file order (for JSON output); unknown facts are
     * left out, as in the file.
     */
    public static Map<String, Object> toMap(ModelProfile p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        if (!p.aliases().isEmpty()) {
            m.put("aliases", p.aliases());
        }
        if (!p.family().isEmpty()) {
            m.put("family", p.family());
        }
        m.put("provider", p.provider());
        m.put("hosting", p.hosting().stream().sorted().map(Hosting::key).toList());
        m.put("weights", p.weights().key());
        putFact(m, "release-date", p.releaseDate().map(LocalDate::toString));
        putFact(m, "parameters", p.parameters());
        putFact(m, "active-parameters", p.activeParameters());
        putFact(m, "training-compute-flop", p.trainingComputeFlop());
        putFact(m, "training-tokens", p.trainingTokens());
        putFact(m, "base-model", p.baseModels());
        putFact(m, "datasets", p.datasets());
        if (p.licence().id().known() || !p.licence().terms().isEmpty()) {
            Map<String, Object> l = new LinkedHashMap<>();
            putFact(l, "id", p.licence().id());
            if (!p.licence().terms().isEmpty()) {
                l.put("terms", p.licence().terms());
            }
            m.put("licence", l);
        }
        if (p.mof().assessed()) {
            Map<String, Object> mof = new LinkedHashMap<>();
            mof.put("source", p.mof().source());
            List<Object> cs = new ArrayList<>();
            for (MofComponentEntry c : p.mof().components()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("name", c.name());
                x.put("licence", c.licence());
                cs.add(x);
            }
            mof.put("components", cs);
            m.put("mof", mof);
        }
        putFact(m, "osaid", p.osaid().map(OsaidStatus::key));
        p.osai().ifPresent(o -> {
            Map<String, Object> om = new LinkedHashMap<>();
            om.put("source", o.source());
            Map<String, Object> gs = new LinkedHashMap<>();
            o.grades().forEach((k, g) -> {
                Map<String, Object> gm = new LinkedHashMap<>();
                gm.put("class", g.level().key());
                if (!g.links().isEmpty()) {
                    gm.put("links", g.links());
                }
                if (!g.notes().isEmpty()) {
                    gm.put("notes", g.notes());
                }
                gs.put(k, gm);
            });
            om.put("grades", gs);
            m.put("osai-index", om);
        });
        if (p.euAiAct().role().known()
                || p.euAiAct().signatoryGpaiCodeOfPractice().known()) {
            Map<String, Object> eu = new LinkedHashMap<>();
            putFact(eu, "role", p.euAiAct().role());
            putFact(eu, "signatory-gpai-code-of-practice", p.euAiAct().signatoryGpaiCodeOfPractice());
            m.put("eu-ai-act", eu);
        }
        if (!p.provenance().artifacts().isEmpty()
                || !p.provenance().signatures().isEmpty()) {
            Map<String, Object> pr = new LinkedHashMap<>();
            pr.put(
                    "artifacts",
                    p.provenance().artifacts().stream()
                            .map(a -> ordered("path", a.path(), "sha256", a.sha256(), "source", a.source()))
                            .toList());
            pr.put(
                    "signatures",
                    p.provenance().signatures().stream()
                            .map(s -> ordered("kind", s.kind(), "ref", s.ref(), "source", s.source()))
                            .toList());
            m.put("provenance", pr);
        }
        if (!p.incidents().isEmpty()) {
            m.put(
                    "incidents",
                    p.incidents().stream()
                            .map(i -> ordered("date", i.date(), "summary", i.summary(), "source", i.source()))
                            .toList());
        }
        if (!p.evidence().isEmpty()) {
            List<Object> ev = new ArrayList<>();
            for (Evidence e : p.evidence()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
                x.put("name", e.name());
                x.put("source", e.source());
                x.put("date", e.date().toString());
                x.put("method", e.method());
                List<Object> ms = new ArrayList<>();
                for (Measurement me : e.measurements()) {
                    Map<String, Object> mm = new LinkedHashMap<>();
                    mm.put("name", me.name());
                    mm.put("value", me.value());
                    if (me.hasInterval()) {
                        mm.put("lower", me.lower());
                        mm.put("upper", me.upper());
                    }
                    mm.put("samples", me.samples());
                    ms.add(mm);
                }
                x.put("measurements", ms);
                x.put("notes", e.notes());
                ev.add(x);
            }
            m.put("evidence", ev);
        }
        return m;
    }

    private static Map<String, Object> ordered(String... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static void putFact(Map<String, Object> m, String key, Fact<?> f) {
        if (f instanceof Fact.Known<?> k) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("value", k.value());
            x.put("source", k.source());
            if (!k.note().isEmpty()) {
                x.put("note", k.note());
            }
            m.put(key, x);
        }
    }

    /** The catalog file name for a model id ({@code /} becomes {@code __}). */
    public static String fileName(String id) {
        return id.replace("/", "__").replaceAll("[^A-Za-z0-9._-]", "_") + ".yaml";
    }
}
