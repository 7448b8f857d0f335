package io.trustgate.registry.licence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The structured licence terms shipped in {@code licence-terms/licence-terms.yaml}: one entry per licence, looked up
 * by its key or by any of its ids (case ignored). Parsing is strict (unknown keys fail) because a mistyped key would
 * silently turn a recorded restriction into "unknown".
 */
public final class LicenceTermsCatalog {
    /** Class-path location of the shipped terms. */
    public static final String RESOURCE = "/licence-terms/licence-terms.yaml";

    private static final Set<String> ENTRY_KEYS = Set.of(
            "name", "ids", "url", "notes", "terms", "user-cap", "region-exclusion", "restricted-purposes", "duties");

    private final Map<String, LicenceTerms> byKey;
    private final Map<String, LicenceTerms> byAnyId;

    private LicenceTermsCatalog(Map<String, LicenceTerms> byKey) {
        this.byKey = Collections.unmodifiableMap(byKey);
        Map<String, LicenceTerms> any = new LinkedHashMap<>();
        for (LicenceTerms t : byKey.values()) {
            putId(any, t.key(), t);
            for (String id : t.ids()) {
                putId(any, id, t);
            }
        }
        this.byAnyId = Collections.unmodifiableMap(any);
    }

    private static void putId(Map<String, LicenceTerms> any, String id, LicenceTerms t) {
        LicenceTerms prev = any.putIfAbsent(id.toLowerCase(Locale.ROOT), t);
        if (prev != null && prev != t) {
            throw new IllegalArgumentException(
                    "licence id '" + id + "' is claimed by both " + prev.key() + " and " + t.key());
        }
    }

    /** Loads the terms shipped in this jar. */
    public static LicenceTermsCatalog shipped() {
        try (InputStream in = LicenceTermsCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("licence terms missing from the class path: " + RESOURCE);
            }
            return parse(in, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a licence-terms YAML document; {@code where} names the source in error messages. */
    public static LicenceTermsCatalog parse(InputStream in, String where) {
        Object root = new Load(LoadSettings.builder().setLabel(where).build()).loadFromInputStream(in);
        Map<?, ?> top = map(root, where);
        Map<?, ?> licences = map(top.get("licences"), where + ": licences");
        Map<String, LicenceTerms> byKey = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : licences.entrySet()) {
            String key = String.valueOf(e.getKey());
            byKey.put(key, entry(key, map(e.getValue(), where + ": " + key), where + ": " + key));
        }
        return new LicenceTermsCatalog(byKey);
    }

    private static LicenceTerms entry(String key, Map<?, ?> m, String where) {
        for (Object k : m.keySet()) {
            if (!ENTRY_KEYS.contains(String.valueOf(k))) {
                throw new IllegalArgumentException(where + ": unknown key '" + k + "'");
            }
        }
        Map<TermKind, Term> terms = new EnumMap<>(TermKind.class);
        if (m.get("terms") != null) {
            for (Map.Entry<?, ?> t : map(m.get("terms"), where + ": terms").entrySet()) {
                String tk = String.valueOf(t.getKey());
                String tw = where + ": terms." + tk;
                TermKind kind =
                        TermKind.byKey(tk).orElseThrow(() -> new IllegalArgumentException(tw + ": unknown term kind"));
                Map<?, ?> tm = map(t.getValue(), tw);
                terms.put(
                        kind,
                        new Term(
                                kind,
                                Verdict.parse(str(tm, "value", tw), tw),
                                optStr(tm, "clause").orElse(""),
                                optStr(tm, "summary").orElse(""),
                                optStr(tm, "note")));
            }
        }
        Optional<UserCap> cap = Optional.empty();
        if (m.get("user-cap") != null) {
            String cw = where + ": user-cap";
            Map<?, ?> cm = map(m.get("user-cap"), cw);
            if (!(cm.get("monthly-active-users") instanceof Number n)) {
                throw new IllegalArgumentException(cw + ": monthly-active-users must be a number");
            }
            cap = Optional.of(new UserCap(
                    n.longValue(),
                    Boolean.TRUE.equals(cm.get("commercial-only")),
                    str(cm, "clause", cw),
                    str(cm, "summary", cw)));
        }
        Optional<RegionExclusion> region = Optional.empty();
        if (m.get("region-exclusion") != null) {
            String rw = where + ": region-exclusion";
            Map<?, ?> rm = map(m.get("region-exclusion"), rw);
            region = Optional.of(new RegionExclusion(
                    strings(rm.get("regions"), rw + ".regions"),
                    Boolean.TRUE.equals(rm.get("multimodal-only")),
                    str(rm, "clause", rw),
                    str(rm, "summary", rw)));
        }
        Map<String, PurposeRestriction> purposes = new LinkedHashMap<>();
        if (m.get("restricted-purposes") != null) {
            for (Map.Entry<?, ?> e : map(m.get("restricted-purposes"), where + ": restricted-purposes")
                    .entrySet()) {
                String purpose = String.valueOf(e.getKey());
                String pw = where + ": restricted-purposes." + purpose;
                if (!UseCase.KNOWN_PURPOSES.contains(purpose)) {
                    throw new IllegalArgumentException(
                            pw + ": unknown purpose (known: " + UseCase.KNOWN_PURPOSES + ")");
                }
                Map<?, ?> pm = map(e.getValue(), pw);
                purposes.put(purpose, new PurposeRestriction(purpose, str(pm, "clause", pw), str(pm, "summary", pw)));
            }
        }
        List<Duty> duties = new ArrayList<>();
        if (m.get("duties") instanceof List<?> dl) {
            for (int i = 0; i < dl.size(); i++) {
                String dw = where + ": duties[" + i + "]";
                Map<?, ?> dm = map(dl.get(i), dw);
                Set<DutyTrigger> on = EnumSet.noneOf(DutyTrigger.class);
                for (String s : strings(dm.get("on"), dw + ".on")) {
                    on.add(DutyTrigger.parse(s, dw));
                }
                duties.add(new Duty(
                        DutyKind.parse(str(dm, "kind", dw), dw),
                        key,
                        on,
                        str(dm, "clause", dw),
                        str(dm, "summary", dw)));
            }
        } else if (m.get("duties") != null) {
            throw new IllegalArgumentException(where + ": duties must be a list");
        }
        return new LicenceTerms(
                key,
                str(m, "name", where),
                m.get("ids") == null ? List.of() : strings(m.get("ids"), where + ": ids"),
                str(m, "url", where),
                terms,
                cap,
                region,
                purposes,
                duties,
                m.get("notes") == null ? List.of() : strings(m.get("notes"), where + ": notes"));
    }

    private static Map<?, ?> map(Object o, String where) {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new IllegalArgumentException(where + ": expected a mapping, got " + o);
    }

    private static String str(Map<?, ?> m, String key, String where) {
        return optStr(m, key)
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> new IllegalArgumentException(where + ": '" + key + "' is required"));
    }

    private static Optional<String> optStr(Map<?, ?> m, String key) {
        Object o = m.get(key);
        return o == null ? Optional.empty() : Optional.of(String.valueOf(o));
    }

    private static List<String> strings(Object o, String where) {
        if (o instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        if (o instanceof String s) {
            return List.of(s);
        }
        throw new IllegalArgumentException(where + ": expected a list of strings, got " + o);
    }

    /** The entry with this key or id (case ignored). */
    public Optional<LicenceTerms> find(String keyOrId) {
        return Optional.ofNullable(byAnyId.get(keyOrId.trim().toLowerCase(Locale.ROOT)));
    }

    /** The entry keys, in file order. */
    public Set<String> keys() {
        return byKey.keySet();
    }

    public Collection<LicenceTerms> all() {
        return byKey.values();
    }
}
