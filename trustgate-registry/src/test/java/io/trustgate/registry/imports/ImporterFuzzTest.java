package io.trustgate.registry.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.trustgate.registry.profile.ModelProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated input for every importer: each must return a profile or throw its own {@link ImportException},
 * never anything else (no parser exception, no stack overflow, no class cast). Seeded, so a failure reproduces.
 */
class ImporterFuzzTest {
    static final Path RES = Path.of("src/test/resources");
    static final int ROUNDS = 1500;

    static final List<String> FRAGMENTS = List.of(
            "---\n",
            "\n",
            ": ",
            "- ",
            "[",
            "]",
            "{",
            "}",
            "&a ",
            "*a ",
            "!!binary ",
            "? ",
            "|\n",
            ">\n",
            "'",
            "\"",
            "name: ",
            "license: ",
            "components:\n",
            "model-index:\n",
            "results:\n",
            "metrics:\n",
            "value: ",
            "class: ",
            "open",
            "1e999",
            "-1",
            "null",
            "~",
            "\t",
            "\u0000",
            "\uFEFF",
            "%YAML 1.2\n",
            "#");

    private static void fuzz(Importer importer, String seedText, long seed) {
        Random rnd = new Random(seed);
        int returned = 0;
        for (int i = 0; i < ROUNDS; i++) {
            String input = switch (i % 3) {
                case 0 -> randomBytes(rnd);
                case 1 -> mutate(seedText, rnd);
                default -> splice(seedText, rnd);
            };
            try {
                ModelProfile p = importer.read(input, "fuzz-" + i);
                assertThat(p.id()).isNotBlank();
                returned++;
            } catch (ImportException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            } catch (RuntimeException | StackOverflowError e) {
                fail(importer.format() + " round " + i + " (seed " + seed + ") threw " + e, e);
            }
        }
        assertThat(returned).as("some mutations still import").isPositive();
    }

    private static String randomBytes(Random rnd) {
        byte[] b = new byte[rnd.nextInt(400)];
        rnd.nextBytes(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static String mutate(String s, Random rnd) {
        StringBuilder b = new StringBuilder(s);
        int n = 1 + rnd.nextInt(6);
        for (int k = 0; k < n && !b.isEmpty(); k++) {
            int at = rnd.nextInt(b.length());
            switch (rnd.nextInt(4)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, FRAGMENTS.get(rnd.nextInt(FRAGMENTS.size())));
                case 2 -> b.setCharAt(at, (char) (32 + rnd.nextInt(95)));
                default -> b.delete(at, Math.min(b.length(), at + rnd.nextInt(40)));
            }
        }
        return b.toString();
    }

    private static String splice(String s, Random rnd) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < 1 + rnd.nextInt(30); k++) {
            if (rnd.nextBoolean()) {
                b.append(FRAGMENTS.get(rnd.nextInt(FRAGMENTS.size())));
            } else {
                int from = rnd.nextInt(s.length());
                b.append(s, from, Math.min(s.length(), from + rnd.nextInt(80)));
            }
        }
        if (rnd.nextInt(10) == 0) {
            b.append("[".repeat(5000));
        }
        return b.toString();
    }

    @Test
    void motImporterFailsOnlyWithItsOwnException() throws Exception {
        fuzz(new MotImporter(), Files.readString(RES.resolve("mot/Amber.yml")), 11);
    }

    @Test
    void osaiImporterFailsOnlyWithItsOwnException() throws Exception {
        fuzz(new OsaiImporter(), Files.readString(RES.resolve("osai/AMD OLMo.yaml")), 12);
    }

    @Test
    void hfCardImporterFailsOnlyWithItsOwnException() throws Exception {
        fuzz(
                new HfCardImporter(Optional.of("fuzz/model"), LocalDate.of(2026, 1, 1)),
                Files.readString(RES.resolve("hf/example__card-model/README.md")),
                13);
    }

    @Test
    void deepNestingAndAliasBombsAreRefused() {
        String deep = "release: " + "[".repeat(100_000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MotImporter().read(deep, "deep.yml"))
                .isInstanceOf(ImportException.class);
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            bomb.append(c)
                    .append(": &")
                    .append(c)
                    .append(" [*")
                    .append(p)
                    .append(", *")
                    .append(p)
                    .append(", *")
                    .append(p)
                    .append(", *")
                    .append(p)
                    .append("]\n");
        }
        bomb.append("release: *k\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MotImporter().read(bomb.toString(), "bomb.yml"))
                .isInstanceOf(ImportException.class);
    }
}
