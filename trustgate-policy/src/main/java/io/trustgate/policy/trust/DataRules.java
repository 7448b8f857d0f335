package io.trustgate.policy.trust;

import io.trustgate.registry.profile.DataHandling;
import io.trustgate.registry.profile.Fact;
import io.trustgate.registry.profile.Hosting;
import io.trustgate.registry.profile.ModelProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The data-sensitivity rule table (docs/trust.md, "Data sensitivity"): what a model must meet for the most sensitive
 * data a context sends, given where the model runs and what its vendor's API does with the data. A model that can be
 * self-hosted keeps the data in the operator's hands and meets every row; a vendor-API-only model is judged on its
 * vendor's sourced facts, and a fact nobody sourced is {@code unknown}, which never passes.
 *
 * <pre>
 * public    nothing
 * internal  the vendor does not train on the data
 * personal  internal + a DPA + a documented processing region (EU residency when the context asks for it)
 * health    personal + a HIPAA BAA + zero retention offered
 * secrets   self-hosted only
 * </pre>
 */
final class DataRules {
    private DataRules() {}

    /** The checks for one model in one context, in table order; empty for public data. */
    static List<Check> checks(Context c, ModelProfile p, String profileSource, DataHandling vendor) {
        DataSensitivity s = c.dataSensitivity();
        String label = "data (" + s.key() + ")";
        if (s == DataSensitivity.PUBLIC) {
            return List.of();
        }
        if (p.hosting().contains(Hosting.SELF_HOSTED)) {
            return List.of(new Check(
                    label + ": self-hosted",
                    Check.Status.MET,
                    "can be self-hosted: served on the operator's hardware, the data stays there (its vendor's API,"
                            + " if any, is judged only if the model is served through it)",
                    profileSource + " (hosting)"));
        }
        if (s == DataSensitivity.SECRETS) {
            return List.of(new Check(
                    label + ": self-hosted",
                    Check.Status.NOT_MET,
                    "secrets go to self-hosted models only; this model is only available through its vendor's API",
                    profileSource + " (hosting)"));
        }
        List<Check> out = new ArrayList<>();
        String who = vendor.service();
        out.add(yesNo(
                label + ": no-training",
                vendor.trainsOnCustomerData(),
                false,
                who + " does not train on customer data by default",
                who + " trains on customer data by default",
                "whether " + who + " trains on the data sent to it",
                vendor));
        if (s == DataSensitivity.INTERNAL) {
            return List.copyOf(out);
        }
        out.add(yesNo(
                label + ": dpa",
                vendor.dpa(),
                true,
                who + " offers a data processing agreement (GDPR Art. 28)",
                who + " offers no data processing agreement",
                "whether " + who + " offers a data processing agreement",
                vendor));
        Optional<String> residency = c.requirements().dataResidency();
        if (residency.isPresent()) {
            out.add(yesNo(
                    label + ": " + residency.get().toLowerCase(java.util.Locale.ROOT) + "-residency",
                    vendor.euDataResidency(),
                    true,
                    who + " can keep processing in the EU (the context asks for data-residency: EU)",
                    who + " offers no EU-only processing (the context asks for data-residency: EU)",
                    "whether " + who + " can keep processing in the EU",
                    vendor));
        } else {
            out.add(
                    switch (vendor.processingRegions()) {
                        case Fact.Known<List<String>> k ->
                            new Check(
                                    label + ": processing-region",
                                    Check.Status.MET,
                                    who + " documents where it processes: " + String.join(", ", k.value()) + note(k),
                                    k.source());
                        case Fact.Unknown<List<String>> u ->
                            new Check(
                                    label + ": processing-region",
                                    Check.Status.UNKNOWN,
                                    "where " + who + " processes the data is not known (no sourced fact)",
                                    vendor.origin());
                    });
        }
        if (s == DataSensitivity.PERSONAL) {
            return List.copyOf(out);
        }
        out.add(yesNo(
                label + ": hipaa-baa",
                vendor.hipaaBaa(),
                true,
                who + " offers a HIPAA business associate agreement",
                who + " offers no HIPAA business associate agreement",
                "whether " + who + " offers a HIPAA business associate agreement",
                vendor));
        out.add(yesNo(
                label + ": zero-retention",
                vendor.zeroRetention(),
                true,
                who + " offers zero data retention (have it enabled for your organisation)",
                who + " offers no zero data retention",
                "whether " + who + " offers zero data retention",
                vendor));
        return List.copyOf(out);
    }

    /** Met when the fact has the wanted value; unknown when nobody sourced it. */
    private static Check yesNo(
            String requirement,
            Fact<Boolean> fact,
            boolean wanted,
            String metText,
            String notMetText,
            String unknownWhat,
            DataHandling vendor) {
        return switch (fact) {
            case Fact.Known<Boolean> k ->
                new Check(
                        requirement,
                        k.value() == wanted ? Check.Status.MET : Check.Status.NOT_MET,
                        (k.value() == wanted ? metText : notMetText) + note(k),
                        k.source());
            case Fact.Unknown<Boolean> u ->
                new Check(
                        requirement,
                        Check.Status.UNKNOWN,
                        unknownWhat + " is not known (no sourced fact)",
                        vendor.origin());
        };
    }

    private static String note(Fact.Known<?> k) {
        return k.note().isBlank() ? "" : " (" + k.note().replaceAll("\\s+", " ") + ")";
    }
}
