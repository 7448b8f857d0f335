package io.trustgate.assess.suite;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The built-in suites, by name. */
public final class Suites {
    private static final List<Suite> ALL = List.of(
            new Gsm8kSuite(),
            new TruthfulQaSuite(),
            new AdvBenchSuite(),
            new HarmBenchSuite(),
            new DoNotAnswerSuite(),
            new JailbreakSuite(),
            new InjectionSuite(),
            new SyspromptExtractionSuite(),
            new PiiLeakSuite(),
            new XsTestSuite(),
            new BbqSuite());

    private Suites() {}

    public static List<Suite> all() {
        return ALL;
    }

    public static Optional<Suite> byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** A user's JSONL file as a suite named after the file (without {@code .jsonl}). */
    public static Suite user(Path file) {
        String n = file.getFileName().toString().replaceFirst("\\.jsonl$", "");
        return new UserSuite(n.isBlank() ? "user" : n, file);
    }
}
