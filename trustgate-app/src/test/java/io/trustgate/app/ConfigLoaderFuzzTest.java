package io.trustgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds seeded random mutations of the example file to the loader: whatever the input, it either succeeds or throws
 * {@link ConfigException} with located problems, never another exception, never an internal error, never a
 * credential in a message, and each file is read in well under a second.
 */
class ConfigLoaderFuzzTest {
    private static final int RUNS = 3000;
    private static final String SIGNIFICANT = ":-[]{},&*!|>'\"%@#?\t\n ${}~0123456789.";

    @Test
    void mutatedExamplesOnlyEverYieldAConfigOrConfigException(@TempDir Path dir) throws IOException {
        byte[] example = ConfigLoaderTest.example().getBytes(StandardCharsets.UTF_8);
        Random random = new Random(20261125L);
        int loaded = 0;
        long slowestNanos = 0;
        Path file = dir.resolve("fuzz.yaml");
        // Warm up class loading and the JIT first: the 1 s bound is about blow-ups on junk, not a cold JVM.
        for (int i = 0; i < 50; i++) {
            ConfigLoader.parse(ConfigLoaderTest.example(), "warm-up.yaml", ConfigLoaderTest.ENV);
        }
        for (int run = 0; run < RUNS; run++) {
            byte[] mutated = mutate(example, random, 1 + random.nextInt(6));
            boolean viaFile = run % 10 == 0;
            if (viaFile) {
                Files.write(file, mutated);
            }
            String text = new String(mutated, StandardCharsets.UTF_8);
            long start = System.nanoTime();
            try {
                if (viaFile) {
                    ConfigLoader.load(file, ConfigLoaderTest.ENV);
                } else {
                    ConfigLoader.parse(text, "fuzz.yaml", ConfigLoaderTest.ENV);
                }
                loaded++;
            } catch (ConfigException e) {
                String message = e.getMessage();
                if (message.contains("internal error")
                        || message.contains(ConfigLoaderTest.OPENAI_SECRET)
                        || message.contains(ConfigLoaderTest.ANTHROPIC_SECRET)) {
                    throw new AssertionError("run " + run + ": " + message + "\non:\n" + text);
                }
            } catch (Throwable t) {
                throw new AssertionError("run " + run + " threw " + t + " on:\n" + text, t);
            }
            long took = System.nanoTime() - start;
            slowestNanos = Math.max(slowestNanos, took);
            assertThat(took).as("run %d took %d ms", run, took / 1_000_000).isLessThan(1_000_000_000L);
        }
        // Many mutations land in comments or keep the file valid; most should still be caught.
        assertThat(loaded).isBetween(1, RUNS - 1);
        System.out.printf("fuzz: %d of %d mutants loaded, slowest %d ms%n", loaded, RUNS, slowestNanos / 1_000_000);
    }

    private static byte[] mutate(byte[] input, Random random, int mutations) {
        List<byte[]> lines = splitLines(input);
        for (int i = 0; i < mutations && !lines.isEmpty(); i++) {
            int at = random.nextInt(lines.size());
            byte[] line = lines.get(at);
            switch (random.nextInt(7)) {
                case 0 -> { // flip one byte to anything, invalid UTF-8 included
                    if (line.length > 0) {
                        line = line.clone();
                        line[random.nextInt(line.length)] = (byte) random.nextInt(256);
                        lines.set(at, line);
                    }
                }
                case 1 -> lines.remove(at);
                case 2 -> lines.add(at, line.clone());
                case 3 -> { // re-indent
                    int strip = 0;
                    while (strip < line.length && line[strip] == ' ') {
                        strip++;
                    }
                    byte[] body = Arrays.copyOfRange(line, strip, line.length);
                    byte[] indent = " ".repeat(random.nextInt(12)).getBytes(StandardCharsets.US_ASCII);
                    lines.set(at, concat(indent, body));
                }
                case 4 -> { // insert a character YAML cares about
                    byte[] c = String.valueOf(SIGNIFICANT.charAt(random.nextInt(SIGNIFICANT.length())))
                            .getBytes(StandardCharsets.UTF_8);
                    int pos = line.length == 0 ? 0 : random.nextInt(line.length + 1);
                    lines.set(
                            at,
                            concat(
                                    concat(Arrays.copyOfRange(line, 0, pos), c),
                                    Arrays.copyOfRange(line, pos, line.length)));
                }
                case 5 -> { // swap with another line
                    int other = random.nextInt(lines.size());
                    lines.set(at, lines.get(other));
                    lines.set(other, line);
                }
                default -> { // replace a value with a huge or odd one
                    String[] odd = {
                        "99999999999999999999999", "-1", "", "~", "[", "{}", "[]", "${NOPE}", "1e9", "0", "\"\\x\""
                    };
                    String text = new String(line, StandardCharsets.UTF_8);
                    int colon = text.indexOf(": ");
                    if (colon >= 0) {
                        String value = odd[random.nextInt(odd.length)];
                        lines.set(at, (text.substring(0, colon + 2) + value).getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length + 64);
        for (byte[] line : lines) {
            out.writeBytes(line);
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static List<byte[]> splitLines(byte[] input) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < input.length; i++) {
            if (input[i] == '\n') {
                lines.add(Arrays.copyOfRange(input, start, i));
                start = i + 1;
            }
        }
        if (start < input.length) {
            lines.add(Arrays.copyOfRange(input, start, input.length));
        }
        return lines;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
