package io.trustgate.registry.licence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The SPDX License List (JSON form, as shipped by the Model Openness Tool; see the NOTICE next to the resource).
 * Look-ups ignore case, as SPDX identifiers are matched case-insensitively. Immutable; load it once.
 */
public final class SpdxLicenceList {
    /** Class-path location of the shipped list. */
    public static final String RESOURCE = "/licence/spdx/licenses.json";

    private final String version;
    private final String releaseDate;
    private final Map<String, SpdxLicence> byId;

    private SpdxLicenceList(String version, String releaseDate, Map<String, SpdxLicence> byId) {
        this.version = version;
        this.releaseDate = releaseDate;
        this.byId = Collections.unmodifiableMap(byId);
    }

    /** Loads the list shipped in this jar. */
    public static SpdxLicenceList shipped() {
        try (InputStream in = SpdxLicenceList.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("SPDX licence list missing from the class path: " + RESOURCE);
            }
            return parse(in, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses an SPDX {@code licenses.json}; {@code where} names the source in error messages. */
    public static SpdxLicenceList parse(InputStream in, String where) {
        // JSON is YAML 1.2, so the YAML library the project already uses reads it; no second parser needed.
        Object root = new Load(LoadSettings.builder().setLabel(where).build()).loadFromInputStream(in);
        if (!(root instanceof Map<?, ?> top) || !(top.get("licenses") instanceof List<?> list)) {
            throw new IllegalArgumentException(where + ": not an SPDX licenses.json (no 'licenses' array)");
        }
        Map<String, SpdxLicence> byId = new LinkedHashMap<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("licenseId") instanceof String id)) {
                throw new IllegalArgumentException(where + ": licence entry without a licenseId: " + o);
            }
            SpdxLicence l = new SpdxLicence(
                    id,
                    text(m.get("name"), id),
                    Boolean.TRUE.equals(m.get("isOsiApproved")),
                    Boolean.TRUE.equals(m.get("isFsfLibre")),
                    Boolean.TRUE.equals(m.get("isDeprecatedLicenseId")),
                    text(m.get("reference"), "https://spdx.org/licenses/" + id + ".html"));
            byId.put(id.toLowerCase(Locale.ROOT), l);
        }
        return new SpdxLicenceList(
                text(top.get("licenseListVersion"), "unknown"), text(top.get("releaseDate"), "unknown"), byId);
    }

    private static String text(Object o, String fallback) {
        return o == null ? fallback : String.valueOf(o);
    }

    /** The licence with this SPDX identifier (any case), if the list has it. */
    public Optional<SpdxLicence> find(String id) {
        return Optional.ofNullable(byId.get(id.trim().toLowerCase(Locale.ROOT)));
    }

    public boolean isKnown(String id) {
        return find(id).isPresent();
    }

    public boolean isOsiApproved(String id) {
        return find(id).map(SpdxLicence::osiApproved).orElse(false);
    }

    public boolean isFsfLibre(String id) {
        return find(id).map(SpdxLicence::fsfLibre).orElse(false);
    }

    public boolean isDeprecated(String id) {
        return find(id).map(SpdxLicence::deprecated).orElse(false);
    }

    public Optional<String> name(String id) {
        return find(id).map(SpdxLicence::name);
    }

    public Collection<SpdxLicence> all() {
        return byId.values();
    }

    public int size() {
        return byId.size();
    }

    /** The list version as SPDX names it (a git hash in MOT's copy). */
    public String version() {
        return version;
    }

    public String releaseDate() {
        return releaseDate;
    }
}
