package io.trustgate.registry.openness;

/** The three MOF classes, from the least to the most complete release, and unclassified. */
public enum MofClass {
    UNCLASSIFIED(0, "Unclassified"),
    CLASS_III(3, "Class III - Open Model"),
    CLASS_II(2, "Class II - Open Tooling Model"),
    CLASS_I(1, "Class I - Open Science Model");

    private final int number;
    private final String label;

    MofClass(int number, String label) {
        this.number = number;
        this.label = label;
    }

    /** 1, 2, 3, or 0 for unclassified. */
    public int number() {
        return number;
    }

    /** The label MOT shows. */
    public String label() {
        return label;
    }

    public static MofClass of(int number) {
        return switch (number) {
            case 0 -> UNCLASSIFIED;
            case 1 -> CLASS_I;
            case 2 -> CLASS_II;
            case 3 -> CLASS_III;
            default -> throw new IllegalArgumentException("MOF class must be 0-3, was " + number);
        };
    }

    /** Whether this class is at least as open as {@code other} (Class I is the most open; unclassified the least). */
    public boolean atLeast(MofClass other) {
        return rank() >= other.rank();
    }

    private int rank() {
        return number == 0 ? 0 : 4 - number;
    }
}
