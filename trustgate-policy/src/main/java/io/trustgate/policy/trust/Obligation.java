package io.trustgate.policy.trust;

import java.util.Objects;

/**
 * One duty under the EU AI Act that a context's risk tier brings.
 *
 * @param article where it is, e.g. {@code Art. 26(6)}
 * @param who who carries it: {@code provider} or {@code deployer} (or both)
 * @param duty our paraphrase of the duty
 */
public record Obligation(String article, String who, String duty) {
    public Obligation {
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(duty, "duty");
        if (!article.startsWith("Art. ")) {
            throw new IllegalArgumentException("an obligation must cite its article, was '" + article + "'");
        }
    }

    @Override
    public String toString() {
        return article + " (" + who + "): " + duty;
    }
}
