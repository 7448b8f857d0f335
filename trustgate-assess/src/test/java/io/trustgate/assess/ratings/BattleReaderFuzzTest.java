package io.trustgate.assess.ratings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random mutations of valid battle files never make the readers throw anything but BattleFormatException, and
 * whatever they accept rates or is refused with IllegalArgumentException (no finite fit). (A seeded random fuzzer,
 * like the project's other *FuzzTest classes; Jazzer would explore further but needs its own runner.)
 */
class BattleReaderFuzzTest {
    private static final BattleReader.Limits LIMITS = new BattleReader.Limits(1 << 20, 4096, 50, 64, 500);
    private static final String JSONL = """
            {"model_a": "gpt-4", "model_b": "claude-1", "winner": "model_a", "tstamp": 1.5}
            {"model_a": "claude-1", "model_b": "vicuna", "winner": "tie (bothbad)"}
            {"model_a": "vicuna", "model_b": "gpt-4", "winner": "model_a", "x": {"y": [1, 2]}}
            {"model_a": "gpt-4", "model_b": "vicuna", "winner": "tie"}
            {"model_a": "claude-1", "model_b": "gpt-4", "winner": "model_b"}
            {"model_a": "vicuna", "model_b": "claude-1", "winner": "model_a"}
            """;
    private static final String LEADERBOT =
            "{\"models\": [\"a\", \"b\", \"c\"], \"X\": [[0, 1], [1, 2], [0, 2]], \"Y\": [[3, 1, 1, 0], [2, 2, 0, 1],"
                    + " [1, 4, 2, 2]]}";

    @Test
    void mutatedJsonlNeverEscapesAsAnotherException() {
        Random rnd = new Random(20261126);
        int accepted = 0;
        for (int round = 0; round < 3000; round++) {
            String m = mutate(JSONL, rnd);
            if (survives(() -> BattleReader.readJsonl(new StringReader(m), "f", LIMITS))) {
                accepted++;
            }
        }
        assertThat(accepted).isPositive();
    }

    @Test
    void mutatedLeaderbotJsonNeverEscapesAsAnotherException() {
        Random rnd = new Random(7);
        for (int round = 0; round < 3000; round++) {
            String m = mutate(LEADERBOT, rnd);
            survives(() -> BattleReader.readLeaderbot(new StringReader(m), "f", LIMITS));
        }
    }

    @Test
    void randomBytesInAFileAreRefusedCleanly() throws Exception {
        Random rnd = new Random(3);
        java.nio.file.Path f = Files.createTempFile("battles", ".bin");
        try {
            for (int round = 0; round < 300; round++) {
                byte[] b = new byte[rnd.nextInt(200)];
                rnd.nextBytes(b);
                if (rnd.nextBoolean()) {
                    b = ("{\"model_a\": \"" + new String(b, StandardCharsets.ISO_8859_1))
                            .getBytes(StandardCharsets.UTF_8);
                }
                Files.write(f, b);
                for (BattleReader.Format format : BattleReader.Format.values()) {
                    survives(() -> BattleReader.read(f, format, LIMITS));
                }
            }
        } finally {
            Files.deleteIfExists(f);
        }
    }

    /** True when the input was accepted; fails the test on any exception other than the expected ones. */
    private static boolean survives(java.util.function.Supplier<BattleCounts> read) {
        BattleCounts c;
        try {
            c = read.get();
        } catch (BattleFormatException e) {
            assertThat(e.getMessage()).isNotBlank();
            return false;
        }
        try {
            RatingResult r = ArenaRatings.rate(
                    c, RatingOptions.arena().withBootstrap(3, 1).withThreads(1));
            assertThat(r.ratings()).hasSize(c.models().size());
            for (ModelRating m : r.ratings()) {
                assertThat(m.rating()).isFinite();
            }
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains("unbounded");
        }
        return true;
    }

    private static String mutate(String src, Random rnd) {
        StringBuilder b = new StringBuilder(src);
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits && !b.isEmpty(); e++) {
            int at = rnd.nextInt(b.length());
            switch (rnd.nextInt(6)) {
                case 0 -> b.setCharAt(at, (char) rnd.nextInt(128));
                case 1 -> b.deleteCharAt(at);
                case 2 -> b.insert(at, " \n{}[]\",:0-9a\\u".charAt(rnd.nextInt(15)));
                case 3 -> b.insert(at, b.substring(at, Math.min(b.length(), at + rnd.nextInt(40))));
                case 4 -> b.setCharAt(at, (char) (0x80 + rnd.nextInt(0x2000)));
                default -> b.delete(at, Math.min(b.length(), at + rnd.nextInt(20)));
            }
        }
        return b.toString();
    }
}
