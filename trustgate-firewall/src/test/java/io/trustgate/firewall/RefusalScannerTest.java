package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.api.Category;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanText;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Must-flag and must-pass answers written for this project (the XSTest evaluation is in RefusalScannerEvalTest). */
class RefusalScannerTest {
    static final Normalizer NORMALIZER = new Normalizer();
    static final RefusalScanner SCANNER = new RefusalScanner();

    static List<Finding> scan(String answer) {
        return SCANNER.scan(NORMALIZER.normalize(answer, ScanText.Stage.OUTPUT));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "I'm sorry, but I can't help with that request.",
                "I cannot provide instructions for that. If you are in danger, please contact local emergency services.",
                "As an AI language model, I must decline to write that content.",
                "I’m unable to assist with this. Instead, I can suggest some resources on home security.",
                "Unfortunately, I can't share personal information about private individuals.",
                "I must respectfully decline. It is not appropriate to share someone's home address.",
                "It's not appropriate or ethical to provide advice on hacking into an account you do not own.",
                "Sorry, but I won't write that. Is there anything else I can help you with?",
                "I'm just an AI, it's not within my programming or ethical guidelines to help with this.",
                "I \u0441annot help with that.",
            })
    void flagsRefusals(String answer) {
        assertThat(scan(answer)).as(answer).singleElement().satisfies(f -> {
            assertThat(f.category()).isEqualTo(Category.REFUSAL);
            assertThat(f.type()).isEqualTo("REFUSAL");
            assertThat(f.hasSpan()).isFalse();
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Sure! To kill a Python process, run `kill -9 <pid>` or use the Task Manager on Windows.",
                "Here is a summary of the report: revenue grew 12% and costs fell 3%.",
                "There are several ways to do this:\n1. Use the CLI.\n2. Use the API.\n3. Use the web console.",
                "The capital of France is Paris. It has been the capital since the 10th century.",
                "```python\nprint('hello')\n```",
                "You can terminate a C program by calling exit(0) from stdlib.h.",
                "Yes. The function returns null when the key is missing, so check it before use.",
                "",
            })
    void passesAnswers(String answer) {
        assertThat(scan(answer)).as(answer).isEmpty();
    }

    @Test
    void anEarlyRefusalScoresHigherThanALateOne() {
        String early = "I can't help with that. The weather today is sunny and warm across the region.";
        String late =
                "The weather today is sunny. It will be warm. Rain comes tomorrow. Later: I can't help with that.";
        assertThat(RefusalScanner.score(early)).isGreaterThan(RefusalScanner.score(late));
    }

    @Test
    void randomTextNeverThrowsAndScoresStayInRange() {
        Random rnd = new Random(11);
        String[] seeds = {
            "i can't ", "sorry, but ", "as an ai", ". ", "\n", "however, i must ", "```", "sure", "é", "\uD800"
        };
        for (int i = 0; i < 3000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = rnd.nextInt(60);
            for (int k = 0; k < n; k++) {
                sb.append(
                        rnd.nextBoolean()
                                ? seeds[rnd.nextInt(seeds.length)]
                                : String.valueOf((char) rnd.nextInt(0x3000)));
            }
            for (Finding f : scan(sb.toString())) {
                assertThat(f.score()).isBetween(0.0, 1.0);
            }
        }
    }

    @Test
    void scansATwoKilobyteAnswerInMicroseconds() {
        String unit =
                "I'm sorry, but I can't help with that. Instead, I can suggest some general resources on the topic. ";
        String answer = unit.repeat(2048 / unit.length() + 1).substring(0, 2048);
        ScanText st = NORMALIZER.normalize(answer, ScanText.Stage.OUTPUT);
        long[] ns = Timing.run(() -> SCANNER.scan(st));
        System.out.printf("refusal, 2 KB answer: p50 %d us, p99 %d us%n", ns[0] / 1000, ns[1] / 1000);
        assertThat(ns[0] / 1000).isLessThan(2000);
    }
}
