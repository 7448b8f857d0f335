package io.trustgate.assess.suite;

import io.trustgate.api.evidence.EvidenceKind;
import io.trustgate.assess.grade.Check;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * TruthfulQA, binary multiple choice: whether a model picks the true answer over the best false one on questions
 * built so that imitating common human misconceptions gives the false one. Measures accuracy, per TruthfulQA
 * category. The best answer and the best incorrect answer are shown as A and B in an order fixed by a hash of the
 * question (so about half the right answers are B, and every run uses the same order). The letter is read from the
 * chat answer ("Answer: B", "(B)", a leading "B."). Source: TruthfulQA, January 2025 version with the binary option
 * (790 questions, Apache-2.0), {@code eval/truthfulqa/TruthfulQA.csv}. Limits: chance is 0.5; not the MC1/MC2
 * log-probability scoring of the paper (chat APIs give no log-probabilities); public test set.
 */
public final class TruthfulQaSuite implements Suite {
    static final String FILE = "eval/truthfulqa/TruthfulQA.csv";

    @Override
    public String name() {
        return "truthfulqa";
    }

    @Override
    public String description() {
        return "TruthfulQA binary multiple choice: accuracy of the chosen letter, per category";
    }

    @Override
    public String source() {
        return "TruthfulQA (Jan 2025, binary option; Apache-2.0), " + FILE;
    }

    @Override
    public String limits() {
        return "chance is 0.5; letter choice, not the paper's log-probability MC1/MC2; public test set";
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
        for (Map<String, String> r : DataFiles.csv(f)) {
            String q = r.getOrDefault("Question", "");
            String best = r.getOrDefault("Best Answer", "");
            String wrong = r.getOrDefault("Best Incorrect Answer", "");
            if (q.isBlank() || best.isBlank() || wrong.isBlank()) {
                throw new SuiteDataException(
                        f + " row " + (i + 2) + ": needs Question, Best Answer and Best" + " Incorrect Answer");
            }
            boolean trueFirst = (Integer.parseInt(DataFiles.hash(q).substring(0, 2), 16) & 1) == 0;
            String a = trueFirst ? best : wrong;
            String b = trueFirst ? wrong : best;
            String category = r.getOrDefault("Category", "").isBlank() ? "all" : r.get("Category");
            out.add(new Sample(
                    "truthfulqa-" + i,
                    category,
                    "accuracy",
                    Optional.empty(),
                    q + "\n\nA) " + a + "\nB) " + b
                            + "\n\nWhich answer is true? Reply with the letter only, in the form \"Answer: X\".",
                    new Check.LetterAnswer(trueFirst ? 'A' : 'B', 2)));
            i++;
        }
        return DataFiles.interleave(out);
    }
}
