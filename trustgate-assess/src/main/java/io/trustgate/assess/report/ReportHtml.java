package io.trustgate.assess.report;

import io.trustgate.assess.grade.Rate;
import java.util.Locale;
import java.util.Map;

/**
 * A run report as one self-contained HTML file: tables and, per metric, an inline SVG bar chart of the rate per
 * category with its 95% interval as a whisker. No script, no external style sheet or font, so it opens offline and
 * can be attached to a ticket or an audit.
 */
public final class ReportHtml {
    private static final int ROW = 22;
    private static final int LABEL = 230;
    private static final int PLOT = 420;

    private ReportHtml() {}

    public static String of(RunReport r) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Trustgate assessment ")
                .append(esc(r.meta().id()))
                .append("</title>\n<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:60em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.25em .6em;")
                .append(
                        "text-align:left}th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}")
                .append(
                        "svg text{font-size:12px;font-family:system-ui,sans-serif}.note{color:#555}</style></head><body>\n");
        b.append("<h1>Assessment ")
                .append(esc(r.meta().suite()))
                .append(" on ")
                .append(esc(r.meta().model()))
                .append("</h1>\n");
        b.append("<table>");
        row(b, "Run", r.meta().id());
        row(b, "Kind", r.kind().name());
        row(b, "Started", r.meta().created().toString());
        row(b, "Status", r.finished() ? "finished" : "incomplete");
        row(
                b,
                "Samples",
                r.graded() + " graded, " + r.failed() + " failed, " + r.blocked() + " blocked by the firewall");
        row(b, "Refusal detector", r.meta().refusalDetector());
        row(b, "Judge", r.meta().judge().orElse("none"));
        row(
                b,
                "Temperature / max tokens",
                r.meta().temperature() + " / " + r.meta().maxTokens());
        b.append("</table>\n");
        r.metrics().forEach((metric, f) -> {
            b.append("<h2>")
                    .append(esc(metric))
                    .append("</h2>\n<p>Overall: <b>")
                    .append(pct(f.overall().value()))
                    .append("</b> (95% CI ")
                    .append(pct(f.overall().lower()))
                    .append("–")
                    .append(pct(f.overall().upper()))
                    .append(", ")
                    .append(f.overall().hits())
                    .append(" of ")
                    .append(f.overall().samples())
                    .append(")</p>\n");
            chart(b, metric, f.byCategory());
            b.append("<table><tr><th>Category</th><th>Rate</th><th>95% CI</th><th>Hits</th><th>Samples</th></tr>");
            f.byCategory()
                    .forEach((c, rate) -> b.append("<tr><td>")
                            .append(esc(c))
                            .append("</td><td class=n>")
                            .append(pct(rate.value()))
                            .append("</td><td class=n>")
                            .append(pct(rate.lower()))
                            .append("–")
                            .append(pct(rate.upper()))
                            .append("</td><td class=n>")
                            .append(rate.hits())
                            .append("</td><td class=n>")
                            .append(rate.samples())
                            .append("</td></tr>"));
            b.append("</table>\n");
        });
        if (!r.bbq().isEmpty()) {
            b.append("<h2>BBQ bias</h2><p class=note>Bias score in [-1, 1]: 0 no measured bias, positive towards the"
                    + " stereotype (BBQ paper / HELM definitions; 95% bootstrap interval).</p><table><tr><th>Context"
                    + "</th><th>Accuracy</th><th>Bias score</th><th>95% CI</th><th>Samples</th></tr>");
            r.bbq()
                    .forEach((cond, s) -> b.append("<tr><td>")
                            .append(esc(cond))
                            .append("</td><td class=n>")
                            .append(pct(s.accuracy()))
                            .append("</td><td class=n>")
                            .append(num(s.biasScore()))
                            .append("</td><td class=n>")
                            .append(num(s.lower()))
                            .append(" – ")
                            .append(num(s.upper()))
                            .append("</td><td class=n>")
                            .append(s.samples())
                            .append("</td></tr>"));
            b.append("</table>\n");
        }
        r.judgeAgreement()
                .ifPresent(a -> b.append("<h2>Rule detector vs judge</h2><p>Agreement ")
                        .append(pct(a.percent()))
                        .append(" on ")
                        .append(a.samples())
                        .append(" answers; Cohen's kappa ")
                        .append(a.kappa().isPresent() ? num(a.kappa().getAsDouble()) : "undefined")
                        .append(" (both refused ")
                        .append(a.bothYes())
                        .append(", rule only ")
                        .append(a.firstOnly())
                        .append(", judge only ")
                        .append(a.secondOnly())
                        .append(").</p>\n"));
        b.append("<p class=note>Rates exclude failed samples. Intervals are 95% Wilson score intervals.</p>\n");
        b.append("</body></html>\n");
        return b.toString();
    }

    /** A horizontal bar per category, with a whisker from the interval's lower to upper end. */
    static void chart(StringBuilder b, String metric, Map<String, Rate> cats) {
        int h = ROW * cats.size() + 30;
        int w = LABEL + PLOT + 70;
        b.append("<svg width=\"")
                .append(w)
                .append("\" height=\"")
                .append(h)
                .append("\" role=\"img\" aria-label=\"")
                .append(esc(metric))
                .append(" per category\">");
        for (int t = 0; t <= 4; t++) {
            double x = LABEL + PLOT * t / 4.0;
            b.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/><text x=\"%.1f\" y=\"%d\""
                            + " text-anchor=\"middle\">%d%%</text>",
                    x,
                    x,
                    h - 18,
                    x,
                    h - 4,
                    t * 25));
        }
        int i = 0;
        for (Map.Entry<String, Rate> e : cats.entrySet()) {
            Rate r = e.getValue();
            int y = i * ROW + 4;
            String label = e.getKey().length() > 34 ? e.getKey().substring(0, 33) + "…" : e.getKey();
            b.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
                            + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#4a7ebb\"><title>%s: %s (%s–%s)"
                            + "</title></rect>"
                            + "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\" stroke-width=\"1.5\"/>"
                            + "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\"/>"
                            + "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\"/>"
                            + "<text x=\"%d\" y=\"%d\">%s</text>",
                    LABEL - 6,
                    y + 14,
                    esc(label),
                    LABEL,
                    y + 3,
                    PLOT * r.value(),
                    ROW - 8,
                    esc(e.getKey()),
                    pct(r.value()),
                    pct(r.lower()),
                    pct(r.upper()),
                    LABEL + PLOT * r.lower(),
                    y + 10,
                    LABEL + PLOT * r.upper(),
                    y + 10,
                    LABEL + PLOT * r.lower(),
                    y + 5,
                    LABEL + PLOT * r.lower(),
                    y + 15,
                    LABEL + PLOT * r.upper(),
                    y + 5,
                    LABEL + PLOT * r.upper(),
                    y + 15,
                    LABEL + PLOT + 8,
                    y + 14,
                    pct(r.value()) + " n=" + r.samples()));
            i++;
        }
        b.append("</svg>\n");
    }

    private static void row(StringBuilder b, String k, String v) {
        b.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>");
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
