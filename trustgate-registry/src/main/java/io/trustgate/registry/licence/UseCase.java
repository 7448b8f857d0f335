package io.trustgate.registry.licence;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How a model is going to be used, in the terms licences care about.
 *
 * @param commercial used in or for a business / for revenue (anything not purely personal, academic, non-profit)
 * @param monthlyActiveUsers monthly active users of the licensee's products or services (Llama counts all of the
 *     licensee's and its affiliates' products, not only the one using the model)
 * @param fineTune the weights are fine-tuned or otherwise modified
 * @param distributeWeights copies of the weights or of a derivative go to third parties
 * @param useOutputsToTrainOtherModels outputs are used to train or improve another model
 * @param region where the licensee is domiciled / has its principal place of business: an ISO 3166 alpha-2 code,
 *     {@code EU}, or {@link #ANY_REGION} when not known
 * @param hostedAsService the model is offered to third parties as a service or API
 * @param multimodal the model used is a multimodal one (some exclusions only cover those)
 * @param purposes sensitive purposes the use serves, as kebab-case tags (see {@link #KNOWN_PURPOSES}); licences and
 *     their use policies forbid some of them
 */
public record UseCase(
        boolean commercial,
        long monthlyActiveUsers,
        boolean fineTune,
        boolean distributeWeights,
        boolean useOutputsToTrainOtherModels,
        String region,
        boolean hostedAsService,
        boolean multimodal,
        Set<String> purposes) {

    /** Region value meaning "not known"; region-specific terms then come out CONDITIONAL. */
    public static final String ANY_REGION = "*";

    /** The 27 EU member states (ISO 3166 alpha-2; Greece as GR). */
    public static final Set<String> EU_MEMBERS = Set.of(
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
            "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");

    /**
     * The purposes the shipped licence terms know: military, weapons-development, critical-infrastructure-operation,
     * unlicensed-professional-practice (e.g. medical, legal or financial advice as a profession),
     * fully-automated-adverse-decisions (automated decisions adversely affecting someone's legal rights).
     */
    public static final Set<String> KNOWN_PURPOSES = Set.of(
            "military",
            "weapons-development",
            "critical-infrastructure-operation",
            "unlicensed-professional-practice",
            "fully-automated-adverse-decisions");

    public UseCase {
        purposes = Set.copyOf(purposes);
        for (String p : purposes) {
            if (!p.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                throw new IllegalArgumentException("purpose must be a kebab-case tag, was '" + p + "'");
            }
        }
        Objects.requireNonNull(region, "region");
        region = region.trim().toUpperCase(Locale.ROOT);
        if (monthlyActiveUsers < 0) {
            throw new IllegalArgumentException("monthlyActiveUsers must be >= 0, was " + monthlyActiveUsers);
        }
        if (!region.equals(ANY_REGION) && !region.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException(
                    "region must be an ISO 3166 alpha-2 code, EU or " + ANY_REGION + ", was '" + region + "'");
        }
    }

    /** Whether the region is in the EU (a member state, or {@code EU} itself). */
    public boolean inEu() {
        return region.equals("EU") || EU_MEMBERS.contains(region);
    }

    public boolean regionKnown() {
        return !region.equals(ANY_REGION);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts from non-commercial, no users, no modification, no distribution, unknown region. */
    public static final class Builder {
        private boolean commercial;
        private long monthlyActiveUsers;
        private boolean fineTune;
        private boolean distributeWeights;
        private boolean useOutputsToTrainOtherModels;
        private String region = ANY_REGION;
        private boolean hostedAsService;
        private boolean multimodal;
        private final java.util.Set<String> purposes = new java.util.TreeSet<>();

        private Builder() {}

        public Builder commercial(boolean v) {
            commercial = v;
            return this;
        }

        public Builder monthlyActiveUsers(long v) {
            monthlyActiveUsers = v;
            return this;
        }

        public Builder fineTune(boolean v) {
            fineTune = v;
            return this;
        }

        public Builder distributeWeights(boolean v) {
            distributeWeights = v;
            return this;
        }

        public Builder useOutputsToTrainOtherModels(boolean v) {
            useOutputsToTrainOtherModels = v;
            return this;
        }

        public Builder region(String v) {
            region = v;
            return this;
        }

        public Builder hostedAsService(boolean v) {
            hostedAsService = v;
            return this;
        }

        public Builder multimodal(boolean v) {
            multimodal = v;
            return this;
        }

        /** Adds sensitive purposes the use serves (kebab-case tags). */
        public Builder purposes(String... v) {
            purposes.addAll(java.util.List.of(v));
            return this;
        }

        public UseCase build() {
            return new UseCase(
                    commercial,
                    monthlyActiveUsers,
                    fineTune,
                    distributeWeights,
                    useOutputsToTrainOtherModels,
                    region,
                    hostedAsService,
                    multimodal,
                    purposes);
        }
    }
}
