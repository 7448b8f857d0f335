package io.trustgate.assess.run;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress display on stderr: on a terminal, one line redrawn in place with a bar, the count, the rate and the
 * time left; otherwise (logs, CI) a plain line at most every 5 seconds and at the end.
 */
public final class Progress {
    private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;
    private final PrintWriter out;
    private final boolean terminal;
    private final int total;
    private final int startDone;
    private final LongSupplier nanos;
    private final long start;
    private int done;
    private int failed;
    private long lastPlain;

    public Progress(PrintWriter out, boolean terminal, int total, int alreadyDone, LongSupplier nanos) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
        this.startDone = alreadyDone;
        this.done = alreadyDone;
        this.nanos = nanos;
        this.start = nanos.getAsLong();
        this.lastPlain = start;
    }

    /** No display (tests, {@code --quiet}). */
    public static Progress silent() {
        return new Progress(new PrintWriter(java.io.Writer.nullWriter()), false, 0, 0, System::nanoTime);
    }

    public synchronized void step(boolean ok) {
        done++;
        if (!ok) {
            failed++;
        }
        long now = nanos.getAsLong();
        if (terminal) {
            out.print("\r" + line(now) + "   ");
            out.flush();
        } else if (now - lastPlain >= PLAIN_EVERY_NANOS) {
            lastPlain = now;
            out.println(line(now));
        }
    }

    public synchronized void finish() {
        String l = line(nanos.getAsLong());
        out.print(terminal ? "\r" + l + "   \n" : l + "\n");
        out.flush();
    }

    synchronized String line(long now) {
        double secs = Math.max(1e-9, (now - start) / 1e9);
        double rate = (done - startDone) / secs;
        int left = Math.max(0, total - done);
        String eta = rate > 0 ? duration(left / rate) : "?";
        int width = 30;
        int filled = total == 0 ? width : (int) Math.round(width * (double) done / total);
        String bar = "#".repeat(Math.min(width, filled)) + ".".repeat(Math.max(0, width - filled));
        return String.format(
                Locale.ROOT,
                "[%s] %d/%d%s  %.1f/s  ETA %s",
                bar,
                done,
                total,
                failed > 0 ? " (" + failed + " failed)" : "",
                rate,
                eta);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? (s / 3600) + "h" + (s % 3600 / 60) + "m"
                : s >= 60 ? (s / 60) + "m" + (s % 60) + "s" : s + "s";
    }
}
