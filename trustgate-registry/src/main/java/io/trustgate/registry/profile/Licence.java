package io.trustgate.registry.profile;

import java.util.Objects;

/**
 * The licence the model is distributed under.
 *
 * @param id an SPDX id, a {@code LicenseRef-...}, or {@code LicenseRef-Proprietary-<Vendor>}; unknown when not cited
 * @param terms key into the licence-terms catalog, {@code ""} when there is none
 */
public record Licence(Fact<String> id, String terms) {
    public Licence {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(terms, "terms");
    }

    public static Licence unknown() {
        return new Licence(Fact.unknown(), "");
    }
}
