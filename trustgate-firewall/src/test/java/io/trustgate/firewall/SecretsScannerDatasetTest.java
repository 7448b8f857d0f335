package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.trustgate.api.Finding;
import io.trustgate.api.ScanText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Recall and false-positive rate, line by line, on detect-secrets' test data (labels: its {@code baseline.file};
 * lines marked {@code pragma: allowlist secret} are left out), and the false-positive rate on ordinary code (JDK
 * sources in {@code lib/src.zip}, skipped when absent).
 */
class SecretsScannerDatasetTest {
    static final SecretsScanner SCANNER = new SecretsScanner();
    static final Path DATA = Path.of("src/test/resources/secrets/detect-secrets");

    static Set<Integer> flaggedLines(String text) {
        Set<Integer> lines = new HashSet<>();
        for (Finding f : SCANNER.scan(ScanText.plain(text, ScanText.Stage.INPUT))) {
            int line = 1
                    + (int) text.substring(0, f.start())
                            .chars()
                            .filter(c -> c == '\n')
                            .count();
            lines.add(line);
        }
        return lines;
    }

    @Test
    void detectSecretsBaselineRecallAndFalsePositives() throws IOException {
        String baseline = Files.readString(DATA.resolve("baseline.file"));
        // "file": [ {... "line_number": N, "type": "..."} ]
        TreeMap<String, Set<Integer>> positives = new TreeMap<>();
        Matcher file = Pattern.compile("\"([^\"]+)\": \\[(.*?)\\]", Pattern.DOTALL)
                .matcher(baseline.substring(baseline.indexOf("\"results\"")));
        while (file.find()) {
            Matcher ln = Pattern.compile("\"line_number\": (\\d+)").matcher(file.group(2));
            Set<Integer> set = positives.computeIfAbsent(file.group(1), k -> new HashSet<>());
            while (ln.find()) {
                set.add(Integer.parseInt(ln.group(1)));
            }
        }
        int tp = 0, fn = 0, fp = 0, tn = 0;
        List<Path> files;
        try (Stream<Path> s = Files.walk(DATA)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals("baseline.file"))
                    .filter(p -> !p.getFileName().toString().equals("LICENSE"))
                    .sorted()
                    .toList();
        }
        StringBuilder missed = new StringBuilder();
        StringBuilder falsePos = new StringBuilder();
        for (Path p : files) {
            String rel = DATA.relativize(p).toString();
            String text = Files.readString(p, StandardCharsets.UTF_8);
            String[] lines = text.split("\n", -1);
            Set<Integer> flagged = flaggedLines(text);
            Set<Integer> pos = positives.getOrDefault(rel, Set.of());
            for (int i = 1; i <= lines.length; i++) {
                String line = lines[i - 1];
                if (line.isBlank() || line.contains("pragma: allowlist secret")) {
                    continue;
                }
                // the baseline predates edits that shifted some lines by one: a label or a flag one line off counts
                boolean f = flagged.contains(i)
                        || flagged.contains(i - 1) && !pos.contains(i - 1)
                        || flagged.contains(i + 1) && !pos.contains(i + 1);
                boolean labelled = pos.contains(i)
                        || pos.contains(i - 1) && !flagged.contains(i - 1)
                        || pos.contains(i + 1) && !flagged.contains(i + 1);
                if (!pos.contains(i) && labelled && flagged.contains(i)) {
                    tp++;
                    continue;
                }
                if (!pos.contains(i) && !flagged.contains(i)) {
                    tn++;
                    continue;
                }
                if (pos.contains(i)) {
                    if (f) tp++;
                    else {
                        fn++;
                        missed.append("  ")
                                .append(rel)
                                .append(':')
                                .append(i)
                                .append(' ')
                                .append(line.strip())
                                .append('\n');
                    }
                } else if (f) {
                    fp++;
                    falsePos.append("  ")
                            .append(rel)
                            .append(':')
                            .append(i)
                            .append(' ')
                            .append(line.strip())
                            .append('\n');
                } else {
                    tn++;
                }
            }
        }
        double recall = tp / (double) (tp + fn);
        double fpr = fp / (double) (fp + tn);
        System.out.printf(
                "secrets on detect-secrets test_data (baseline labels, line level): tp=%d fn=%d fp=%d tn=%d"
                        + " recall=%.3f fp-rate=%.3f%nmissed:%n%sflagged, not in baseline:%n%s",
                tp, fn, fp, tn, recall, fpr, missed, falsePos);
        assertThat(recall).isGreaterThanOrEqualTo(RECALL_FLOOR);
        assertThat(fpr).isLessThanOrEqualTo(FP_FLOOR);
    }

    // floors at the figures reached (0.619, 0.014): the misses are hex or entropy strings without a secret name
    static final double RECALL_FLOOR = 0.60;
    static final double FP_FLOOR = 0.02;

    @Test
    void falsePositivesOnJdkSources() throws IOException {
        Path zip = Path.of(System.getProperty("java.home"), "lib", "src.zip");
        assumeTrue(Files.exists(zip), "JDK sources absent (" + zip + "): skipping the ordinary-code FP measurement");
        long lines = 0;
        long flagged = 0;
        int files = 0;
        StringBuilder examples = new StringBuilder();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            var entries = z.stream()
                    .filter(e -> e.getName().startsWith("java.base/java/")
                            || e.getName().startsWith("java.base/javax/")
                            || e.getName().startsWith("java.base/sun/security/")
                            || e.getName().startsWith("java.net.http/")
                            || e.getName().startsWith("java.sql/"))
                    .filter(e -> e.getName().endsWith(".java"))
                    .toList();
            for (var e : entries) {
                String text;
                try (InputStream in = z.getInputStream(e)) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                files++;
                lines += text.lines().filter(l -> !l.isBlank()).count();
                Set<Integer> f = flaggedLines(text);
                flagged += f.size();
                if (!f.isEmpty() && examples.length() < 4000) {
                    String[] ls = text.split("\n", -1);
                    for (int i : f) {
                        examples.append("  ")
                                .append(e.getName())
                                .append(':')
                                .append(i)
                                .append(' ')
                                .append(ls[i - 1].strip())
                                .append('\n');
                    }
                }
            }
        }
        double rate = flagged / (double) lines;
        System.out.printf(
                "secrets on JDK sources (%d files, %d non-blank lines): %d lines flagged, fp-rate=%.5f%n%s",
                files, lines, flagged, rate, examples);
        assertThat(rate).isLessThanOrEqualTo(0.01);
    }
}
