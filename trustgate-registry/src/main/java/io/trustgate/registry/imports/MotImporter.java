package io.trustgate.registry.imports;

import io.trustgate.registry.openness.MofComponent;
import io.trustgate.registry.profile.Fact;
import io.trustgate.registry.profile.Hosting;
import io.trustgate.registry.profile.Licence;
import io.trustgate.registry.profile.ModelProfile;
import io.trustgate.registry.profile.MofComponentEntry;
import io.trustgate.registry.profile.MofComponents;
import io.trustgate.registry.profile.Weights;
import io.trustgate.registry.profile.YamlNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Imports a Model Openness Tool model file ({@code models/*.yml}: {@code framework}, {@code release} with global
 * licences and components). Each component's licence is resolved as MOT does: its own licence ({@code unlicensed}
 * or empty meaning none), else the global licence for its content type, else the distribution licence. The id is
 * the Hugging Face repo id when the file links the release's own repo, else {@code mot/<name>}. Weights count as open when the final
 * parameters are listed; hosting follows. Everything else stays unknown.
 */
public final class MotImporter implements Importer {

    @Override
    public String format() {
        return "mot";
    }

    @Override
    public boolean accepts(String fileName) {
        return fileName.endsWith(".yml") || fileName.endsWith(".yaml");
    }

    @Override
    public ModelProfile read(String text, String source) {
        return Importer.guarded(source, () -> convert(YamlNode.parse(text, source, MAX_CHARS), source));
    }

    private static ModelProfile convert(YamlNode root, String source) {
        YamlNode release = root.require("release");
        String name = release.require("name").text().trim();
        if (name.isEmpty()) {
            throw release.problem("release name is empty");
        }
        // The profile needs a provider; a file without one says nothing about it.
        String producer = release.textOr("producer", "").trim();
        if (producer.isEmpty()) {
            producer = "unknown";
        }
        String producerName = producer;
        Map<MofComponent, String> resolved = resolve(release);
        List<MofComponentEntry> entries = new ArrayList<>();
        resolved.forEach((c, l) -> entries.add(new MofComponentEntry(c.label(), l)));

        // MOT's Hugging Face links are sometimes those of a sibling model (another size, the base of an instruct
        // model): the repo id is used only when it names this release, else the MOT name (unique in MOT) is kept.
        String id = release.get("huggingface")
                .filter(h -> !h.isMap() && !h.isList())
                .map(YamlNode::text)
                .flatMap(Importer::huggingFaceId)
                .filter(hf -> hf.substring(hf.indexOf('/') + 1).equalsIgnoreCase(name))
                .orElse("mot/" + name.replaceAll("\\s+", "-"));
        Optional<String> distribution = globalLicence(release, "distribution");
        Licence licence = distribution
                .map(d -> new Licence(Fact.of(d, source, "MOT distribution licence"), ""))
                .orElse(Licence.unknown());
        boolean weights = resolved.containsKey(MofComponent.MODEL_PARAMETERS_FINAL);
        ModelProfile p = ModelProfile.minimal(
                id,
                name,
                producerName,
                Set.of(weights ? Hosting.SELF_HOSTED : Hosting.VENDOR_API),
                weights ? Weights.OPEN : Weights.CLOSED);
        return new ModelProfile(
                p.id(),
                p.name(),
                p.aliases(),
                p.family(),
                p.provider(),
                p.hosting(),
                p.weights(),
                p.releaseDate(),
                p.parameters(),
                p.activeParameters(),
                p.trainingComputeFlop(),
                p.trainingTokens(),
                p.baseModels(),
                p.datasets(),
                licence,
                new MofComponents(source, entries),
                p.osaid(),
                p.osai(),
                p.euAiAct(),
                p.provenance(),
                p.incidents(),
                p.evidence());
    }

    /** Each listed component with the licence MOT would resolve for it. */
    static Map<MofComponent, String> resolve(YamlNode release) {
        Map<MofComponent, String> out = new EnumMap<>(MofComponent.class);
        for (YamlNode c : release.get("components").map(YamlNode::items).orElse(List.of())) {
            String cname = c.require("name").text();
            MofComponent comp = MofComponent.byName(cname)
                    .orElseThrow(() -> c.problem("'" + abbreviate(cname) + "' is not a MOF component name"));
            Optional<String> own = c.get("license").map(YamlNode::text);
            String lic;
            if (own.isPresent()) {
                lic = own.get().isEmpty() ? MofComponentEntry.UNLICENSED : own.get();
            } else {
                lic = globalLicence(release, comp.type().key())
                        .or(() -> globalLicence(release, "distribution"))
                        .orElse(MofComponentEntry.UNLICENSED);
            }
            out.put(comp, lic);
        }
        return out;
    }

    private static Optional<String> globalLicence(YamlNode release, String key) {
        Optional<YamlNode> l = release.get("license");
        if (l.isEmpty() || !l.get().isMap()) {
            return Optional.empty();
        }
        return l.get()
                .get(key)
                .filter(YamlNode::isMap)
                .flatMap(n -> n.get("name"))
                .map(YamlNode::text)
                .filter(s -> !s.isEmpty());
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
