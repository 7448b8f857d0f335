package io.trustgate.assess.artifacts;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Scans model files for supply-chain attacks without loading them: pickles (and the PyTorch, NumPy and joblib
 * formats built on them), zip containers, Keras configs, safetensors, GGUF and ONNX. Threat: OWASP LLM03 (supply
 * chain): a downloaded model that runs code or reads files when loaded, or that hides content from scanners. Every
 * file is recognised by its content, scanned by the matching reader, and compared with what its name claims. Cost:
 * proportional to the metadata, not the weights: safetensors and GGUF cost a header read, pickles one pass, zips a
 * pass over their directories plus the entries worth reading. Limits: see each scanner; nothing is executed, so
 * payloads that only show at run time (weights poisoned to misbehave) are out of scope.
 */
public final class ArtifactScanner {
    private final ScanLimits limits;

    public ArtifactScanner(ScanLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public ArtifactScanner() {
        this(ScanLimits.defaults());
    }

    /**
     * Scans a file, or every file under a folder except {@code .git/}. Symbolic links are followed, the path given
     * and those inside the folder alike, wherever they point: a loader reads the target (the Hugging Face cache
     * stores every snapshot file as a link into {@code blobs/}). A file reached under several names is scanned once,
     * under the first name in sorted order; a directory loop is reported (LOW) and not walked again.
     */
    public ScanReport scan(Path path) {
        long t0 = System.nanoTime();
        List<FileVerdict> out = new ArrayList<>();
        long bytes = 0;
        if (Files.isDirectory(path)) {
            for (Walked w : walk(path)) {
                FileVerdict v = w.loop() ? loop(w.name()) : scanFile(w.path(), w.name());
                bytes += v.bytes();
                out.add(v);
            }
        } else if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            FileVerdict v = scanFile(path, String.valueOf(path.getFileName()));
            bytes += v.bytes();
            out.add(v);
        } else {
            throw new IllegalArgumentException("no such file or folder: " + path);
        }
        return new ScanReport(path.toString(), out, bytes, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** A file found in a folder walk (or a directory loop met there); name is relative to the scanned folder. */
    private record Walked(String name, Path path, boolean loop) {}

    private List<Walked> walk(Path root) {
        List<Walked> found = new ArrayList<>();
        Map<Object, Boolean> seen = new HashMap<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), 64, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    // A .git folder is history, not a model: no loader reads it, and its packs are large.
                    return rel(root, dir).equals(".git") ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    found.add(new Walked(rel(root, file), file, false));
                    return found.size() >= MAX_WALKED ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // A loop (a link to an ancestor) is reported once; other failures surface when the file is read.
                    found.add(new Walked(rel(root, file), file, e instanceof FileSystemLoopException));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("cannot list " + root + ": " + e.getMessage(), e);
        }
        List<Walked> unique = new ArrayList<>();
        found.sort(Comparator.comparing(Walked::name));
        for (Walked w : found) {
            if (unique.size() >= limits.maxFiles()) {
                break;
            }
            // Links make one real file reachable under several names: scan it once, under its first name.
            if (w.loop() || seen.putIfAbsent(identity(w.path()), Boolean.TRUE) == null) {
                unique.add(w);
            }
        }
        return unique;
    }

    /** Bounds the walk itself (before sorting and the maxFiles cut), so a huge tree cannot exhaust memory. */
    private static final int MAX_WALKED = 1_000_000;

    private static String rel(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    /** The real file behind a path (inode where the file system has one), or the path when it cannot be resolved. */
    private static Object identity(Path p) {
        try {
            Object key = Files.readAttributes(p, BasicFileAttributes.class).fileKey();
            return key != null ? key : p.toRealPath();
        } catch (IOException | RuntimeException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private FileVerdict loop(String name) {
        ScanJob job = new ScanJob(name, limits);
        job.add(
                Severity.LOW,
                Rule.FILE_UNREADABLE,
                Detector.NAME,
                "symbolic link loop (links to a folder that contains it): not walked again",
                "",
                -1,
                -1);
        return FileVerdict.of(name, "symlink-loop", 0, job.findings());
    }

    /** Scans one file, following a symbolic link to what a loader would read; name is how findings refer to it. */
    public FileVerdict scanFile(Path file, String name) {
        ScanJob job = new ScanJob(name, limits);
        Optional<String> special = special(file);
        if (special.isPresent()) {
            // Opening a named pipe blocks until a writer appears (a scan would hang); a device can be endless.
            job.add(
                    Severity.MEDIUM,
                    Rule.FILE_SPECIAL,
                    Detector.NAME,
                    special.get() + ", not a regular file: skipped without opening",
                    "",
                    -1,
                    -1);
            return FileVerdict.of(name, "special", 0, job.findings());
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            Blob b = size == 0 ? Blob.of(new byte[0]) : Blob.map(ch);
            String format = run(job, b, name);
            return FileVerdict.of(name, format, size, job.findings());
        } catch (IOException | java.io.UncheckedIOException e) {
            job.add(Severity.MEDIUM, Rule.FILE_UNREADABLE, Detector.NAME, "cannot read: " + e.getMessage(), "", -1, -1);
            return FileVerdict.of(name, "unreadable", 0, job.findings());
        }
    }

    /** What a path is when it is not a regular file (read with stat, never opened); empty for a regular file. */
    private static Optional<String> special(Path file) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a broken link or a permission error: reported when the open fails
        }
        if (a.isRegularFile()) {
            return Optional.empty();
        }
        if (a.isDirectory()) {
            return Optional.of("folder nested deeper than the walk goes");
        }
        return Optional.of("named pipe, socket or device");
    }

    /** Scans bytes held in memory (tests, fuzzing, content fetched by other means). */
    public FileVerdict scanBytes(String name, byte[] data) {
        ScanJob job = new ScanJob(name, limits);
        String format = run(job, Blob.of(data), name);
        return FileVerdict.of(name, format, data.length, job.findings());
    }

    private static String run(ScanJob job, Blob b, String name) {
        try {
            return Detector.scan(job, b, "", name, 0, true);
        } catch (RuntimeException e) {
            // A reader bug must not hide the file: report it as uninspected rather than crash the scan.
            job.add(
                    Severity.MEDIUM,
                    Rule.FILE_UNREADABLE,
                    Detector.NAME,
                    "scanner error " + e.getClass().getSimpleName() + ": content not fully inspected",
                    "",
                    -1,
                    -1);
            return "unknown";
        }
    }
}
