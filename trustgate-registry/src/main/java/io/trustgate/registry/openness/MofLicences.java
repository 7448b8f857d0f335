package io.trustgate.registry.openness;

import io.trustgate.registry.openness.MofComponent.ContentType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which licences count as open for MOF, as the Model Openness Tool decides: a licence is open when it is OSI-approved
 * or FSF-libre in the licence list, or one of the open-data licences MOT names, or OpenMDW-1.0. A licence is
 * type-appropriate when MOT's list of type-appropriate licences names it for the component's content type (code,
 * data, document). Ids match exactly, as in MOT. The list ships as {@code openness/mof-licences.tsv}.
 */
public final class MofLicences {
    /** Licences MOT counts as open for data even without OSI or FSF approval ({@code LicenseHandler::OPEN_DATA_LICENSES}). */
    public static final Set<String> OPEN_DATA = Set.of(
            "CC0-1.0",
            "CC-BY-1.0",
            "CC-BY-2.0",
            "CC-BY-2.5",
            "CC-BY-2.5-AU",
            "CC-BY-3.0",
            "CC-BY-3.0-AT",
            "CC-BY-3.0-AU",
            "CC-BY-3.0-DE",
            "CC-BY-3.0-IGO",
            "CC-BY-3.0-NL",
            "CC-BY-3.0-US",
            "CC-BY-4.0",
            "CC-BY-SA-1.0",
            "CC-BY-SA-2.0",
            "CC-BY-SA-2.0-UK",
            "CC-BY-SA-2.1-JP",
            "CC-BY-SA-2.5",
            "CC-BY-SA-3.0",
            "CC-BY-SA-3.0-AT",
            "CC-BY-SA-4.0",
            "CDLA-Permissive-1.0",
            "CDLA-Permissive-2.0",
            "CDLA-Sharing-1.0",
            "ODC-PDDL-1.0",
            "ODC-By-1.0",
            "ODbL-1.0",
            "GFDL-1.3",
            "OGL-Canada-2.0",
            "OGL-UK-2.0",
            "OGL-UK-3.0");

    /** Open whatever the list says (MOT's {@code OPEN_LICENSES}). */
    public static final Set<String> ALWAYS_OPEN = Set.of("OpenMDW-1.0");

    private record Entry(String id, boolean osi, boolean fsf, Set<ContentType> types, String name) {}

    private final Map<String, Entry> entries;
    private final Map<String, String> idsByLowerCase;

    private MofLicences(Map<String, Entry> entries) {
        this.entries = Map.copyOf(entries);
        Map<String, String> lower = new HashMap<>();
        for (Entry e : entries.values()) {
            lower.putIfAbsent(e.id().toLowerCase(java.util.Locale.ROOT), e.id());
            lower.putIfAbsent(e.name().toLowerCase(java.util.Locale.ROOT), e.id());
        }
        this.idsByLowerCase = Map.copyOf(lower);
    }

    /**
     * The listed id for an id or a licence name written in any case ({@code apache-2.0}, {@code MIT License}), as
     * Hugging Face cards and the OSAI index write them.
     */
    public java.util.Optional<String> canonicalId(String idOrName) {
        return java.util.Optional.ofNullable(idsByLowerCase.get(idOrName.trim().toLowerCase(java.util.Locale.ROOT)));
    }

    private static final class Holder {
        static final MofLicences SHIPPED = load();
    }

    /** The shipped list. */
    public static MofLicences shipped() {
        return Holder.SHIPPED;
    }

    private static MofLicences load() {
        Map<String, Entry> m = new HashMap<>();
        try (InputStream in = MofLicences.class.getResourceAsStream("/openness/mof-licences.tsv")) {
            if (in == null) {
                throw new IllegalStateException("openness/mof-licences.tsv is missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                Set<ContentType> types = EnumSet.noneOf(ContentType.class);
                for (String t : f[3].split(",")) {
                    if (!t.isEmpty()) {
                        types.add(ContentType.valueOf(t.toUpperCase(java.util.Locale.ROOT)));
                    }
                }
                m.put(f[0], new Entry(f[0], f[1].equals("1"), f[2].equals("1"), types, f.length > 4 ? f[4] : f[0]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MofLicences(m);
    }

    /** Whether MOT counts this licence as open (for any component type). */
    public boolean isOpen(String licence) {
        Entry e = entries.get(licence);
        return (e != null && (e.osi() || e.fsf())) || OPEN_DATA.contains(licence) || ALWAYS_OPEN.contains(licence);
    }

    /** Whether MOT lists this licence as appropriate for the content type. */
    public boolean isTypeAppropriate(String licence, ContentType type) {
        Entry e = entries.get(licence);
        return e != null && e.types().contains(type);
    }

    /** Whether the id is in the licence list at all. */
    public boolean known(String licence) {
        return entries.containsKey(licence);
    }

    public boolean osiApproved(String licence) {
        Entry e = entries.get(licence);
        return e != null && e.osi();
    }
}
