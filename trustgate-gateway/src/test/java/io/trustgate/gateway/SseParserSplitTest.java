package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Anthropic streams arrive cut anywhere; the parser must find the same events whatever the cut. */
class SseParserSplitTest {
    private static List<String> parse(String stream, int... cuts) {
        List<String> events = new ArrayList<>();
        SseParser parser = new SseParser(1 << 20, e -> events.add(e.name() + "|" + e.data()));
        int from = 0;
        for (int cut : cuts) {
            parser.feed(Buffer.buffer(stream.substring(from, cut)));
            from = cut;
        }
        parser.feed(Buffer.buffer(stream.substring(from)));
        parser.finish();
        return events;
    }

    @Test
    void findsTheSameEventsWhereverTwoCutsFallForEachLineEnding() {
        for (String eol : List.of("\n", "\r\n", "\r")) {
            String stream = String.join(
                    eol,
                    "event: message_start",
                    "data: {\"a\":1}",
                    "",
                    ": comment",
                    "event: ping",
                    "data: {}",
                    "",
                    "event: content_block_delta",
                    "data: {\"t\":\"x\"}",
                    "",
                    "");
            List<String> expected = List.of("message_start|{\"a\":1}", "ping|{}", "content_block_delta|{\"t\":\"x\"}");
            for (int i = 0; i <= stream.length(); i++) {
                for (int j = i; j <= stream.length(); j++) {
                    assertThat(parse(stream, i, j))
                            .as("eol %s cuts %d %d", eol.replace("\r", "CR").replace("\n", "LF"), i, j)
                            .isEqualTo(expected);
                }
            }
        }
    }
}
