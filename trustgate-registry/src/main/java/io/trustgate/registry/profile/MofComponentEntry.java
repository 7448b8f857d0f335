package io.trustgate.registry.profile;

import java.util.Objects;

/**
 * One Model Openness Framework component a model's producer released, with the licence it carries.
 *
 * @param name the component's name as MOF spells it, e.g. {@code Model parameters (Final)}
 * @param licence an SPDX id or LicenseRef, or {@code unlicensed}
 */
public record MofComponentEntry(String name, String licence) {
    public static final String UNLICENSED = "unlicensed";

    public MofComponentEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(licence, "licence");
        if (name.isBlank()) {
            throw new IllegalArgumentException("MOF component name is blank");
        }
        if (licence.isBlank()) {
            licence = UNLICENSED;
        }
    }
}
