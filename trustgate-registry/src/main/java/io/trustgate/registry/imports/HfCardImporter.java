package io.trustgate.registry.imports;

import io.trustgate.api.evidence.Evidence;
import io.trustgate.api.evidence.EvidenceKind;
import io.trustgate.api.evidence.Measurement;
import io.trustgate.registry.openness.MofLicences;
import io.trustgate.registry.profile.Fact;
import io.trustgate.registry.profile.Hosting;
import io.trustgate.registry.profile.Licence;
import io.trustgate.registry.profile.ModelProfile;
import io.trustgate.registry.profile.Weights;
import io.trustgate.registry.profile.YamlNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Imports the YAML front matter of a Hugging Face model card ({@code README.md} between its first two {@code ---}
 * lines): {@code license} / {@code license_name}, {@code base_model}, {@code datasets} and the {@code model-index}
 * evaluation results, which become evidence of kind {@link EvidenceKind#PUBLISHED} citing the result's source URL
 * (else the card). A card carries no date for its results, so the evidence is dated on the import day and says so.
 * The id is the one given, else the {@code model-index} name when it is {@code org/name}, else the card's folder
 * ({@code org__name} becomes {@code org/name}). A card on the Hub goes with downloadable weights: open, self-hosted.
 */
public final class HfCardImporter implements Importer {
    private final Optional<String> id;
    private final LocalDate importDate;

    public HfCardImporter() {
        this(Optional.empty(), LocalDate.now(ZoneOffset.UTC));
    }

    /**
     * @param id the model's id when known (the repo the card comes from)
     * @param importDate the date given to the imported evidence
     */
    public HfCardImporter(Optional<String> id, LocalDate importDate) {
        this.id = id;
        this.importDate = importDate;
    }

    @Override
    public String format() {
        return "hf-card";
    }

    @Override
    public boolean accepts(String fileName) {
        return fileName.equalsIgnoreCase("README.md");
    }

    @Override
    public ModelProfile read(String text, String source) {
        return Importer.guarded(source, () -> convert(frontMatter(text, source), source));
    }

    /** The YAML between the first line {@code ---} and the next {@code ---} (or {@code ...}) line. */
    static YamlNode frontMatter(String text, String source) {
        if (text.length() > MAX_CHARS) {
            throw new ImportException(source + ": larger than " + MAX_CHARS + " characters");
        }
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] lines = t.split("\r?\n", -1);
        int start = 0;
        while (start < lines.length && lines[start].isBlank()) {
            start++;
        }
        if (start >= lines.length || !lines[start].trim().equals("---")) {
            throw new ImportException(source + ": no YAML front matter (the card must start with a --- line)");
        }
        int end = start + 1;
        while (end < lines.length
                && !lines[end].trim().equals("---")
                && !lines[end].trim().equals("...")) {
            end++;
        }
        if (end >= lines.length) {
            throw new ImportException(source + ": the front matter has no closing --- line");
        }
        // Keep the line numbers of the file: blank lines stand in for what precedes the front matter.
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i <= start; i++) {
            yaml.append('\n');
        }
        for (int i = start + 1; i < end; i++) {
            yaml.append(lines[i]).append('\n');
        }
        return YamlNode.parse(yaml.toString(), source, MAX_CHARS);
    }

    private ModelProfile convert(YamlNode root, String source) {
        if (!root.isMap()) {
            throw root.problem("the front matter must be a mapping");
        }
        List<YamlNode> index = root.get("model-index").map(YamlNode::items).orElse(List.of());
        String modelId = id.or(() -> index.stream()
                        .findFirst()
                        .flatMap(m -> m.isMap() ? m.get("name") : Optional.empty())
                        .map(YamlNode::text)
                        .filter(n -> n.matches("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*")))
                .or(() -> folderId(source))
                .orElseThrow(() -> new ImportException(
                        source + ": cannot tell the model's id (give it with --id, or name the folder org__name)"));
        String name = index.stream()
                .findFirst()
                .flatMap(m -> m.isMap() ? m.get("name") : Optional.empty())
                .map(YamlNode::text)
                .filter(s -> !s.isBlank())
                .orElse(modelId.substring(modelId.indexOf('/') + 1));
        String provider = modelId.contains("/") ? modelId.substring(0, modelId.indexOf('/')) : "unknown";

        Licence licence = licence(root, source);
        Fact<List<String>> base = root.get("base_model")
                .map(n -> n.items().stream().map(YamlNode::text).toList())
                .filter(l -> !l.isEmpty())
                .map(l -> Fact.of(l, source))
                .orElse(Fact.unknown());
        Fact<List<String>> datasets = root.get("datasets")
                .map(n -> n.items().stream().map(YamlNode::text).toList())
                .filter(l -> !l.isEmpty())
                .map(l -> Fact.of(l, source))
                .orElse(Fact.unknown());
        List<Evidence> evidence = new ArrayList<>();
        for (YamlNode m : index) {
            for (YamlNode r : m.get("results").map(YamlNode::items).orElse(List.of())) {
                evidence(modelId, r, source).ifPresent(evidence::add);
            }
        }
        ModelProfile p = ModelProfile.minimal(modelId, name, provider, Set.of(Hosting.SELF_HOSTED), Weights.OPEN);
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
                base,
                datasets,
                licence,
                p.mof(),
                p.osaid(),
                p.osai(),
                p.euAiAct(),
                p.provenance(),
                p.incidents(),
                evidence);
    }

    private static Optional<String> folderId(String source) {
        String s = source.replace('\\', '/');
        int slash = s.lastIndexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String dir = s.substring(0, slash);
        String folder = dir.substring(dir.lastIndexOf('/') + 1).replace("__", "/");
        return folder.matches("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?")
                ? Optional.of(folder)
                : Optional.empty();
    }

    private static Licence licence(YamlNode root, String source) {
        Optional<String> lic = root.get("license")
                .filter(n -> !n.isMap())
                .flatMap(n -> n.items().stream().findFirst())
                .map(YamlNode::text)
                .map(String::trim)
                .filter(s -> !s.isEmpty());
        if (lic.isEmpty()) {
            return Licence.unknown();
        }
        String l = lic.get();
        if (l.equalsIgnoreCase("other")) {
            Optional<String> ln = root.get("license_name").map(YamlNode::text).filter(s -> !s.isBlank());
            String link = root.textOr("license_link", "");
            return ln.map(n -> new Licence(
                            Fact.of(
                                    "LicenseRef-" + n.replaceAll("[^A-Za-z0-9.-]+", "-"),
                                    source,
                                    "card: license other, license_name " + n
                                            + (link.isBlank() ? "" : ", license_link " + link)),
                            ""))
                    .orElse(new Licence(Fact.of("LicenseRef-other", source, "card: license other, no name"), ""));
        }
        Optional<String> spdx = MofLicences.shipped().canonicalId(l);
        return spdx.map(s -> new Licence(Fact.of(s, source), ""))
                .orElseGet(() -> new Licence(
                        Fact.of(
                                "LicenseRef-" + l.replaceAll("[^A-Za-z0-9.-]+", "-"),
                                source,
                                "card: license " + l + " (a Hugging Face licence key, not an SPDX id)"),
                        ""));
    }

    private Optional<Evidence> evidence(String model, YamlNode r, String source) {
        if (!r.isMap()) {
            throw r.problem("a result must be a mapping");
        }
        Optional<YamlNode> ds = r.get("dataset").filter(YamlNode::isMap);
        String dsName = ds.flatMap(d -> d.get("name").or(() -> d.get("type")))
                .map(YamlNode::text)
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> r.problem("a result needs dataset.name or dataset.type"));
        List<Measurement> ms = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        notes.add("dated on import: the model card gives no date for its results");
        for (YamlNode m : r.get("metrics").map(YamlNode::items).orElse(List.of())) {
            if (!m.isMap()) {
                throw m.problem("a metric must be a mapping");
            }
            String type = m.get("type")
                    .or(() -> m.get("name"))
                    .map(YamlNode::text)
                    .filter(s -> !s.isBlank())
                    .orElseThrow(() -> m.problem("a metric needs a type"));
            Optional<YamlNode> v = m.get("value");
            Optional<Double> value = v.filter(x -> !x.isMap() && !x.isList()).flatMap(x -> {
                try {
                    double d = Double.parseDouble(x.text().trim());
                    return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            });
            if (value.isEmpty()) {
                notes.add("metric " + type + " has no numeric value; left out");
                continue;
            }
            ms.add(Measurement.of(type, value.get(), 0));
            if (m.get("verified")
                    .map(x -> !x.isMap() && !x.isList() && x.text().equals("true"))
                    .orElse(false)) {
                notes.add("metric " + type + " marked verified by the Hub");
            }
        }
        if (ms.isEmpty()) {
            return Optional.empty();
        }
        String task = r.get("task")
                .filter(YamlNode::isMap)
                .flatMap(t -> t.get("type").or(() -> t.get("name")))
                .map(YamlNode::text)
                .orElse("unspecified task");
        String detail = ds.map(d -> {
                    List<String> parts = new ArrayList<>();
                    d.get("config")
                            .filter(x -> !x.isMap() && !x.isList())
                            .ifPresent(x -> parts.add("config " + x.text()));
                    d.get("split")
                            .filter(x -> !x.isMap() && !x.isList())
                            .ifPresent(x -> parts.add("split " + x.text()));
                    return parts.isEmpty() ? "" : ", " + String.join(", ", parts);
                })
                .orElse("");
        String src = r.get("source")
                .filter(YamlNode::isMap)
                .flatMap(s -> s.get("url"))
                .filter(x -> !x.isMap() && !x.isList())
                .map(YamlNode::text)
                .filter(s -> !s.isBlank())
                .orElse(source);
        return Optional.of(new Evidence(
                model,
                EvidenceKind.PUBLISHED,
                Importer.slug(dsName),
                src,
                importDate,
                "as reported in the model card (" + task + detail + ")",
                ms,
                notes));
    }
}
