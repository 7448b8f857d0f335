package io.trustgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.api.evidence.Evidence;
import io.trustgate.api.evidence.EvidenceKind;
import io.trustgate.api.evidence.Measurement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Evidence gathered by this installation (assessment runs, ratings, artifact scans), one JSON file per record under
 * {@code <data-dir>/evidence/<model>/}. The registry merges it with the evidence its catalog files carry. Files are
 * written to a temporary name then moved, so a reader never sees half a record.
 */
final class EvidenceFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path root;

    EvidenceFiles(Path dataDir) {
        this.root = dataDir.resolve("evidence");
    }

    /** Stores the record; the same record stored twice is one file (named by a hash of its content). */
    Path write(Evidence e) {
        byte[] body = toJson(e).toPrettyString().getBytes(StandardCharsets.UTF_8);
        Path dir = root.resolve(safeName(e.model()));
        Path file = dir.resolve(e.kind().name().toLowerCase(java.util.Locale.ROOT) + "-" + safeName(e.name()) + "-"
                + e.date() + "-" + shortHash(body) + ".json");
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".evidence", ".tmp");
            Files.write(tmp, body);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException ex) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write evidence to " + dir, ex);
        }
    }

    /** Every record stored for the model, oldest first. */
    List<Evidence> read(String model) {
        Path dir = root.resolve(safeName(model));
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Evidence> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                out.add(fromJson(JSON.readTree(f.toFile())));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read evidence in " + dir, ex);
        }
        out.sort(java.util.Comparator.comparing(Evidence::date));
        return out;
    }

    static ObjectNode toJson(Evidence e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("model", e.model());
        n.put("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT));
        n.put("name", e.name());
        n.put("source", e.source());
        n.put("date", e.date().toString());
        n.put("method", e.method());
        ArrayNode ms = n.putArray("measurements");
        for (Measurement m : e.measurements()) {
            ObjectNode mn = ms.addObject();
            mn.put("name", m.name());
            mn.put("value", m.value());
            if (m.hasInterval()) {
                mn.put("lower", m.lower());
                mn.put("upper", m.upper());
            }
            mn.put("samples", m.samples());
        }
        ArrayNode notes = n.putArray("notes");
        e.notes().forEach(notes::add);
        return n;
    }

    static Evidence fromJson(JsonNode n) {
        List<Measurement> ms = new ArrayList<>();
        for (JsonNode m : n.path("measurements")) {
            double v = m.path("value").asDouble();
            ms.add(new Measurement(
                    m.path("name").asText(),
                    v,
                    m.path("lower").asDouble(v),
                    m.path("upper").asDouble(v),
                    m.path("samples").asLong(0)));
        }
        List<String> notes = new ArrayList<>();
        n.path("notes").forEach(x -> notes.add(x.asText()));
        return new Evidence(
                n.path("model").asText(),
                EvidenceKind.valueOf(n.path("kind").asText().toUpperCase(java.util.Locale.ROOT)),
                n.path("name").asText(),
                n.path("source").asText(),
                LocalDate.parse(n.path("date").asText()),
                n.path("method").asText(),
                ms,
                notes);
    }

    /** Model ids hold slashes and colons (meta-llama/Llama-3.1-8B); folder names must not. */
    static String safeName(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String shortHash(byte[] body) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(body))
                    .substring(0, 12);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
