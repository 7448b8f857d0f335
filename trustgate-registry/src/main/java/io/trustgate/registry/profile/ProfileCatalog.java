package io.trustgate.registry.profile;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The model profiles: the catalog shipped on the classpath ({@code catalog/models/*.yaml}) plus the user's folders.
 * Ids are unique within a folder; a user file with the id of a shipped profile replaces it (so users can correct or
 * extend the shipped catalog). Aliases are unique across the catalog and never shadow an id. Immutable.
 */
public final class ProfileCatalog {
    /** The classpath folder of the shipped catalog. */
    public static final String SHIPPED = "catalog/models";

    private static final int MAX_FILES = 10_000;

    private final Map<String, ModelProfile> byId;
    private final Map<String, String> aliases;
    private final Map<String, String> origins;

    private ProfileCatalog(Map<String, ModelProfile> byId, Map<String, String> origins) {
        Map<String, String> al = new LinkedHashMap<>();
        for (ModelProfile p : byId.values()) {
            for (String a : p.aliases()) {
                if (byId.containsKey(a) && !a.equals(p.id())) {
                    throw new ProfileException(origins.get(p.id()) + ": alias '" + a + "' is the id of another model ("
                            + origins.get(a) + ")");
                }
                String prev = al.putIfAbsent(a, p.id());
                if (prev != null && !prev.equals(p.id())) {
                    throw new ProfileException(origins.get(p.id()) + ": alias '" + a + "' is already an alias of "
                            + prev + " (" + origins.get(prev) + ")");
                }
            }
        }
        this.byId = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byId));
        this.aliases = Map.copyOf(al);
        this.origins = Map.copyOf(origins);
    }

    /** The shipped catalog and then each user folder (missing folders are skipped: a fresh install has none). */
    public static ProfileCatalog load(List<Path> userFolders) {
        Map<String, ModelProfile> byId = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        addFolder(shippedFolder(), "classpath:" + SHIPPED, byId, origins, false);
        for (Path dir : userFolders) {
            if (Files.isDirectory(dir)) {
                addFolder(Optional.of(dir), dir.toString(), byId, origins, true);
            } else if (Files.exists(dir)) {
                throw new ProfileException(dir + ": not a folder");
            }
        }
        return new ProfileCatalog(byId, origins);
    }

    /** Only the given folders, without the shipped catalog (tests, validation of a user folder). */
    public static ProfileCatalog loadFolders(List<Path> folders) {
        Map<String, ModelProfile> byId = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        for (Path dir : folders) {
            if (!Files.isDirectory(dir)) {
                throw new ProfileException(dir + ": not a folder");
            }
            addFolder(Optional.of(dir), dir.toString(), byId, origins, true);
        }
        return new ProfileCatalog(byId, origins);
    }

    /** A catalog of the given profiles (origin {@code memory}). */
    public static ProfileCatalog of(Collection<ModelProfile> profiles) {
        Map<String, ModelProfile> byId = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        for (ModelProfile p : profiles) {
            if (byId.putIfAbsent(p.id(), p) != null) {
                throw new ProfileException("model " + p.id() + " is declared twice");
            }
            origins.put(p.id(), "memory");
        }
        return new ProfileCatalog(byId, origins);
    }

    private static void addFolder(
            Optional<Path> folder,
            String label,
            Map<String, ModelProfile> byId,
            Map<String, String> origins,
            boolean overrides) {
        if (folder.isEmpty()) {
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder.get())) {
            files = s.filter(p -> {
                        String n = p.getFileName().toString();
                        return !n.startsWith(".") && (n.endsWith(".yaml") || n.endsWith(".yml"));
                    })
                    .sorted()
                    .limit(MAX_FILES + 1)
                    .toList();
        } catch (IOException e) {
            throw new ProfileException(label + ": cannot list: " + e.getMessage(), e);
        }
        if (files.size() > MAX_FILES) {
            throw new ProfileException(label + ": more than " + MAX_FILES + " profile files");
        }
        Map<String, String> seenHere = new LinkedHashMap<>();
        for (Path f : files) {
            String name = label + "/" + f.getFileName();
            ModelProfile p = ProfileYaml.read(readBounded(f, name), name);
            String prev = seenHere.putIfAbsent(p.id(), name);
            if (prev != null) {
                throw new ProfileException(name + ": id '" + p.id() + "' is already declared in " + prev);
            }
            if (!overrides && byId.containsKey(p.id())) {
                throw new ProfileException(
                        name + ": id '" + p.id() + "' is already declared in " + origins.get(p.id()));
            }
            byId.remove(p.id());
            byId.put(p.id(), p);
            origins.put(p.id(), name);
        }
    }

    static String readBounded(Path f, String name) {
        try {
            if (Files.size(f) > ProfileYaml.MAX_CHARS * 4L) {
                throw new ProfileException(name + ": file too large");
            }
            byte[] b;
            try (InputStream in = Files.newInputStream(f)) {
                b = in.readNBytes(ProfileYaml.MAX_CHARS * 4 + 1);
            }
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(b))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ProfileException(name + ": not UTF-8 text");
        } catch (IOException e) {
            throw new ProfileException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The shipped folder, from the classes folder or from inside the jar. */
    private static Optional<Path> shippedFolder() {
        URL url = ProfileCatalog.class.getClassLoader().getResource(SHIPPED);
        if (url == null) {
            return Optional.empty();
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return Optional.of(fs.getPath(SHIPPED));
            }
            return Optional.of(Path.of(uri));
        } catch (URISyntaxException | IOException e) {
            throw new ProfileException("cannot open the shipped catalog at " + url + ": " + e.getMessage(), e);
        }
    }

    /** Every profile, shipped first, in file order. */
    public List<ModelProfile> all() {
        return new ArrayList<>(byId.values());
    }

    /** By id, or by alias. */
    public Optional<ModelProfile> find(String idOrAlias) {
        ModelProfile p = byId.get(idOrAlias);
        if (p == null && aliases.containsKey(idOrAlias)) {
            p = byId.get(aliases.get(idOrAlias));
        }
        return Optional.ofNullable(p);
    }

    /** Where a profile was read from ({@code classpath:catalog/models/x.yaml}, a path, or {@code memory}). */
    public String origin(String id) {
        return origins.getOrDefault(id, "");
    }

    public int size() {
        return byId.size();
    }
}
