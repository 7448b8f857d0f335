package io.trustgate.registry.profile;

import java.util.Objects;

/**
 * The model under the EU AI Act (Regulation (EU) 2024/1689).
 *
 * @param role e.g. {@code general-purpose-ai-model}
 * @param signatoryGpaiCodeOfPractice whether the provider signed the GPAI code of practice
 */
public record EuAiAct(Fact<String> role, Fact<Boolean> signatoryGpaiCodeOfPractice) {
    public EuAiAct {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(signatoryGpaiCodeOfPractice, "signatoryGpaiCodeOfPractice");
    }

    public static EuAiAct unknown() {
        return new EuAiAct(Fact.unknown(), Fact.unknown());
    }
}
