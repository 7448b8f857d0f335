package io.trustgate.api;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time one firewall scan may use (the chain's time limit), checked cooperatively. The chain puts the scan's
 * deadline on its thread; the normaliser between its passes, the chain before each scanner, and the scanners in their
 * loops over candidates and regex reads call {@link #tick()} or {@link #checkNow()}, which throw {@link Exceeded} once
 * the scan has used its time. The chain then counts the scanner as failed on the time limit (closed for a blocking
 * rule). A {@link Scanner} of another project that loops over a long text should tick too; outside a scan with a
 * limit, both calls do nothing.
 *
 * <p>Why CPU time and not the clock: the limit is about what a text costs to scan, so that a hostile or huge text
 * cannot hold a scan thread, while a loaded machine (a descheduled thread) must not fail ordinary texts. The thread's
 * CPU clock costs about a microsecond to read here, so a tick reads {@link System#nanoTime()} only every
 * {@value #TICKS_PER_CHECK} ticks and the CPU clock only once the wall clock says the limit may have been reached
 * (CPU time never runs ahead of the wall clock on one thread). Where the CPU clock cannot be read (a virtual thread,
 * a JVM without thread CPU time), the wall clock is the limit.
 *
 * <p>Known limit: the check is cooperative. A text can run over the limit by the work between two checks: one pass of
 * the normaliser, one regex {@code find} that reads to the end of the text, one segment of the classifier (whose
 * n-gram pass reads the whole text once; about 0.5 µs per char here).
 */
public final class ScanDeadline {
    /** Thrown by {@link #tick()} when the scan has used its time. Carries no stack and no text. */
    public static final class Exceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private Exceeded() {
            super("the firewall scan used its time limit", null, false, false);
        }
    }

    /** Ticks between two reads of the clock. */
    public static final int TICKS_PER_CHECK = 64;

    private static final Exceeded EXCEEDED = new Exceeded();
    private static final ThreadLocal<ScanDeadline> CURRENT = new ThreadLocal<>();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU_CLOCK = cpuClockWorks();
    /** What {@link #current()} gives outside a limited scan: never written to, so threads can share it. */
    private static final ScanDeadline NONE = new ScanDeadline(Long.MAX_VALUE, null);

    private final long limitNanos;
    private final long startWall;
    private final long startCpu;
    /** Whether this thread's CPU clock is read (not on a virtual thread, for instance). */
    private final boolean cpu;

    private final ScanDeadline outer;
    /** The wall-clock time before which the limit cannot have been reached. */
    private long wallCheckAt;

    private int countdown = TICKS_PER_CHECK;
    private boolean expired;

    private ScanDeadline(long limitNanos, ScanDeadline outer) {
        this.limitNanos = limitNanos;
        this.outer = outer;
        this.startWall = System.nanoTime();
        this.startCpu = CPU_CLOCK ? cpuNow() : -1;
        this.cpu = startCpu >= 0;
        this.wallCheckAt = startWall + limitNanos;
    }

    /**
     * Starts a deadline of {@code limitNanos} of CPU time on this thread; {@link #exit()} ends it. A scan inside
     * another (none does today) keeps the tighter deadline too, since the outer one is checked as well.
     */
    public static ScanDeadline enter(long limitNanos) {
        if (limitNanos <= 0) {
            throw new IllegalArgumentException("time limit must be positive, was " + limitNanos + " ns");
        }
        ScanDeadline d = new ScanDeadline(limitNanos, CURRENT.get());
        CURRENT.set(d);
        return d;
    }

    /** Ends this deadline: the thread goes back to the one it had before. */
    public void exit() {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }

    /** Counts one step of work of the current scan; throws {@link Exceeded} when its time is used up. */
    public static void tick() {
        ScanDeadline d = CURRENT.get();
        if (d != null && --d.countdown <= 0) {
            d.check();
        }
    }

    /**
     * The deadline of the scan running on this thread, or one that never expires: for a loop that ticks often, which
     * then calls {@link #step()} on it instead of looking the deadline up at each {@link #tick()}.
     */
    public static ScanDeadline current() {
        ScanDeadline d = CURRENT.get();
        return d == null ? NONE : d;
    }

    /** {@link #tick()} on this deadline (from {@link #current()}, on the thread that got it). */
    public void step() {
        if (limitNanos != Long.MAX_VALUE && --countdown <= 0) {
            check();
        }
    }

    /** Checks the clock now, whatever the countdown. */
    public static void checkNow() {
        ScanDeadline d = CURRENT.get();
        if (d != null) {
            d.check();
        }
    }

    /** Whether the scan has used its time (checks the clock now); never throws. */
    public boolean expired() {
        try {
            check();
            return false;
        } catch (Exceeded e) {
            return true;
        }
    }

    private void check() {
        if (this == NONE) {
            return;
        }
        countdown = TICKS_PER_CHECK;
        if (expired) {
            throw EXCEEDED;
        }
        long now = System.nanoTime();
        if (now - wallCheckAt >= 0) {
            long used = cpu ? cpuNow() - startCpu : now - startWall;
            if (used >= limitNanos) {
                expired = true;
                throw EXCEEDED;
            }
            // the earliest time the CPU clock could reach the limit
            wallCheckAt = now + (limitNanos - used);
        }
        if (outer != null) {
            outer.check();
        }
    }

    /** This thread's CPU time, or -1 where it cannot be read. */
    private static long cpuNow() {
        try {
            return THREADS.getCurrentThreadCpuTime();
        } catch (UnsupportedOperationException e) {
            return -1;
        }
    }

    private static boolean cpuClockWorks() {
        try {
            return THREADS.isCurrentThreadCpuTimeSupported()
                    && THREADS.isThreadCpuTimeEnabled()
                    && THREADS.getCurrentThreadCpuTime() >= 0;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }
}
