package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.trustgate.api.ScanText;
import io.trustgate.api.ScanText.Decoded;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * False decodes on ordinary text: the comments of the JDK's own {@code java.base} sources (the {@code lib/src.zip} of
 * the JDK running the test; skipped when it has none), cut into 4 KB prompts, should give the spaced, hyphenated and
 * separated-hex decoders almost nothing to decode. Prints the runs per million chars and the first examples.
 */
class NormalizerFalseDecodeTest {
    private static final Set<String> NEW_KINDS = Set.of(
            "spaced",
            "hyphenated",
            "hex",
            "reversed",
            "leetspeak",
            "misspelled",
            "base32",
            "percent",
            "unicode-escape",
            "html-entity",
            "binary",
            "morse",
            "caesar",
            "atbash",
            "nato",
            "braille",
            "ascii85",
            "uuencode",
            "pig-latin",
            "robber");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    static String jdkComments(Path srcZip, String module) throws IOException {
        StringBuilder out = new StringBuilder();
        try (ZipFile zip = new ZipFile(srcZip.toFile())) {
            List<? extends ZipEntry> entries = zip.stream()
                    .filter(e ->
                            e.getName().startsWith(module + "/") && e.getName().endsWith(".java"))
                    .sorted((a, b) -> a.getName().compareTo(b.getName()))
                    .toList();
            for (ZipEntry e : entries) {
                try (InputStream in = zip.getInputStream(e)) {
                    Matcher m = COMMENT.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    while (m.find()) {
                        String c = m.group();
                        if (!c.contains("DO NOT ALTER OR REMOVE COPYRIGHT NOTICES")) {
                            out.append(c).append('\n');
                        }
                    }
                }
            }
        }
        return out.toString();
    }

    @Test
    void decodesAlmostNothingInTheJdkSourceComments() throws IOException {
        Path srcZip = Path.of(System.getProperty("java.home"), "lib", "src.zip");
        assumeTrue(Files.isRegularFile(srcZip), "no " + srcZip + " in this JDK: false-decode measurement skipped");
        String text = jdkComments(srcZip, "java.base");
        assumeTrue(text.length() > 1_000_000, "src.zip has no java.base sources");
        Normalizer normalizer = new Normalizer();
        Map<String, Integer> counts = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        List<String> ciphers = new ArrayList<>();
        int pos = 0;
        while (pos < text.length()) {
            int end = Math.min(text.length(), pos + 4096);
            int nl = text.lastIndexOf('\n', end);
            if (end < text.length() && nl > pos) {
                end = nl + 1;
            }
            String prompt = text.substring(pos, end);
            for (Decoded d : normalizer.normalize(prompt, ScanText.Stage.INPUT).decoded()) {
                if (NEW_KINDS.contains(d.encoding())) {
                    counts.merge(d.encoding(), 1, Integer::sum);
                    if (Set.of("caesar", "atbash", "nato", "braille", "ascii85", "uuencode", "pig-latin", "robber")
                            .contains(d.encoding())) {
                        ciphers.add(d.encoding() + ": " + d.text());
                    }
                    if (examples.size() < 6) {
                        String from = prompt.substring(d.start(), Math.min(d.end(), d.start() + 60));
                        examples.add(d.encoding() + ": [" + from.replace('\n', ' ') + "] -> [" + d.text() + "]");
                    }
                }
            }
            pos = end;
        }
        double millions = text.length() / 1e6;
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf(
                "Normalizer false decodes: java.base comments, %.1f M chars: %d runs (%.2f per M chars) %s%n",
                millions, total, total / millions, counts);
        examples.forEach(e -> System.out.println("  " + e));
        ciphers.forEach(e -> System.out.println("  " + e));
        assertThat(total / millions).as("new decoded runs per million chars").isLessThan(5.0);
    }
}
