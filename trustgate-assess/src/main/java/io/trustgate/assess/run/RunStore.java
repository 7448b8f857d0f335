package io.trustgate.assess.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The runs of an installation, one folder each under {@code <data-dir>/assessments/<run-id>/}: {@code run.json}
 * (what the run is), {@code journal.jsonl} (one line per sample graded or failed, appended and fsync'd per batch),
 * {@code finished} once complete, and the reports. The journal is what makes a run resumable: a sample with a graded
 * line is never sent again; a line cut short by a crash is ignored (that sample runs again).
 */
public final class RunStore {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String META = "run.json";
    static final String JOURNAL = "journal.jsonl";
    static final String FINISHED = "finished";

    /**
     * The shape of the ids the store makes ({@link #newId}): start time (UTC), suite name, 4 random hex digits, as in
     * {@code 20261126-093000-xstest-1a2b}. Every method refuses any other id: an id names a folder, and {@code ..}, a
     * path or an absolute path would name one outside the store.
     */
    private static final Pattern ID = Pattern.compile("[0-9]{8}-[0-9]{6}-[A-Za-z0-9._-]{1,79}-[0-9a-f]{4}");

    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path root;

    public RunStore(Path dataDir) {
        this.root = dataDir.resolve("assessments");
    }

    /** A new run id for a run of {@code suite} started at {@code started}. */
    public static String newId(Instant started, String suite) {
        String s = suite.replaceAll("[^A-Za-z0-9._-]", "_");
        s = s.isEmpty() ? "suite" : s.substring(0, Math.min(s.length(), 79));
        return ID_TIME.format(started) + "-" + s + "-"
                + HexFormat.of()
                        .toHexDigits(ThreadLocalRandom.current().nextInt())
                        .substring(0, 4);
    }

    /** Whether {@code s} has the shape of a run id. */
    public static boolean isId(String s) {
        return ID.matcher(s).matches();
    }

    /** {@code runId}, if it has the shape of a run id; else an {@link IllegalArgumentException} saying so. */
    public static String requireId(String runId) {
        if (!isId(runId)) {
            String shown = runId.length() > 60 ? runId.substring(0, 60) + "..." : runId;
            throw new IllegalArgumentException("'" + shown.replaceAll("\\p{Cntrl}", "?")
                    + "' is not a run id (run ids look like 20261126-093000-xstest-1a2b; see: trustgate assess list)");
        }
        return runId;
    }

    /** The run's folder; the id must have the shape of a run id. */
    public Path dir(String runId) {
        return root.resolve(requireId(runId));
    }

    /** Creates the run's folder and writes its metadata; fails if the run exists. */
    public void create(RunMeta meta) {
        Path d = dir(meta.id());
        try {
            Files.createDirectories(root);
            Files.createDirectory(d);
            writeAtomically(d.resolve(META), meta.toJson().toPrettyString());
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new IllegalArgumentException("run " + meta.id() + " already exists in " + root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run folder " + d, e);
        }
    }

    /**
     * Removes a run's folder and what is in it; for a run that stopped before any answer (a refused key), which
     * would otherwise be listed as incomplete with nothing to resume.
     */
    public void delete(String runId) {
        Path d = dir(runId);
        if (!Files.isDirectory(d)) {
            return;
        }
        try (Stream<Path> all = Files.walk(d)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove run folder " + d, e);
        }
    }

    /** The run's metadata; empty when there is no such run. */
    public Optional<RunMeta> meta(String runId) {
        Path f = dir(runId).resolve(META);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(RunMeta.fromJson(JSON.readTree(f.toFile())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    /** Every run, newest first; folders whose name is not a run id are not runs. */
    public List<RunMeta> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<RunMeta> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            for (Path d : s.filter(Files::isDirectory).toList()) {
                String name = d.getFileName().toString();
                if (isId(name)) {
                    meta(name).ifPresent(out::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        out.sort(Comparator.comparing(RunMeta::created).reversed());
        return out;
    }

    public boolean finished(String runId) {
        return Files.exists(dir(runId).resolve(FINISHED));
    }

    void markFinished(String runId) {
        try {
            writeAtomically(
                    dir(runId).resolve(FINISHED), java.time.Instant.now().toString() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark run " + runId + " finished", e);
        }
    }

    /**
     * The latest line per sample id (a sample failed then graded on resume has both lines; the graded one counts).
     * Lines that are not JSON (the tail of a crash) are skipped.
     */
    public List<SampleResult> results(String runId) {
        Path f = dir(runId).resolve(JOURNAL);
        if (!Files.isRegularFile(f)) {
            return List.of();
        }
        Map<String, SampleResult> by = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = JSON.readTree(line);
                } catch (IOException torn) {
                    continue;
                }
                SampleResult r = SampleResult.fromJson(n);
                SampleResult before = by.get(r.id());
                if (before == null || !before.graded()) {
                    by.put(r.id(), r);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
        return List.copyOf(by.values());
    }

    /** Opens the run's journal for appending. */
    public Journal journal(String runId) {
        return new Journal(dir(runId).resolve(JOURNAL));
    }

    static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".tmp", ".part");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * An append-only journal. Each line is written as soon as its sample is graded (one write call, so a killed
     * process loses nothing the OS has), and forced to disk with one {@code fsync} per batch ({@link #flush()}), so
     * that a power loss loses at most the current batch, whose samples then run again.
     */
    public static final class Journal implements AutoCloseable {
        // a stream, not a FileChannel: a channel closes itself when a writing thread is interrupted (Ctrl-C
        // stopping the workers), which would lose the line
        private final java.io.FileOutputStream out;
        private int unsynced;

        Journal(Path file) {
            try {
                // a crash may have left a line without its newline: start on a fresh line
                boolean needsNewline = Files.exists(file) && Files.size(file) > 0 && !endsWithNewline(file);
                out = new java.io.FileOutputStream(file.toFile(), true);
                if (needsNewline) {
                    out.write('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open journal " + file, e);
            }
        }

        private static boolean endsWithNewline(Path f) throws IOException {
            try (FileChannel c = FileChannel.open(f, StandardOpenOption.READ)) {
                ByteBuffer b = ByteBuffer.allocate(1);
                c.read(b, c.size() - 1);
                return b.get(0) == '\n';
            }
        }

        public synchronized void append(SampleResult r) {
            try {
                out.write((r.toJson().toString() + "\n").getBytes(StandardCharsets.UTF_8));
                unsynced++;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the run journal", e);
            }
        }

        /** Lines written since the last {@link #flush()}. */
        public synchronized int pending() {
            return unsynced;
        }

        /** Forces the written lines to disk. */
        public synchronized void flush() {
            if (unsynced == 0) {
                return;
            }
            try {
                out.getFD().sync();
                unsynced = 0;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot sync the run journal", e);
            }
        }

        @Override
        public synchronized void close() {
            try {
                flush();
            } finally {
                try {
                    out.close();
                } catch (IOException e) {
                    // closing after a successful force loses nothing
                }
            }
        }
    }
}
