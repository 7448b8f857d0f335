package io.trustgate.registry.openness;

import io.trustgate.registry.openness.MofResult.Status;
import io.trustgate.registry.profile.MofComponentEntry;
import io.trustgate.registry.profile.MofComponents;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Classifies a release under the Model Openness Framework, following the Model Openness Tool's rules (its
 * {@code ModelEvaluator}, reimplemented): Class III (Open Model) needs model architecture, final parameters, model
 * card, data card, technical report (or a research paper instead) and evaluation results, each under an open licence;
 * Class II (Open Tooling) adds training, inference and evaluation code and evaluation data; Class I (Open Science)
 * adds datasets, data preprocessing code, intermediate parameters and the research paper. A class counts only when
 * every more basic class is met. Cost: a few map lookups per component.
 */
public final class MofClassifier {
    private final MofLicences licences;

    public MofClassifier(MofLicences licences) {
        this.licences = licences;
    }

    public static MofClassifier standard() {
        return new MofClassifier(MofLicences.shipped());
    }

    /** Classifies a profile's component list (unknown component names are reported in {@code ignored}). */
    public MofResult classify(MofComponents mof) {
        Map<MofComponent, String> released = new EnumMap<>(MofComponent.class);
        List<String> ignored = new ArrayList<>();
        for (MofComponentEntry e : mof.components()) {
            MofComponent.byName(e.name())
                    .ifPresentOrElse(c -> released.put(c, e.licence()), () -> ignored.add(e.name()));
        }
        return classify(released, ignored);
    }

    /**
     * Classifies a release.
     *
     * @param released each released component with its resolved licence ({@code unlicensed} when it has none)
     */
    public MofResult classify(Map<MofComponent, String> released) {
        return classify(released, List.of());
    }

    private MofResult classify(Map<MofComponent, String> released, List<String> ignored) {
        Map<MofComponent, Status> status = new EnumMap<>(MofComponent.class);
        List<MofComponent> notTypeAppropriate = new ArrayList<>();
        for (MofComponent c : MofComponent.values()) {
            String lic = released.get(c);
            if (lic == null) {
                status.put(c, Status.MISSING);
            } else if (licences.isOpen(lic)) {
                status.put(c, Status.OPEN);
                if (!licences.isTypeAppropriate(lic, c.type())) {
                    notTypeAppropriate.add(c);
                }
            } else if (lic.isEmpty() || lic.equals(MofComponentEntry.UNLICENSED)) {
                status.put(c, Status.UNLICENSED);
            } else {
                status.put(c, Status.NOT_OPEN);
            }
        }
        boolean reportOpen = status.get(MofComponent.TECHNICAL_REPORT) == Status.OPEN;
        boolean paperOpen = status.get(MofComponent.RESEARCH_PAPER) == Status.OPEN;

        // Open required components of each class and the classes above it; for classes III and II a research
        // paper stands in for a technical report that is not released openly (MOT: "MAY be omitted").
        int[] included = new int[4];
        int[] totalUpTo = new int[4];
        int total = 0;
        int count = 0;
        for (int k = 3; k >= 1; k--) {
            for (MofComponent c : MofComponent.required(k)) {
                total++;
                if (status.get(c) == Status.OPEN) {
                    count++;
                }
            }
            included[k] = count + (k >= 2 && !reportOpen && paperOpen ? 1 : 0);
            totalUpTo[k] = total;
        }

        double[] progress = new double[4];
        for (int cls = 1; cls <= 3; cls++) {
            progress[cls] = progress(cls, included, totalUpTo, reportOpen, paperOpen);
        }
        MofClass result = MofClass.UNCLASSIFIED;
        for (int cls = 3; cls >= 1; cls--) {
            if (progress[cls] == 100.0) {
                result = MofClass.of(cls);
            }
        }
        return new MofResult(result, progress, status, released, notTypeAppropriate, ignored);
    }

    /** MOT's progress: 0 unless every more basic class is met, else the share of this class's requirements met. */
    private static double progress(int cls, int[] included, int[] totalUpTo, boolean reportOpen, boolean paperOpen) {
        int i = 3;
        for (; i >= cls; i--) {
            if (included[i] < totalUpTo[i]) {
                break;
            }
        }
        if (i > cls) {
            return 0;
        }
        int k = Math.max(i, cls);
        int total = totalUpTo[k];
        if (cls == 1 && !reportOpen && paperOpen) {
            total--;
        }
        double p = (double) included[k] / total * 100;
        return Math.min(p, 100.0);
    }
}
