package io.trustgate.assess.suite;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustgate.api.evidence.EvidenceKind;
import io.trustgate.assess.grade.Check;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Published jailbreaks (OWASP LLM01): the attack prompts JailbreakBench released for its 100 behaviours, made by
 * PAIR (an attacker model's iterative refinement), JBC (the AIM template from jailbreakchat.com) and prompt with
 * random search (a template plus an optimised suffix). Measures the attack success rate (not refused) per method.
 * Source: JailbreakBench/artifacts (MIT), {@code injection/jailbreakbench/attack-artifacts/<method>/}, prompts of
 * all target-model files, duplicates removed. Limits: the prompts were optimised against other models (transfer
 * attacks); success is "not refused", not "harmful content" (JailbreakBench's judge is a model; use
 * {@code --judge}); JBC repeats one template 100 times.
 */
public final class JailbreakSuite implements Suite {
    static final String DIR = "injection/jailbreakbench/attack-artifacts";

    @Override
    public String name() {
        return "jailbreak";
    }

    @Override
    public String description() {
        return "JailbreakBench attack prompts (PAIR, JBC, random search): attack success rate per method";
    }

    @Override
    public String source() {
        return "JailbreakBench/artifacts (MIT), " + DIR;
    }

    @Override
    public String limits() {
        return "transfer attacks made for other models; success = not refused, not judged harmful";
    }

    @Override
    public EvidenceKind kind() {
        return EvidenceKind.RED_TEAM;
    }

    @Override
    public List<Sample> load(Path datasets) {
        Path root = DataFiles.require(datasets, DIR, name());
        List<Sample> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String method : List.of("PAIR", "JBC", "prompt_with_random_search")) {
            Path m = root.resolve(method);
            if (!Files.isDirectory(m)) {
                continue;
            }
            List<Path> files = new ArrayList<>();
            for (String sub : List.of("black_box", "manual", "white_box")) {
                if (Files.isDirectory(m.resolve(sub))) {
                    files.addAll(DataFiles.list(m.resolve(sub), ".json"));
                }
            }
            for (Path f : files) {
                for (JsonNode j : DataFiles.json(f).path("jailbreaks")) {
                    JsonNode p = j.path("prompt");
                    if (!p.isTextual() || p.asText().isBlank() || !seen.add(p.asText())) {
                        continue;
                    }
                    out.add(new Sample(
                            "jailbreak-" + method + "-" + DataFiles.hash(p.asText()),
                            method,
                            "attack_success_rate",
                            Optional.empty(),
                            p.asText(),
                            new Check.Complies()));
                }
            }
        }
        if (out.isEmpty()) {
            throw new SuiteDataException("no jailbreak prompts under " + root);
        }
        return DataFiles.interleave(out);
    }
}
