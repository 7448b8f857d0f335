package io.trustgate.registry.imports;

import io.trustgate.registry.profile.ModelProfile;
import io.trustgate.registry.profile.YamlNode;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Turns a third-party description of a model into a profile. Importers parse untrusted input: they are bounded in
 * size and nesting, fill only what the file says (every fact cites the file), leave the rest unknown, and fail only
 * with {@link ImportException}.
 */
public sealed interface Importer permits MotImporter, OsaiImporter, HfCardImporter {
    /** Inputs larger than this are refused before parsing. */
    int MAX_CHARS = 1024 * 1024;

    /**
     * Converts one file.
     *
     * @param text the file's content
     * @param source the file path or URL, cited as the source of every fact
     */
    ModelProfile read(String text, String source);

    /** The format's name on the command line. */
    String format();

    /** Whether a file in a folder import is one of this format's files. */
    boolean accepts(String fileName);

    /** The importer for {@code mot}, {@code osai} or {@code hf-card}. */
    static Importer forFormat(String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "mot" -> new MotImporter();
            case "osai" -> new OsaiImporter();
            case "hf-card" -> new HfCardImporter();
            default -> throw new ImportException("unknown import format '" + format + "' (mot, osai, hf-card)");
        };
    }

    /** Runs a conversion, turning parser and validation failures into {@link ImportException}. */
    static ModelProfile guarded(String source, java.util.function.Supplier<ModelProfile> f) {
        try {
            return f.get();
        } catch (YamlNode.Problem e) {
            throw new ImportException(e.getMessage());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new ImportException(source + ": " + e.getMessage());
        }
    }

    /** {@code org/name} from a Hugging Face model URL, if it is one. */
    static java.util.Optional<String> huggingFaceId(String url) {
        var m = java.util.regex.Pattern.compile(
                        "^https?://(?:www\\.)?huggingface\\.co/([A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*)/?(?:[#?].*)?$")
                .matcher(url.trim());
        return m.matches() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    /** A lower-case id made of the text's letters, digits, dots and dashes. */
    static String slug(String s) {
        String x = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return x.isEmpty() ? "unnamed" : x.length() > 100 ? x.substring(0, 100) : x;
    }
}
