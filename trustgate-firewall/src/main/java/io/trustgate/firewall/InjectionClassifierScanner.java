package io.trustgate.firewall;

import io.trustgate.api.Category;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanContext;
import io.trustgate.api.ScanDeadline;
import io.trustgate.api.ScanText;
import io.trustgate.api.Scanner;
import io.trustgate.firewall.learn.LinearModel;
import java.util.List;

/**
 * A learned classifier for prompt injection and jailbreaks: logistic regression over hashed character and word
 * n-grams and concept pairs ({@link io.trustgate.firewall.learn.HashedNgrams}), trained by {@code trustgate train
 * injection} on a synthetic corpus of attack techniques and their benign look-alikes ({@code training/injection.grammar})
 * and on in-the-wild jailbreaks, DAN prompts, system-prompt extraction, JailbreakBench attacks and BIPIA indirect
 * payloads against benign prompts, role prompts, hard negatives and plain harmful requests (see
 * {@code docs/firewall-classifiers.md}).
 *
 * <p><b>Threat.</b> OWASP LLM01, direct and indirect: the second, independent signal next to the
 * {@code injection-heuristics} rules, catching paraphrases that share the attacks' vocabulary and structure rather
 * than their exact phrases. Reports one whole-text finding (span 0,0), category {@code PROMPT_INJECTION}, whose score
 * is the calibrated probability, the highest over the text's windows (1,536 chars, half overlapping, so an
 * injection buried in a long document competes with one window, not with all of it), over its paragraphs scored
 * alone, over the normaliser's decoded runs (base64, hex, rot13, leetspeak, Unicode tags, spaced-out letters,
 * hyphen-broken words), with runs of base64, base32, hex, escapes, binary and Morse read as their decodings in the
 * text itself (decisions 020 and 021), and, for a text with at least three words of the glossary's 22 languages, over its word-by-word
 * English rendering (decision 017). The calibration puts
 * the measured operating point at 0.5: a rule's {@code threshold: 0.5} is what the documented figures were measured
 * at.
 *
 * <p><b>Cost.</b> Linear in the text: about 10 hash-and-count steps per char plus one multiply-add per distinct
 * n-gram; a text is hashed once however many windows and paragraphs hold a char, and counted once per window. A 2 KB
 * prompt takes 120-180 us, a 64 KB document about 10 ms (JMH {@code FirewallBenchmark.injectionClassifier2KbPrompt}
 * and {@code injectionClassifier64KbDocument}, 2 busy cores, docs/firewall.md). The weights (2^20 buckets: a 1.9 MB file, 4 MB in memory) are loaded once per process, on first use.
 *
 * <p><b>Limits.</b> It learns the techniques it was shown. With each public source held out in turn, at the operating
 * point (2% mean false positives on held-out benign sources), it caught DAN, JBC and random-search prompts, 85% of
 * in-the-wild jailbreaks, 67% of system-prompt extraction prompts, 53% of PAIR's persuasion stories and none of
 * BIPIA's indirect payloads (ordinary requests planted in documents): see {@code docs/firewall-classifiers.md}.
 * Role prompts are its hardest benign texts. Learned mostly from English; the corpus has attacks in 31 other
 * languages, and words of 22 languages also count as their English glosses, so English weights reach them word by
 * word (on an independently written set, 0.67 of the other languages' attacks against 0.74 of the English ones at the
 * default chain's threshold). A short instruction inside a long window is diluted. It cannot tell a jailbreak from an injection,
 * nor an operator's legitimate persona prompt from an attacker's, and a text that discusses attacks at length may
 * score high. An adaptive attacker with the weights can find a bypass; it is a second signal, not a proof.
 */
final class InjectionClassifierScanner implements Scanner {
    static final String NAME = "injection-classifier";
    static final String RESOURCE = "/io/trustgate/firewall/models/injection.bin";
    /** Scores below this are not reported. */
    static final double REPORT_FLOOR = 0.2;

    /** Loaded on first use, once per process (the holder idiom). */
    private static final class Holder {
        static final LinearModel MODEL = LinearModel.fromResource(InjectionClassifierScanner.class, RESOURCE);
    }

    /** The shipped model. */
    static LinearModel model() {
        return Holder.MODEL;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Finding> scan(ScanText text) {
        return scan(text, ScanContext.NONE);
    }

    @Override
    public List<Finding> scan(ScanText text, ScanContext context) {
        double s = score(model(), text);
        if (s >= REPORT_FLOOR && context.source() != ScanContext.Source.TOOL) {
            s = mentioned(model(), text, s);
        }
        return s < REPORT_FLOOR
                ? List.of()
                : List.of(new Finding(NAME, Category.PROMPT_INJECTION, "CLASSIFIER", s, 0, 0));
    }

    /**
     * The score of a text that quotes attacks to talk about them (a detector's test cases, a log, a policy; see
     * {@link Residue}): the user's own words scored alone, or the whole text at {@link
     * InjectionHeuristicsScanner#MENTION_FACTOR} of its score, whichever is higher. Not for tool results, whose words
     * around a quote an attacker writes.
     */
    static double mentioned(LinearModel model, ScanText text, double whole) {
        String norm = text.normalized();
        if (!Residue.mayQuote(norm)) {
            return whole;
        }
        ScanDeadline.checkNow();
        java.util.Optional<Residue> withData = Residue.withData(norm);
        if (withData.isEmpty()) {
            return whole; // nothing quoted: the text is the user's own words
        }
        Residue r = withData.get();
        int doc = InjectionHeuristicsScanner.pastedDocument(norm);
        boolean quotedDocument = doc >= 0 && !norm.startsWith("```", doc) && r.isData(doc);
        if (!r.hasData() || !r.mentionsAttacks() || quotedDocument) {
            return whole; // nothing quoted, no talk about attacks, or a quoted document handed over to be processed
        }
        ScanDeadline.checkNow();
        double own = model.score(r.own());
        return Math.min(whole, Math.max(own, whole * InjectionHeuristicsScanner.MENTION_FACTOR));
    }

    /**
     * The encodings whose runs the model reads as their decoding, in place (decisions 020, 021, 030, 031): blobs,
     * spellings and ciphers whose chars say nothing, unlike the word-level decodings (leetspeak, typos), whose runs are
     * words the model reads as they are. Rot13 stays as written, as the model was first trained on it; Caesar and
     * Atbash, added later, are read in place.
     */
    static final java.util.Set<String> READ_DECODED = java.util.Set.of(
            "base64",
            "base32",
            "hex",
            "percent",
            "unicode-escape",
            "html-entity",
            "binary",
            "morse",
            "nato",
            "braille",
            "ascii85",
            "uuencode",
            "caesar",
            "atbash",
            "pig-latin",
            "robber");

    /**
     * The highest score of the normalised text, with its encoded runs read as their decodings ({@link #readable}),
     * and of its decoded runs alone.
     */
    static double score(LinearModel model, ScanText text) {
        double best = model.score(readable(text));
        // one pass of the model reads the whole text: a chain's time limit is checked between passes
        ScanDeadline.checkNow();
        for (ScanText.Decoded d : text.decoded()) {
            best = Math.max(best, model.score(d.text()));
            ScanDeadline.tick();
        }
        return best;
    }

    /**
     * The normalised text with each run of a {@link #READ_DECODED} encoding replaced by its decoding: "What does this
     * say? SGVsbG8..." reads as "What does this say? Hello...". Without this the model scored the encoded chars, and
     * in its training data encoded text is nearly always an attack, so it blocked a base64 meeting note. The same text
     * when nothing was decoded (most texts: no copy).
     */
    static String readable(ScanText text) {
        String norm = text.normalized();
        if (text.decoded().isEmpty()) {
            return norm; // most texts: no stream set up on every scan
        }
        List<ScanText.Decoded> runs = text.decoded().stream()
                .filter(d -> READ_DECODED.contains(d.encoding()))
                .sorted(java.util.Comparator.comparingInt(ScanText.Decoded::start))
                .toList();
        if (runs.isEmpty()) {
            return norm;
        }
        int[] offsets = text.offsets();
        StringBuilder b = new StringBuilder(norm.length());
        int at = 0;
        for (ScanText.Decoded d : runs) {
            int from = normalizedIndex(offsets, d.start());
            int to = normalizedIndex(offsets, d.end());
            if (from < at || to < from) {
                continue; // overlaps a run already read
            }
            b.append(norm, at, from).append(d.text());
            at = to;
        }
        return b.append(norm, at, norm.length()).toString();
    }

    /** The first index of the normalised text that comes from {@code original} or later (offsets never decrease). */
    private static int normalizedIndex(int[] offsets, int original) {
        int lo = 0;
        int hi = offsets.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (offsets[mid] < original) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
