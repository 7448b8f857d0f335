package io.trustgate.gateway;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a server-sent-events byte stream into events, incrementally: feed it buffers as they arrive, in any
 * split, and it calls back once per complete event with the event's {@code event:} name (empty when absent), its
 * joined {@code data:} lines, and the raw bytes of the event (terminator included) for pass-through. Handles
 * {@code \n}, {@code \r\n} and {@code \r} line ends and comment lines. Bounded: an event over
 * {@code maxEventBytes} is an error, so a broken upstream cannot make the gateway buffer without end.
 */
public final class SseParser {
    /** One parsed event. */
    public record Event(String name, String data, Buffer raw) {}

    private final Consumer<Event> sink;
    private final int maxEventBytes;
    private Buffer pending = Buffer.buffer();
    private int scanFrom;

    public SseParser(int maxEventBytes, Consumer<Event> sink) {
        this.maxEventBytes = maxEventBytes;
        this.sink = sink;
    }

    /** Feeds bytes; calls back for every event they complete. */
    public void feed(Buffer chunk) {
        pending.appendBuffer(chunk);
        int start = 0;
        int len = pending.length();
        int i = Math.max(scanFrom, 0);
        while (i < len) {
            int end = eventEnd(i, len);
            if (end < 0) {
                break;
            }
            if (end - start > maxEventBytes) {
                throw tooLarge(); // also when the whole event came in one buffer: the limit must not depend on chunking
            }
            emit(pending.getBuffer(start, end));
            start = end;
            i = end;
        }
        if (start > 0) {
            pending = pending.getBuffer(start, len);
        }
        scanFrom = Math.max(0, pending.length() - 3);
        if (pending.length() > maxEventBytes) {
            throw tooLarge();
        }
    }

    private IllegalStateException tooLarge() {
        return new IllegalStateException("server-sent event larger than " + maxEventBytes + " bytes");
    }

    /** Bytes received but not yet part of a complete event. */
    public int pendingBytes() {
        return pending.length();
    }

    /** Emits a last event that lacked its blank-line terminator (at end of stream), if any. */
    public void finish() {
        if (pending.length() > 0 && !pending.toString(StandardCharsets.UTF_8).isBlank()) {
            Buffer rest = pending.copy().appendString("\n\n");
            pending = Buffer.buffer();
            emit(rest);
        }
    }

    /** Index just past the blank line that ends an event starting before {@code from}, or -1. */
    private int eventEnd(int from, int len) {
        for (int i = from; i < len; i++) {
            byte b = pending.getByte(i);
            if (b == '\n') {
                if (i + 1 < len && pending.getByte(i + 1) == '\n') {
                    return i + 2;
                }
                if (i + 2 < len && pending.getByte(i + 1) == '\r' && pending.getByte(i + 2) == '\n') {
                    return i + 3;
                }
            } else if (b == '\r') {
                if (i + 3 < len
                        && pending.getByte(i + 1) == '\n'
                        && pending.getByte(i + 2) == '\r'
                        && pending.getByte(i + 3) == '\n') {
                    return i + 4;
                }
                if (i + 1 < len && pending.getByte(i + 1) == '\r') {
                    return i + 2;
                }
            }
        }
        return -1;
    }

    private void emit(Buffer raw) {
        String text = raw.toString(StandardCharsets.UTF_8);
        String name = "";
        StringBuilder data = null;
        int len = text.length();
        int start = 0;
        while (start < len) {
            // A hand-written line scan: String.split with a line-end regex cost microseconds per event.
            int end = start;
            while (end < len && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            if (end > start && text.charAt(start) != ':') {
                int colon = text.indexOf(':', start);
                if (colon < 0 || colon > end) {
                    colon = end;
                }
                int valueStart = Math.min(end, colon + 1);
                if (valueStart < end && text.charAt(valueStart) == ' ') {
                    valueStart++;
                }
                if (text.startsWith("data", start) && colon - start == 4) {
                    String value = text.substring(valueStart, end);
                    data = data == null
                            ? new StringBuilder(value)
                            : data.append('\n').append(value);
                } else if (text.startsWith("event", start) && colon - start == 5) {
                    name = text.substring(valueStart, end);
                }
            }
            if (end < len && text.charAt(end) == '\r' && end + 1 < len && text.charAt(end + 1) == '\n') {
                end++;
            }
            start = end + 1;
        }
        if (data != null || !name.isEmpty()) {
            sink.accept(new Event(name, data == null ? "" : data.toString(), raw));
        }
    }
}
