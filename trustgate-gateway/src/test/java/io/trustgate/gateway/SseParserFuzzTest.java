package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing of {@link SseParser}, which reads every streamed upstream answer: a valid stream (LF, CRLF and CR
 * line ends, comments, multi-line data, id and retry fields, a last event without its blank line) gives the same
 * events, byte for byte, whether fed whole or in arbitrary chunks, and those are the events the stream was built
 * from; random garbage never makes it throw anything but {@link IllegalStateException} for an oversize event.
 * Seeded {@link java.util.Random} rather than Jazzer (not available from the registry here).
 */
@Timeout(10)
class SseParserFuzzTest {
    static final long SEED = 0x5353_4521L;
    static final int MAX = 64 * 1024;
    static final String[] ENDS = {"\n", "\r\n", "\r"};

    record Expected(String name, String data) {}

    /** A generated stream and the events it must parse to. */
    record Stream(byte[] bytes, List<Expected> events) {}

    static Stream randomStream(Random rnd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Expected> events = new ArrayList<>();
        int count = 1 + rnd.nextInt(12);
        for (int e = 0; e < count; e++) {
            // One line-end style per event: "\r" then "\n" across lines would be read as one CRLF, by any SSE parser.
            String eol = ENDS[rnd.nextInt(ENDS.length)];
            StringBuilder ev = new StringBuilder();
            String name = "";
            List<String> data = new ArrayList<>();
            int lines = 1 + rnd.nextInt(5);
            for (int l = 0; l < lines; l++) {
                switch (rnd.nextInt(7)) {
                    case 0 -> ev.append(':').append(text(rnd)).append(eol); // comment
                    case 1 -> {
                        name = text(rnd).stripLeading();
                        if (name.startsWith(":")) {
                            name = "n" + name;
                        }
                        ev.append("event:")
                                .append(rnd.nextBoolean() ? " " : "")
                                .append(name)
                                .append(eol);
                    }
                    case 2 ->
                        ev.append(rnd.nextBoolean() ? "id: " + rnd.nextInt(1000) : "retry: 3000")
                                .append(eol);
                    case 3 -> {
                        ev.append("data").append(eol); // a field name alone: empty value
                        data.add("");
                    }
                    default -> {
                        String v = text(rnd);
                        boolean space = rnd.nextBoolean();
                        ev.append("data:").append(space ? " " : "").append(v).append(eol);
                        data.add(space ? v : v.startsWith(" ") ? v.substring(1) : v);
                    }
                }
            }
            boolean last = e == count - 1;
            if (!(last && rnd.nextInt(4) == 0)) {
                ev.append(eol); // the blank line; the last event sometimes lacks it (then finish() emits it)
            }
            out.writeBytes(ev.toString().getBytes(StandardCharsets.UTF_8));
            if (!data.isEmpty() || !name.isEmpty()) {
                events.add(new Expected(name, String.join("\n", data)));
            }
        }
        return new Stream(out.toByteArray(), events);
    }

    /** Text without line ends: JSON-ish, colons, spaces, non-ASCII (split mid code point by chunking). */
    static String text(Random rnd) {
        String[] parts = {
            "{\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}",
            "[DONE]",
            " lead",
            "a:b",
            "é",
            "中文",
            "😀",
            "",
            "  ",
            "x",
            "data: inner",
            ":",
            "\t"
        };
        StringBuilder b = new StringBuilder();
        for (int i = rnd.nextInt(4); i >= 0; i--) {
            b.append(parts[rnd.nextInt(parts.length)]);
        }
        return b.toString();
    }

    static List<SseParser.Event> parse(byte[] bytes, int[] cuts) {
        List<SseParser.Event> out = new ArrayList<>();
        SseParser p = new SseParser(MAX, out::add);
        int from = 0;
        for (int cut : cuts) {
            p.feed(Buffer.buffer().appendBytes(bytes, from, cut - from));
            from = cut;
        }
        p.feed(Buffer.buffer().appendBytes(bytes, from, bytes.length - from));
        p.finish();
        return out;
    }

    static int[] randomCuts(Random rnd, int length) {
        int style = rnd.nextInt(3);
        List<Integer> cuts = new ArrayList<>();
        int at = 0;
        while (true) {
            at += switch (style) {
                case 0 -> 1; // byte by byte
                case 1 -> 1 + rnd.nextInt(4);
                default -> 1 + rnd.nextInt(64);
            };
            if (at >= length) {
                break;
            }
            cuts.add(at);
        }
        return cuts.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void chunkedFeedingGivesTheSameEventsAsWholeFeeding() {
        Random rnd = new Random(SEED);
        for (int i = 0; i < 2_000; i++) {
            Stream s = randomStream(rnd);
            List<SseParser.Event> whole = parse(s.bytes(), new int[0]);
            List<SseParser.Event> chunked = parse(s.bytes(), randomCuts(rnd, s.bytes().length));
            String shown = new String(s.bytes(), StandardCharsets.UTF_8)
                    .replace("\r", "\\r")
                    .replace("\n", "\\n");
            assertThat(whole)
                    .as("seed %d iteration %d, stream %s", SEED, i, shown)
                    .extracting(e -> new Expected(e.name(), e.data()))
                    .containsExactlyElementsOf(s.events());
            assertThat(chunked)
                    .as("seed %d iteration %d, stream %s", SEED, i, shown)
                    .hasSameSizeAs(whole);
            for (int k = 0; k < whole.size(); k++) {
                assertThat(chunked.get(k).name()).isEqualTo(whole.get(k).name());
                assertThat(chunked.get(k).data()).isEqualTo(whole.get(k).data());
                assertThat(chunked.get(k).raw().getBytes())
                        .isEqualTo(whole.get(k).raw().getBytes());
            }
        }
    }

    @Test
    void rawBytesOfTerminatedEventsReassembleTheStream() {
        Random rnd = new Random(SEED + 7);
        for (int i = 0; i < 1_000; i++) {
            Stream s = randomStream(rnd);
            List<SseParser.Event> out = new ArrayList<>();
            SseParser p = new SseParser(MAX, out::add);
            for (byte b : s.bytes()) {
                p.feed(Buffer.buffer(new byte[] {b}));
            }
            // Without finish(): every event emitted so far is a prefix-closed slice of the input, in order.
            int pos = 0;
            String all = new String(s.bytes(), StandardCharsets.ISO_8859_1);
            for (SseParser.Event e : out) {
                String raw = new String(e.raw().getBytes(), StandardCharsets.ISO_8859_1);
                int at = all.indexOf(raw, pos);
                assertThat(at).as("iteration %d", i).isGreaterThanOrEqualTo(pos);
                pos = at + raw.length();
            }
            assertThat(p.pendingBytes()).isLessThanOrEqualTo(s.bytes().length - pos);
        }
    }

    @Test
    void garbageNeverThrowsAnythingButOversize() {
        Random rnd = new Random(SEED + 1);
        byte[] alphabet = "data: event:\r\n:x{}[]\"".getBytes(StandardCharsets.US_ASCII);
        int oversize = 0;
        for (int i = 0; i < 2_000; i++) {
            int max = 64 + rnd.nextInt(4096);
            SseParser p = new SseParser(max, e -> {});
            byte[] bytes = new byte[rnd.nextInt(8 * 1024)];
            boolean biased = rnd.nextBoolean();
            for (int k = 0; k < bytes.length; k++) {
                bytes[k] = biased ? alphabet[rnd.nextInt(alphabet.length)] : (byte) rnd.nextInt(256);
            }
            int[] cuts = randomCuts(rnd, bytes.length);
            int from = 0;
            try {
                for (int k = 0; k <= cuts.length; k++) {
                    int to = k < cuts.length ? cuts[k] : bytes.length;
                    p.feed(Buffer.buffer().appendBytes(bytes, from, to - from));
                    from = to;
                }
                p.finish();
            } catch (IllegalStateException e) {
                assertThat(e.getMessage()).contains("larger than " + max);
                assertThat(p.pendingBytes()).isGreaterThan(max);
                oversize++;
            }
        }
        assertThat(oversize)
                .as("some garbage has no blank line for long enough to be oversize")
                .isPositive();
    }

    @Test
    void eventOverTheLimitThrowsWhateverTheChunking() {
        byte[] big = ("data: " + "x".repeat(2000) + "\n\n").getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> new SseParser(1000, e -> {}).feed(Buffer.buffer(big)))
                .isInstanceOf(IllegalStateException.class);
        SseParser p = new SseParser(1000, e -> {});
        assertThatThrownBy(() -> {
                    for (byte b : big) {
                        p.feed(Buffer.buffer(new byte[] {b}));
                    }
                })
                .isInstanceOf(IllegalStateException.class);
        // Many small events in one large buffer are fine: only a single event may not exceed the limit.
        String many = "data: 0123456789\n\n".repeat(500);
        List<SseParser.Event> out = new ArrayList<>();
        new SseParser(1000, out::add).feed(Buffer.buffer(many));
        assertThat(out).hasSize(500);
    }
}
