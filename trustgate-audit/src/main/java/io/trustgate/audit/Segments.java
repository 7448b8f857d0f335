package io.trustgate.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The files of a log directory: segments named by their first seq, and the side file of checkpoints. */
final class Segments {
    static final String SIDE = "checkpoints.jsonl";
    private static final Pattern NAME = Pattern.compile("segment-\\d{20}\\.jsonl");

    private Segments() {}

    static Path name(Path dir, long firstSeq) {
        return dir.resolve(String.format("segment-%020d.jsonl", firstSeq));
    }

    /** The segments, oldest first. */
    static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new AuditException("cannot list the audit directory " + dir + ": " + e.getMessage(), e);
        }
    }

    static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new AuditException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    /** Visits the newline-terminated lines of {@code buf}; returns where the unterminated tail starts. */
    static int lines(byte[] buf, LineVisitor v) {
        int start = 0;
        for (int i = 0; i < buf.length; i++) {
            if (buf[i] == '\n') {
                if (!v.line(start, i)) {
                    return start;
                }
                start = i + 1;
            }
        }
        return start;
    }

    @FunctionalInterface
    interface LineVisitor {
        /** Returns false to stop. */
        boolean line(int start, int end);
    }
}
