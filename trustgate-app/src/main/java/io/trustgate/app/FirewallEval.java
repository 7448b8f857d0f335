package io.trustgate.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanText;
import io.trustgate.api.Verdict;
import io.trustgate.firewall.FirewallChain;
import io.trustgate.gateway.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Measures one scanner on a labelled dataset. Classifier mode: a text is predicted positive when the scanner reports
 * any finding at or above the threshold. Span mode: a predicted span matches a gold span of the same type when the two
 * overlap by at least one character; recall counts the gold spans matched by some prediction, precision the predicted
 * spans that match some gold span (so one long prediction over two gold spans counts once in precision and twice in
 * recall). Whole-text findings are ignored in span mode. Latency is per text, through the chain (normaliser
 * included), after an untimed warm-up pass over the first {@value #WARM_UP} texts.
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

    /** Result of a classifier run. */
    record ClassifierResult(Map<String, Counts> byCategory, Counts overall, long[] nanos, int failures) {}

    static ClassifierResult classify(FirewallChain chain, ScanText.Stage stage, List<EvalDataset.Labelled> data) {
        warmUp(chain, stage, data.stream().map(EvalDataset.Labelled::text).toList());
        Map<String, Counts> by = new TreeMap<>();
        Counts all = new Counts();
        long[] nanos = new long[data.size()];
        int failures = 0;
        int i = 0;
        for (EvalDataset.Labelled l : data) {
            long t0 = System.nanoTime();
            Verdict v = chain.scan(l.text(), stage);
            nanos[i++] = System.nanoTime() - t0;
            failures += v.failedScanners().isEmpty() ? 0 : 1;
            boolean predicted = !v.findings().isEmpty();
            by.computeIfAbsent(l.category(), k -> new Counts()).add(l.positive(), predicted);
            all.add(l.positive(), predicted);
        }
        return new ClassifierResult(by, all, nanos, failures);
    }

    /** Span counts of one type: gold, gold matched, predicted, predicted matching. */
    static final class SpanCounts {
        int gold;
        int goldMatched;
        int predicted;
        int predictedMatching;
    }

    record SpanResult(Map<String, SpanCounts> byType, long[] nanos, int texts, int failures) {}

    static SpanResult spans(FirewallChain chain, ScanText.Stage stage, List<EvalDataset.Spanned> data) {
        warmUp(chain, stage, data.stream().map(EvalDataset.Spanned::text).toList());
        Map<String, SpanCounts> by = new TreeMap<>();
        long[] nanos = new long[data.size()];
        int failures = 0;
        int i = 0;
        for (EvalDataset.Spanned s : data) {
            long t0 = System.nanoTime();
            Verdict v = chain.scan(s.text(), stage);
            nanos[i++] = System.nanoTime() - t0;
            failures += v.failedScanners().isEmpty() ? 0 : 1;
            List<Finding> predicted =
                    v.findings().stream().filter(Finding::hasSpan).toList();
            for (EvalDataset.Span g : s.spans()) {
                SpanCounts c = by.computeIfAbsent(g.type(), k -> new SpanCounts());
                c.gold++;
                if (predicted.stream().anyMatch(p -> matches(p, g))) {
                    c.goldMatched++;
                }
            }
            for (Finding p : predicted) {
                SpanCounts c = by.computeIfAbsent(p.type(), k -> new SpanCounts());
                c.predicted++;
                if (s.spans().stream().anyMatch(g -> matches(p, g))) {
                    c.predictedMatching++;
                }
            }
        }
        return new SpanResult(by, nanos, data.size(), failures);
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

    static boolean matches(Finding p, EvalDataset.Span g) {
        return p.type().equals(g.type()) && p.start() < g.end() && g.start() < p.end();
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
        return head;
    }

    static ObjectNode spanJson(ObjectNode head, SpanResult r) {
        head.put("texts", r.texts());
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
        return head;
    }

    static void printClassifier(PrintWriter out, ObjectNode head, ClassifierResult r) {
        out.println(headline(head));
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
        out.println(headline(head));
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
                "%d texts; a predicted span matches a gold span of the same type when they overlap.%n"
                        + "latency per text: p50 %s us, p99 %s us; scanner failures: %d%n",
                r.texts(),
                fmt1(percentileMicros(r.nanos(), 0.5)),
                fmt1(percentileMicros(r.nanos(), 0.99)),
                r.failures());
    }

    private static String fmt1(double d) {
        return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.1f", d);
    }

    private static String headline(ObjectNode head) {
        StringBuilder b = new StringBuilder();
        b.append("scanner ").append(head.get("scanner").asText());
        b.append(", threshold ").append(head.get("threshold").asText());
        b.append(", stage ").append(head.get("stage").asText());
        b.append(", format ").append(head.get("format").asText());
        b.append(", mode ").append(head.get("mode").asText());
        if (head.path("skipped").asInt() > 0) {
            b.append(", ").append(head.get("skipped").asInt()).append(" records without a text skipped");
        }
        return b.toString();
    }
}
