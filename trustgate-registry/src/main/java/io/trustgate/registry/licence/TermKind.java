package io.trustgate.registry.licence;

import java.util.Arrays;
import java.util.Optional;

/** The licence terms the analysis knows how to judge, by their YAML key in the licence-terms data. */
public enum TermKind {
    /** Running the model at all (some licences limit even this, e.g. to research purposes). */
    USE("use"),
    COMMERCIAL_USE("commercial-use"),
    /** Fine-tuning or otherwise modifying the weights. */
    MODIFY("modify"),
    /** Giving copies of the weights (or a derivative) to third parties. */
    DISTRIBUTE_WEIGHTS("distribute-weights"),
    /** Offering the model to third parties as a hosted service / API. */
    HOSTED_SERVICE("hosted-service"),
    /** Using the model's outputs to train or improve another model. */
    OUTPUTS_TRAIN_OTHER_MODELS("outputs-train-other-models"),
    /** Whether an acceptable-use / prohibited-use policy binds the licensee (informational). */
    ACCEPTABLE_USE("acceptable-use"),
    /** Who owns outputs (informational). */
    OUTPUT_OWNERSHIP("output-ownership");

    private final String key;

    TermKind(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<TermKind> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
