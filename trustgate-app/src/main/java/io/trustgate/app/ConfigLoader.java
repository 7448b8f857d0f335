package io.trustgate.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads {@code trustgate.yaml} into a {@link TrustgateConfig}. Every problem found is reported at once, each with its
 * file, line and dotted key, as one {@link ConfigException}; no other exception escapes, whatever the input.
 *
 * <p>Scalar values may use {@code ${NAME}} (the environment variable NAME, a problem when unset) and
 * {@code ${NAME:-default}} (default when NAME is unset or empty). An option written with no value keeps its
 * default. Without {@code providers}, {@code models} or {@code tiers} sections the built-in sandbox provider, its
 * models and the {@code default} tier of {@link TrustgateConfig#defaults()} are used.
 */
public final class ConfigLoader {
    /** Largest accepted file: a configuration is a few kilobytes; this bounds the work done on junk. */
    static final int MAX_CHARS = 1 << 20;

    private ConfigLoader() {}

    /** Reads and checks a UTF-8 file. */
    public static TrustgateConfig load(Path file, Map<String, String> env) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(env, "env");
        String source = file.toString();
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_CHARS + 1);
        } catch (NoSuchFileException e) {
            throw fileProblem(source, 1, "cannot read: no such file");
        } catch (AccessDeniedException e) {
            throw fileProblem(source, 1, "cannot read: permission denied");
        } catch (IOException | RuntimeException e) {
            throw fileProblem(source, 1, "cannot read: " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
        if (bytes.length > MAX_CHARS) {
            throw fileProblem(source, 1, "larger than " + MAX_CHARS + " bytes; is this the configuration file?");
        }
        return parse(decodeUtf8(bytes, source), source, env);
    }

    /**
     * Reads and checks YAML text.
     *
     * @param sourceName the file name to show in problems
     */
    public static TrustgateConfig parse(String yaml, String sourceName, Map<String, String> env) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(env, "env");
        ConfigReader reader = new ConfigReader(sourceName, env);
        try {
            return reader.read(yaml);
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // A bug of ours, not of the file; still honour the contract that only ConfigException escapes.
            // No cause and no exception message: either might quote a credential. The class and place suffice.
            StackTraceElement[] trace = e.getStackTrace();
            String where = trace.length == 0 ? "" : " at " + trace[0].getFileName() + ":" + trace[0].getLineNumber();
            throw fileProblem(
                    sourceName,
                    1,
                    "internal error while reading the configuration: "
                            + e.getClass().getName() + where);
        }
    }

    private static String decodeUtf8(byte[] bytes, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at && i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            String bad = at < bytes.length ? String.format(" (byte 0x%02x at offset %d)", bytes[at] & 0xff, at) : "";
            throw fileProblem(source, line, "not valid UTF-8" + bad);
        }
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static ConfigException fileProblem(String source, int line, String message) {
        return new ConfigException(List.of(new ConfigProblem(source, line, "", message)));
    }
}
