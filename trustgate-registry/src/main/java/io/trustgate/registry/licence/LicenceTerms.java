package io.trustgate.registry.licence;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The structured terms of one licence, as recorded in the licence-terms data: each term with the clause it comes
 * from, the user cap and regional exclusions if any, and the duties.
 *
 * @param key the licence-terms key (what a model profile's {@code licence.terms} names)
 * @param name the licence's full name
 * @param ids other ids that mean this licence (SPDX id, LicenseRef-..., Hugging Face licence tag)
 * @param url the licence text the clauses refer to
 * @param terms the recorded terms; a term not recorded is unknown
 * @param userCap the monthly-active-user cap, if the licence has one
 * @param regionExclusion excluded regions, if any
 * @param restrictedPurposes purposes the licence or its use policy forbids, by purpose tag
 * @param duties what the licensee must do, and when
 * @param notes caveats about the entry as a whole
 */
public record LicenceTerms(
        String key,
        String name,
        List<String> ids,
        String url,
        Map<TermKind, Term> terms,
        Optional<UserCap> userCap,
        Optional<RegionExclusion> regionExclusion,
        Map<String, PurposeRestriction> restrictedPurposes,
        List<Duty> duties,
        List<String> notes) {
    public LicenceTerms {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        ids = List.copyOf(ids);
        Objects.requireNonNull(url, "url");
        terms = terms.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(terms));
        Objects.requireNonNull(userCap, "userCap");
        Objects.requireNonNull(regionExclusion, "regionExclusion");
        restrictedPurposes = Map.copyOf(restrictedPurposes);
        duties = List.copyOf(duties);
        notes = List.copyOf(notes);
        if (key.isBlank() || url.isBlank()) {
            throw new IllegalArgumentException("licence terms need a key and a url: " + key);
        }
    }

    /** The recorded term of this kind, if any. */
    public Optional<Term> term(TermKind kind) {
        return Optional.ofNullable(terms.get(kind));
    }
}
