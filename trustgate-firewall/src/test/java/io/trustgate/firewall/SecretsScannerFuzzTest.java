package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.api.Finding;
import io.trustgate.api.ScanText;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random and mutated inputs: no exception, spans within bounds, bounded time. */
class SecretsScannerFuzzTest {
    static final SecretsScanner SCANNER = new SecretsScanner();
    static final String[] SEEDS = {
        "aws_secret_access_key = ",
        "AKIA",
        "ghp_",
        "github_pat_",
        "glpat-",
        "xoxb-1-",
        "xapp-1-",
        "sk_live_",
        "sk-ant-api03-",
        "sk-proj-",
        "sk-",
        "hf_",
        "eyJ",
        "-----BEGIN RSA PRIVATE KEY-----\n",
        "-----END PRIVATE KEY-----",
        "postgres://u:",
        "@",
        "jdbc:mysql://h/d?password=",
        "AccountKey=",
        "8Q~",
        "\"private_key\": \"",
        "key=",
        "password: ",
        "Bearer ",
        "hooks.slack.com/services/",
        "://",
        "\\n",
        "\"",
        "'",
        "=",
        ":",
        " ",
        "\n",
        "é",
        "\u0000"
    };

    static String randomText(Random r, int len) {
        String chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/=_-.:;@\"' \n~$";
        var sb = new StringBuilder(len + 64);
        while (sb.length() < len) {
            if (r.nextInt(6) == 0) {
                sb.append(SEEDS[r.nextInt(SEEDS.length)]);
            } else {
                sb.append(chars.charAt(r.nextInt(chars.length())));
            }
        }
        return sb.toString();
    }

    static void assertSane(String text, List<Finding> findings) {
        for (Finding f : findings) {
            assertThat(f.start()).isBetween(0, text.length());
            assertThat(f.end()).isBetween(f.start() + 1, text.length());
            assertThat(f.score()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void randomStringsNeverThrowAndSpansStayInBounds() {
        Random r = new Random(42);
        for (int i = 0; i < 3000; i++) {
            String text = randomText(r, r.nextInt(400));
            assertSane(text, SCANNER.scan(ScanText.plain(text, ScanText.Stage.INPUT)));
        }
    }

    @Test
    void mutatedPositivesNeverThrowAndSpansStayInBounds() {
        Random r = new Random(43);
        List<String> positives = SecretsScannerCorpusTest.mustFlag()
                .map(a -> (String) a.get()[1])
                .toList();
        for (int i = 0; i < 5000; i++) {
            var sb = new StringBuilder(positives.get(r.nextInt(positives.size())));
            int edits = 1 + r.nextInt(4);
            for (int e = 0; e < edits && sb.length() > 0; e++) {
                int at = r.nextInt(sb.length());
                switch (r.nextInt(4)) {
                    case 0 -> sb.deleteCharAt(at);
                    case 1 -> sb.insert(at, (char) (32 + r.nextInt(95)));
                    case 2 -> sb.setCharAt(at, (char) r.nextInt(0x3000));
                    default -> sb.insert(at, SEEDS[r.nextInt(SEEDS.length)]);
                }
            }
            String text = sb.toString();
            assertSane(text, SCANNER.scan(ScanText.plain(text, ScanText.Stage.INPUT)));
        }
    }

    @Test
    void oneMebibyteScansInLinearTime() {
        String text = randomText(new Random(44), 1 << 20);
        String quarter = text.substring(0, 1 << 18);
        for (int i = 0; i < 3; i++) {
            SCANNER.scan(ScanText.plain(text, ScanText.Stage.INPUT)); // warm-up
        }
        long best = Long.MAX_VALUE;
        long bestQuarter = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            assertSane(text, SCANNER.scan(ScanText.plain(text, ScanText.Stage.INPUT)));
            long t1 = System.nanoTime();
            SCANNER.scan(ScanText.plain(quarter, ScanText.Stage.INPUT));
            best = Math.min(best, t1 - t0);
            bestQuarter = Math.min(bestQuarter, System.nanoTime() - t1);
        }
        System.out.printf(
                "secrets: 1 MiB seeded random text, best of 5: %.1f ms (a quarter of it: %.1f ms)%n",
                best / 1e6, bestQuarter / 1e6);
        // the growth says whether it is linear; the absolute bound only catches the pathological, as a build that
        // shares the machine can triple any time (600 ms were seen so while other builds ran)
        assertThat(best / 1e6)
                .as("linear time: 4 times the text, at most 8 times the time")
                .isLessThan(8 * bestQuarter / 1e6 + 50);
        assertThat(best / 1e6).as("about 140 ms on an idle 2-core VM").isLessThan(2000);
    }

    @Test
    void twoKilobytePromptTiming() {
        Random r = new Random(45);
        var sb = new StringBuilder();
        while (sb.length() < 2048) {
            sb.append("Please review this config and tell me why the service fails to start. ");
            sb.append("The database key is set in the environment and the token refreshes hourly.\n");
            sb.append("api_key = \"")
                    .append(SecretsScannerCorpusTest.rnd(r, SecretsScannerCorpusTest.ALNUM, 32))
                    .append("\"\n");
        }
        String text = sb.substring(0, 2048);
        ScanText st = ScanText.plain(text, ScanText.Stage.INPUT);
        for (int i = 0; i < 20_000; i++) {
            SCANNER.scan(st);
        }
        int n = 20_000;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            SCANNER.scan(st);
        }
        double us = (System.nanoTime() - t0) / 1e3 / n;
        System.out.printf("secrets: 2 KB prompt, mean of %d scans: %.1f us%n", n, us);
        assertThat(us).isLessThan(1000);
    }
}
