package io.trustgate.registry.licence;

import java.util.Locale;

/** Which part of a use case makes a duty apply. */
public enum DutyTrigger {
    ALWAYS,
    COMMERCIAL,
    /** Copies of the weights (or a derivative) go to third parties. */
    DISTRIBUTE,
    /** The model is offered to third parties as a service. */
    HOSTED,
    /** A fine-tuned / modified model is distributed or hosted. */
    DERIVATIVE,
    /** Outputs are used to train another model. */
    OUTPUTS_TRAINING;

    public static DutyTrigger parse(String s, String where) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": unknown duty trigger '" + s + "'", e);
        }
    }

    boolean firesFor(UseCase u) {
        return switch (this) {
            case ALWAYS -> true;
            case COMMERCIAL -> u.commercial();
            case DISTRIBUTE -> u.distributeWeights();
            case HOSTED -> u.hostedAsService();
            case DERIVATIVE -> u.fineTune() && (u.distributeWeights() || u.hostedAsService());
            case OUTPUTS_TRAINING -> u.useOutputsToTrainOtherModels();
        };
    }
}
