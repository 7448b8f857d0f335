package io.trustgate.firewall.learn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * English glosses for {@link HashedNgrams}: for a word of one of 22 languages that the glossary knows ("ignoriere",
 * "précédentes", "talimatları", "無視", "निर्देशों"), the English word or words it translates to ("ignore",
 * "previous", "instructions"), whose word features are then added as if the text had said them. A model trained mostly
 * on English attacks learns weights for "ignore", "previous instructions" or "system prompt"; the gloss lets those
 * weights fire on the same request in another language, where the character n-grams of the foreign words mean
 * nothing to it. The n-grams of the foreign words are still counted, so what the model learned from text in that
 * language is kept. {@link #render} says a whole text in the English of its glosses, for the classifier to score too.
 *
 * <p>The glossary ({@code /io/trustgate/firewall/gloss/*.tsv}, one {@code form TAB english} line per form) covers 413
 * English words and phrases: the vocabulary of overrides, extraction, personas, restrictions, authority claims,
 * planted instructions, encodings and persuasion, and common task words, so that benign requests get English features
 * too. It was written from that English list, not from attack texts. The first nine languages (German, Dutch, French,
 * Spanish, Italian, Portuguese, Polish, Russian, Turkish; decision 012) list inflected forms; thirteen more (Chinese,
 * Japanese, Korean, Thai, Arabic, Hebrew, Hindi, Vietnamese, Indonesian, Swedish, Finnish, Ukrainian, Czech; decision
 * 017) were added later, and a form the first nine list keeps the gloss they give it. A form is left out when it is
 * also an English word ({@code english-collisions.txt}), when it translates to itself, or when languages disagree on
 * its meaning and no sense has a majority. A word is a run of letters and digits with the marks on them (Hindi and
 * Thai vowel signs). Chinese, Japanese and Thai write no spaces between words, and Korean, Arabic and Hebrew glue
 * particles and prefixes to them, so in a word of those scripts the forms are found inside it ({@link #segment});
 * Vietnamese forms may be several syllables ("bỏ qua"), matched where their last one ends.
 *
 * <p>Cost: one table look-up per word, during the pass that hashes the words anyway, plus up to {@link #segmentMax}
 * per char of words in the scripts found inside; the tables (about 45,000 forms, spellings without accents included)
 * are built once per process, a few MB.
 *
 * <p>Limits: word by word, without the sentence: word order and compounds the glossary does not list are lost, and a
 * form with two senses gets the one the glossary chose. A short form inside a longer word can be a false match (Thai
 * and Arabic forms of three letters). Other languages get nothing. No native speaker checked the later thirteen.
 */
public final class Gloss {
    /** The first nine languages (decision 012): their forms also serve {@link #words()}. */
    static final String[] FIRST = {"de", "nl", "fr", "es", "it", "pt", "pl", "ru", "tr"};

    static final String[] LANGUAGES = {
        "de", "nl", "fr", "es", "it", "pt", "pl", "ru", "tr", "zh", "ja", "ko", "th", "ar", "he", "hi", "vi", "id",
        "sv", "fi", "uk", "cs"
    };
    static final String DIR = "/io/trustgate/firewall/gloss/";

    /** Languages whose forms may be written as several words, separated by one space ("bỏ qua"). */
    private static final Set<String> SPACED = Set.of("vi");

    /** Most words in a multi-word form. */
    static final int PHRASE_WORDS = 3;

    private static final int[] NONE = new int[0];
    private static final Table WORD_TABLE = new Table(17);
    private static final Table PHRASE_TABLE = new Table(12);
    private static final int SIZE;
    private static final int SEGMENT_MAX;
    private static final String DIGEST;
    private static final Set<String> WORDS;
    private static final Set<String> ENGLISH;
    /** The English words of the glosses by their word hash, to say a text in them ({@link #render}). */
    private static final Map<Integer, String> NAMES = new HashMap<>();

    /** The fewest glossed words for which a text gets a {@link #render rendering}. */
    static final int RENDER_MIN = 3;

    static {
        Map<String, Map<String, String>> tables = tables(LANGUAGES);
        Map<String, String> forms = load(tables);
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        int segmentMax = 0;
        for (Map.Entry<String, String> e : new TreeMap<>(forms).entrySet()) {
            String[] words = e.getValue().split(" ");
            int[] hashes = new int[words.length];
            for (int i = 0; i < words.length; i++) {
                hashes[i] = Concepts.wordHash(words[i]);
                NAMES.putIfAbsent(hashes[i], words[i]);
            }
            String form = e.getKey();
            if (form.indexOf(' ') >= 0) {
                PHRASE_TABLE.put(phraseHash(form.split(" ")), hashes);
            } else {
                WORD_TABLE.put(Concepts.wordHash(form), hashes);
                if (segmented(form.charAt(0))) {
                    segmentMax = Math.max(segmentMax, form.length());
                }
            }
            sha.update((e.getKey() + "\t" + e.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        SIZE = forms.size();
        SEGMENT_MAX = segmentMax;
        DIGEST = HexFormat.of().formatHex(sha.digest(), 0, 6);
        Set<String> words = new HashSet<>();
        for (String lang : FIRST) {
            for (String form : tables.get(lang).keySet()) {
                words.add(form);
                words.add(stripAccents(form));
            }
        }
        WORDS = Set.copyOf(words);
        Set<String> english = new HashSet<>();
        for (String w : NAMES.values()) {
            if (w.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
                english.add(w);
            }
        }
        ENGLISH = Set.copyOf(english);
    }

    private Gloss() {}

    /** The English word hashes for a word hash ({@link Concepts#wordHash}); empty when the word has no gloss. */
    static int[] english(int wordHash) {
        return WORD_TABLE.get(wordHash);
    }

    /**
     * The English word hashes of a form of several words (Vietnamese "bỏ qua"), given the hashes of its words in
     * order ({@link #phraseHash(int, int)}); empty when none.
     */
    private static int[] phrase(int phraseHash) {
        return PHRASE_TABLE.get(phraseHash);
    }

    /**
     * The English of the longest form of several words that ends with {@code word}, given the words before it (how
     * many there are, up to two); empty when none.
     */
    static int[] phraseEndingAt(int before, int prevPrev, int prev, int word) {
        if (before < 1) {
            return NONE;
        }
        int[] three = before >= 2 ? phrase(phraseHash(phraseHash(prevPrev, prev), word)) : NONE;
        return three.length > 0 ? three : phrase(phraseHash(prev, word));
    }

    /** The key of two consecutive words; chain it for three: {@code phraseHash(phraseHash(a, b), c)}. */
    private static int phraseHash(int first, int second) {
        return HashedNgrams.mix(first * 0x9E3779B1 + second + 0x165667B1);
    }

    private static int phraseHash(String[] words) {
        int h = Concepts.wordHash(words[0]);
        for (int i = 1; i < words.length; i++) {
            h = phraseHash(h, Concepts.wordHash(words[i]));
        }
        return h;
    }

    /** The longest segmented-script form, in chars: how far {@link HashedNgrams} looks ahead inside a word. */
    static int segmentMax() {
        return SEGMENT_MAX;
    }

    /**
     * Whether a char belongs to a script whose words are found inside longer runs: Chinese and Japanese write no
     * spaces, Thai none between words, Korean glues particles to words and Arabic and Hebrew glue prefixes.
     */
    static boolean segmented(char c) {
        if (c < 0x0590) {
            return false; // Latin, Greek and Cyrillic: a word is what stands between spaces
        }
        return switch (Character.UnicodeScript.of(c)) {
            case HAN, HIRAGANA, KATAKANA, HANGUL, THAI, ARABIC, HEBREW -> true;
            default -> false;
        };
    }

    /**
     * The shortest form found inside a longer word: two chars of Chinese, Japanese and Korean (one syllable or
     * character is too often part of something else), three of Thai, Arabic and Hebrew.
     */
    static int shortestInside(char first) {
        return switch (Character.UnicodeScript.of(first)) {
            case HAN, HIRAGANA, KATAKANA, HANGUL -> 2;
            default -> 3;
        };
    }

    /**
     * The forms found inside a word of a script that does not separate words ({@code 以前の指示を無視して}), given as
     * {@code text[start, end)} lower-cased: from left to right, the longest form starting at each place, then on after
     * it; a form found inside must be at least {@link #shortestInside} chars long. Each form's English goes to {@code
     * sink}; returns how many were found. Up to {@link #segmentMax} look-ups per char, for such words only.
     */
    static int segment(CharSequence text, int start, int end, Consumer<int[]> sink) {
        int found = 0;
        int p = start;
        while (p < end) {
            int h = HashedNgrams.WORD_SEED;
            int best = -1;
            int[] bestEnglish = NONE;
            int shortest = shortestInside(Character.toLowerCase(text.charAt(p)));
            for (int q = p; q < end && q - p < SEGMENT_MAX; q++) {
                h = (h ^ Character.toLowerCase(text.charAt(q))) * HashedNgrams.FNV_PRIME;
                if (q - p + 1 >= shortest) {
                    int[] en = english(h);
                    if (en.length > 0) {
                        best = q;
                        bestEnglish = en;
                    }
                }
            }
            if (best >= 0) {
                sink.accept(bestEnglish);
                found++;
                p = best + 1;
            } else {
                p++;
            }
        }
        return found;
    }

    /**
     * The text said word by word in the English of its glosses: each glossed word (or form inside a word, or form of
     * several words) as its English, each other word in ASCII letters as it is (English terms and code in a foreign
     * text), the rest left out. Empty when fewer than {@link #RENDER_MIN} words have a gloss, so English text (whose
     * words are glossed only in the few cases decision 033 lists: "sure", "once", the "e" of "e.g.") almost always
     * has none. The classifier scores this rendering besides the text itself: a model
     * trained mostly on English reads "ignore previous all instructions" far better than the few English word
     * features the gloss adds to a text whose characters it has never seen. Word order and grammar are lost.
     */
    public static String render(CharSequence text) {
        // most texts, English ones all, have too few glossed words: count them first, and say the text only if needed
        if (walk(text, null) < RENDER_MIN) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        walk(text, out);
        return out.toString().strip();
    }

    /** The glossed forms of a text, counted; said into {@code out} unless it is null. */
    private static int walk(CharSequence text, StringBuilder out) {
        Consumer<int[]> sink = out == null ? e -> {} : e -> say(e, out);
        int glossed = 0;
        int n = text.length();
        int prev = 0;
        int prevPrev = 0;
        int have = 0;
        int i = 0;
        while (i < n) {
            char c = Character.toLowerCase(text.charAt(i));
            if (!Character.isLetterOrDigit(c)) {
                i++;
                continue;
            }
            int start = i;
            int h = (HashedNgrams.WORD_SEED ^ c) * HashedNgrams.FNV_PRIME;
            boolean seg = segmented(c);
            boolean ascii = c < 128;
            for (i++; i < n; i++) {
                char d = Character.toLowerCase(text.charAt(i));
                if (!wordChar(d)) {
                    break;
                }
                h = (h ^ d) * HashedNgrams.FNV_PRIME;
                seg |= segmented(d);
                ascii &= d < 128;
            }
            int found = 0;
            int[] en = english(h);
            if (en.length > 0) {
                sink.accept(en);
                found++;
            } else if (seg) {
                found += segment(text, start, i, sink);
            }
            int[] ph = phraseEndingAt(have, prevPrev, prev, h);
            if (ph.length > 0) {
                sink.accept(ph);
                found++;
            }
            glossed += found;
            if (found == 0 && ascii && out != null) {
                for (int k = start; k < i; k++) {
                    out.append(Character.toLowerCase(text.charAt(k)));
                }
                out.append(' ');
            }
            prevPrev = prev;
            prev = h;
            have++;
        }
        return glossed;
    }

    private static void say(int[] english, StringBuilder out) {
        for (int e : english) {
            out.append(NAMES.get(e)).append(' ');
        }
    }

    /**
     * Every word form of the glossary's languages, lower case, with and without accents, English look-alikes and
     * ambiguous forms included: words of those languages, for telling a decoded text from noise (the normaliser's
     * leetspeak and hyphen decoders), not translations.
     */
    public static Set<String> words() {
        return WORDS;
    }

    /**
     * The English words the glossary translates to ("ignore", "instructions", "weapon"), lower-case ASCII: the
     * vocabulary of the texts it was written for, for telling a decoded cipher from noise.
     */
    public static Set<String> englishWords() {
        return ENGLISH;
    }

    /** How many forms the table holds. */
    static int size() {
        return SIZE;
    }

    /**
     * A short digest of the glossary as loaded. A model trained with one glossary reads other features with another,
     * so a model file records the digest it was trained with and refuses to load against a different one.
     */
    static String digest() {
        return DIGEST;
    }

    /**
     * The forms of every language, without collisions and identities. A form that languages translate differently
     * (Portuguese "bom" is "good", Dutch "bom" is "bomb") gets the sense most of them give, and none on a tie. A form
     * that one of the first nine languages lists gets the sense they give it, or none, whatever the later ones say.
     */
    static Map<String, String> load() {
        return load(LANGUAGES);
    }

    /** {@link #load()} with only some of the languages. */
    static Map<String, String> load(String... languages) {
        return load(tables(languages));
    }

    /** Each language's table as written. */
    private static Map<String, Map<String, String>> tables(String... languages) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (String lang : languages) {
            out.put(lang, read(lang + ".tsv", true, SPACED.contains(lang)));
        }
        return out;
    }

    private static Map<String, String> load(Map<String, Map<String, String>> tables) {
        Set<String> english =
                new HashSet<>(read("english-collisions.txt", false, false).keySet());
        Map<String, Map<String, String>> spellings = new TreeMap<>();
        Set<String> first = new HashSet<>();
        for (Map.Entry<String, Map<String, String>> table : tables.entrySet()) {
            // a form typed without its accents gets the accented form's sense, except in Vietnamese, whose syllables
            // without their tones are mostly English-looking ("ban", "con")
            Map<String, String> forms = table.getValue();
            Map<String, String> spelled = new HashMap<>(forms);
            if (!SPACED.contains(table.getKey())) {
                forms.forEach((form, to) -> spelled.putIfAbsent(stripAccents(form), to));
            }
            spellings.put(table.getKey(), spelled);
            if (List.of(FIRST).contains(table.getKey())) {
                first.addAll(spelled.keySet());
            }
        }
        Map<String, Map<String, Integer>> votes = new HashMap<>();
        spellings.forEach((lang, spelled) -> {
            boolean later = !List.of(FIRST).contains(lang);
            // one vote per language and form; a form of the first nine languages keeps the gloss (or none) they give
            // it, so that the languages added later do not change what their texts look like
            spelled.forEach((form, to) -> {
                if (!form.equals(to) && !english.contains(form) && !(later && first.contains(form))) {
                    votes.computeIfAbsent(form, k -> new TreeMap<>()).merge(to, 1, Integer::sum);
                }
            });
        });
        Map<String, String> out = new HashMap<>();
        votes.forEach((form, senses) -> {
            int best = senses.values().stream().max(Integer::compare).orElse(0);
            List<String> top = senses.entrySet().stream()
                    .filter(s -> s.getValue() == best)
                    .map(Map.Entry::getKey)
                    .toList();
            if (top.size() == 1) {
                out.put(form, top.get(0));
            }
        });
        return out;
    }

    /** "précédentes" as typed without accents; Cyrillic and the Polish ł stay as they are. */
    static String stripAccents(String s) {
        String d = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder(d.length());
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (Character.getType(c) != Character.NON_SPACING_MARK || !isLatin(d, i)) {
                b.append(c);
            }
        }
        return Normalizer.normalize(b.toString(), Normalizer.Form.NFC);
    }

    /** Whether the mark at {@code i} sits on a Latin letter (Russian й and ё keep theirs). */
    private static boolean isLatin(String d, int i) {
        int j = i - 1;
        while (j >= 0 && Character.getType(d.charAt(j)) == Character.NON_SPACING_MARK) {
            j--;
        }
        return j >= 0 && Character.UnicodeScript.of(d.charAt(j)) == Character.UnicodeScript.LATIN;
    }

    /**
     * One resource's lines: {@code form TAB english} (pairs) or one word per line (a set, values empty); blank lines
     * and lines starting with {@code #} skipped. A form is NFKC-normalised, as the text it is matched against is. A
     * malformed line is a build error.
     */
    private static Map<String, String> read(String name, boolean pairs, boolean spaced) {
        Map<String, String> out = new HashMap<>();
        try (InputStream in = Gloss.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("gloss resource not found: " + DIR + name);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                if (!pairs) {
                    out.put(t.toLowerCase(Locale.ROOT), "");
                    continue;
                }
                int tab = t.indexOf('\t');
                String form = tab < 0
                        ? ""
                        : Normalizer.normalize(t.substring(0, tab).strip(), Normalizer.Form.NFKC)
                                .toLowerCase(Locale.ROOT);
                String to = tab < 0 ? "" : t.substring(tab + 1).strip().toLowerCase(Locale.ROOT);
                if (form.isEmpty() || to.isEmpty() || !wellFormed(form, spaced)) {
                    throw new IllegalStateException(DIR + name + " line " + n + ": expected 'form<TAB>english'"
                            + (spaced ? " (form: up to " + PHRASE_WORDS + " words, one space between)" : ""));
                }
                out.putIfAbsent(form, to.replaceAll("\\s+", " "));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Letters and combining marks (the vowel signs of Hindi and Thai are marks), starting with a letter; in a spaced
     * language up to {@link #PHRASE_WORDS} such words with one space between.
     */
    static boolean wellFormed(String form, boolean spaced) {
        String[] words = form.split(" ", -1);
        if (words.length > (spaced ? PHRASE_WORDS : 1)) {
            return false;
        }
        for (String w : words) {
            if (w.isEmpty() || !Character.isLetter(w.charAt(0)) || !w.chars().allMatch(Gloss::wordChar)) {
                return false;
            }
        }
        return true;
    }

    /** A char that continues a word: a letter or digit, or a mark on one. */
    static boolean wordChar(int c) {
        if (Character.isLetterOrDigit(c)) {
            return true;
        }
        int t = Character.getType(c);
        return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK;
    }

    /** An open-addressing table from a 32-bit hash to English word hashes, filled once. */
    private static final class Table {
        private final long[] keys;
        private final int[][] values;
        private int size;

        Table(int bits) {
            keys = new long[1 << bits];
            values = new int[1 << bits][];
            java.util.Arrays.fill(keys, -1L);
        }

        private int slot(long key) {
            return HashedNgrams.mix((int) key * 0x9E3779B1) & (keys.length - 1);
        }

        /** Two forms with one hash: the first in sorted order keeps it (rare; a lost gloss, not a wrong one). */
        void put(int hash, int[] english) {
            if ((size + 1) * 2 > keys.length) {
                throw new IllegalStateException("gloss table too small for " + (size + 1) + " forms");
            }
            long key = hash & 0xFFFFFFFFL;
            int slot = slot(key);
            while (keys[slot] != -1L && keys[slot] != key) {
                slot = (slot + 1) & (keys.length - 1);
            }
            if (keys[slot] == -1L) {
                keys[slot] = key;
                values[slot] = english;
                size++;
            }
        }

        int[] get(int hash) {
            long key = hash & 0xFFFFFFFFL;
            for (int slot = slot(key); keys[slot] != -1L; slot = (slot + 1) & (keys.length - 1)) {
                if (keys[slot] == key) {
                    return values[slot];
                }
            }
            return NONE;
        }
    }
}
