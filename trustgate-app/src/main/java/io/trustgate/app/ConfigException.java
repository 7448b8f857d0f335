package io.trustgate.app;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration could not be used; {@link #problems()} lists everything found wrong, not just the first thing.
 * The caller cannot retry: the file must be fixed.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    private static String describe(List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        return problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n"));
    }

    /** The problems, in the order of the file as far as the loader could tell. */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
