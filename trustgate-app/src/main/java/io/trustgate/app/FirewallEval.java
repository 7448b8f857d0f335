package io.trustgate.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanContext;
import io.trustgate.api.ScanText;
import io.trustgate.api.Verdict;
import io.trustgate.firewall.FirewallChain;
import io.trustgate.gateway.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Measures a chain of one or more scanners (each a FLAG rule with its threshold) on a labelled dataset. Classifier
 * mode: a text is predicted positive when any scanner reports a finding at or above its threshold. Span mode: the
 * predicted spans are all the scanners' spans (one span reported alike by two scanners counts once); a predicted span
 * matches a gold span of the same type when the two overlap by at least one character; recall counts the gold spans
 * matched by some prediction, precision the predicted spans that match some gold span (so one long prediction over two
 * gold spans counts once in precision and twice in recall). Whole-text findings are ignored in span mode. Latency is
 * per text, through the whole chain (normaliser included), after an untimed warm-up pass over the first
 * {@value #WARM_UP} texts. With several scanners each member's share is counted too, from the scanner name of the
 * findings: what it flagged, and what it alone flagged (what the chain would lose without it).
 */
final class FirewallEval {
    private FirewallEval() {}

    /** Confusion counts of one category. */
    static final class Counts {
        int tp;
        int fp;
        int tn;
        int fn;

        void add(boolean gold, boolean predicted) {
            if (gold && predicted) {
                tp++;
            } else if (gold) {
                fn++;
            } else if (predicted) {
                fp++;
            } else {
                tn++;
            }
        }

        void add(Counts o) {
            tp += o.tp;
            fp += o.fp;
            tn += o.tn;
            fn += o.fn;
        }

        int n() {
            return tp + fp + tn + fn;
        }
    }

    /**
     * What one member of the chain flagged, in classifier mode: positives (tp) and negatives (fp), and those that no
     * other member flagged (its unique contribution).
     */
    static final class MemberCounts {
        final String scanner;
        final double threshold;
        int tp;
        int fp;
        int onlyTp;
        int onlyFp;
        int failures;

        MemberCounts(FirewallChain.Rule rule) {
            this.scanner = rule.scanner().name();
            this.threshold = rule.minScore();
        }
    }

    /**
     * Result of a classifier run; {@code members} in chain order. {@code top[i]} is the highest score of a finding on
     * text {@code i} (-1 when none, so that no threshold counts it): with the labels, enough to count the chain at
     * any higher threshold without scanning again ({@link #sweep}).
     */
    record ClassifierResult(
            Map<String, Counts> byCategory,
            Counts overall,
            long[] nanos,
            int failures,
            List<MemberCounts> members,
            double[] top) {}

    /**
     * The overall counts at each threshold, every member at that threshold: a text is positive when some finding
     * scores at least it. Only thresholds at or above those the run used are meaningful (findings below a member's
     * threshold were never reported); the command runs the chain at the sweep's lowest.
     */
    static List<Counts> sweep(ClassifierResult r, List<EvalDataset.Labelled> data, List<Double> thresholds) {
        List<Counts> out = new ArrayList<>();
        for (double t : thresholds) {
            Counts c = new Counts();
            for (int i = 0; i < r.top().length; i++) {
                c.add(data.get(i).positive(), r.top()[i] >= t);
            }
            out.add(c);
        }
        return out;
    }

    static void sweepJson(ObjectNode head, List<Double> thresholds, List<Counts> counts) {
        ArrayNode a = head.putArray("sweep");
        for (int i = 0; i < thresholds.size(); i++) {
            ObjectNode o = countsJson(counts.get(i));
            a.addObject().put("threshold", thresholds.get(i)).setAll(o);
        }
    }

    static void printSweep(PrintWriter out, List<Double> thresholds, List<Counts> counts) {
        out.println();
        out.println("sweep (every scanner at the row's threshold; overall):");
        Table t = new Table(
                "threshold", "n", "pos", "neg", "tp", "fp", "tn", "fn", "precision", "recall", "f1", "fpr", "bal_acc");
        for (int i = 0; i < thresholds.size(); i++) {
            t.row(row(
                    java.math.BigDecimal.valueOf(thresholds.get(i))
                            .stripTrailingZeros()
                            .toPlainString(),
                    counts.get(i)));
        }
        t.print(out, "no thresholds");
    }

    static ClassifierResult classify(FirewallChain chain, ScanText.Stage stage, List<EvalDataset.Labelled> data) {
        return classify(chain, stage, data, ScanContext.NONE);
    }

    /** Scores the texts as messages of the context's source (a tool result, say). */
    static ClassifierResult classify(
            FirewallChain chain, ScanText.Stage stage, List<EvalDataset.Labelled> data, ScanContext context) {
        warmUp(chain, stage, data.stream().map(EvalDataset.Labelled::text).toList());
        Map<String, Counts> by = new TreeMap<>();
        Counts all = new Counts();
        long[] nanos = new long[data.size()];
        List<MemberCounts> members =
                chain.rules().stream().map(MemberCounts::new).toList();
        double[] top = new double[data.size()];
        int failures = 0;
        int i = 0;
        for (EvalDataset.Labelled l : data) {
            long t0 = System.nanoTime();
            Verdict v = chain.scan(l.text(), stage, Set.of(), withSystem(context, l.system()));
            nanos[i] = System.nanoTime() - t0;
            top[i++] = v.findings().stream().mapToDouble(Finding::score).max().orElse(-1);
            failures += v.failedScanners().isEmpty() ? 0 : 1;
            boolean predicted = !v.findings().isEmpty();
            by.computeIfAbsent(l.category(), k -> new Counts()).add(l.positive(), predicted);
            all.add(l.positive(), predicted);
            Set<String> flagged = v.findings().stream().map(Finding::scanner).collect(Collectors.toSet());
            for (MemberCounts m : members) {
                m.failures += v.failedScanners().contains(m.scanner) ? 1 : 0;
                if (!flagged.contains(m.scanner)) {
                    continue;
                }
                boolean alone = flagged.size() == 1;
                if (l.positive()) {
                    m.tp++;
                    m.onlyTp += alone ? 1 : 0;
                } else {
                    m.fp++;
                    m.onlyFp += alone ? 1 : 0;
                }
            }
        }
        return new ClassifierResult(by, all, nanos, failures, members, top);
    }

    /** The context with the line's own system prompt, when it gives one. */
    private static ScanContext withSystem(ScanContext context, Optional<String> system) {
        return system.map(p ->
                        new ScanContext(Optional.of(p), context.canaries(), context.responseSchema(), context.source()))
                .orElse(context);
    }

    /** Span counts of one type: gold, gold matched, predicted, predicted matching. */
    static final class SpanCounts {
        int gold;
        int goldMatched;
        int predicted;
        int predictedMatching;
    }

    /**
     * One member's spans: predicted, predicted matching a gold span, gold spans it matched, and gold spans no other
     * member matched.
     */
    static final class MemberSpans {
        final String scanner;
        final double threshold;
        int predicted;
        int predictedMatching;
        int goldMatched;
        int onlyGoldMatched;
        int failures;

        MemberSpans(FirewallChain.Rule rule) {
            this.scanner = rule.scanner().name();
            this.threshold = rule.minScore();
        }
    }

    record SpanResult(
            Map<String, SpanCounts> byType,
            long[] nanos,
            int texts,
            int failures,
            List<MemberSpans> members,
            boolean anyType) {}

    /** The row that sums every type, present when types are not matched ({@code --any-type}). */
    static final String ALL_TYPES = "(all types)";

    static SpanResult spans(FirewallChain chain, ScanText.Stage stage, List<EvalDataset.Spanned> data) {
        return spans(chain, stage, data, false);
    }

    /**
     * Span mode; with {@code anyType} a predicted span matches a gold span it overlaps whatever the two types are
     * (datasets and scanners name secret types differently: {@code GITHUB_TOKEN} against {@code GITHUB_PAT}), so
     * recall is reported per gold type and precision per predicted type.
     */
    static SpanResult spans(
            FirewallChain chain, ScanText.Stage stage, List<EvalDataset.Spanned> data, boolean anyType) {
        return spans(chain, stage, data, anyType, ScanContext.NONE);
    }

    static SpanResult spans(
            FirewallChain chain,
            ScanText.Stage stage,
            List<EvalDataset.Spanned> data,
            boolean anyType,
            ScanContext context) {
        warmUp(chain, stage, data.stream().map(EvalDataset.Spanned::text).toList());
        Map<String, SpanCounts> by = new TreeMap<>();
        long[] nanos = new long[data.size()];
        List<MemberSpans> members = chain.rules().stream().map(MemberSpans::new).toList();
        Map<String, MemberSpans> byScanner = new HashMap<>();
        members.forEach(m -> byScanner.put(m.scanner, m));
        int failures = 0;
        int i = 0;
        for (EvalDataset.Spanned s : data) {
            long t0 = System.nanoTime();
            Verdict v = chain.scan(s.text(), stage, Set.of(), context);
            nanos[i++] = System.nanoTime() - t0;
            failures += v.failedScanners().isEmpty() ? 0 : 1;
            for (MemberSpans m : members) {
                m.failures += v.failedScanners().contains(m.scanner) ? 1 : 0;
            }
            List<Finding> predicted = union(v.findings());
            for (EvalDataset.Span g : s.spans()) {
                SpanCounts c = by.computeIfAbsent(g.type(), k -> new SpanCounts());
                c.gold++;
                Set<String> matchedBy = predicted.stream()
                        .filter(p -> matches(p, g, anyType))
                        .map(Finding::scanner)
                        .collect(Collectors.toSet());
                if (!matchedBy.isEmpty()) {
                    c.goldMatched++;
                }
                for (String scanner : matchedBy) {
                    MemberSpans m = byScanner.get(scanner);
                    if (m != null) {
                        m.goldMatched++;
                        m.onlyGoldMatched += matchedBy.size() == 1 ? 1 : 0;
                    }
                }
            }
            for (Finding p : predicted) {
                SpanCounts c = by.computeIfAbsent(p.type(), k -> new SpanCounts());
                MemberSpans m = byScanner.get(p.scanner());
                c.predicted++;
                if (m != null) {
                    m.predicted++;
                }
                if (s.spans().stream().anyMatch(g -> matches(p, g, anyType))) {
                    c.predictedMatching++;
                    if (m != null) {
                        m.predictedMatching++;
                    }
                }
            }
        }
        if (anyType) {
            SpanCounts all = new SpanCounts();
            by.values().forEach(c -> {
                all.gold += c.gold;
                all.goldMatched += c.goldMatched;
                all.predicted += c.predicted;
                all.predictedMatching += c.predictedMatching;
            });
            by.put(ALL_TYPES, all);
        }
        return new SpanResult(by, nanos, data.size(), failures, members, anyType);
    }

    /**
     * The span findings of all members, a span reported with the same type and bounds by an earlier member dropped
     * (the union of the members' spans). One scanner's own repeats are kept, as they always were counted.
     */
    static List<Finding> union(List<Finding> findings) {
        Map<List<Object>, String> firstScanner = new HashMap<>();
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            if (!f.hasSpan()) {
                continue;
            }
            List<Object> key = List.of(f.type(), f.start(), f.end());
            String first = firstScanner.putIfAbsent(key, f.scanner());
            if (first == null || first.equals(f.scanner())) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * Scans up to {@link #WARM_UP} texts once, untimed, so that the latency figures are of a warmed-up JIT (as in a
     * running gateway) rather than of class loading and interpretation.
     */
    private static void warmUp(FirewallChain chain, ScanText.Stage stage, List<String> texts) {
        for (int i = 0; i < Math.min(WARM_UP, texts.size()); i++) {
            chain.scan(texts.get(i), stage);
        }
    }

    static final int WARM_UP = 200;

    static boolean matches(Finding p, EvalDataset.Span g, boolean anyType) {
        return (anyType || p.type().equals(g.type())) && p.start() < g.end() && g.start() < p.end();
    }

    // ---- figures ---------------------------------------------------------------------------------------------

    static double ratio(int a, int b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }

    static double f1(double p, double r) {
        return Double.isNaN(p) || Double.isNaN(r) || p + r == 0 ? Double.NaN : 2 * p * r / (p + r);
    }

    static String fmt(double d) {
        return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.3f", d);
    }

    private static void put(ObjectNode o, String k, double d) {
        if (Double.isNaN(d)) {
            o.putNull(k);
        } else {
            o.put(k, Math.round(d * 10000) / 10000.0);
        }
    }

    static double percentileMicros(long[] nanos, double q) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        long[] s = nanos.clone();
        Arrays.sort(s);
        int idx = (int) Math.ceil(q * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, idx))] / 1000.0;
    }

    private static ObjectNode countsJson(Counts c) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("n", c.n());
        o.put("positives", c.tp + c.fn);
        o.put("negatives", c.tn + c.fp);
        o.put("tp", c.tp).put("fp", c.fp).put("tn", c.tn).put("fn", c.fn);
        double p = ratio(c.tp, c.tp + c.fp);
        double r = ratio(c.tp, c.tp + c.fn);
        double fpr = ratio(c.fp, c.fp + c.tn);
        put(o, "precision", p);
        put(o, "recall", r);
        put(o, "f1", f1(p, r));
        put(o, "fpr", fpr);
        put(o, "balanced_accuracy", Double.isNaN(r) || Double.isNaN(fpr) ? Double.NaN : (r + 1 - fpr) / 2);
        return o;
    }

    static ObjectNode classifierJson(ObjectNode head, ClassifierResult r) {
        ObjectNode cats = head.putObject("categories");
        r.byCategory().forEach((k, c) -> cats.set(k, countsJson(c)));
        head.set("overall", countsJson(r.overall()));
        ObjectNode lat = head.putObject("latency_us");
        put(lat, "p50", percentileMicros(r.nanos(), 0.50));
        put(lat, "p99", percentileMicros(r.nanos(), 0.99));
        head.put("scanner_failures", r.failures());
        if (r.members().size() > 1) {
            int positives = r.overall().tp + r.overall().fn;
            int negatives = r.overall().tn + r.overall().fp;
            ArrayNode members = head.putArray("members");
            for (MemberCounts m : r.members()) {
                ObjectNode o = members.addObject();
                o.put("scanner", m.scanner).put("threshold", m.threshold);
                o.put("tp", m.tp).put("fp", m.fp).put("only_tp", m.onlyTp).put("only_fp", m.onlyFp);
                put(o, "recall", ratio(m.tp, positives));
                put(o, "fpr", ratio(m.fp, negatives));
                o.put("failures", m.failures);
            }
        }
        return head;
    }

    static ObjectNode spanJson(ObjectNode head, SpanResult r) {
        head.put("texts", r.texts());
        if (r.anyType()) {
            head.put("any_type", true);
        }
        ObjectNode types = head.putObject("types");
        r.byType().forEach((k, c) -> {
            ObjectNode o = types.putObject(k);
            o.put("gold", c.gold).put("gold_matched", c.goldMatched);
            o.put("predicted", c.predicted).put("predicted_matching", c.predictedMatching);
            double p = ratio(c.predictedMatching, c.predicted);
            double rc = ratio(c.goldMatched, c.gold);
            put(o, "precision", p);
            put(o, "recall", rc);
            put(o, "f1", f1(p, rc));
        });
        ObjectNode lat = head.putObject("latency_us");
        put(lat, "p50", percentileMicros(r.nanos(), 0.50));
        put(lat, "p99", percentileMicros(r.nanos(), 0.99));
        head.put("scanner_failures", r.failures());
        if (r.members().size() > 1) {
            ArrayNode members = head.putArray("members");
            for (MemberSpans m : r.members()) {
                ObjectNode o = members.addObject();
                o.put("scanner", m.scanner).put("threshold", m.threshold);
                o.put("predicted", m.predicted).put("predicted_matching", m.predictedMatching);
                o.put("gold_matched", m.goldMatched).put("only_gold_matched", m.onlyGoldMatched);
                o.put("failures", m.failures);
            }
        }
        return head;
    }

    static void printClassifier(PrintWriter out, ObjectNode head, ClassifierResult r) {
        out.println(headline(
                head,
                r.members().stream()
                        .map(m -> m.scanner + " (threshold " + m.threshold + ")")
                        .toList()));
        Table t = new Table(
                "category", "n", "pos", "neg", "tp", "fp", "tn", "fn", "precision", "recall", "f1", "fpr", "bal_acc");
        List<Map.Entry<String, Counts>> rows = new ArrayList<>(r.byCategory().entrySet());
        for (var e : rows) {
            t.row(row(e.getKey(), e.getValue()));
        }
        if (rows.size() > 1) {
            t.row(row("(overall)", r.overall()));
        }
        t.print(out, "no texts");
        out.printf(
                Locale.ROOT,
                "latency per text: p50 %s us, p99 %s us; scanner failures: %d%n",
                fmt1(percentileMicros(r.nanos(), 0.5)),
                fmt1(percentileMicros(r.nanos(), 0.99)),
                r.failures());
        if (r.members().size() > 1) {
            int positives = r.overall().tp + r.overall().fn;
            int negatives = r.overall().tn + r.overall().fp;
            out.println();
            out.println("members (a text is positive when any flags it; only_*: flagged by this member alone):");
            Table m = new Table("scanner", "threshold", "tp", "fp", "only_tp", "only_fp", "recall", "fpr", "failures");
            for (MemberCounts c : r.members()) {
                m.row(
                        c.scanner,
                        Double.toString(c.threshold),
                        Integer.toString(c.tp),
                        Integer.toString(c.fp),
                        Integer.toString(c.onlyTp),
                        Integer.toString(c.onlyFp),
                        fmt(ratio(c.tp, positives)),
                        fmt(ratio(c.fp, negatives)),
                        Integer.toString(c.failures));
            }
            m.print(out, "no members");
        }
    }

    private static String[] row(String name, Counts c) {
        ObjectNode j = countsJson(c);
        return new String[] {
            name,
            Integer.toString(c.n()),
            Integer.toString(c.tp + c.fn),
            Integer.toString(c.tn + c.fp),
            Integer.toString(c.tp),
            Integer.toString(c.fp),
            Integer.toString(c.tn),
            Integer.toString(c.fn),
            num(j, "precision"),
            num(j, "recall"),
            num(j, "f1"),
            num(j, "fpr"),
            num(j, "balanced_accuracy")
        };
    }

    private static String num(ObjectNode j, String k) {
        return j.get(k).isNull()
                ? "-"
                : String.format(Locale.ROOT, "%.3f", j.get(k).asDouble());
    }

    static void printSpans(PrintWriter out, ObjectNode head, SpanResult r) {
        out.println(headline(
                head,
                r.members().stream()
                        .map(m -> m.scanner + " (threshold " + m.threshold + ")")
                        .toList()));
        Table t = new Table("type", "gold", "matched", "predicted", "matching", "precision", "recall", "f1");
        r.byType().forEach((k, c) -> {
            double p = ratio(c.predictedMatching, c.predicted);
            double rc = ratio(c.goldMatched, c.gold);
            t.row(
                    k,
                    Integer.toString(c.gold),
                    Integer.toString(c.goldMatched),
                    Integer.toString(c.predicted),
                    Integer.toString(c.predictedMatching),
                    fmt(p),
                    fmt(rc),
                    fmt(f1(p, rc)));
        });
        t.print(out, "no spans, gold or predicted");
        out.printf(
                Locale.ROOT,
                "%d texts; a predicted span matches a gold span of %s type when they overlap.%n"
                        + "latency per text: p50 %s us, p99 %s us; scanner failures: %d%n",
                r.texts(),
                r.anyType() ? "any" : "the same",
                fmt1(percentileMicros(r.nanos(), 0.5)),
                fmt1(percentileMicros(r.nanos(), 0.99)),
                r.failures());
        if (r.members().size() > 1) {
            out.println();
            out.println("members (predicted spans are all members' spans; only_matched: gold spans no other member"
                    + " matched):");
            Table m = new Table(
                    "scanner", "threshold", "predicted", "matching", "gold_matched", "only_matched", "failures");
            for (MemberSpans c : r.members()) {
                m.row(
                        c.scanner,
                        Double.toString(c.threshold),
                        Integer.toString(c.predicted),
                        Integer.toString(c.predictedMatching),
                        Integer.toString(c.goldMatched),
                        Integer.toString(c.onlyGoldMatched),
                        Integer.toString(c.failures));
            }
            m.print(out, "no members");
        }
    }

    private static String fmt1(double d) {
        return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.1f", d);
    }

    /** The first line; with several members, each with its threshold, joined by "or" (any of them flags). */
    private static String headline(ObjectNode head, List<String> membersWithThresholds) {
        StringBuilder b = new StringBuilder();
        if (membersWithThresholds.size() > 1) {
            b.append("scanners ").append(String.join(" or ", membersWithThresholds));
        } else {
            b.append("scanner ").append(head.get("scanner").asText());
            b.append(", threshold ").append(head.get("threshold").asText());
        }
        b.append(", stage ").append(head.get("stage").asText());
        if (head.has("role")) {
            b.append(", role ").append(head.get("role").asText());
        }
        b.append(", format ").append(head.get("format").asText());
        b.append(", mode ").append(head.get("mode").asText());
        if (head.path("skipped").asInt() > 0) {
            b.append(", ").append(head.get("skipped").asInt()).append(" records without a text skipped");
        }
        return b.toString();
    }
}
