package io.trustgate.policy.trust;

import io.trustgate.api.Price;
import io.trustgate.api.evidence.Evidence;
import io.trustgate.api.evidence.EvidenceKind;
import io.trustgate.api.evidence.Measurement;
import io.trustgate.registry.licence.LicenceAnalyzer;
import io.trustgate.registry.licence.LicenceAssessment;
import io.trustgate.registry.licence.Reason;
import io.trustgate.registry.licence.Verdict;
import io.trustgate.registry.openness.MofClass;
import io.trustgate.registry.openness.MofClassifier;
import io.trustgate.registry.openness.MofResult;
import io.trustgate.registry.profile.DataHandlingCatalog;
import io.trustgate.registry.profile.Fact;
import io.trustgate.registry.profile.Hosting;
import io.trustgate.registry.profile.Incident;
import io.trustgate.registry.profile.ModelProfile;
import io.trustgate.registry.profile.OsaidStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides, for a model profile and a context, whether the model is allowed (every requirement checked, with the fact
 * and its source) and how it scores on the six dimensions (docs/trust.md gives the formulas). Pure and cheap: a
 * decision reads only the profile, the context and the prices given here. Immutable.
 */
public final class TrustEngine {
    /** The evidence name the OSAI importer gives the index's openness counts; it speaks to transparency. */
    static final String OSAI_INDEX = "osai-index-openness";

    private final LicenceAnalyzer licences;
    private final MofClassifier mof;
    private final LocalDate today;
    private final Map<String, KnownPrice> prices;
    private final DataHandlingCatalog vendors;

    /** A price per million tokens of a model, and where it was read (e.g. the gateway configuration). */
    public record KnownPrice(Price price, String source) {
        public KnownPrice {
            Objects.requireNonNull(price, "price");
            Objects.requireNonNull(source, "source");
        }

        /** The higher of the input and the output price. */
        double ceilingValue() {
            return price.inputPerMillion().max(price.outputPerMillion()).doubleValue();
        }
    }

    /**
     * @param licences the licence analysis
     * @param mof the MOF classifier
     * @param today the date recency is measured from
     * @param prices known prices by profile id (a model without one has an unknown cost)
     */
    public TrustEngine(LicenceAnalyzer licences, MofClassifier mof, LocalDate today, Map<String, KnownPrice> prices) {
        this(licences, mof, today, prices, DataHandlingCatalog.shipped());
    }

    /**
     * @param vendors what each vendor's API does with the data sent to it (for the data-sensitivity checks)
     */
    public TrustEngine(
            LicenceAnalyzer licences,
            MofClassifier mof,
            LocalDate today,
            Map<String, KnownPrice> prices,
            DataHandlingCatalog vendors) {
        this.licences = Objects.requireNonNull(licences, "licences");
        this.mof = Objects.requireNonNull(mof, "mof");
        this.today = Objects.requireNonNull(today, "today");
        this.prices = Map.copyOf(prices);
        this.vendors = Objects.requireNonNull(vendors, "vendors");
    }

    /** The shipped licence terms, the standard MOF rules and the shipped vendor data-handling facts, no prices. */
    public static TrustEngine standard(LocalDate today) {
        return new TrustEngine(LicenceAnalyzer.shipped(), MofClassifier.standard(), today, Map.of());
    }

    /** The same engine with these prices. */
    public TrustEngine withPrices(Map<String, KnownPrice> p) {
        return new TrustEngine(licences, mof, today, p, vendors);
    }

    /** The same engine with these vendor data-handling facts (e.g. the shipped ones plus the user's). */
    public TrustEngine withVendors(DataHandlingCatalog v) {
        return new TrustEngine(licences, mof, today, prices, v);
    }

    /**
     * Decides one model in one context.
     *
     * @param p the profile, with any local evidence already merged
     * @param origin where the profile was read from (cited for facts without their own source, such as hosting)
     * @param c the context
     */
    public TrustDecision decide(ModelProfile p, String origin, Context c) {
        String profileSource = origin.isBlank() ? "profile " + p.id() : origin;
        Optional<LicenceAssessment> licence = licenceAssessment(p, c);
        List<Check> checks = checks(p, profileSource, c, licence);
        List<DimensionScore> dims = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            dims.add(new DimensionScore(d, c.weights().get(d), signals(d, p, profileSource, licence)));
        }
        return new TrustDecision(p.id(), p.name(), p.weights(), p.hosting(), c.name(), checks, dims, GpaiDuties.of(p));
    }

    /** Decides every model in a context and ranks them. */
    public Recommendation recommend(
            Context c, List<ModelProfile> profiles, java.util.function.Function<String, String> origin) {
        List<TrustDecision> all =
                profiles.stream().map(p -> decide(p, origin.apply(p.id()), c)).toList();
        return Recommendation.of(c, all);
    }

    private Optional<LicenceAssessment> licenceAssessment(ModelProfile p, Context c) {
        String key = !p.licence().terms().isBlank()
                ? p.licence().terms()
                : p.licence().id().optional().orElse("");
        if (key.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(licences.assess(key, c.requirements().licenceUse()));
    }

    private List<Check> checks(ModelProfile p, String src, Context c, Optional<LicenceAssessment> licence) {
        List<Check> out = new ArrayList<>();
        Requirements r = c.requirements();
        if (c.tier() == RiskTier.PROHIBITED) {
            out.add(new Check(
                    "eu-ai-act",
                    Check.Status.NOT_MET,
                    "the context is a prohibited practice: " + c.euAiAct().tierReason(),
                    c.source() + " (Regulation (EU) 2024/1689 Art. 5)"));
        }
        if (r.selfHosting()) {
            boolean self = p.hosting().contains(Hosting.SELF_HOSTED);
            out.add(new Check(
                    "self-hosting",
                    self ? Check.Status.MET : Check.Status.NOT_MET,
                    self
                            ? "can be self-hosted (" + p.weights().key() + " weights)"
                            : "only available through its vendor's API; the context requires self-hosting",
                    src + " (hosting)"));
        }
        out.addAll(DataRules.checks(c, p, src, vendors.forProvider(p.provider())));
        out.add(licenceCheck(p, src, r, licence));
        r.minMofClass().ifPresent(min -> out.add(mofCheck(p, src, min)));
        for (EvidenceRequirement e : r.evidence()) {
            out.add(evidenceCheck(p, src, e));
        }
        r.maxCostPerMillionTokens().ifPresent(max -> {
            KnownPrice kp = prices.get(p.id());
            if (kp == null) {
                out.add(new Check(
                        "max-cost-per-1m-tokens",
                        Check.Status.UNKNOWN,
                        "no price known for this model (link a configured model to it: models.NAME.profile)",
                        src));
            } else {
                double v = kp.ceilingValue();
                out.add(new Check(
                        "max-cost-per-1m-tokens",
                        v <= max ? Check.Status.MET : Check.Status.NOT_MET,
                        "price per 1M tokens (higher of input "
                                + kp.price().inputPerMillion().toPlainString()
                                + " and output " + kp.price().outputPerMillion().toPlainString() + ") " + fmt(v)
                                + (v <= max ? " <= " : " > ") + fmt(max),
                        kp.source()));
            }
        });
        return out;
    }

    private Check licenceCheck(ModelProfile p, String src, Requirements r, Optional<LicenceAssessment> licence) {
        String wanted = r.allowedLicenceVerdicts().stream()
                .sorted()
                .map(Verdict::yamlName)
                .collect(Collectors.joining(", "));
        if (licence.isEmpty()) {
            return new Check("licence", Check.Status.UNKNOWN, "the model's licence is not known", src + " (licence)");
        }
        LicenceAssessment a = licence.get();
        Verdict v = a.verdict();
        Check.Status st = r.allowedLicenceVerdicts().contains(v)
                ? Check.Status.MET
                : v == Verdict.UNKNOWN ? Check.Status.UNKNOWN : Check.Status.NOT_MET;
        Reason decisive = a.reasons().stream()
                .filter(x -> x.verdict() == v)
                .findFirst()
                .orElse(a.reasons().get(0));
        String duties = a.duties().isEmpty()
                ? ""
                : "; duties: "
                        + a.duties().stream()
                                .map(d -> d.kind().name().toLowerCase(java.util.Locale.ROOT) + " (" + d.clause() + ")")
                                .collect(Collectors.joining(", "));
        String licenceSource = p.licence().id().citation().orElse(src + " (licence)");
        return new Check(
                "licence",
                st,
                "licence " + p.licence().id().display() + " for this use: " + v.yamlName() + " (accepted: " + wanted
                        + "; " + a.reasons().size() + " terms checked): " + decisive.text() + " [" + decisive.licence()
                        + " " + decisive.clause() + "]"
                        + duties,
                licenceSource);
    }

    private Check mofCheck(ModelProfile p, String src, MofClass min) {
        String req = "min-mof-class";
        if (!p.mof().assessed()) {
            return new Check(req, Check.Status.UNKNOWN, "no MOF assessment of this model", src + " (mof)");
        }
        MofClass got = mof.classify(p.mof()).mofClass();
        boolean ok = got != MofClass.UNCLASSIFIED && got.atLeast(min);
        return new Check(
                req,
                ok ? Check.Status.MET : Check.Status.NOT_MET,
                "MOF " + got.label() + (ok ? " meets " : " is below ") + min.label(),
                p.mof().source());
    }

    private Check evidenceCheck(ModelProfile p, String src, EvidenceRequirement req) {
        String label = "evidence: " + req.describe();
        List<Evidence> matching = p.evidence().stream()
                .filter(e -> e.kind() == req.kind())
                .filter(e -> req.name().isEmpty() || e.name().equals(req.name()))
                .filter(e -> e.measurement(req.measurement()).isPresent())
                .toList();
        if (matching.isEmpty()) {
            return new Check(label, Check.Status.UNKNOWN, "no such evidence for this model", src + " (evidence)");
        }
        // The worst result counts: a single failing run is not outvoted by a passing one.
        Comparator<Evidence> byValue = Comparator.comparingDouble(
                e -> e.measurement(req.measurement()).orElseThrow().value());
        Evidence worst = req.max().isPresent()
                ? matching.stream().max(byValue).orElseThrow()
                : matching.stream().min(byValue).orElseThrow();
        double v = worst.measurement(req.measurement()).orElseThrow().value();
        boolean ok = req.passes(v);
        return new Check(
                label,
                ok ? Check.Status.MET : Check.Status.NOT_MET,
                worst.name() + " " + req.measurement() + " = " + fmt(v) + " (" + worst.date() + ", " + worst.method()
                        + (matching.size() > 1 ? "; worst of " + matching.size() + " results" : "") + ")",
                worst.source());
    }

    private List<Signal> signals(Dimension d, ModelProfile p, String src, Optional<LicenceAssessment> licence) {
        return switch (d) {
            case TRANSPARENCY -> List.of(mofSignal(p), osaidSignal(p), datasetsSignal(p), osaiIndexSignal(p));
            case SECURITY -> List.of(redTeamSignal(p), artifactScanSignal(p), provenanceSignal(p), incidentsSignal(p));
            case PERFORMANCE -> List.of(benchmarkSignal(p), ratingSignal(p));
            case ETHICS_AND_BIAS -> List.of(biasSignal(p), overRefusalSignal(p));
            case GOVERNANCE_AND_COMPLIANCE -> List.of(licenceSignal(p, licence), gpaiCodeSignal(p), licenceCited(p));
            case SUPPORT_AND_COMMUNITY -> List.of(recencySignal(p), hostingSignal(p, src));
        };
    }

    private Signal mofSignal(ModelProfile p) {
        if (!p.mof().assessed()) {
            return Signal.unknown("mof-class", "no MOF assessment");
        }
        MofResult r = mof.classify(p.mof());
        double v = switch (r.mofClass()) {
            case CLASS_I -> 1.0;
            case CLASS_II -> 0.8;
            case CLASS_III -> 0.6;
            case UNCLASSIFIED -> 0.5 * r.progress(3) / 100.0;
        };
        return Signal.known(
                "mof-class",
                v,
                r.mofClass().label() + " (Class III progress " + fmt(r.progress(3)) + "%)",
                p.mof().source());
    }

    private static Signal osaidSignal(ModelProfile p) {
        return switch (p.osaid()) {
            case Fact.Known<OsaidStatus> k
            when k.value() == OsaidStatus.COMPLIANT -> Signal.known("osaid", 1.0, "OSAID 1.0 compliant", k.source());
            case Fact.Known<OsaidStatus> k
            when k.value() == OsaidStatus.NON_COMPLIANT ->
                Signal.known("osaid", 0.2, "OSAID 1.0 non-compliant", k.source());
            default -> Signal.unknown("osaid", "not assessed against the OSAID");
        };
    }

    private static Signal datasetsSignal(ModelProfile p) {
        return switch (p.datasets()) {
            case Fact.Known<List<String>> k ->
                Signal.known(
                        "training-data-named",
                        k.value().isEmpty() ? 0.0 : 1.0,
                        k.value().isEmpty()
                                ? "no training datasets named"
                                : k.value().size() + " datasets named",
                        k.source());
            case Fact.Unknown<List<String>> u -> Signal.unknown("training-data-named", "training data not documented");
        };
    }

    private static Signal osaiIndexSignal(ModelProfile p) {
        for (Evidence e : p.evidence()) {
            if (e.name().equals(OSAI_INDEX)) {
                double open =
                        e.measurement("open-dimensions").map(Measurement::value).orElse(0.0);
                double partial = e.measurement("partial-dimensions")
                        .map(Measurement::value)
                        .orElse(0.0);
                double closed = e.measurement("closed-dimensions")
                        .map(Measurement::value)
                        .orElse(0.0);
                double n = open + partial + closed;
                if (n > 0) {
                    return Signal.known(
                            "osai-index",
                            (open + 0.5 * partial) / n,
                            "European Open Source AI Index: " + fmt(open) + " open, " + fmt(partial) + " partial, "
                                    + fmt(closed) + " closed",
                            e.source());
                }
            }
        }
        return Signal.unknown("osai-index", "not in the European Open Source AI Index data here");
    }

    private static Signal redTeamSignal(ModelProfile p) {
        return meanOf(
                p, "red-team", EvidenceKind.RED_TEAM, "attack_success_rate", true, "1 - mean attack success rate");
    }

    /**
     * 1 when the newest artifact scan (the worst of that day) found nothing unsafe, else 0. {@code trustgate scan --model} stores
     * {@code findings_critical|high|medium|low} and {@code passed}: unsafe means CRITICAL or HIGH findings, whatever
     * threshold the scan ran with. Hand-written evidence may give {@code findings} or {@code unsafe} instead.
     */
    private static Signal artifactScanSignal(ModelProfile p) {
        Optional<Evidence> newest = p.evidence().stream()
                .filter(e -> e.kind() == EvidenceKind.ARTIFACT_SCAN)
                .filter(e -> unsafeFindings(e).isPresent())
                // Evidence carries a day, not a time: of the scans of the newest day, the worst counts.
                .max(java.util.Comparator.comparing(Evidence::date)
                        .thenComparing(e -> unsafeFindings(e).orElse(0.0)));
        if (newest.isEmpty()) {
            return Signal.unknown("artifact-scan", "the model's files were not scanned");
        }
        Evidence e = newest.get();
        double unsafe = unsafeFindings(e).orElseThrow();
        return Signal.known(
                "artifact-scan",
                unsafe == 0 ? 1.0 : 0.0,
                e.name() + ": " + fmt(unsafe) + " unsafe finding(s)" + (unsafe == 0 ? "" : " (CRITICAL or HIGH)"),
                e.source());
    }

    private static Optional<Double> unsafeFindings(Evidence e) {
        Optional<Measurement> critical = e.measurement("findings_critical");
        Optional<Measurement> high = e.measurement("findings_high");
        if (critical.isPresent() || high.isPresent()) {
            return Optional.of(critical.map(Measurement::value).orElse(0.0)
                    + high.map(Measurement::value).orElse(0.0));
        }
        return e.measurement("findings")
                .or(() -> e.measurement("unsafe"))
                .map(Measurement::value)
                .or(() -> e.measurement("passed").map(m -> m.value() == 1 ? 0.0 : 1.0));
    }

    private static Signal provenanceSignal(ModelProfile p) {
        if (!p.provenance().signatures().isEmpty()) {
            return Signal.known(
                    "provenance",
                    1.0,
                    p.provenance().signatures().size() + " signature(s) published",
                    p.provenance().signatures().get(0).source());
        }
        if (!p.provenance().artifacts().isEmpty()) {
            return Signal.known(
                    "provenance",
                    0.7,
                    p.provenance().artifacts().size() + " artifact hash(es) published, no signature",
                    p.provenance().artifacts().get(0).source());
        }
        return Signal.unknown("provenance", "no artifact hashes or signatures recorded");
    }

    private static Signal incidentsSignal(ModelProfile p) {
        if (p.incidents().isEmpty()) {
            // No recorded incident is not evidence of safety: it may only mean nobody recorded one.
            return Signal.unknown("incidents", "no incidents recorded (which does not mean none happened)");
        }
        List<Incident> in = p.incidents();
        return Signal.known(
                "incidents",
                Math.max(0, 1 - 0.25 * in.size()),
                in.size() + " known incident(s), latest: "
                        + in.get(in.size() - 1).summary(),
                in.get(in.size() - 1).source());
    }

    private static Signal benchmarkSignal(ModelProfile p) {
        List<Evidence> ev = p.evidence().stream()
                .filter(e -> e.kind() == EvidenceKind.BENCHMARK || e.kind() == EvidenceKind.PUBLISHED)
                .filter(e -> e.measurement("accuracy")
                        .filter(m -> m.value() >= 0 && m.value() <= 1)
                        .isPresent())
                .toList();
        if (ev.isEmpty()) {
            return Signal.unknown("benchmarks", "no benchmark accuracy recorded");
        }
        double mean = ev.stream()
                .mapToDouble(e -> e.measurement("accuracy").orElseThrow().value())
                .average()
                .orElse(0);
        return Signal.known(
                "benchmarks",
                mean,
                "mean accuracy over " + ev.stream().map(Evidence::name).collect(Collectors.joining(", ")),
                ev.stream().map(Evidence::source).distinct().collect(Collectors.joining(" ; ")));
    }

    private static Signal ratingSignal(ModelProfile p) {
        List<Evidence> ev = p.evidence().stream()
                .filter(e -> e.kind() == EvidenceKind.RATING && !e.name().equals(OSAI_INDEX))
                .filter(e -> e.measurement("rating").isPresent())
                .toList();
        if (ev.isEmpty()) {
            return Signal.unknown("rating", "no pairwise rating recorded");
        }
        Evidence e = ev.get(ev.size() - 1);
        double r = e.measurement("rating").orElseThrow().value();
        // Expected win rate against a 1000-rated reference on the Elo scale.
        double v = 1 / (1 + Math.pow(10, (1000 - r) / 400));
        return Signal.known("rating", v, e.name() + " rating " + fmt(r) + " (Elo scale)", e.source());
    }

    private static Signal biasSignal(ModelProfile p) {
        for (Evidence e : p.evidence()) {
            if (e.kind() == EvidenceKind.BIAS) {
                Optional<Measurement> m = e.measurement("bias_score");
                if (m.isPresent()) {
                    return Signal.known(
                            "bias",
                            1 - Math.min(1, Math.abs(m.get().value())),
                            e.name() + " bias score " + fmt(m.get().value()) + " (1 - |score|)",
                            e.source());
                }
                Optional<Measurement> a = e.measurement("accuracy");
                if (a.isPresent()) {
                    return Signal.known(
                            "bias",
                            a.get().value(),
                            e.name() + " accuracy " + fmt(a.get().value()),
                            e.source());
                }
            }
        }
        return Signal.unknown("bias", "no bias evaluation recorded");
    }

    private static Signal overRefusalSignal(ModelProfile p) {
        return meanOf(
                p, "over-refusal", EvidenceKind.OVER_REFUSAL, "over_refusal_rate", true, "1 - mean over-refusal rate");
    }

    private static Signal meanOf(
            ModelProfile p, String slot, EvidenceKind kind, String measurement, boolean invert, String how) {
        List<Evidence> ev = p.evidence().stream()
                .filter(e -> e.kind() == kind)
                .filter(e -> e.measurement(measurement).isPresent())
                .toList();
        if (ev.isEmpty()) {
            return Signal.unknown(
                    slot,
                    "no " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " " + measurement
                            + " recorded");
        }
        double mean = ev.stream()
                .mapToDouble(e -> e.measurement(measurement).orElseThrow().value())
                .average()
                .orElse(0);
        return Signal.known(
                slot,
                invert ? 1 - mean : mean,
                how + ": " + fmt(mean) + " over "
                        + ev.stream().map(Evidence::name).collect(Collectors.joining(", ")),
                ev.stream().map(Evidence::source).distinct().collect(Collectors.joining(" ; ")));
    }

    private static Signal licenceSignal(ModelProfile p, Optional<LicenceAssessment> licence) {
        if (licence.isEmpty() || licence.get().verdict() == Verdict.UNKNOWN) {
            return Signal.unknown("licence-verdict", "the licence's terms for this use are not known");
        }
        Verdict v = licence.get().verdict();
        double s = switch (v) {
            case ALLOWED -> 1.0;
            case CONDITIONAL -> 0.5;
            default -> 0.0;
        };
        return Signal.known(
                "licence-verdict",
                s,
                "licence " + p.licence().id().display() + ": " + v.yamlName() + " for the context's use",
                p.licence()
                        .id()
                        .citation()
                        .orElse(licence.get().url().orElse(licence.get().licenceId())));
    }

    private static Signal gpaiCodeSignal(ModelProfile p) {
        return switch (p.euAiAct().signatoryGpaiCodeOfPractice()) {
            case Fact.Known<Boolean> k ->
                Signal.known(
                        "gpai-code-of-practice",
                        k.value() ? 1.0 : 0.25,
                        k.value() ? "provider signed the EU GPAI code of practice" : "provider did not sign it",
                        k.source());
            case Fact.Unknown<Boolean> u -> Signal.unknown("gpai-code-of-practice", "signature not known");
        };
    }

    private static Signal licenceCited(ModelProfile p) {
        return switch (p.licence().id()) {
            case Fact.Known<String> k -> Signal.known("licence-cited", 1.0, "licence " + k.value(), k.source());
            case Fact.Unknown<String> u -> Signal.unknown("licence-cited", "no cited licence");
        };
    }

    private Signal recencySignal(ModelProfile p) {
        return switch (p.releaseDate()) {
            case Fact.Known<LocalDate> k -> {
                long days = ChronoUnit.DAYS.between(k.value(), today);
                double v = days <= 365 ? 1.0 : days <= 730 ? 0.7 : days <= 1095 ? 0.4 : 0.2;
                yield Signal.known(
                        "recency",
                        v,
                        "released " + k.value() + " (" + days + " days before " + today + ")",
                        k.source());
            }
            case Fact.Unknown<LocalDate> u -> Signal.unknown("recency", "release date not known");
        };
    }

    private static Signal hostingSignal(ModelProfile p, String src) {
        boolean both = p.hosting().size() > 1;
        return Signal.known(
                "hosting-choices",
                both ? 1.0 : 0.5,
                both
                        ? "self-hosted and vendor API"
                        : "only " + p.hosting().iterator().next().key(),
                src + " (hosting)");
    }

    static String fmt(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString().length() > 8
                ? String.format(java.util.Locale.ROOT, "%.3f", v)
                : BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
