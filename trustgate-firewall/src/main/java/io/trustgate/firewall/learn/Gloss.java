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

/**
 * English glosses for {@link HashedNgrams}: for a word of German, Dutch, French, Spanish, Italian, Portuguese, Polish,
 * Russian or Turkish that the glossary knows ("ignoriere", "précédentes", "talimatları"), the English word or words it
 * translates to ("ignore", "previous", "instructions"), whose word features are then added as if the text had said
 * them. A model trained mostly on English attacks learns weights for "ignore", "previous instructions" or "system
 * prompt"; the gloss lets those weights fire on the same request in another language, where the character n-grams of
 * the foreign words mean nothing to it. The n-grams of the foreign words are still counted, so what the model learned
 * from text in that language is kept.
 *
 * <p>The glossary ({@code /io/trustgate/firewall/gloss/*.tsv}, one {@code form TAB english} line per inflected form)
 * covers 413 English words and phrases: the vocabulary of overrides, extraction, personas, restrictions, authority claims,
 * planted instructions, encodings and persuasion, and common task words, so that benign requests get English
 * features too. It was written from that English list, not from attack texts. A form is left out when it is
 * also an English word ({@code english-collisions.txt}: German "will", French "son"), when it translates to itself,
 * or when languages disagree on its meaning and no sense has a majority.
 *
 * <p>Cost: one table look-up per word, during the pass that hashes the words anyway; the table (about 20,800 forms,
 * spellings without accents included) is built once per process, about 1 MB.
 *
 * <p>Limits: word by word, without the sentence: word order and compounds the glossary does not list are lost, and a
 * form with two senses gets the one the glossary chose. Nine languages; others get nothing.
 */
public final class Gloss {
    static final String[] LANGUAGES = {"de", "nl", "fr", "es", "it", "pt", "pl", "ru", "tr"};
    static final String DIR = "/io/trustgate/firewall/gloss/";

    private static final int[] NONE = new int[0];
    private static final int BITS = 16;
    private static final long[] KEYS = new long[1 << BITS];
    private static final int[][] VALUES = new int[1 << BITS][];
    private static final int SIZE;
    private static final String DIGEST;
    private static final Set<String> WORDS;

    static {
        Map<String, Map<String, String>> tables = tables();
        Map<String, String> forms = load(tables);
        if (forms.size() * 2 > KEYS.length) {
            throw new IllegalStateException("gloss table too small for " + forms.size() + " forms");
        }
        java.util.Arrays.fill(KEYS, -1L);
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Map.Entry<String, String> e : new TreeMap<>(forms).entrySet()) {
            String[] words = e.getValue().split(" ");
            int[] hashes = new int[words.length];
            for (int i = 0; i < words.length; i++) {
                hashes[i] = Concepts.wordHash(words[i]);
            }
            long key = Concepts.wordHash(e.getKey()) & 0xFFFFFFFFL;
            int slot = slot(key);
            while (KEYS[slot] != -1L && KEYS[slot] != key) {
                slot = (slot + 1) & (KEYS.length - 1);
            }
            // two forms with one hash: the first in sorted order keeps it (rare; a lost gloss, not a wrong one)
            if (KEYS[slot] == -1L) {
                KEYS[slot] = key;
                VALUES[slot] = hashes;
            }
            sha.update((e.getKey() + "\t" + e.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        SIZE = forms.size();
        DIGEST = HexFormat.of().formatHex(sha.digest(), 0, 6);
        Set<String> words = new HashSet<>();
        for (Map<String, String> table : tables.values()) {
            for (String form : table.keySet()) {
                words.add(form);
                words.add(stripAccents(form));
            }
        }
        WORDS = Set.copyOf(words);
    }

    private Gloss() {}

    /** The English word hashes for a word hash ({@link Concepts#wordHash}); empty when the word has no gloss. */
    static int[] english(int wordHash) {
        long key = wordHash & 0xFFFFFFFFL;
        for (int slot = slot(key); KEYS[slot] != -1L; slot = (slot + 1) & (KEYS.length - 1)) {
            if (KEYS[slot] == key) {
                return VALUES[slot];
            }
        }
        return NONE;
    }

    /**
     * Every word form of the glossary's languages, lower case, with and without accents, English look-alikes and
     * ambiguous forms included: words of those languages, for telling a decoded text from noise (the normaliser's
     * leetspeak and hyphen decoders), not translations.
     */
    public static Set<String> words() {
        return WORDS;
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

    private static int slot(long key) {
        return HashedNgrams.mix((int) key * 0x9E3779B1) & (KEYS.length - 1);
    }

    /**
     * The forms of every language, without collisions and identities. A form that languages translate differently
     * (Portuguese "bom" is "good", Dutch "bom" is "bomb") gets the sense most of them give, and none on a tie.
     */
    static Map<String, String> load() {
        return load(tables());
    }

    /** Each language's table as written, read once. */
    private static Map<String, Map<String, String>> tables() {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (String lang : LANGUAGES) {
            out.put(lang, read(lang + ".tsv", true));
        }
        return out;
    }

    private static Map<String, String> load(Map<String, Map<String, String>> tables) {
        Set<String> english =
                new HashSet<>(read("english-collisions.txt", false).keySet());
        Map<String, Map<String, Integer>> votes = new HashMap<>();
        for (Map<String, String> forms : tables.values()) {
            // one vote per language and form; a form typed without its accents gets the accented form's sense
            Map<String, String> spelled = new HashMap<>(forms);
            forms.forEach((form, to) -> spelled.putIfAbsent(stripAccents(form), to));
            spelled.forEach((form, to) -> {
                if (!form.equals(to) && !english.contains(form)) {
                    votes.computeIfAbsent(form, k -> new TreeMap<>()).merge(to, 1, Integer::sum);
                }
            });
        }
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
     * and lines starting with {@code #} skipped. A malformed line is a build error.
     */
    private static Map<String, String> read(String name, boolean pairs) {
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
                String form = tab < 0 ? "" : t.substring(0, tab).strip().toLowerCase(Locale.ROOT);
                String to = tab < 0 ? "" : t.substring(tab + 1).strip().toLowerCase(Locale.ROOT);
                if (form.isEmpty() || to.isEmpty() || !form.codePoints().allMatch(Character::isLetter)) {
                    throw new IllegalStateException(DIR + name + " line " + n + ": expected 'form<TAB>english'");
                }
                out.putIfAbsent(form, to.replaceAll("\\s+", " "));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
