package io.trustgate.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.policy.trust.Check;
import io.trustgate.policy.trust.Context;
import io.trustgate.policy.trust.ContextException;
import io.trustgate.policy.trust.Contexts;
import io.trustgate.policy.trust.DimensionScore;
import io.trustgate.policy.trust.GpaiDuties;
import io.trustgate.policy.trust.Obligation;
import io.trustgate.policy.trust.Signal;
import io.trustgate.policy.trust.TrustDecision;
import io.trustgate.policy.trust.TrustEngine;
import io.trustgate.registry.profile.DataHandlingCatalog;
import io.trustgate.registry.profile.ModelProfile;
import io.trustgate.registry.profile.ProfileCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What the contexts, trust and compare commands share: where contexts, profiles and evidence come from; JSON. */
final class TrustSupport {
    static final ObjectMapper JSON = new ObjectMapper();

    private TrustSupport() {}

    /** Options naming the contexts folder, on top of the model catalog options. */
    static final class Options {
        @Mixin
        ModelsCommand.CatalogOptions catalog;

        @Option(
                names = "--contexts",
                paramLabel = "DIR",
                description = "A folder of context YAML files, read after the shipped examples (a file with the name"
                        + " of a shipped context replaces it). Default: <data-dir>/contexts when it exists.")
        Path contexts;

        Contexts loadContexts() {
            Path dir = contexts != null ? contexts : catalog.state.dataDir().resolve("contexts");
            if (contexts != null && !Files.isDirectory(contexts)) {
                throw new CliException("contexts folder not found: " + contexts, 2);
            }
            try {
                return Contexts.load(Optional.of(dir));
            } catch (ContextException e) {
                throw new CliException(e.getMessage(), 2);
            }
        }

        Context context(Contexts all, String name) {
            return all.find(name)
                    .orElseThrow(() ->
                            new CliException("no context '" + name + "' (trustgate contexts list shows them)", 2));
        }

        /** The profiles, each with the evidence this installation gathered merged in. */
        List<ModelProfile> profiles(ProfileCatalog c) {
            EvidenceFiles ev = new EvidenceFiles(catalog.state.dataDir());
            return c.all().stream().map(p -> p.withEvidence(ev.read(p.id()))).toList();
        }

        ModelProfile profile(ProfileCatalog c, String id) {
            ModelProfile p = catalog.find(c, id);
            return p.withEvidence(new EvidenceFiles(catalog.state.dataDir()).read(p.id()));
        }

        /** The shipped rules, with the vendor data-handling facts of the catalog folders' {@code providers/}. */
        TrustEngine engine() {
            List<Path> folders = new java.util.ArrayList<>();
            folders.add(catalog.state.dataDir().resolve("catalog"));
            if (catalog.catalog != null) {
                folders.add(catalog.catalog);
            }
            try {
                return TrustEngine.standard(LocalDate.now(ZoneOffset.UTC))
                        .withVendors(DataHandlingCatalog.load(folders));
            } catch (io.trustgate.registry.profile.ProfileException e) {
                throw new CliException(e.getMessage(), 2);
            }
        }
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.0f%%", v * 100);
    }

    static String score(Optional<Double> v) {
        return v.map(x -> String.format(Locale.ROOT, "%.2f", x)).orElse("unknown");
    }

    static String score(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static ObjectNode contextJson(Context c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", c.name());
        n.put("description", c.description());
        n.put("owner", c.owner());
        n.put("source", c.source());
        ObjectNode eu = n.putObject("eu-ai-act");
        eu.put("role", c.euAiAct().role());
        eu.put("prohibited-practice", c.euAiAct().prohibitedPractice().orElse("none"));
        eu.put("annex-iii", c.euAiAct().annexIii().orElse("none"));
        eu.put("annex-i-product", c.euAiAct().annexIProduct());
        eu.put("interacts-with-people", c.euAiAct().interactsWithPeople());
        eu.put("generates-synthetic-content", c.euAiAct().generatesSyntheticContent());
        eu.put("risk-tier", c.tier().key());
        eu.put("tier-reason", c.euAiAct().tierReason());
        ArrayNode ob = eu.putArray("obligations");
        for (Obligation o : c.euAiAct().obligations()) {
            ob.addObject().put("article", o.article()).put("who", o.who()).put("duty", o.duty());
        }
        n.put("data-sensitivity", c.dataSensitivity().key());
        n.put("data-rule", c.dataSensitivity().vendorApiRule());
        ObjectNode r = n.putObject("requirements");
        r.put("self-hosting", c.requirements().selfHosting() ? "required" : "any");
        ObjectNode lic = r.putObject("licence");
        var u = c.requirements().licenceUse();
        ObjectNode use = lic.putObject("use");
        use.put("commercial", u.commercial());
        use.put("monthly-active-users", u.monthlyActiveUsers());
        use.put("region", u.region());
        use.put("fine-tune", u.fineTune());
        use.put("distribute-weights", u.distributeWeights());
        use.put("outputs-train-other-models", u.useOutputsToTrainOtherModels());
        use.put("hosted-as-service", u.hostedAsService());
        ArrayNode pu = use.putArray("purposes");
        u.purposes().stream().sorted().forEach(pu::add);
        ArrayNode av = lic.putArray("allowed-verdicts");
        c.requirements().allowedLicenceVerdicts().stream().sorted().forEach(v -> av.add(v.yamlName()));
        c.requirements().minMofClass().ifPresent(m -> r.put("min-mof-class", m.label()));
        ArrayNode ev = r.putArray("evidence");
        c.requirements().evidence().forEach(e -> ev.add(e.describe()));
        c.requirements().maxCostPerMillionTokens().ifPresent(m -> r.put("max-cost-per-1m-tokens", m));
        c.requirements().dataResidency().ifPresent(m -> r.put("data-residency", m));
        ObjectNode w = n.putObject("weights");
        c.weights().forEach((d, v) -> w.put(d.key(), v));
        c.firewall().ifPresent(f -> n.put("firewall", f));
        return n;
    }

    static ObjectNode decisionJson(TrustDecision d) {
        ObjectNode n = JSON.createObjectNode();
        n.put("model", d.model());
        n.put("name", d.modelName());
        n.put("weights", d.weights().key());
        ArrayNode h = n.putArray("hosting");
        d.hosting().stream().map(x -> x.key()).sorted().forEach(h::add);
        n.put("context", d.context());
        n.put("allowed", d.allowed());
        d.firstFailure().ifPresent(f -> n.set("first-failure", checkJson(f)));
        n.put("score", round(d.score()));
        n.put("coverage", round(d.coverage()));
        ArrayNode cs = n.putArray("checks");
        d.checks().forEach(c -> cs.add(checkJson(c)));
        n.set("gpai", gpaiJson(d.gpai()));
        ArrayNode ds = n.putArray("dimensions");
        for (DimensionScore s : d.dimensions()) {
            ObjectNode o = ds.addObject();
            o.put("dimension", s.dimension().key());
            o.put("weight", s.weight());
            if (s.score().isPresent()) {
                o.put("score", round(s.score().get()));
            } else {
                o.put("score", "unknown");
            }
            o.put("coverage", round(s.coverage()));
            ArrayNode sig = o.putArray("signals");
            for (Signal x : s.signals()) {
                ObjectNode so = sig.addObject();
                so.put("name", x.name());
                if (x.value().isPresent()) {
                    so.put("value", round(x.value().get()));
                } else {
                    so.put("value", "unknown");
                }
                so.put("basis", x.basis());
                so.put("source", x.source());
            }
        }
        return n;
    }

    static ObjectNode gpaiJson(GpaiDuties g) {
        ObjectNode o = JSON.createObjectNode();
        o.put("role", g.role());
        o.put("role-source", g.roleSource());
        o.put("systemic-risk", g.systemicRisk());
        o.put("systemic-risk-source", g.systemicRiskSource());
        ArrayNode ds = o.putArray("duties");
        for (Obligation x : g.duties()) {
            ds.addObject().put("article", x.article()).put("who", x.who()).put("duty", x.duty());
        }
        return o;
    }

    /** One line: role, systemic-risk presumption and the articles of the duties. */
    static String gpaiLine(GpaiDuties g) {
        return "EU AI Act role " + g.role() + "; systemic risk " + g.systemicRisk() + "; duties: " + g.articles();
    }

    static ObjectNode checkJson(Check c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("requirement", c.requirement());
        o.put("status", c.status().key());
        o.put("finding", c.finding());
        o.put("source", c.source());
        return o;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
