package io.trustgate.assess.artifacts;

import static io.trustgate.assess.artifacts.Build.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.trustgate.assess.artifacts.Build.ZipEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated bytes into every parser: the scan must return findings, never throw, never hang (each parser
 * has bounded loops), and never fall back to the "scanner error" catch-all, which would mean a reader bug.
 */
class ParserFuzzTest {
    private static final String[] NAMES = {
        "x.pkl", "x.safetensors", "x.gguf", "x.onnx", "x.npy", "x.zip", "x.h5", "pytorch_model.bin", "x", "x.keras"
    };

    private static List<byte[]> seeds() throws Exception {
        List<byte[]> s = new ArrayList<>();
        s.add(Build.globalCall("os", "system", "id"));
        s.add(Build.stackGlobalCall("builtins", "eval", "1"));
        s.add(Build.orderedDict());
        s.add(Build.safetensors(
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},\"__metadata__\":{\"a\":\"b\"}}",
                new byte[16]));
        s.add(Build.gguf("general.name", "x", "tokenizer.chat_template", "{{ messages }}"));
        s.add(Build.onnx("../x.bin", "custom"));
        s.add(Build.npy("|O", "(1,)", Build.globalCall("os", "system", "id")));
        s.add(Build.npy("<f4", "(2,)", new byte[8]));
        s.add(Build.zip(
                new ZipEntry("archive/data.pkl", Build.orderedDict()), new ZipEntry("archive/data/0", new byte[32])));
        s.add(Build.zip(new ZipEntry("a.json", "a.json", ascii(Build.LAMBDA_CONFIG), 0, true, true)));
        s.add(Build.concat(
                new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'}, ascii(Build.LAMBDA_CONFIG)));
        Path vectors = PicklescanVectorsTest.root().resolve("tests/data");
        for (String f : List.of(
                "malicious0.pkl",
                "malicious1_0x1.zip",
                "pytorch_magic_bypass.pt",
                "new_pytorch_model.bin",
                "malicious12.pkl")) {
            s.add(Files.readAllBytes(vectors.resolve(f)));
        }
        return s;
    }

    @Test
    void mutatedAndRandomInputsOnlyEverProduceFindings() throws Exception {
        List<byte[]> seeds = seeds();
        SplittableRandom rnd = new SplittableRandom(20261126L);
        ArtifactScanner scanner = new ArtifactScanner();
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < 6000; i++) {
                byte[] input = i % 10 == 9 ? randomBytes(rnd) : mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
                String name = NAMES[rnd.nextInt(NAMES.length)];
                FileVerdict v;
                try {
                    v = scanner.scanBytes(name, input);
                } catch (RuntimeException | StackOverflowError e) {
                    fail("input " + i + " (" + name + ") threw " + e, e);
                    return;
                }
                int n = i;
                assertThat(v.findings())
                        .as("input %d (%s)", n, name)
                        .noneSatisfy(f -> assertThat(f.reason()).startsWith("scanner error"));
            }
        });
    }

    private static byte[] randomBytes(SplittableRandom rnd) {
        byte[] b = new byte[rnd.nextInt(2048)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) rnd.nextInt(256);
        }
        if (b.length > 8 && rnd.nextBoolean()) {
            byte[][] magics = {
                {(byte) 0x80, 4},
                {'P', 'K', 3, 4},
                {'G', 'G', 'U', 'F', 3, 0, 0, 0},
                {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0},
                {8, 7}
            };
            byte[] m = magics[rnd.nextInt(magics.length)];
            System.arraycopy(m, 0, b, 0, Math.min(m.length, b.length));
        }
        return b;
    }

    private static byte[] mutate(byte[] seed, SplittableRandom rnd) {
        byte[] b = seed.clone();
        int ops = 1 + rnd.nextInt(6);
        for (int k = 0; k < ops && b.length > 0; k++) {
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(6)) {
                case 0 -> b[at] = (byte) rnd.nextInt(256);
                case 1 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
                case 2 -> b = Arrays.copyOf(b, at);
                case 3 -> {
                    byte[] extreme = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f};
                    for (int j = 0; j < extreme.length && at + j < b.length; j++) {
                        b[at + j] = extreme[j];
                    }
                }
                case 4 -> {
                    int len = Math.min(b.length - at, rnd.nextInt(16) + 1);
                    byte[] dup = Arrays.copyOfRange(b, at, at + len);
                    b = Build.concat(Arrays.copyOf(b, at), dup, Arrays.copyOfRange(b, at, b.length));
                }
                default -> b[at] = 0;
            }
        }
        return b;
    }
}
