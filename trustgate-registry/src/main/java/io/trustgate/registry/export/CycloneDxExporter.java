package io.trustgate.registry.export;

import io.trustgate.api.evidence.Evidence;
import io.trustgate.api.evidence.Measurement;
import io.trustgate.registry.openness.MofClassifier;
import io.trustgate.registry.openness.MofLicences;
import io.trustgate.registry.profile.Fact;
import io.trustgate.registry.profile.Incident;
import io.trustgate.registry.profile.ModelProfile;
import io.trustgate.registry.profile.Provenance;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.component.ModelCard;
import org.cyclonedx.model.component.modelCard.Considerations;
import org.cyclonedx.model.component.modelCard.ModelParameters;
import org.cyclonedx.model.component.modelCard.PerformanceMetric;
import org.cyclonedx.model.component.modelCard.QuantitativeAnalysis;
import org.cyclonedx.model.component.modelCard.consideration.Risk;

/**
 * Writes a profile as a CycloneDX 1.6 ML-BOM: one {@code machine-learning-model} component with its licence, a
 * model card (model parameters, quantitative analysis from the evidence, considerations listing what is unknown and
 * the known incidents), the published artifact hashes as file components, and the other facts as
 * {@code trustgate:*} properties citing their sources. The serial number is derived from the content and there is no
 * {@code metadata.timestamp}, so the same profile gives the same bytes.
 */
public final class CycloneDxExporter {
    private final MofClassifier mof;

    public CycloneDxExporter(MofClassifier mof) {
        this.mof = mof;
    }

    public static CycloneDxExporter standard() {
        return new CycloneDxExporter(MofClassifier.standard());
    }

    /** The BOM as JSON. */
    public String toJson(ModelProfile p) {
        Bom bom = bom(p);
        try {
            return BomGeneratorFactory.createJson(Version.VERSION_16, bom).toJsonString();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the CycloneDX BOM of " + p.id() + ": " + e.getMessage(), e);
        }
    }

    Bom bom(ModelProfile p) {
        Component c = new Component();
        c.setType(Component.Type.MACHINE_LEARNING_MODEL);
        c.setBomRef(p.id());
        c.setName(p.name());
        c.setGroup(p.provider());
        c.setPublisher(p.provider());
        c.setDescription(p.name() + " (" + p.id() + "), " + p.weights().key() + " weights");
        p.licence().id().optional().ifPresent(id -> {
            License l = new License();
            if (MofLicences.shipped().known(id)) {
                l.setId(id);
            } else {
                l.setName(id);
            }
            LicenseChoice lc = new LicenseChoice();
            lc.addLicense(l);
            c.setLicenses(lc);
        });

        List<Property> props = new ArrayList<>();
        prop(props, "trustgate:id", Fact.of(p.id(), "catalog"));
        prop(
                props,
                "trustgate:hosting",
                Fact.of(
                        String.join(
                                ",",
                                p.hosting().stream().map(h -> h.key()).sorted().toList()),
                        "catalog"));
        prop(props, "trustgate:release-date", p.releaseDate());
        prop(props, "trustgate:parameters", p.parameters());
        prop(props, "trustgate:active-parameters", p.activeParameters());
        prop(props, "trustgate:training-compute-flop", p.trainingComputeFlop());
        prop(props, "trustgate:training-tokens", p.trainingTokens());
        prop(props, "trustgate:osaid", p.osaid().map(o -> o.key()));
        prop(props, "trustgate:eu-ai-act:role", p.euAiAct().role());
        prop(props, "trustgate:eu-ai-act:systemic-risk-presumed", p.systemicRiskPresumed());
        if (p.mof().assessed()) {
            prop(
                    props,
                    "trustgate:mof-class",
                    Fact.of(mof.classify(p.mof()).mofClass().label(), p.mof().source()));
        }
        p.osai()
                .ifPresent(o -> o.grades()
                        .forEach((k, g) -> prop(
                                props, "trustgate:osai:" + k, Fact.of(g.level().key(), o.source()))));
        c.setProperties(props);

        ModelCard card = new ModelCard();
        ModelParameters params = new ModelParameters();
        if (!p.family().isEmpty()) {
            params.setArchitectureFamily(p.family());
        }
        card.setModelParameters(params);
        if (!p.evidence().isEmpty()) {
            QuantitativeAnalysis qa = new QuantitativeAnalysis();
            List<PerformanceMetric> metrics = new ArrayList<>();
            for (Evidence e : p.evidence()) {
                for (Measurement m : e.measurements()) {
                    PerformanceMetric pm = new PerformanceMetric();
                    pm.setType(e.name() + ":" + m.name());
                    pm.setValue(Double.toString(m.value()));
                    pm.setSlice(e.kind().name().toLowerCase(java.util.Locale.ROOT) + "; " + e.method() + "; " + e.date()
                            + "; " + e.source());
                    if (m.hasInterval()) {
                        PerformanceMetric.ConfidenceInterval ci = new PerformanceMetric.ConfidenceInterval();
                        ci.setLowerBound(Double.toString(m.lower()));
                        ci.setUpperBound(Double.toString(m.upper()));
                        pm.setConfidenceInterval(ci);
                    }
                    metrics.add(pm);
                }
            }
            qa.setPerformanceMetrics(metrics);
            card.setQuantitativeAnalysis(qa);
        }
        Considerations cons = new Considerations();
        List<String> limits = new ArrayList<>();
        unknown(limits, "release date", p.releaseDate());
        unknown(limits, "parameter count", p.parameters());
        unknown(limits, "training compute", p.trainingComputeFlop());
        unknown(limits, "training tokens", p.trainingTokens());
        unknown(limits, "licence", p.licence().id());
        if (!p.mof().assessed()) {
            limits.add("MOF components: unknown");
        }
        if (p.evidence().isEmpty()) {
            limits.add("published evaluation results: none recorded");
        }
        if (!limits.isEmpty()) {
            cons.setTechnicalLimitations(limits);
        }
        if (!p.incidents().isEmpty()) {
            List<Risk> risks = new ArrayList<>();
            for (Incident i : p.incidents()) {
                Risk r = new Risk();
                r.setName(i.date() + ": " + i.summary() + " (" + i.source() + ")");
                risks.add(r);
            }
            cons.setEthicalConsiderations(risks);
        }
        card.setConsiderations(cons);
        c.setModelCard(card);

        List<Component> files = new ArrayList<>();
        for (Provenance.Artifact a : p.provenance().artifacts()) {
            Component f = new Component();
            f.setType(Component.Type.FILE);
            f.setName(a.path());
            f.setBomRef(p.id() + "#" + a.path());
            f.addHash(new Hash(Hash.Algorithm.SHA_256, a.sha256()));
            files.add(f);
        }
        if (!files.isEmpty()) {
            c.setComponents(files);
        }

        // No metadata.timestamp (optional in CycloneDX): the export time is not a fact of the profile, and with it
        // two exports of one profile differed, so a BOM could not be checked in and diffed or signed reproducibly.
        Bom bom = new Bom();
        bom.addComponent(c);
        bom.setSerialNumber("urn:uuid:"
                + UUID.nameUUIDFromBytes(
                        io.trustgate.registry.profile.ProfileYaml.write(p).getBytes(StandardCharsets.UTF_8)));
        return bom;
    }

    private static void prop(List<Property> props, String name, Fact<?> f) {
        if (f instanceof Fact.Known<?> k) {
            props.add(new Property(name, k.value() + " (source: " + k.source() + ")"));
        }
    }

    private static void unknown(List<String> out, String what, Fact<?> f) {
        if (!f.known()) {
            out.add(what + ": unknown");
        }
    }
}
