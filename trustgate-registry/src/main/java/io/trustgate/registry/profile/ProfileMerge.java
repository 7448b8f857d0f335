package io.trustgate.registry.profile;

import io.trustgate.api.evidence.Evidence;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Merges an imported profile into the one the catalog already has for the same id, so that importing a model card
 * or an openness record adds to what is known instead of replacing it. The existing profile wins on every fact it
 * knows; the import fills its unknowns, brings MOF components when none were recorded, replaces the OSAI grades (a
 * newer grading), and adds evidence not already present.
 */
public final class ProfileMerge {
    private ProfileMerge() {}

    public static ModelProfile merge(ModelProfile existing, ModelProfile imported) {
        if (!existing.id().equals(imported.id())) {
            throw new IllegalArgumentException("cannot merge " + imported.id() + " into " + existing.id());
        }
        List<Evidence> evidence = new ArrayList<>(existing.evidence());
        for (Evidence e : imported.evidence()) {
            if (!evidence.contains(e)) {
                evidence.add(e);
            }
        }
        LinkedHashSet<String> aliases = new LinkedHashSet<>(existing.aliases());
        aliases.addAll(imported.aliases());
        return new ModelProfile(
                existing.id(),
                existing.name(),
                List.copyOf(aliases),
                existing.family().isEmpty() ? imported.family() : existing.family(),
                existing.provider().equals("unknown") ? imported.provider() : existing.provider(),
                existing.hosting(),
                existing.weights(),
                or(existing.releaseDate(), imported.releaseDate()),
                or(existing.parameters(), imported.parameters()),
                or(existing.activeParameters(), imported.activeParameters()),
                or(existing.trainingComputeFlop(), imported.trainingComputeFlop()),
                or(existing.trainingTokens(), imported.trainingTokens()),
                or(existing.baseModels(), imported.baseModels()),
                or(existing.datasets(), imported.datasets()),
                existing.licence().id().known() ? existing.licence() : imported.licence(),
                existing.mof().assessed() ? existing.mof() : imported.mof(),
                or(existing.osaid(), imported.osaid()),
                imported.osai().or(existing::osai),
                new EuAiAct(
                        or(existing.euAiAct().role(), imported.euAiAct().role()),
                        or(
                                existing.euAiAct().signatoryGpaiCodeOfPractice(),
                                imported.euAiAct().signatoryGpaiCodeOfPractice())),
                existing.provenance().artifacts().isEmpty()
                                && existing.provenance().signatures().isEmpty()
                        ? imported.provenance()
                        : existing.provenance(),
                existing.incidents().isEmpty() ? imported.incidents() : existing.incidents(),
                evidence);
    }

    private static <T> Fact<T> or(Fact<T> a, Fact<T> b) {
        return a.known() ? a : b;
    }
}
