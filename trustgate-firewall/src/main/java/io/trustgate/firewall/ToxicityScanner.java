package io.trustgate.firewall;

import io.trustgate.api.Category;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanText;
import io.trustgate.api.Scanner;
import io.trustgate.firewall.learn.LinearModel;
import java.util.List;

/**
 * A learned toxicity classifier: logistic regression over hashed character and word n-grams, trained by
 * {@code trustgate train toxicity} on Surge AI's 1,000 labelled social-media comments, 968 hand-written texts
 * ({@code training/toxicity}: insults, hate, threats and harassment, toxic chatbot answers, and hard negatives) and
 * benign prompts as extra negatives (see {@code docs/firewall-classifiers.md}).
 *
 * <p><b>Threat.</b> Insults, slurs, harassment and hate in a prompt or in a model's answer (content policy; no OWASP
 * LLM id fits). Reports one whole-text finding (span 0,0), category {@code TOXICITY}, whose score is the calibrated
 * probability, the highest over the text's windows (1,536 chars, half overlapping) and over decoded runs. The
 * calibration puts the measured operating point at 0.5.
 *
 * <p><b>Cost.</b> The same as {@code injection-classifier}: linear in the text, about 130 us for 2 KB; weights (a
 * 380 KB file, 1 MB in memory) loaded once per process on first use.
 *
 * <p><b>Limits.</b> Trained on small sources: 1,000 comments labelled by annotators' own notion of toxic, and the
 * texts of one writer in ten registers (232 of them model answers). Its figures come from folds of those sources
 * and are optimistic for other writers. It keys on vocabulary, so it still flags some friendly profanity,
 * counter-speech and quotes of abuse, and misses politely worded hate, sarcasm and threats in words it has not
 * seen. Of other languages it has seen only German, French and Spanish, about 180 texts.
 */
final class ToxicityScanner implements Scanner {
    static final String NAME = "toxicity";
    static final String RESOURCE = "/io/trustgate/firewall/models/toxicity.bin";
    /** Scores below this are not reported. */
    static final double REPORT_FLOOR = 0.2;

    private static final class Holder {
        static final LinearModel MODEL = LinearModel.fromResource(ToxicityScanner.class, RESOURCE);
    }

    static LinearModel model() {
        return Holder.MODEL;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Finding> scan(ScanText text) {
        double s = InjectionClassifierScanner.score(model(), text);
        return s < REPORT_FLOOR ? List.of() : List.of(new Finding(NAME, Category.TOXICITY, "CLASSIFIER", s, 0, 0));
    }
}
