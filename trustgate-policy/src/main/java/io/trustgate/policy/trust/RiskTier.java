package io.trustgate.policy.trust;

import java.util.Locale;

/** The EU AI Act's risk tiers for an AI system, from the questionnaire of a context (docs/trust.md). */
public enum RiskTier {
    /** A practice of Art. 5: may not be placed on the market, put into service or used. */
    PROHIBITED,
    /** High-risk under Art. 6 (Annex I products, Annex III areas): Chapter III duties. */
    HIGH,
    /** Transparency duties of Art. 50 only. */
    LIMITED,
    /** No specific duties beyond AI literacy (Art. 4); voluntary codes of conduct (Art. 95). */
    MINIMAL;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
