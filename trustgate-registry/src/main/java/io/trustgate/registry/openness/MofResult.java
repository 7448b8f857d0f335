package io.trustgate.registry.openness;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of a MOF classification.
 *
 * @param mofClass the most open class whose requirements are all met
 * @param progress per class (index 1, 2, 3; index 0 unused) the share of its required components released under an
 *     open licence, in percent, as the Model Openness Tool reports it (0 for a class whose more basic classes are
 *     not met)
 * @param status of each of the 17 components
 * @param licences the licence each released component resolved to ({@code unlicensed} when none)
 * @param notTypeAppropriate components whose open licence is not one MOF lists for their content type (MOT
 *     accepts them and warns)
 * @param ignored component names that are not MOF components (not counted)
 */
public record MofResult(
        MofClass mofClass,
        double[] progress,
        Map<MofComponent, Status> status,
        Map<MofComponent, String> licences,
        List<MofComponent> notTypeAppropriate,
        List<String> ignored) {

    public MofResult {
        Objects.requireNonNull(mofClass, "mofClass");
        progress = progress.clone();
        status = Map.copyOf(status);
        licences = Map.copyOf(licences);
        notTypeAppropriate = List.copyOf(notTypeAppropriate);
        ignored = List.copyOf(ignored);
    }

    /** Progress towards class 1, 2 or 3, in percent. */
    public double progress(int cls) {
        return progress[cls];
    }

    @Override
    public double[] progress() {
        return progress.clone();
    }

    /** What the release says about one component. */
    public enum Status {
        /** Released under an open licence. */
        OPEN,
        /** Released under a licence that is not open. */
        NOT_OPEN,
        /** Released without a licence. */
        UNLICENSED,
        /** Not released. */
        MISSING
    }
}
