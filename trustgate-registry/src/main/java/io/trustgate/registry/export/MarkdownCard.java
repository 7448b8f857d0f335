package io.trustgate.registry.export;

import io.trustgate.api.evidence.Evidence;
import io.trustgate.api.evidence.Measurement;
import io.trustgate.registry.openness.MofClassifier;
import io.trustgate.registry.openness.MofComponent;
import io.trustgate.registry.openness.MofResult;
import io.trustgate.registry.profile.Fact;
import io.trustgate.registry.profile.Incident;
import io.trustgate.registry.profile.ModelProfile;
import io.trustgate.registry.profile.OsaiRecord;
import io.trustgate.registry.profile.Provenance;
import java.util.Locale;

/**
 * Writes a profile as a Markdown model card: every fact with its source, unknown facts written as unknown, the MOF
 * class with each component's status, the OSAI grades, and the evidence with source, date and method.
 */
public final class MarkdownCard {
    private final MofClassifier mof;

    public MarkdownCard(MofClassifier mof) {
        this.mof = mof;
    }

    public static MarkdownCard standard() {
        return new MarkdownCard(MofClassifier.standard());
    }

    public String render(ModelProfile p) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(esc(p.name())).append("\n\n");
        b.append("`").append(p.id()).append("`");
        if (!p.aliases().isEmpty()) {
            b.append(" (also: ").append(String.join(", ", p.aliases())).append(")");
        }
        b.append("\n\n## Facts\n\n| Fact | Value | Source |\n|---|---|---|\n");
        row(b, "Provider", Fact.of(p.provider(), "catalog"));
        if (!p.family().isEmpty()) {
            row(b, "Family", Fact.of(p.family(), "catalog"));
        }
        row(b, "Weights", Fact.of(p.weights().key(), "catalog"));
        row(
                b,
                "Hosting",
                Fact.of(
                        String.join(
                                ", ",
                                p.hosting().stream().map(h -> h.key()).sorted().toList()),
                        "catalog"));
        row(b, "Release date", p.releaseDate());
        row(b, "Parameters", p.parameters().map(MarkdownCard::number));
        row(b, "Active parameters", p.activeParameters().map(MarkdownCard::number));
        row(b, "Training compute (FLOP)", p.trainingComputeFlop().map(MarkdownCard::number));
        row(b, "Training tokens", p.trainingTokens().map(MarkdownCard::number));
        row(b, "Base model", p.baseModels().map(l -> String.join(", ", l)));
        row(b, "Datasets", p.datasets().map(l -> String.join(", ", l)));
        row(b, "Licence", p.licence().id());
        if (!p.licence().terms().isEmpty()) {
            row(b, "Licence terms", Fact.of(p.licence().terms(), "licence-terms catalog"));
        }
        row(b, "OSI OSAID", p.osaid().map(o -> o.key()));
        row(b, "EU AI Act role", p.euAiAct().role());
        row(b, "Systemic risk presumed (> 1e25 FLOP)", p.systemicRiskPresumed());
        row(b, "GPAI code of practice signatory", p.euAiAct().signatoryGpaiCodeOfPractice());

        b.append("\n## Openness (Model Openness Framework)\n\n");
        if (!p.mof().assessed()) {
            b.append("MOF components: unknown (no assessment recorded).\n");
        } else {
            MofResult r = mof.classify(p.mof());
            b.append("**")
                    .append(r.mofClass().label())
                    .append("** (progress: Class III ")
                    .append(pct(r.progress(3)))
                    .append(", Class II ")
                    .append(pct(r.progress(2)))
                    .append(", Class I ")
                    .append(pct(r.progress(1)))
                    .append("). Components from ")
                    .append(esc(p.mof().source()))
                    .append(".\n\n| Component | Class | Licence | Status |\n|---|---|---|---|\n");
            for (MofComponent c : MofComponent.values()) {
                b.append("| ")
                        .append(c.label())
                        .append(" | ")
                        .append(c.mofClass())
                        .append(c.required() ? "" : " (optional)")
                        .append(" | ")
                        .append(esc(r.licences().getOrDefault(c, "-")))
                        .append(" | ")
                        .append(r.status()
                                .get(c)
                                .name()
                                .toLowerCase(Locale.ROOT)
                                .replace('_', ' '))
                        .append(r.notTypeAppropriate().contains(c) ? " (licence not type-appropriate)" : "")
                        .append(" |\n");
            }
        }
        p.osai().ifPresent(o -> {
            b.append("\n## European Open Source AI Index\n\nSource: ")
                    .append(esc(o.source()))
                    .append(". Open ")
                    .append(o.count(OsaiRecord.Level.OPEN))
                    .append(", partial ")
                    .append(o.count(OsaiRecord.Level.PARTIAL))
                    .append(", closed ")
                    .append(o.count(OsaiRecord.Level.CLOSED))
                    .append(" of ")
                    .append(o.grades().size())
                    .append(".\n\n| Dimension | Grade | Notes |\n|---|---|---|\n");
            o.grades()
                    .forEach((k, g) -> b.append("| ")
                            .append(k)
                            .append(" | ")
                            .append(g.level().key())
                            .append(" | ")
                            .append(esc(g.notes()))
                            .append(" |\n"));
        });

        b.append("\n## Provenance\n\n");
        if (p.provenance().artifacts().isEmpty() && p.provenance().signatures().isEmpty()) {
            b.append("Artifact hashes and signatures: unknown.\n");
        }
        for (Provenance.Artifact a : p.provenance().artifacts()) {
            b.append("- `")
                    .append(a.path())
                    .append("` sha256 `")
                    .append(a.sha256())
                    .append("` (")
                    .append(esc(a.source()))
                    .append(")\n");
        }
        for (Provenance.Signature s : p.provenance().signatures()) {
            b.append("- signature ")
                    .append(esc(s.kind()))
                    .append(": ")
                    .append(esc(s.ref()))
                    .append(" (")
                    .append(esc(s.source()))
                    .append(")\n");
        }
        b.append("\n## Incidents\n\n");
        if (p.incidents().isEmpty()) {
            b.append("None recorded (which does not mean none happened).\n");
        }
        for (Incident i : p.incidents()) {
            b.append("- ")
                    .append(i.date())
                    .append(": ")
                    .append(esc(i.summary()))
                    .append(" (")
                    .append(esc(i.source()))
                    .append(")\n");
        }
        b.append("\n## Evidence\n\n");
        if (p.evidence().isEmpty()) {
            b.append("No evaluation results recorded: performance, security and bias are unknown.\n");
        } else {
            b.append("| Kind | Name | Figures | Date | Method | Source |\n|---|---|---|---|---|---|\n");
            for (Evidence e : p.evidence()) {
                StringBuilder figs = new StringBuilder();
                for (Measurement m : e.measurements()) {
                    if (!figs.isEmpty()) {
                        figs.append("; ");
                    }
                    figs.append(m.name()).append(" ").append(number(m.value()));
                    if (m.hasInterval()) {
                        figs.append(" [")
                                .append(number(m.lower()))
                                .append(", ")
                                .append(number(m.upper()))
                                .append("]");
                    }
                    if (m.samples() > 0) {
                        figs.append(" (n=").append(m.samples()).append(")");
                    }
                }
                b.append("| ")
                        .append(e.kind().name().toLowerCase(Locale.ROOT))
                        .append(" | ")
                        .append(esc(e.name()))
                        .append(" | ")
                        .append(esc(figs.toString()))
                        .append(" | ")
                        .append(e.date())
                        .append(" | ")
                        .append(esc(e.method()))
                        .append(" | ")
                        .append(esc(e.source()))
                        .append(" |\n");
            }
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String what, Fact<?> f) {
        b.append("| ").append(what).append(" | ");
        switch (f) {
            case Fact.Known<?> k -> {
                b.append(esc(String.valueOf(k.value())));
                if (!k.note().isEmpty()) {
                    b.append(" (").append(esc(k.note())).append(")");
                }
                b.append(" | ").append(esc(k.source()));
            }
            case Fact.Unknown<?> u -> b.append("unknown | -");
        }
        b.append(" |\n");
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        if (Math.abs(v) >= 1e6) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.0f%%", v);
    }

    /** Table cells: no pipes or line breaks from the data. */
    private static String esc(String s) {
        return s.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
