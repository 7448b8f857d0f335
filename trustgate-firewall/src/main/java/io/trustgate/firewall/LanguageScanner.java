package io.trustgate.firewall;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfile;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.RemoveMinorityScriptsTextFilter;
import com.optimaize.langdetect.text.TextObjectFactory;
import com.optimaize.langdetect.text.TextObjectFactoryBuilder;
import io.trustgate.api.Category;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanText;
import io.trustgate.api.Scanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A scanner that reports texts written in a language the operator has not allowed: a support bot that must answer in
 * English and German, a prompt in another language sent to get past English-only filters, a response that switched
 * language. The finding is about the whole text, of type {@code LANGUAGE_<code>} (ISO 639-1, e.g.
 * {@code LANGUAGE_fr}), scored with the detector's probability.
 *
 * <p><b>Threat:</b> policy (allowed languages); and, indirectly, OWASP LLM01, where a language switch is used to slip
 * past filters tuned for one language.
 *
 * <p><b>How:</b> character n-gram language identification by optimaize language-detector 0.6 (Apache-2.0; its 71
 * built-in profiles are read from its jar once per process, about half a second). The text is the normalised text
 * (invisible characters removed, homoglyphs folded) without its URLs and e-mail addresses (their letters are not
 * language).
 * Texts with fewer than {@code min-chars} letters (default 40; a Han, kana or Hangul character counts as three) are
 * not judged: n-gram statistics on a few words are guesswork. A finding needs the detected language's probability to
 * reach {@code min-probability} (default 0.8).
 * Mixed-language texts are judged by the dominant language, the one with the most n-gram evidence: an English prompt
 * quoting a French sentence passes when English is allowed, a French prompt with English keywords does not.
 *
 * <p><b>Cost:</b> linear in the text; the library samples the n-grams of long texts. A 2 KB prompt: p50 0.2 to 0.4
 * ms on a loaded 2-core machine ({@code LanguageScannerTest}); about ten times the PII scanner's idle figure, so put
 * it after the cheap scanners in a chain.
 *
 * <p><b>Limits:</b> close languages are confused on short texts (Norwegian and Danish, Spanish and Galician, Croatian
 * and Serbian in Latin script, Malay and Indonesian); Chinese is reported as {@code zh} whatever the script; the 71
 * profiled languages are the only ones it can name (a text in another language is reported as the nearest profiled
 * one, often with a low probability, so it usually passes); code, tables and lists of names confuse it.
 */
public final class LanguageScanner implements Scanner {
    public static final String NAME = "language";

    /** Default number of letters below which a text is not judged. */
    public static final int DEFAULT_MIN_CHARS = 40;

    /** Default probability the detected language must have before a finding is reported. */
    public static final double DEFAULT_MIN_PROBABILITY = 0.8;

    private static final class Holder {
        static final LanguageDetector DETECTOR;
        static final Set<String> CODES;
        /**
         * The library's factory for large texts without its URL and e-mail filter, whose regex read a long run of
         * letters again from each of its chars (2 s for 16,000 chars of "a"); {@link #withoutAddresses} does that job
         * in one pass.
         */
        static final TextObjectFactory TEXTS = new TextObjectFactoryBuilder()
                .withTextFilter(RemoveMinorityScriptsTextFilter.forThreshold(0.3))
                .build();

        static {
            try {
                List<LanguageProfile> profiles = new LanguageProfileReader().readAllBuiltIn();
                // a fixed seed: the library samples n-grams at random, and a scanner must be deterministic
                DETECTOR = LanguageDetectorBuilder.create(NgramExtractors.standard())
                        .withProfiles(profiles)
                        .seed(20261126L)
                        .build();
                Set<String> codes = new TreeSet<>();
                for (LanguageProfile p : profiles) {
                    codes.add(p.getLocale().getLanguage());
                }
                CODES = Set.copyOf(codes);
            } catch (IOException e) {
                throw new UncheckedIOException("language profiles could not be read from the detector's jar", e);
            }
        }
    }

    private final Set<String> allowed;
    private final int minChars;
    private final double minProbability;

    /**
     * @param allowed ISO 639-1 codes of the allowed languages, not empty
     * @param minChars texts with fewer letters are not judged
     * @param minProbability a finding needs at least this probability for the detected language
     */
    public LanguageScanner(Set<String> allowed, int minChars, double minProbability) {
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("language scanner: allowed languages must not be empty");
        }
        Set<String> codes = new TreeSet<>();
        for (String a : allowed) {
            String c = a.strip().toLowerCase(Locale.ROOT);
            if (!c.matches("[a-z]{2}")) {
                throw new IllegalArgumentException(
                        "language scanner: '" + a + "' is not an ISO 639-1 code (two letters, e.g. en)");
            }
            if (!knownLanguages().contains(c)) {
                throw new IllegalArgumentException(
                        "language scanner: no profile for '" + c + "', known: " + String.join(", ", knownLanguages()));
            }
            codes.add(c);
        }
        if (minChars < 1) {
            throw new IllegalArgumentException("language scanner: min-chars must be >= 1, was " + minChars);
        }
        if (!(minProbability >= 0 && minProbability <= 1)) {
            throw new IllegalArgumentException(
                    "language scanner: min-probability must be in [0, 1], was " + minProbability);
        }
        this.allowed = Set.copyOf(codes);
        this.minChars = minChars;
        this.minProbability = minProbability;
    }

    /** Builds the scanner from a rule's options: {@code allowed} (required), {@code min-chars}, {@code min-probability}. */
    static LanguageScanner fromOptions(ScannerOptions o) {
        o.allowOnly(Set.of("allowed", "min-chars", "min-probability"));
        List<String> allowed = o.strings("allowed");
        if (allowed.isEmpty()) {
            throw new ScannerOptions.Invalid("allowed", "required: a list of ISO 639-1 codes, e.g. [en, de]");
        }
        int minChars = (int) o.integer("min-chars", DEFAULT_MIN_CHARS, 1, 1_000_000);
        double minProbability = o.decimal("min-probability", DEFAULT_MIN_PROBABILITY, 0, 1);
        try {
            return new LanguageScanner(Set.copyOf(allowed), minChars, minProbability);
        } catch (IllegalArgumentException e) {
            throw new ScannerOptions.Invalid("allowed", e.getMessage());
        }
    }

    /** The ISO 639-1 codes the detector has profiles for. */
    public static Set<String> knownLanguages() {
        return Holder.CODES;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The text with each whitespace-separated token that holds {@code ://} or {@code @} (a URL, an e-mail address)
     * replaced by one space; one pass.
     */
    static String withoutAddresses(String s) {
        StringBuilder b = null;
        int n = s.length();
        int i = 0;
        while (i < n) {
            if (Character.isWhitespace(s.charAt(i))) {
                if (b != null) {
                    b.append(s.charAt(i));
                }
                i++;
                continue;
            }
            int end = i;
            boolean address = false;
            while (end < n && !Character.isWhitespace(s.charAt(end))) {
                char c = s.charAt(end);
                address |= c == '@' || (c == ':' && s.startsWith("//", end + 1));
                end++;
            }
            if (address && b == null) {
                b = new StringBuilder(n).append(s, 0, i);
            }
            if (b != null) {
                if (address) {
                    b.append(' ');
                } else {
                    b.append(s, i, end);
                }
            }
            i = end;
        }
        return b == null ? s : b.toString();
    }

    @Override
    public List<Finding> scan(ScanText text) {
        String s = text.normalized();
        if (letters(s) < minChars) {
            return List.of();
        }
        List<DetectedLanguage> probabilities =
                Holder.DETECTOR.getProbabilities(Holder.TEXTS.forText(withoutAddresses(s)));
        if (probabilities.isEmpty()) {
            return List.of();
        }
        DetectedLanguage top = probabilities.get(0); // sorted by probability, highest first
        String code = top.getLocale().getLanguage();
        if (allowed.contains(code) || top.getProbability() < minProbability) {
            return List.of();
        }
        return List.of(
                new Finding(NAME, Category.LANGUAGE, "LANGUAGE_" + code, Math.min(1, top.getProbability()), 0, 0));
    }

    /** The dominant language's code and probability, or empty when there is no judgement (tests, eval). */
    static java.util.Optional<DetectedLanguage> detect(String s) {
        List<DetectedLanguage> p = Holder.DETECTOR.getProbabilities(Holder.TEXTS.forText(withoutAddresses(s)));
        return p.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(p.get(0));
    }

    /** Letters, with a Han, kana or Hangul character counted as three: one carries about a word's evidence. */
    static int letters(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetter(c)) {
                Character.UnicodeScript script = Character.UnicodeScript.of(c);
                n += script == Character.UnicodeScript.HAN
                                || script == Character.UnicodeScript.HIRAGANA
                                || script == Character.UnicodeScript.KATAKANA
                                || script == Character.UnicodeScript.HANGUL
                        ? 3
                        : 1;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return "LanguageScanner" + new TreeSet<>(allowed);
    }
}
