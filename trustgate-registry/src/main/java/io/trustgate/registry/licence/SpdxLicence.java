package io.trustgate.registry.licence;

import java.util.Objects;

/**
 * One entry of the SPDX License List: its identifier, full name and the flags the list carries.
 *
 * @param id the SPDX short identifier, e.g. {@code Apache-2.0}
 * @param name the full name
 * @param osiApproved whether the list marks it OSI-approved
 * @param fsfLibre whether the list marks it FSF free/libre (absent in the list counts as false)
 * @param deprecated whether the identifier is deprecated
 * @param reference the canonical SPDX page of the licence
 */
public record SpdxLicence(
        String id, String name, boolean osiApproved, boolean fsfLibre, boolean deprecated, String reference) {
    public SpdxLicence {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reference, "reference");
        if (id.isBlank()) {
            throw new IllegalArgumentException("SPDX licence id must not be blank");
        }
    }
}
