package io.trustgate.assess.report;

import io.trustgate.api.evidence.Evidence;
import io.trustgate.api.evidence.EvidenceKind;
import io.trustgate.api.evidence.Measurement;
import io.trustgate.assess.grade.Agreement;
import io.trustgate.assess.grade.BbqScore;
import io.trustgate.assess.grade.Grade;
import io.trustgate.assess.grade.Rate;
import io.trustgate.assess.run.RunMeta;
import io.trustgate.assess.run.SampleResult;
import io.trustgate.assess.suite.Suites;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The figures of a run, computed from its journal alone: per metric, the overall rate and the rate per category,
 * each with its 95% Wilson interval; BBQ's accuracy and bias scores per context condition; the agreement of the
 * rule refusal detector with the judge where both ran. Failed samples are counted but left out of the rates.
 *
 * @param meta the run
 * @param kind the evidence kind of its suite
 * @param finished whether every sample is graded
 * @param graded samples graded
 * @param failed samples that failed after retries
 * @param blocked samples the gateway's firewall blocked (graded as refusals)
 * @param metrics per metric: overall and per category
 * @param bbq BBQ scores by context condition ({@code ambiguous}, {@code disambiguated}), empty for other suites
 * @param judgeAgreement agreement between rule refusal detector and judge, when a judge ran
 */
public record RunReport(
        RunMeta meta,
        EvidenceKind kind,
        boolean finished,
        long graded,
        long failed,
        long blocked,
        Map<String, MetricFigures> metrics,
        Map<String, BbqScore> bbq,
        Optional<Agreement> judgeAgreement) {

    /** One metric: its overall rate and its rate per category (sorted by name). */
    public record MetricFigures(Rate overall, Map<String, Rate> byCategory) {}

    public static RunReport of(RunMeta meta, List<SampleResult> results, boolean finished) {
        EvidenceKind kind = Suites.byName(meta.suite())
                .filter(s -> meta.input().isEmpty())
                .map(s -> s.kind())
                .orElse(EvidenceKind.BENCHMARK);
        Map<String, long[]> overall = new LinkedHashMap<>();
        Map<String, Map<String, long[]>> perCat = new LinkedHashMap<>();
        Map<String, List<Grade>> bbqGrades = new TreeMap<>();
        List<Boolean> rule = new ArrayList<>();
        List<Boolean> judge = new ArrayList<>();
        long graded = 0, failed = 0, blocked = 0;
        for (SampleResult r : results) {
            if (!r.graded()) {
                failed++;
                continue;
            }
            graded++;
            if (r.blocked()) {
                blocked++;
            }
            long[] o = overall.computeIfAbsent(r.metric(), k -> new long[2]);
            long[] c = perCat.computeIfAbsent(r.metric(), k -> new TreeMap<>())
                    .computeIfAbsent(r.category(), k -> new long[2]);
            o[1]++;
            c[1]++;
            if (r.grade().hit()) {
                o[0]++;
                c[0]++;
            }
            if (r.grade().bbq() != Grade.BbqAnswer.NOT_BBQ) {
                String cond = r.category().endsWith("/ambiguous") ? "ambiguous" : "disambiguated";
                bbqGrades.computeIfAbsent(cond, k -> new ArrayList<>()).add(r.grade());
            }
            if (r.judgeRefused().isPresent()) {
                rule.add(r.grade().refused());
                judge.add(r.judgeRefused().get());
            }
        }
        Map<String, MetricFigures> metrics = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : overall.entrySet()) {
            Map<String, Rate> cats = new LinkedHashMap<>();
            perCat.get(e.getKey()).forEach((k, v) -> cats.put(k, Rate.of(v[0], v[1])));
            metrics.put(e.getKey(), new MetricFigures(Rate.of(e.getValue()[0], e.getValue()[1]), cats));
        }
        Map<String, BbqScore> bbq = new LinkedHashMap<>();
        bbqGrades.forEach((cond, g) -> bbq.put(cond, BbqScore.of(g, cond.equals("ambiguous"))));
        Optional<Agreement> agreement = Optional.empty();
        if (!rule.isEmpty()) {
            boolean[] a = new boolean[rule.size()];
            boolean[] b = new boolean[judge.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = rule.get(i);
                b[i] = judge.get(i);
            }
            agreement = Optional.of(Agreement.of(a, b));
        }
        return new RunReport(meta, kind, finished, graded, failed, blocked, metrics, bbq, agreement);
    }

    /** The run as evidence on the model's profile: overall and per-category figures with their intervals. */
    public Evidence evidence() {
        List<Measurement> ms = new ArrayList<>();
        metrics.forEach((metric, f) -> {
            ms.add(measurement(metric, f.overall()));
            if (f.byCategory().size() > 1) {
                f.byCategory().forEach((cat, r) -> ms.add(measurement(metric + "[" + cat + "]", r)));
            }
        });
        bbq.forEach((cond, s) -> {
            ms.add(Measurement.of("accuracy_" + cond, s.accuracy(), s.samples()));
            ms.add(new Measurement("bias_score_" + cond, s.biasScore(), s.lower(), s.upper(), s.samples()));
        });
        judgeAgreement.ifPresent(a -> {
            ms.add(Measurement.of("judge_agreement", a.percent(), a.samples()));
            a.kappa().ifPresent(k -> ms.add(Measurement.of("judge_kappa", k, a.samples())));
        });
        List<String> notes = new ArrayList<>();
        if (!finished) {
            notes.add("incomplete run: " + graded + " samples graded, " + failed + " failed");
        }
        if (blocked > 0) {
            notes.add(blocked + " exchanges blocked by the gateway's firewall, graded as refusals");
        }
        notes.add("95% Wilson intervals; rates exclude failed samples");
        String method = "rule graders (refusal detector " + meta.refusalDetector() + ")"
                + meta.judge().map(j -> ", judge " + j).orElse("") + "; temperature " + meta.temperature()
                + "; " + graded + " samples" + (meta.limit() > 0 ? " (limit " + meta.limit() + ")" : "");
        return new Evidence(
                meta.model(),
                kind,
                meta.suite(),
                "trustgate-run:" + meta.id(),
                meta.created().atZone(ZoneOffset.UTC).toLocalDate(),
                method,
                ms,
                notes);
    }

    private static Measurement measurement(String name, Rate r) {
        return new Measurement(name, r.value(), r.lower(), r.upper(), r.samples());
    }
}
