package io.trustgate.registry.licence;

import java.util.Objects;

/**
 * A purpose a licence (or the use policy it incorporates) forbids, e.g. military use.
 *
 * @param purpose the kebab-case purpose tag a {@link UseCase} declares (see {@link UseCase#KNOWN_PURPOSES})
 * @param clause where the licence or its policy forbids it
 * @param summary our paraphrase
 */
public record PurposeRestriction(String purpose, String clause, String summary) {
    public PurposeRestriction {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(clause, "clause");
        Objects.requireNonNull(summary, "summary");
        if (clause.isBlank()) {
            throw new IllegalArgumentException("restricted purpose " + purpose + " must cite its clause");
        }
    }
}
