package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.trustgate.api.Finding;
import io.trustgate.api.ScanText;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random and mutated markup: no exception, spans within bounds, bounded time. */
class ExfiltrationScannerFuzzTest {
    static final Normalizer NORMALIZER = new Normalizer();
    static final ExfiltrationScanner SCANNER = new ExfiltrationScanner(List.of("example.com"));
    static final String[] SEEDS = {
        "![",
        "](",
        ")",
        "[",
        "]",
        "]: ",
        "<img src=",
        "<a href='",
        "<iframe ",
        "url(",
        "'",
        "\"",
        ">",
        "<",
        "https://",
        "http:",
        "//",
        "evil.test",
        "?q=",
        "&",
        "=",
        "%",
        "%2",
        "%E2%82",
        "+",
        "#",
        "@",
        ":",
        "\\\\",
        "data:image/png;base64,",
        "SGVsbG8gd29ybGQgaGVsbG8=",
        "deadbeefdeadbeefdeadbeefdeadbeef",
        " ",
        "\n",
        "\u200b",
        "：／／",
        "\uD800",
        "srcset=\"a 1x, b",
        "example.com",
        "(",
        "!"
    };

    static void check(String text) {
        ScanText st = NORMALIZER.normalize(text, ScanText.Stage.OUTPUT);
        for (Finding f : SCANNER.scan(st)) {
            assertThat(f.end()).isBetween(f.start(), text.length());
            assertThat(f.score()).isBetween(0.0, 1.0);
        }
    }

    static String randomText(Random rnd, int length) {
        StringBuilder sb = new StringBuilder(length + 64);
        while (sb.length() < length) {
            int r = rnd.nextInt(10);
            if (r < 5) {
                sb.append(SEEDS[rnd.nextInt(SEEDS.length)]);
            } else if (r < 9) {
                sb.append((char) (' ' + rnd.nextInt(95)));
            } else {
                sb.append((char) rnd.nextInt(0x10000));
            }
        }
        return sb.toString();
    }

    @Test
    void randomMarkupNeverThrowsAndKeepsSpansInBounds() {
        Random rnd = new Random(20261126L);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 5000; i++) {
                check(randomText(rnd, rnd.nextInt(300)));
            }
            check("");
            for (String s : SEEDS) {
                check(s);
            }
        });
    }

    @Test
    void hostileRepetitionStaysLinear() {
        String[] units = {"](", "[", " //a", "<img ", "url(", "]: x\n[", "<a href=", "%", "![x](https://e.x/?q="};
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (String u : units) {
                String text = u.repeat((1 << 19) / u.length());
                long t0 = System.nanoTime();
                SCANNER.scan(NORMALIZER.normalize(text, ScanText.Stage.OUTPUT));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf("exfiltration, 512K chars of %s: %d ms%n", u.strip(), ms);
                assertThat(ms).as(u).isLessThan(8000);
            }
        });
    }

    @Test
    void scansATwoKilobyteAnswerInMicroseconds() {
        String unit =
                "The report is in [the wiki](https://docs.example.com/wiki/Report) and ![chart](https://img.example.com/c.png). "
                        + "Revenue grew by 12% in the quarter, driven by the new product line and lower costs overall. ";
        String answer = unit.repeat(2048 / unit.length() + 1).substring(0, 2048);
        ScanText st = NORMALIZER.normalize(answer, ScanText.Stage.OUTPUT);
        long[] ns = Timing.run(() -> SCANNER.scan(st));
        System.out.printf("exfiltration, 2 KB answer: p50 %d us, p99 %d us%n", ns[0] / 1000, ns[1] / 1000);
        assertThat(ns[0] / 1000).isLessThan(2000);
    }
}
