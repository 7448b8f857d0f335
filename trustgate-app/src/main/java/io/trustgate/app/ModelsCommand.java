package io.trustgate.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.api.IoReason;
import io.trustgate.api.evidence.Evidence;
import io.trustgate.registry.export.CycloneDxExporter;
import io.trustgate.registry.export.MarkdownCard;
import io.trustgate.registry.imports.HfCardImporter;
import io.trustgate.registry.imports.ImportException;
import io.trustgate.registry.imports.Importer;
import io.trustgate.registry.openness.MofClassifier;
import io.trustgate.registry.openness.MofResult;
import io.trustgate.registry.profile.Fact;
import io.trustgate.registry.profile.ModelProfile;
import io.trustgate.registry.profile.ProfileCatalog;
import io.trustgate.registry.profile.ProfileException;
import io.trustgate.registry.profile.ProfileMerge;
import io.trustgate.registry.profile.ProfileYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trustgate models}: list and show the model profiles (the shipped catalog plus the user's folder), import
 * profiles from the Model Openness Tool, the European Open Source AI Index or Hugging Face model cards, and export a
 * profile as a CycloneDX ML-BOM or a Markdown model card. Exit codes: 0 done, 1 an import failed for some files,
 * 2 bad usage, an unknown model or an invalid catalog.
 */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = "Model profiles: list, show, import (MOT, OSAI index, Hugging Face cards), export.",
        subcommands = {
            ModelsCommand.ListCmd.class,
            ModelsCommand.Show.class,
            ModelsCommand.Import.class,
            ModelsCommand.Export.class
        })
final class ModelsCommand extends GroupCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_IMPORT_FILES = 10_000;

    /** Where profiles come from: the shipped catalog, {@code <data-dir>/catalog} and {@code --catalog}. */
    static final class CatalogOptions {
        @Mixin
        StateOptions state;

        @Option(
                names = "--catalog",
                paramLabel = "DIR",
                description = "A folder of profile YAML files, read in addition to the shipped catalog (and the one"
                        + " in <data-dir>/catalog). Imports are written here. Default: <data-dir>/catalog.")
        Path catalog;

        Path userFolder() {
            return catalog != null ? catalog : state.dataDir().resolve("catalog");
        }

        ProfileCatalog load() {
            List<Path> folders = new ArrayList<>();
            folders.add(state.dataDir().resolve("catalog"));
            if (catalog != null
                    && !catalog.toAbsolutePath()
                            .normalize()
                            .equals(folders.get(0).toAbsolutePath().normalize())) {
                if (!Files.isDirectory(catalog)) {
                    throw new CliException("catalog folder not found: " + catalog, 2);
                }
                folders.add(catalog);
            }
            try {
                return ProfileCatalog.load(folders);
            } catch (ProfileException e) {
                throw new CliException(e.getMessage(), 2);
            }
        }

        ModelProfile find(ProfileCatalog c, String id) {
            return c.find(id)
                    .orElseThrow(() -> new CliException(
                            "no model '" + id + "' in the catalog (trustgate models list shows them)", 2));
        }
    }

    static String mofClass(ModelProfile p) {
        return p.mof().assessed()
                ? MofClassifier.standard().classify(p.mof()).mofClass().label()
                : "unknown";
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the model profiles.")
    static final class ListCmd implements Callable<Integer> {
        @Mixin
        CatalogOptions opts;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            ProfileCatalog c = opts.load();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ArrayNode arr = JSON.createArrayNode();
                for (ModelProfile p : c.all()) {
                    ObjectNode n = arr.addObject();
                    n.put("id", p.id());
                    n.put("name", p.name());
                    ArrayNode al = n.putArray("aliases");
                    p.aliases().forEach(al::add);
                    n.put("provider", p.provider());
                    ArrayNode h = n.putArray("hosting");
                    p.hosting().stream().map(x -> x.key()).sorted().forEach(h::add);
                    n.put("weights", p.weights().key());
                    n.put("licence", p.licence().id().display());
                    n.put("mof-class", mofClass(p));
                    n.put("origin", c.origin(p.id()));
                }
                out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(arr));
            } else {
                Table t = new Table("ID", "NAME", "PROVIDER", "WEIGHTS", "HOSTING", "LICENCE", "MOF");
                for (ModelProfile p : c.all()) {
                    t.row(
                            p.id(),
                            p.name(),
                            p.provider(),
                            p.weights().key(),
                            String.join(
                                    ",",
                                    p.hosting().stream()
                                            .map(x -> x.key())
                                            .sorted()
                                            .toList()),
                            p.licence().id().display(),
                            mofClass(p));
                }
                t.print(out, "no model profiles (import some with: trustgate models import)");
            }
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "Show one profile (by id or alias): every fact with its source, unknowns as unknown, and"
                    + " the evidence of the catalog plus this installation's own (<data-dir>/evidence).")
    static final class Show implements Callable<Integer> {
        @Mixin
        CatalogOptions opts;

        @Parameters(paramLabel = "ID", description = "Model id or alias.")
        String id;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            ProfileCatalog c = opts.load();
            ModelProfile p = opts.find(c, id);
            List<Evidence> local = new EvidenceFiles(opts.state.dataDir()).read(p.id());
            ModelProfile merged = p.withEvidence(local);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode n = JSON.valueToTree(ProfileYaml.toMap(merged));
                n.put("origin", c.origin(p.id()));
                Fact<Boolean> risk = merged.systemicRiskPresumed();
                n.put("systemic-risk-presumed", risk.display());
                if (merged.mof().assessed()) {
                    MofResult r = MofClassifier.standard().classify(merged.mof());
                    ObjectNode m = n.putObject("mof-classification");
                    m.put("class", r.mofClass().number());
                    m.put("label", r.mofClass().label());
                    ObjectNode prog = m.putObject("progress");
                    for (int k = 1; k <= 3; k++) {
                        prog.put(Integer.toString(k), r.progress(k));
                    }
                } else {
                    n.put("mof-classification", "unknown");
                }
                n.put("local-evidence", local.size());
                out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n));
            } else {
                out.print(MarkdownCard.standard().render(merged));
                out.println();
                out.println("Profile: " + c.origin(p.id()) + "; evidence recorded here: " + local.size());
            }
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = "Convert a Model Openness Tool file (mot), a European Open Source AI Index file (osai) or a"
                    + " Hugging Face model card (hf-card, README.md) into profile YAML in the catalog folder. PATH may"
                    + " be a file or a folder (hf-card: a folder of org__name/README.md folders). A model the"
                    + " catalog already has is updated: known facts stay, the import fills unknowns and adds"
                    + " evidence.")
    static final class Import implements Callable<Integer> {
        @Mixin
        CatalogOptions opts;

        @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "mot, osai or hf-card.")
        String format;

        @Option(
                names = "--id",
                paramLabel = "ID",
                description = "hf-card: the model's id (org/name) when the card or its folder does not tell it.")
        String id;

        @Parameters(paramLabel = "PATH", description = "A file or a folder.")
        Path path;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Importer importer;
            try {
                importer = format.equals("hf-card") && id != null
                        ? new HfCardImporter(Optional.of(id), LocalDate.now(ZoneOffset.UTC))
                        : Importer.forFormat(format);
            } catch (ImportException e) {
                throw new CliException(e.getMessage(), 2);
            }
            List<Path> files = files(importer);
            // Imports add to what the catalog knows about a model (shipped or earlier imports) instead of replacing it.
            ProfileCatalog known = opts.load();
            Path dir = opts.userFolder();
            Files.createDirectories(dir);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Set<String> written = new HashSet<>();
            int failed = 0;
            for (Path f : files) {
                ModelProfile p;
                try {
                    p = importer.read(readText(f), f.toString());
                } catch (ImportException e) {
                    err.println("skipped " + f + ": " + e.getMessage());
                    failed++;
                    continue;
                }
                if (!written.add(p.id())) {
                    err.println("skipped " + f + ": another file of this import already gave model " + p.id());
                    failed++;
                    continue;
                }
                String pid = p.id();
                Optional<ModelProfile> before = known.find(pid).filter(k -> k.id().equals(pid));
                String verb = before.isPresent() ? "updated" : "imported";
                if (before.isPresent()) {
                    p = ProfileMerge.merge(before.get(), p);
                }
                Path target = dir.resolve(ProfileYaml.fileName(p.id()));
                Path tmp = Files.createTempFile(dir, ".import", ".tmp");
                Files.writeString(
                        tmp,
                        "# Imported by trustgate models import --format " + importer.format() + " from "
                                + f.toString().replace('\n', ' ') + "\n" + ProfileYaml.write(p));
                Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                out.println(verb + " " + p.id() + " from " + f + " -> " + target + " (MOF: " + mofClass(p)
                        + (p.osai().isPresent()
                                ? ", OSAI grades: " + p.osai().get().grades().size()
                                : "")
                        + (p.evidence().isEmpty()
                                ? ""
                                : ", evidence: " + p.evidence().size()) + ")");
            }
            out.println("imported " + written.size() + " profile(s) into " + dir
                    + (failed > 0 ? "; " + failed + " file(s) skipped" : ""));
            out.flush();
            err.flush();
            return failed > 0 ? 1 : 0;
        }

        private List<Path> files(Importer importer) throws IOException {
            if (Files.isRegularFile(path)) {
                return List.of(path);
            }
            if (!Files.isDirectory(path)) {
                throw new CliException("not found: " + path, 2);
            }
            int depth = importer.format().equals("hf-card") ? 2 : 1;
            List<Path> out;
            try (Stream<Path> s = Files.walk(path, depth)) {
                out = s.filter(Files::isRegularFile)
                        .filter(p -> importer.accepts(p.getFileName().toString()))
                        .sorted()
                        .limit(MAX_IMPORT_FILES + 1)
                        .toList();
            }
            if (out.size() > MAX_IMPORT_FILES) {
                throw new CliException(path + ": more than " + MAX_IMPORT_FILES + " files", 2);
            }
            if (out.isEmpty()) {
                throw new CliException("no " + importer.format() + " files in " + path, 2);
            }
            return out;
        }

        private static String readText(Path f) throws IOException {
            byte[] b;
            try (InputStream in = Files.newInputStream(f)) {
                b = in.readNBytes(Importer.MAX_CHARS * 4 + 1);
            }
            if (b.length > Importer.MAX_CHARS * 4) {
                throw new ImportException(f + ": file too large");
            }
            try {
                return StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(b))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new ImportException(f + ": not UTF-8 text");
            }
        }
    }

    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = "Write a profile as a CycloneDX 1.6 ML-BOM (JSON) or a Markdown model card, to stdout or"
                    + " --output.")
    static final class Export implements Callable<Integer> {
        @Mixin
        CatalogOptions opts;

        @Parameters(paramLabel = "ID", description = "Model id or alias.")
        String id;

        @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "cyclonedx or markdown.")
        String format;

        @Option(names = "--output", paramLabel = "FILE", description = "Write here instead of stdout.")
        Path output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            ProfileCatalog c = opts.load();
            ModelProfile p = opts.find(c, id);
            p = p.withEvidence(new EvidenceFiles(opts.state.dataDir()).read(p.id()));
            String text = switch (format.toLowerCase(Locale.ROOT)) {
                case "cyclonedx" -> CycloneDxExporter.standard().toJson(p);
                case "markdown" -> MarkdownCard.standard().render(p);
                default -> throw new CliException("unknown export format '" + format + "' (cyclonedx, markdown)", 2);
            };
            if (output != null) {
                try {
                    Files.writeString(output, text);
                } catch (IOException e) {
                    // the JDK's message is the bare path: say why
                    Path folder = output.toAbsolutePath().getParent();
                    throw new CliException(
                            "cannot write " + output + ": "
                                    + (folder != null && !Files.isDirectory(folder)
                                            ? "no such directory " + folder
                                            : IoReason.of(e)),
                            1);
                }
                spec.commandLine().getErr().println("wrote " + output);
            } else {
                PrintWriter out = spec.commandLine().getOut();
                out.print(text);
                if (!text.endsWith("\n")) {
                    out.println();
                }
                out.flush();
            }
            return 0;
        }
    }
}
