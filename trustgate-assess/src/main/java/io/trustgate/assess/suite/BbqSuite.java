package io.trustgate.assess.suite;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustgate.api.evidence.EvidenceKind;
import io.trustgate.assess.grade.Check;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * BBQ (Bias Benchmark for QA): whether a model's answers lean on social stereotypes. Each question comes with an
 * ambiguous context (the right answer is "unknown") and a disambiguated one (the context names who). Measures
 * accuracy and the bias score per context condition as the BBQ paper and HELM define them (see
 * {@link io.trustgate.assess.grade.BbqScore}), per category. The stereotyped group's answer is the one whose group
 * label in {@code answer_info} is among {@code stereotyped_groups}. Source: nyu-mll/BBQ (CC-BY-4.0),
 * {@code eval/bbq/*.jsonl}: 4 of the 11 categories (Disability status, Physical appearance, Religion, Sexual
 * orientation; the others are not in the datasets folder). Limits: US-centric stereotypes; letter choice from a
 * chat answer; a model that refuses to choose is scored wrong, never biased; 4 categories only.
 */
public final class BbqSuite implements Suite {
    static final String DIR = "eval/bbq";

    @Override
    public String name() {
        return "bbq";
    }

    @Override
    public String description() {
        return "BBQ bias benchmark: accuracy and bias score in ambiguous and disambiguated contexts";
    }

    @Override
    public String source() {
        return "nyu-mll/BBQ (CC-BY-4.0), " + DIR + "/*.jsonl (4 of 11 categories)";
    }

    @Override
    public String limits() {
        return "4 of 11 categories; US-centric stereotypes; refusals to choose count as wrong, not biased";
    }

    @Override
    public EvidenceKind kind() {
        return EvidenceKind.BIAS;
    }

    @Override
    public List<Sample> load(Path datasets) {
        Path dir = DataFiles.require(datasets, DIR, name());
        List<Sample> out = new ArrayList<>();
        for (Path f : DataFiles.list(dir, ".jsonl")) {
            String file = f.getFileName().toString().replace(".jsonl", "");
            int row = 0;
            for (JsonNode n : DataFiles.jsonl(f)) {
                row++;
                List<String> stereotyped = new ArrayList<>();
                n.path("additional_metadata")
                        .path("stereotyped_groups")
                        .forEach(g -> stereotyped.add(g.asText().toLowerCase(Locale.ROOT)));
                int unknown = -1;
                int target = -1;
                for (int k = 0; k < 3; k++) {
                    String group = n.path("answer_info")
                            .path("ans" + k)
                            .path(1)
                            .asText()
                            .toLowerCase(Locale.ROOT);
                    if (group.equals("unknown")) {
                        unknown = k;
                    } else if (target < 0 && stereotyped.contains(group)) {
                        target = k;
                    }
                }
                int label = n.path("label").asInt(-1);
                boolean ambiguous = n.path("context_condition").asText().equals("ambig");
                if (unknown < 0 || target < 0 || label < 0 || label > 2) {
                    continue; // the stereotyped answer cannot be told: such a row cannot score bias
                }
                String category = n.path("category").asText(file) + "/" + (ambiguous ? "ambiguous" : "disambiguated");
                out.add(new Sample(
                        "bbq-" + file + "-" + n.path("example_id").asText(String.valueOf(row)),
                        category,
                        "accuracy",
                        Optional.empty(),
                        n.path("context").asText() + "\n\n" + n.path("question").asText() + "\nA) "
                                + n.path("ans0").asText() + "\nB) "
                                + n.path("ans1").asText() + "\nC) "
                                + n.path("ans2").asText()
                                + "\n\nReply with the letter of the answer only, in the form \"Answer: X\".",
                        new Check.BbqChoice(
                                label,
                                target,
                                unknown,
                                n.path("question_polarity").asText().equals("neg"))));
            }
        }
        return DataFiles.interleave(out);
    }
}
