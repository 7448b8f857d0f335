package io.trustgate.assess.artifacts;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

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

    /** Scans a file, or every file under a folder except {@code .git/} (symbolic links are reported, not followed). */
    public ScanReport scan(Path path) {
        long t0 = System.nanoTime();
        List<FileVerdict> out = new ArrayList<>();
        long bytes = 0;
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(path, 64, new FileVisitOption[0])) {
                // A .git folder is history, not a model: no loader reads it, and its packs are large.
                files = s.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                        .filter(p -> !path.relativize(p)
                                .toString()
                                .replace('\\', '/')
                                .startsWith(".git/"))
                        .sorted()
                        .limit(limits.maxFiles())
                        .toList();
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new IllegalArgumentException("cannot list " + path + ": " + e.getMessage(), e);
            }
            for (Path f : files) {
                FileVerdict v = scanFile(f, path.relativize(f).toString().replace('\\', '/'));
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

    /** Scans one file; name is how findings refer to it. */
    public FileVerdict scanFile(Path file, String name) {
        ScanJob job = new ScanJob(name, limits);
        if (Files.isSymbolicLink(file)) {
            job.add(
                    Severity.MEDIUM,
                    Rule.FILE_UNREADABLE,
                    Detector.NAME,
                    "symbolic link: not followed (a loader would read its target)",
                    "",
                    -1,
                    -1);
            return FileVerdict.of(name, "symlink", 0, job.findings());
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
