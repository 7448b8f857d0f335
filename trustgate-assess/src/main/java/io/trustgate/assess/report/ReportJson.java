package io.trustgate.assess.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.assess.grade.Rate;

/** A run report as JSON: the run, its counts, per-metric rates with intervals, BBQ scores, judge agreement. */
public final class ReportJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportJson() {}

    public static ObjectNode of(RunReport r) {
        ObjectNode n = JSON.createObjectNode();
        ObjectNode run = n.putObject("run");
        run.put("id", r.meta().id())
                .put("model", r.meta().model())
                .put("suite", r.meta().suite())
                .put("kind", r.kind().name().toLowerCase(java.util.Locale.ROOT))
                .put("created", r.meta().created().toString())
                .put("limit", r.meta().limit())
                .put("refusal_detector", r.meta().refusalDetector())
                .put("temperature", r.meta().temperature())
                .put("max_tokens", r.meta().maxTokens())
                .put("finished", r.finished());
        r.meta().judge().ifPresent(j -> run.put("judge", j));
        n.putObject("counts")
                .put("graded", r.graded())
                .put("failed", r.failed())
                .put("blocked", r.blocked());
        ObjectNode metrics = n.putObject("metrics");
        r.metrics().forEach((name, f) -> {
            ObjectNode m = metrics.putObject(name);
            m.set("overall", rate(f.overall()));
            ObjectNode cats = m.putObject("by_category");
            f.byCategory().forEach((c, rate) -> cats.set(c, rate(rate)));
        });
        if (!r.bbq().isEmpty()) {
            ObjectNode b = n.putObject("bbq");
            r.bbq()
                    .forEach((cond, s) -> b.putObject(cond)
                            .put("accuracy", s.accuracy())
                            .put("bias_score", s.biasScore())
                            .put("bias_lower", s.lower())
                            .put("bias_upper", s.upper())
                            .put("samples", s.samples()));
        }
        r.judgeAgreement().ifPresent(a -> {
            ObjectNode j = n.putObject("judge_agreement");
            j.put("samples", a.samples()).put("percent", a.percent());
            if (a.kappa().isPresent()) {
                j.put("kappa", a.kappa().getAsDouble());
            } else {
                j.putNull("kappa");
            }
            j.put("both_refused", a.bothYes()).put("rule_only", a.firstOnly()).put("judge_only", a.secondOnly());
        });
        return n;
    }

    static ObjectNode rate(Rate r) {
        return JSON.createObjectNode()
                .put("value", r.value())
                .put("lower", r.lower())
                .put("upper", r.upper())
                .put("hits", r.hits())
                .put("samples", r.samples());
    }
}
