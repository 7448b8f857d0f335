package io.trustgate.registry.imports;

import io.trustgate.registry.openness.MofLicences;
import io.trustgate.registry.profile.Fact;
import io.trustgate.registry.profile.Hosting;
import io.trustgate.registry.profile.Licence;
import io.trustgate.registry.profile.ModelProfile;
import io.trustgate.registry.profile.OsaiRecord;
import io.trustgate.registry.profile.YamlNode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Imports a European Open Source AI Index system file ({@code system}, {@code org}, twelve graded dimensions). The
 * grades are kept on the profile as an {@link OsaiRecord}. The id is the Hugging Face repo id when the system link is
 * one, else {@code osai/<name>}; the end model licence becomes an SPDX id when the licence list knows its id or name,
 * else a {@code LicenseRef-} with the text kept as a note. Weights graded closed mean closed weights behind a vendor
 * API; open or partial mean downloadable weights. The release date is kept only when the file gives a full date.
 */
public final class OsaiImporter implements Importer {

    @Override
    public String format() {
        return "osai";
    }

    @Override
    public boolean accepts(String fileName) {
        // The index's folder also holds _parameters*.yml and a_submission_template.yaml, which are not systems.
        return fileName.endsWith(".yaml")
                && !fileName.startsWith("_")
                && !fileName.startsWith(".")
                && !fileName.contains("template");
    }

    @Override
    public ModelProfile read(String text, String source) {
        return Importer.guarded(source, () -> convert(YamlNode.parse(text, source, MAX_CHARS), source));
    }

    private static ModelProfile convert(YamlNode root, String source) {
        YamlNode system = root.require("system");
        String name = system.require("name").text().trim();
        if (name.isEmpty()) {
            throw system.problem("system name is empty");
        }
        String org = root.get("org")
                .flatMap(o -> o.get("name"))
                .map(YamlNode::text)
                .map(String::trim)
                .orElse("");
        if (org.isEmpty()) {
            throw root.problem("org.name is missing");
        }
        Map<String, OsaiRecord.Grade> grades = new LinkedHashMap<>();
        for (String dim : OsaiRecord.DIMENSIONS) {
            Optional<YamlNode> d = root.get(dim);
            if (d.isEmpty()) {
                continue;
            }
            YamlNode g = d.get();
            String cls = g.require("class").text().trim().toLowerCase(Locale.ROOT);
            OsaiRecord.Level level = switch (cls) {
                case "open" -> OsaiRecord.Level.OPEN;
                case "partial" -> OsaiRecord.Level.PARTIAL;
                case "closed" -> OsaiRecord.Level.CLOSED;
                default -> throw g.problem("class must be open, partial or closed, was '" + cls + "'");
            };
            List<String> links = g.get("link")
                    .map(l -> l.items().stream()
                            .filter(x -> !x.isNull())
                            .map(YamlNode::text)
                            .filter(s -> !s.isBlank())
                            .toList())
                    .orElse(List.of());
            grades.put(
                    dim,
                    new OsaiRecord.Grade(level, links, g.textOr("notes", "").trim()));
        }
        Optional<String> link = system.get("link").filter(l -> !l.isList()).map(YamlNode::text);
        String id = link.flatMap(Importer::huggingFaceId).orElse("osai/" + Importer.slug(name));
        OsaiRecord.Grade weights = grades.get("weights_endmodel");
        boolean closed = weights != null && weights.level() == OsaiRecord.Level.CLOSED;
        Fact<LocalDate> date = system.get("releasedate")
                .map(YamlNode::text)
                .filter(s -> s.matches("\\d{4}-\\d{2}-\\d{2}"))
                .map(s -> Fact.of(LocalDate.parse(s), source))
                .orElse(Fact.unknown());
        Licence licence = system.get("endmodellicense")
                .map(YamlNode::text)
                .map(String::trim)
                .filter(s -> !s.isEmpty() && !s.equalsIgnoreCase("unknown"))
                .map(s -> new Licence(licenceFact(s, source), ""))
                .orElse(Licence.unknown());
        ModelProfile p = ModelProfile.minimal(
                id,
                name,
                org,
                Set.of(closed ? Hosting.VENDOR_API : Hosting.SELF_HOSTED),
                closed ? io.trustgate.registry.profile.Weights.CLOSED : io.trustgate.registry.profile.Weights.OPEN);
        return new ModelProfile(
                        p.id(),
                        p.name(),
                        p.aliases(),
                        p.family(),
                        p.provider(),
                        p.hosting(),
                        p.weights(),
                        date,
                        p.parameters(),
                        p.activeParameters(),
                        p.trainingComputeFlop(),
                        p.trainingTokens(),
                        system.get("basemodelname")
                                .map(YamlNode::text)
                                .filter(s -> !s.isBlank() && !s.equals(system.textOr("endmodelname", "")))
                                .map(s -> Fact.of(List.of(s), source))
                                .orElse(Fact.unknown()),
                        p.datasets(),
                        licence,
                        p.mof(),
                        p.osaid(),
                        p.osai(),
                        p.euAiAct(),
                        p.provenance(),
                        p.incidents(),
                        p.evidence())
                .withOsai(new OsaiRecord(source, grades));
    }

    static Fact<String> licenceFact(String text, String source) {
        Optional<String> spdx = MofLicences.shipped().canonicalId(text);
        if (spdx.isPresent()) {
            return Fact.of(spdx.get(), source);
        }
        String ref = "LicenseRef-" + text.replaceAll("[^A-Za-z0-9.-]+", "-").replaceAll("^-+|-+$", "");
        return Fact.of(ref, source, "as written: " + text);
    }
}
