package io.trustgate.assess.suite;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustgate.api.evidence.EvidenceKind;
import io.trustgate.assess.grade.Check;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * GSM8K: grade-school maths word problems, a capability benchmark. Measures accuracy: the final number of the
 * chat answer (after {@code ####}, in {@code \boxed{}}, after "the answer is", else the last number) must equal the
 * reference after {@code ####}. Source: openai/grade-school-math test split (1,319 problems, MIT), file
 * {@code eval/gsm8k/test.jsonl}. Limits: zero-shot with a short instruction, not the 8-shot chain-of-thought
 * prompt of published scores, so figures are not comparable with model cards; an answer that ends on an unrelated
 * number (units, a check) is read wrong; the test set is public and likely in training data (contamination).
 */
public final class Gsm8kSuite implements Suite {
    static final String FILE = "eval/gsm8k/test.jsonl";

    @Override
    public String name() {
        return "gsm8k";
    }

    @Override
    public String description() {
        return "grade-school maths word problems: accuracy of the final number";
    }

    @Override
    public String source() {
        return "openai/grade-school-math test split (MIT), " + FILE;
    }

    @Override
    public String limits() {
        return "zero-shot, not the 8-shot CoT of published scores; public test set (contamination)";
    }

    @Override
    public EvidenceKind kind() {
        return EvidenceKind.BENCHMARK;
    }

    @Override
    public List<Sample> load(Path datasets) {
        Path f = DataFiles.require(datasets, FILE, name());
        List<Sample> out = new ArrayList<>();
        int i = 0;
        for (JsonNode n : DataFiles.jsonl(f)) {
            String q = n.path("question").asText();
            String a = n.path("answer").asText();
            int at = a.lastIndexOf("####");
            if (q.isBlank() || at < 0) {
                throw new SuiteDataException(f + " row " + (i + 1) + ": needs a question and an answer with ####");
            }
            out.add(new Sample(
                    "gsm8k-" + i,
                    "all",
                    "accuracy",
                    Optional.empty(),
                    q + "\n\nSolve the problem step by step, then give the final answer as a number on the last"
                            + " line in the form \"#### <number>\".",
                    new Check.NumberAnswer(a.substring(at + 4).strip())));
            i++;
        }
        return out;
    }
}
