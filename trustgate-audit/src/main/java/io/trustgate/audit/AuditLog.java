package io.trustgate.audit;

import io.trustgate.api.audit.AuditEvent;
import io.trustgate.api.audit.AuditSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The tamper-evident audit log: an append-only directory of hash-chained JSONL segments with Ed25519-signed
 * checkpoints (format in docs/audit.md).
 *
 * <p>One writer thread does all writing (group commit): it drains the queue, appends the batch to the current
 * segment with one write, calls {@code FileChannel.force(false)} once, and only then completes the batch's futures,
 * so a completed future means the event is on disk. Callers pay the encoding of their own event (on their thread)
 * and wait at most one batch's write and fsync. When the queue is full, {@code append} waits up to {@link
 * AuditConfig#offerTimeout()} and then fails the future with an {@link AuditException}: the caller decides (the
 * gateway should refuse the request rather than answer it unaudited). If a write or fsync fails, the batch's futures
 * fail, the writer stops, and every later append fails (fail closed: nothing is acknowledged that is not on disk).
 *
 * <p>Every segment starts with a checkpoint line, so dropping old segments ({@link #prune}) leaves a remainder whose
 * first line is a signed anchor. On open, a torn last line (a crash mid-write: never acknowledged) is truncated and
 * logged; damage anywhere else refuses the open.
 */
public final class AuditLog implements AuditSink {
    // SLF4J like every other part, so that these lines reach the app's backend (one JSON object per line on stderr)
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("io.trustgate.audit");
    private static final Pending POISON = new Pending(new byte[0], new CompletableFuture<>());

    private final AuditConfig config;
    private final Path dir;
    private final KeyPair keys;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ArrayBlockingQueue<Pending> queue;
    private final Thread writer;
    private final Object segmentsLock = new Object();
    private final MessageDigest md = Codec.sha256(); // writer thread (and open) only
    private final long truncatedOnOpen;
    private volatile boolean closed;
    private volatile Throwable failure;

    // Writer state: touched by open() before the writer starts, then by the writer thread only.
    private FileChannel segment;
    private Path segmentPath;
    private long segmentSize;
    private final FileChannel side;
    private long nextSeq;
    private byte[] head = Codec.GENESIS;
    private long eventCount;
    private long sinceCheckpoint;
    private long lastCheckpointNanos = System.nanoTime();

    private record Pending(byte[] body, CompletableFuture<Long> future) {}

    private AuditLog(AuditConfig config) throws IOException {
        this.config = config;
        this.dir = config.dir();
        Files.createDirectories(dir);
        this.lockChannel =
                FileChannel.open(dir.resolve("writer.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            lockChannel.close();
            throw new Busy("the audit log in " + dir + " is open in another writer");
        }
        this.lock = l;
        try {
            this.keys = Keys.loadOrCreate(dir);
            this.side = FileChannel.open(
                    dir.resolve(Segments.SIDE),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            truncateTornSide();
            this.truncatedOnOpen = recover();
        } catch (IOException | RuntimeException e) {
            lock.release();
            lockChannel.close();
            throw e;
        }
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.writer = Thread.ofPlatform().name("audit-writer").daemon(true).unstarted(this::run);
        writer.start();
        if (config.ack() == AuditConfig.Ack.WRITTEN) {
            syncer = Thread.ofPlatform().name("audit-sync").daemon(true).unstarted(this::syncLoop);
            syncer.start();
        }
    }

    /** Opens (creating or recovering) the log in {@code config.dir()} and starts its writer. */
    public static AuditLog open(AuditConfig config) {
        try {
            return new AuditLog(config);
        } catch (IOException e) {
            throw new AuditException("cannot open the audit log in " + config.dir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * As {@link #open(AuditConfig)}, waiting up to {@code wait} while another process holds the log. A command-line
     * action (`keys create`) holds it for the moment it takes to append its event; a gateway starting then waits for it
     * instead of exiting. Still held after {@code wait}: {@link Busy} (another gateway, most likely).
     */
    public static AuditLog open(AuditConfig config, java.time.Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                return open(config);
            } catch (Busy busy) {
                if (System.nanoTime() - deadline >= 0) {
                    throw busy;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AuditException("interrupted while waiting for the audit log in " + config.dir(), e);
            }
        }
    }

    @Override
    public CompletableFuture<Long> append(AuditEvent event) {
        Throwable f = failure;
        if (f != null) {
            return CompletableFuture.failedFuture(
                    new AuditException("the audit log stopped after a write failure: " + f.getMessage(), f));
        }
        if (closed) {
            return CompletableFuture.failedFuture(new AuditException("the audit log is closed"));
        }
        if (config.ack() == AuditConfig.Ack.WRITTEN) {
            try {
                return CompletableFuture.completedFuture(appendDirect(Codec.eventBody(event)));
            } catch (AuditException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        Pending p = new Pending(Codec.eventBody(event), new CompletableFuture<>());
        boolean queued;
        try {
            queued = config.offerTimeout().isZero()
                    ? queue.offer(p)
                    : queue.offer(p, config.offerTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            queued = false;
        }
        if (!queued) {
            return CompletableFuture.failedFuture(new AuditException(
                    "the audit queue is full (" + config.queueCapacity() + " events waiting); event not recorded"));
        }
        return p.future();
    }

    @Override
    public boolean healthy() {
        return failure == null && !closed;
    }

    /** Events waiting for the writer (a gauge for /metrics). */
    public int queueDepth() {
        return queue.size();
    }

    /** Bytes of a torn last line that opening the log cut off (0 after a clean stop). */
    public long truncatedOnOpen() {
        return truncatedOnOpen;
    }

    public Path dir() {
        return dir;
    }

    /** The public key that verifies this log's checkpoints, as PEM (X.509 SubjectPublicKeyInfo). */
    public String publicKeyPem() {
        return Keys.publicPem(keys.getPublic());
    }

    /**
     * Drops whole segments all of whose lines were written before {@code before} (judged by the time of the
     * checkpoint that opens the next segment). The current segment is never dropped. An {@code ADMIN_ACTION} event
     * ({@code action=audit.prune}) is recorded first. Returns the number of segments dropped.
     */
    public int prune(Instant before) {
        return prune(before, Long.MAX_VALUE);
    }

    /** Drops the oldest whole segments until the log's segments take at most {@code maxBytes} (never the current). */
    public int pruneToSize(long maxBytes) {
        return prune(Instant.MIN, maxBytes);
    }

    private int prune(Instant before, long maxBytes) {
        List<Path> drop = new ArrayList<>();
        synchronized (segmentsLock) {
            List<Path> segs = Segments.list(dir);
            long total = 0;
            for (Path s : segs) {
                total += size(s);
            }
            for (int i = 0; i + 1 < segs.size() && !segs.get(i).equals(segmentPath); i++) {
                boolean old = firstCheckpointTime(segs.get(i + 1)).isBefore(before);
                if (!old && total <= maxBytes) {
                    break;
                }
                drop.add(segs.get(i));
                total -= size(segs.get(i));
            }
        }
        if (drop.isEmpty()) {
            return 0;
        }
        Path keep = Segments.list(dir).stream()
                .filter(p -> !drop.contains(p))
                .findFirst()
                .orElseThrow();
        try {
            append(AuditEvent.builder(AuditEvent.Kind.ADMIN_ACTION, Instant.now())
                            .attribute("action", "audit.prune")
                            .attribute("segments", Integer.toString(drop.size()))
                            .attribute("first-kept", keep.getFileName().toString())
                            .build())
                    .join();
        } catch (java.util.concurrent.CompletionException e) {
            throw new AuditException(
                    "cannot record the prune, so nothing was pruned: "
                            + e.getCause().getMessage(),
                    e);
        }
        for (Path p : drop) {
            try {
                Files.delete(p);
            } catch (IOException e) {
                throw new AuditException("cannot delete audit segment " + p + ": " + e.getMessage(), e);
            }
        }
        LOG.info("audit: pruned " + drop.size() + " segment(s); the log now starts at " + keep);
        return drop.size();
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static Instant firstCheckpointTime(Path segment) {
        byte[] buf = Segments.read(segment);
        int nl = 0;
        while (nl < buf.length && buf[nl] != '\n') {
            nl++;
        }
        Object parsed = Codec.parse(buf, 0, nl, Codec.sha256());
        if (parsed instanceof Codec.Line l && l.isCheckpoint()) {
            try {
                return Codec.Checkpoint.parse(Codec.MAPPER.readTree(buf, l.bodyStart(), l.bodyEnd() - l.bodyStart()))
                        .time();
            } catch (IOException | RuntimeException e) {
                // fall through: an unreadable segment is never judged old
            }
        }
        return Instant.MAX;
    }

    /** Flushes the queue, writes a final checkpoint, and releases the directory. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // The writer may have stopped after a failure, leaving a full queue: never wait on it forever.
            while (writer.isAlive() && !queue.offer(POISON, 100, TimeUnit.MILLISECONDS)) {
                // retry while the writer drains
            }
            writer.join();
            if (syncer != null) {
                LockSupport.unpark(syncer);
                syncer.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending p;
        while ((p = queue.poll()) != null) {
            p.future().completeExceptionally(new AuditException("the audit log is closed"));
        }
    }

    /** Serialises every change of the chain: the writer thread's batches and the callers' direct appends. */
    private final java.util.concurrent.locks.ReentrantLock writeLock = new java.util.concurrent.locks.ReentrantLock();

    /**
     * At {@code ack: written}: the caller appends its own event under the lock, one write to the operating system
     * (microseconds), and has its sequence number at once. No hand-off to the writer thread and back: measured in
     * bench/run, the two thread wake-ups cost more latency (p50 0.3 ms, p99 ~9 ms on 2 busy cores) and throughput
     * than the write. Checkpoints due by count are written (and synced) here too; the syncer thread syncs the rest.
     */
    private long appendDirect(byte[] body) {
        writeLock.lock();
        try {
            Throwable f = failure;
            if (f != null) {
                throw new AuditException("the audit log stopped after a write failure: " + f.getMessage(), f);
            }
            if (closed) {
                throw new AuditException("the audit log is closed");
            }
            long startSize = segmentSize;
            long startSeq = nextSeq;
            byte[] startHead = head;
            long startCount = eventCount;
            long startSince = sinceCheckpoint;
            try {
                Codec.Encoded e = Codec.line(nextSeq, head, Codec.EVENT, body, md);
                long seq = nextSeq++;
                head = e.hash();
                eventCount++;
                byte[] line = e.bytes();
                if (++sinceCheckpoint >= config.checkpointEvery()) {
                    byte[] c = checkpointLine();
                    byte[] both = java.util.Arrays.copyOf(line, line.length + c.length);
                    System.arraycopy(c, 0, both, line.length, c.length);
                    writeFully(segment, both);
                    segmentSize += both.length;
                    segment.force(false); // before the side file names the checkpoint
                    writeFully(side, c);
                    side.force(false);
                } else {
                    writeFully(segment, line);
                    segmentSize += line.length;
                    unsynced = true;
                }
                if (segmentSize >= config.segmentBytes()) {
                    rollover();
                }
                return seq;
            } catch (IOException | RuntimeException ex) {
                failure = ex;
                nextSeq = startSeq;
                head = startHead;
                eventCount = startCount;
                sinceCheckpoint = startSince;
                try {
                    segment.truncate(startSize);
                    segmentSize = startSize;
                } catch (IOException ignored) {
                    // the torn tail is cut on the next open
                }
                LOG.error("audit: write failed; the audit log stops accepting events", ex);
                throw new AuditException("audit write failed: " + ex, ex);
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Thrown by {@link #open} when another process (a running gateway) holds the log. */
    public static final class Busy extends AuditException {
        Busy(String message) {
            super(message);
        }
    }

    /**
     * Records one event from a process that may not hold the log (the CLI, while a gateway runs): appends it directly
     * when the log is free, else leaves it in {@code <dir>/inbox/}, which the writer takes into the chain within a
     * second (and at its next start if it is stopping). Returns once the event is appended or durably spooled.
     */
    public static void record(AuditConfig config, AuditEvent event) {
        try (AuditLog log = open(config)) {
            log.append(event).join();
            return;
        } catch (Busy busy) {
            // the gateway holds the log: hand the event over through the inbox
        } catch (java.util.concurrent.CompletionException e) {
            throw new AuditException("audit event not recorded: " + e.getCause().getMessage(), e.getCause());
        }
        Path inbox = config.dir().resolve(INBOX);
        try {
            Files.createDirectories(inbox);
            String name = String.format(
                    "%019d-%08x.json",
                    System.currentTimeMillis(),
                    java.util.concurrent.ThreadLocalRandom.current().nextInt());
            Path tmp = inbox.resolve("." + name + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeFully(ch, Codec.eventBody(event));
                ch.force(true);
            }
            Files.move(tmp, inbox.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel d = FileChannel.open(inbox, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException ignored) {
                // some file systems cannot sync a directory; the rename is still atomic
            }
        } catch (IOException e) {
            throw new AuditException("cannot spool an audit event in " + inbox + ": " + e.getMessage(), e);
        }
    }

    static final String INBOX = "inbox";
    static final long INBOX_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int MAX_SPOOLED_BYTES = 256 * 1024;
    private long lastInboxScan;

    /**
     * Moves spooled events into the batch (oldest first); each file is deleted once its event is written. A file that
     * is not an event goes to {@code inbox/rejected} and is logged: it is evidence, not to be dropped silently.
     */
    private int takeInbox(List<Pending> batch, int room) {
        Path inbox = dir.resolve(INBOX);
        if (room <= 0 || !Files.isDirectory(inbox)) {
            return 0;
        }
        List<Path> files;
        try (java.util.stream.Stream<Path> list = Files.list(inbox)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .limit(room)
                    .toList();
        } catch (IOException e) {
            LOG.warn("audit: cannot list " + inbox + ": " + e);
            return 0;
        }
        int n = 0;
        for (Path f : files) {
            try {
                if (Files.size(f) > MAX_SPOOLED_BYTES) {
                    throw new IOException("larger than " + MAX_SPOOLED_BYTES + " bytes");
                }
                byte[] body = Files.readAllBytes(f);
                Codec.decodeEvent(Codec.MAPPER.readTree(body)); // an event, or it is rejected
                CompletableFuture<Long> done = new CompletableFuture<>();
                done.thenRun(() -> {
                    try {
                        Files.deleteIfExists(f);
                    } catch (IOException e) {
                        LOG.warn("audit: cannot delete spooled " + f + ": " + e);
                    }
                });
                batch.add(new Pending(body, done));
                n++;
            } catch (IOException | RuntimeException e) {
                try {
                    Path rejected = Files.createDirectories(inbox.resolve("rejected"));
                    Files.move(f, rejected.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException moveFailed) {
                    // left in place: retried, and logged again, on the next scan
                }
                LOG.error("audit: spooled file " + f.getFileName() + " is not an audit event (" + e.getMessage()
                        + "); moved to inbox/rejected");
            }
        }
        return n;
    }

    // ---------------------------------------------------------------- writer thread

    /** At WRITTEN, the longest a written batch waits for its fsync (when more events follow). */
    static final long SYNC_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** Set by the writer after a write it did not sync; cleared by the syncer before it syncs. */
    private volatile boolean unsynced;

    private Thread syncer;

    /** At WRITTEN: syncs what the writer wrote, at most every SYNC_EVERY, while the writer goes on writing. */
    private void syncLoop() {
        while (!closed && failure == null) {
            LockSupport.parkNanos(SYNC_EVERY_NANOS);
            if (!unsynced) {
                continue;
            }
            unsynced = false;
            synchronized (segmentsLock) { // not during a rollover (which syncs the old segment itself)
                try {
                    if (segment.isOpen()) {
                        segment.force(false);
                    }
                } catch (java.nio.channels.ClosedChannelException e) {
                    // closed by close() or a rollover, both of which synced it
                } catch (IOException | RuntimeException e) {
                    failure = e;
                    LOG.error("audit: fsync failed; the audit log stops accepting events", e);
                }
            }
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(config.maxBatch());
        long[] seqs = new long[config.maxBatch()];
        ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 20);
        ByteArrayOutputStream sideBuf = new ByteArrayOutputStream(1024);
        long intervalNanos = config.checkpointInterval().toNanos();
        boolean stop = false;
        try {
            while (!stop) {
                // Idle, wake at least once per interval: events appended directly by callers (ack written) do not
                // come through the queue, and a fixed one-second nap made one second the shortest interval.
                long wait = sinceCheckpoint > 0
                        ? Math.max(0, lastCheckpointNanos + intervalNanos - System.nanoTime())
                        : Math.min(TimeUnit.SECONDS.toNanos(1), intervalNanos);
                Pending first;
                try {
                    first = queue.poll(wait, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    first = POISON;
                }
                batch.clear();
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, config.maxBatch() - 1);
                }
                if (batch.remove(POISON)) {
                    stop = true;
                }
                int spooled = 0;
                if (stop || System.nanoTime() - lastInboxScan >= INBOX_EVERY_NANOS) {
                    lastInboxScan = System.nanoTime();
                    spooled = takeInbox(batch, config.maxBatch() - batch.size());
                }
                writeLock.lock();
                try {
                    buf.reset();
                    sideBuf.reset();
                    long startSize = segmentSize;
                    long startSeq = nextSeq;
                    byte[] startHead = head;
                    long startCount = eventCount;
                    long startSince = sinceCheckpoint;
                    try {
                        for (int i = 0; i < batch.size(); i++) {
                            Codec.Encoded e = Codec.line(
                                    nextSeq, head, Codec.EVENT, batch.get(i).body(), md);
                            buf.writeBytes(e.bytes());
                            seqs[i] = nextSeq++;
                            head = e.hash();
                            eventCount++;
                            if (++sinceCheckpoint >= config.checkpointEvery()) {
                                byte[] c = checkpointLine();
                                buf.writeBytes(c);
                                sideBuf.writeBytes(c);
                            }
                        }
                        boolean due = System.nanoTime() - lastCheckpointNanos >= intervalNanos;
                        if (sinceCheckpoint > 0 && (due || stop)) {
                            byte[] c = checkpointLine();
                            buf.writeBytes(c);
                            sideBuf.writeBytes(c);
                        }
                        if (buf.size() > 0) {
                            writeFully(segment, buf.toByteArray());
                            if (config.ack() == AuditConfig.Ack.WRITTEN) {
                                // In the operating system now: a crash of this process cannot lose them.
                                for (int i = 0; i < batch.size(); i++) {
                                    batch.get(i).future().complete(seqs[i]);
                                }
                            }
                            // Acknowledged at WRITTEN, batches are synced by the syncer thread at most every
                            // SYNC_EVERY:
                            // at thousands of small batches a second one fsync each costs more than the request, and an
                            // fsync inline would hold every waiting request for its duration.
                            if (config.ack() == AuditConfig.Ack.SYNCED || sideBuf.size() > 0 || stop || spooled > 0) {
                                segment.force(false);
                            } else {
                                unsynced = true;
                            }
                            segmentSize += buf.size();
                        }
                        // After the segment is durable, so the side file never names a checkpoint the log lacks.
                        if (sideBuf.size() > 0) {
                            writeFully(side, sideBuf.toByteArray());
                            side.force(false);
                        }
                    } catch (IOException | RuntimeException ex) {
                        failure = ex;
                        nextSeq = startSeq;
                        head = startHead;
                        eventCount = startCount;
                        sinceCheckpoint = startSince;
                        try {
                            segment.truncate(startSize);
                        } catch (IOException ignored) {
                            // the torn tail is cut on the next open
                        }
                        for (Pending p : batch) {
                            p.future().completeExceptionally(new AuditException("audit write failed: " + ex, ex));
                        }
                        LOG.error("audit: write failed; the audit log stops accepting events", ex);
                        break;
                    }
                    for (int i = 0; i < batch.size(); i++) {
                        batch.get(i).future().complete(seqs[i]);
                    }
                    if (!stop && segmentSize >= config.segmentBytes()) {
                        try {
                            rollover();
                        } catch (IOException | RuntimeException ex) {
                            failure = ex;
                            LOG.error("audit: cannot start a new segment; stopping", ex);
                            break;
                        }
                    }
                } finally {
                    writeLock.unlock();
                }
            }
        } finally {
            closed = true;
            Pending p;
            while ((p = queue.poll()) != null) {
                p.future().completeExceptionally(new AuditException("the audit log is closed"));
            }
            writeLock.lock(); // a direct append in progress finishes first
            try {
                segment.close();
                side.close();
                lock.release();
                lockChannel.close();
            } catch (IOException e) {
                LOG.warn("audit: closing files failed", e);
            } finally {
                writeLock.unlock();
            }
        }
    }

    /** A signed checkpoint of the chain so far, as a chain line; advances the chain. */
    private byte[] checkpointLine() {
        Codec.Checkpoint cp = new Codec.Checkpoint(
                nextSeq - 1,
                Codec.HEX.formatHex(head),
                eventCount,
                Instant.now().truncatedTo(ChronoUnit.MICROS),
                "");
        cp = new Codec.Checkpoint(
                cp.seq(), cp.head(), cp.count(), cp.time(), Keys.sign(keys.getPrivate(), cp.signedBytes()));
        Codec.Encoded e = Codec.line(nextSeq, head, Codec.CHECKPOINT, cp.body(), md);
        nextSeq++;
        head = e.hash();
        sinceCheckpoint = 0;
        lastCheckpointNanos = System.nanoTime();
        return e.bytes();
    }

    private void rollover() throws IOException {
        synchronized (segmentsLock) {
            segment.force(false);
            segment.close();
            startSegment();
        }
    }

    /** Creates the segment that starts at {@code nextSeq}, opening it with a checkpoint. */
    private void startSegment() throws IOException {
        segmentPath = Segments.name(dir, nextSeq);
        segment = FileChannel.open(segmentPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        byte[] c = checkpointLine();
        writeFully(segment, c);
        segment.force(false);
        segmentSize = c.length;
        writeFully(side, c);
        side.force(false);
        syncDir();
    }

    private void syncDir() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform can sync a directory; the file's own fsync still holds its data.
        }
    }

    private static void writeFully(FileChannel ch, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    // ---------------------------------------------------------------- recovery

    private void truncateTornSide() throws IOException {
        long size = side.size();
        if (size == 0) {
            side.position(0);
            return;
        }
        byte[] buf = Segments.read(dir.resolve(Segments.SIDE));
        int end = buf.length;
        while (end > 0 && buf[end - 1] != '\n') {
            end--;
        }
        if (end < buf.length) {
            side.truncate(end);
            LOG.warn("audit: cut " + (buf.length - end) + " torn bytes off " + Segments.SIDE);
        }
        side.position(end);
    }

    /**
     * Restores the chain state from the last segment (every segment opens with a checkpoint, so the last one
     * suffices), cutting a torn tail. Returns the bytes cut.
     */
    private long recover() throws IOException {
        List<Path> segs = new ArrayList<>(Segments.list(dir));
        while (!segs.isEmpty()) {
            Path last = segs.getLast();
            byte[] buf = Segments.read(last);
            Scan s = scan(buf);
            if (s.valid < buf.length) {
                checkTorn(last, buf, s);
            }
            if (s.lines == 0) {
                // Created but its opening checkpoint never reached the disk: as if it never existed.
                Files.delete(last);
                segs.removeLast();
                LOG.warn("audit: removed empty segment " + last + " (torn at creation)");
                continue;
            }
            long cut = buf.length - s.valid;
            segment = FileChannel.open(last, StandardOpenOption.WRITE);
            if (cut > 0) {
                segment.truncate(s.valid);
                segment.force(false);
                LOG.warn("audit: cut a torn last line (" + cut + " bytes, never acknowledged) after seq " + s.lastSeq
                        + " in " + last);
            }
            segment.position(s.valid);
            segmentPath = last;
            segmentSize = s.valid;
            nextSeq = s.lastSeq + 1;
            head = s.head;
            eventCount = s.count;
            sinceCheckpoint = s.since;
            return cut;
        }
        nextSeq = 0;
        head = Codec.GENESIS;
        eventCount = 0;
        startSegment();
        return 0;
    }

    private static final class Scan {
        int valid;
        int lines;
        long lastSeq = -1;
        byte[] head;
        long count;
        long since;
        String problem = "";
    }

    private Scan scan(byte[] buf) {
        Scan s = new Scan();
        Segments.lines(buf, (start, end) -> {
            Object r = Codec.parse(buf, start, end, md);
            if (!(r instanceof Codec.Line l)) {
                s.problem = (String) r;
                return false;
            }
            if (s.lines == 0) {
                if (!l.isCheckpoint()) {
                    s.problem = "segment does not open with a checkpoint";
                    return false;
                }
            } else if (l.seq() != s.lastSeq + 1 || !MessageDigest.isEqual(l.prev(), s.head)) {
                s.problem = "chain broken";
                return false;
            }
            if (l.isCheckpoint()) {
                try {
                    Codec.Checkpoint cp = Codec.Checkpoint.parse(
                            Codec.MAPPER.readTree(buf, l.bodyStart(), l.bodyEnd() - l.bodyStart()));
                    s.count = cp.count();
                    s.since = 0;
                } catch (IOException | RuntimeException e) {
                    s.problem = "unreadable checkpoint";
                    return false;
                }
            } else {
                s.count++;
                s.since++;
            }
            s.lines++;
            s.lastSeq = l.seq();
            s.head = l.hash();
            s.valid = end + 1;
            return true;
        });
        return s;
    }

    /**
     * A torn tail is what a crash mid-write leaves: at most one partial line, possibly followed by zero bytes. Any
     * further complete line means damage, which is evidence: refuse to open rather than cut it.
     */
    private static void checkTorn(Path file, byte[] buf, Scan s) {
        int i = s.valid;
        boolean zeros = false;
        while (i < buf.length && buf[i] != '\n') {
            zeros |= buf[i] == 0;
            i++;
        }
        if (i < buf.length && !zeros) {
            // A complete line (written with its newline, not zero-filled) that fails its checks was altered.
            throw new AuditException("the audit segment " + file + " is damaged after seq " + s.lastSeq + " ("
                    + (s.problem.isEmpty() ? "unreadable line" : s.problem)
                    + "): not a torn write; run 'trustgate audit verify'");
        }
        for (int j = i + 1; j < buf.length; j++) {
            if (buf[j] != 0 && buf[j] != '\n') {
                throw new AuditException("the audit segment " + file + " is damaged after seq " + s.lastSeq + " ("
                        + (s.problem.isEmpty() ? "unreadable line" : s.problem)
                        + ") and more records follow: not a torn write; run 'trustgate audit verify'");
            }
        }
    }
}
