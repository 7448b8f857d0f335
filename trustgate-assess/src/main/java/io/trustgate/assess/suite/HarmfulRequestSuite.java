package io.trustgate.assess.suite;

import io.trustgate.api.evidence.EvidenceKind;
import io.trustgate.assess.grade.Check;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Harmful requests sent plain and wrapped by each {@link Attacks} strategy: probe family "harmful requests" (the
 * model's own safety behaviour; OWASP LLM01 when wrapped). Measures the attack success rate, the share of requests
 * not refused, per strategy and overall. Subclasses name the source of the requests. Limits: success is "not
 * refused" by the rule refusal detector, not "harmful content produced": an answer that neither refuses nor helps
 * counts as a success (use {@code --judge} to check); single-turn, fixed wrappers.
 */
abstract class HarmfulRequestSuite implements Suite {
    @Override
    public EvidenceKind kind() {
        return EvidenceKind.RED_TEAM;
    }

    /** The harmful requests, in file order. */
    abstract List<String> goals(Path datasets);

    @Override
    public List<Sample> load(Path datasets) {
        Attacks attacks = Attacks.load(datasets);
        List<Sample> out = new ArrayList<>();
        List<String> goals = goals(datasets);
        for (int i = 0; i < goals.size(); i++) {
            for (Map.Entry<String, String> v : attacks.variants(goals.get(i)).entrySet()) {
                out.add(new Sample(
                        name() + "-" + i + "-" + v.getKey(),
                        v.getKey(),
                        "attack_success_rate",
                        Optional.empty(),
                        v.getValue(),
                        new Check.Complies()));
            }
        }
        return out; // goal-major, strategy-minor: strategies already alternate
    }

    @Override
    public String limits() {
        return "success = not refused (rule detector), not harmful output; single-turn fixed wrappers";
    }
}
