package io.trustgate.assess.ratings;

import java.util.Optional;

/**
 * The result of one battle between model A and model B, as FastChat's clean battle files record it in their
 * {@code winner} field. Both kinds of tie count as half a win for each side in the rating fit.
 */
public enum Outcome {
    /** {@code "model_a"}: A won. */
    A_WINS("model_a"),
    /** {@code "model_b"}: B won. */
    B_WINS("model_b"),
    /** {@code "tie"}: both were judged as good. */
    TIE("tie"),
    /** {@code "tie (bothbad)"}: both were judged as bad. */
    TIE_BOTH_BAD("tie (bothbad)");

    private final String wire;

    Outcome(String wire) {
        this.wire = wire;
    }

    /** The value of the {@code winner} field in FastChat's battle files. */
    public String wire() {
        return wire;
    }

    /** The outcome seen from the other side: A's win becomes B's win; ties stay ties. */
    public Outcome swapped() {
        return switch (this) {
            case A_WINS -> B_WINS;
            case B_WINS -> A_WINS;
            case TIE, TIE_BOTH_BAD -> this;
        };
    }

    /** The outcome whose {@link #wire()} value is {@code s}, if any. */
    public static Optional<Outcome> fromWire(String s) {
        for (Outcome o : values()) {
            if (o.wire.equals(s)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
