package io.trustgate.firewall;

import io.trustgate.api.ScanDeadline;
import io.trustgate.api.ScanText;
import io.trustgate.api.ScanText.Decoded;
import io.trustgate.firewall.learn.Gloss;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The normalisation pass shared by every scanner: turns a text into a {@link ScanText} whose normalised form defeats
 * the cheap obfuscations of OWASP LLM01 (prompt injection) and whose decoded runs expose encoded payloads.
 *
 * <p>What it does, in one left-to-right pass over the code points, then two passes over the result:
 *
 * <ol>
 *   <li>Removes invisible characters: zero-width (U+200B-U+200D, U+2060-U+2064, U+FEFF, U+180E, U+034F, U+206A-U+206F,
 *       U+FFF9-U+FFFB), bidi controls (U+202A-U+202E, U+2066-U+2069, U+200E/F, U+061C), soft hyphen, Hangul fillers,
 *       Khmer invisible vowels, variation selectors (U+FE00-U+FE0F, U+E0100-U+E01EF) and Unicode tag characters
 *       (U+E0000-U+E007F). Tags U+E0020-U+E007E carry ASCII ("ASCII smuggling"): they are decoded and reported as a
 *       {@code unicode-tags} run, except the emoji tag sequences of subdivision flags (U+1F3F4 followed by a few
 *       lower-case tags and U+E007F).
 *   <li>Applies Unicode NFKC per <em>cluster</em>: a base code point with the combining marks (Mn, Mc, Me) that follow
 *       it, at most 16 code points. Every char a cluster produces maps to the cluster's first index in the original;
 *       when NFKC leaves a cluster unchanged its chars map one to one. Splitting at clusters is what keeps the offset
 *       map exact through expansions ({@code ﬁ -> fi}) and contractions ({@code e + U+0301 -> é}). What it gives up:
 *       composition across clusters (conjoining Hangul jamo written as separate L, V, T letters stay separate,
 *       though compatibility jamo typed apart, {@code ㅇㅣ전}, are composed: {@link #composeJamo}), and
 *       clusters of more than 16 code points are cut (hostile stacks of marks). A cluster on an ASCII base that NFKC
 *       leaves with a mark ({@code P̲l̲e̲a̲s̲e̲}, {@code r̶u̶l̶e̶s̶}, Zalgo stacks) is read as its bare base: such marks
 *       compose with nothing and only split the words. Negative circled and negative squared letters
 *       (U+1F150-1F169, U+1F170-1F189: {@code 🅸🅶🅽🅾🆁🅴}), which NFKC leaves alone, become capital letters.
 *   <li>Folds confusable homoglyphs (a compact table of 131 Cyrillic, Greek, Armenian, Latin-extension, Cherokee and
 *       Lisu look-alikes of ASCII letters; NFKC already folds fullwidth and mathematical alphanumerics), and 41 small
 *       capitals and IPA letters to the lower-case Latin letter they pass for ({@code ɪɢɴᴏʀᴇ ᴀʟʟ}, U+1D00-U+1D22,
 *       {@code ʙ ɢ ʜ ʟ ɴ ʀ ꜰ ꜱ}, {@code ɛ ɨ ɱ ɲ ʂ}...). NFKC maps superscript and modifier letters to ASCII or to
 *       these letters ({@code ᶦ -> ɪ}), so {@code ᶦᵍⁿᵒʳᵉ} folds too. A word is folded when it mixes Latin letters with
 *       look-alikes ({@code іgnоrе}) or consists of look-alikes only; other Cyrillic or Greek words, and IPA words
 *       without Latin letters, are left as they are. The other way round, a Cyrillic word with ASCII look-alikes in
 *       it ({@code Игнopиpyй вce}) is written back in Cyrillic when it has a Cyrillic letter no ASCII letter looks
 *       like and each of its ASCII letters has a Cyrillic twin. Folding is one char for one char, so offsets do not
 *       move.
 *   <li>Finds encoded runs in the normalised text and decodes them for detection only: base64 (standard and URL-safe,
 *       at least 16 chars, decoding to printable UTF-8), base32 (upper-case, at least 16 chars), percent-encoding,
 *       {@code \u005CuXXXX} escapes and HTML character references (at least three escapes, each at most 24 chars from
 *       the next, so {@code ignore%20all%20rules} and {@code &#105;&#103;...} alike; {@link #findEscapes}), binary
 *       (at least 4 groups of 8 digits) and International Morse (at least 6 codes; {@link #findMorse}), hex (at least 16 digits, even, printable; or at least 8
 *       bytes written apart, {@code 72 65 76}, {@code 72:65:76}, {@code 0x72, 0x65}, {@code \x72\x65}, also reported as
 *       {@code hex}), rot13 (a run of words whose rot13 form has many more common English words than the original),
 *       leetspeak (tokens mixing letters with {@code 0 1 3 4 5 7 @ $} that decode to common words), {@code spaced}
 *       (at least 6 single letters spaced out by one repeated separator, {@code i.g.n.o.r.e}, {@code I G N O R E  A L
 *       L}, {@code i-g-n-o-r-e}, a wider or different gap read as a word break, some word of 4 letters or more) and
 *       {@code hyphenated} (a run with at least 2 words broken by hyphens before a lower-case letter, one of which
 *       joins into a common word: {@code Ign-ore prev-ious instr-uctions}, decoded with those hyphens removed) and
 *       {@code reversed} (text written backwards whose reversed tokens are words, {@code snoitcurtsni suoiverp}) and
 *       {@code misspelled} (at least two words of a sentence one letter away from a common English word of 6 letters
 *       or more, {@code Ignor all previus instructons}; an added last letter is an inflection, not a typo). The
 *       leetspeak and hyphen decoders and the reversed one know words of English and of the nine languages of the
 *       injection classifier's glossary ({@code N3g33r j3 r3g3ls}, {@code Ig-no-rie-re vor-he-ri-ge}); rot13
 *       English only. Decision 030 added {@code caesar} and {@code atbash} (the other 24 shifts and the mirrored
 *       alphabet, chosen by letter frequencies and checked against a word list: {@link #findCiphered}), {@code nato}
 *       (the NATO spelling alphabet, {@link #findNato}), {@code braille} (Unicode grade 1 Braille, {@link
 *       #findBraille}), {@code ascii85} and {@code uuencode}; decision 031 {@code pig-latin} and {@code robber}
 *       (Swedish rövarspråket), {@link #findPigLatin}. The word-level decoders work over one shared
 *       tokenisation of the text.
 * </ol>
 *
 * <p>Case is kept: scanners decide whether to lower-case. Cost: linear in the text, about 2 µs per 100 chars once
 * warm (a 2 KB prompt took 35-50 µs on a busy 2-core machine: rough, see {@code NormalizerTest}; the spaced, hyphenated
 * and separated-hex decoders added about 3 µs, 8%, to it, measured in CPU time; JMH's {@code normalizer2KbPrompt}
 * gave a minimum of 56 µs before decision 030's six decoders, 64-66 µs after, and 71 µs with decision 031's two).
 * Decoded output is capped at {@link #MAX_DECODED_CHARS} chars in all, so a hostile 4 MiB prompt costs the linear passes only, about 0.1-0.5 s
 * there ({@code NormalizerFuzzTest}), never quadratic work. False decodes on ordinary text: about 0.5-0.8 new decoded
 * runs per million chars of JDK comments and Debian documentation, mostly alphabets and lists of single letters
 * ({@code A B C ... Z}, {@code a, b, C, D}) and compounds that join into common words ({@code e-mail}): harmless, as
 * a decoded run only adds text for the scanners to match. Not caught: encodings nested in encodings (base64 of hex),
 * base64 broken by whitespace, ciphers other than shifts and Atbash (Vigenère, substitution), shifted text in words
 * outside the word list, grade 2 Braille, scrambled text, reversed text of fewer than two words it
 * knows, letters spaced out by varying separators or grouped two by two,
 * words broken by spaces ({@code ign ore}) or by hyphens into uncommon words, and homoglyphs outside the tables.
 */
public final class Normalizer {
    /** The most chars of decoded text kept for one input, all runs together. */
    public static final int MAX_DECODED_CHARS = 64 * 1024;

    private static final int MAX_CLUSTER = 16;
    private static final int MIN_ENCODED = 16;
    private static final int MIN_HEX_BYTES = 8;
    private static final int MIN_SPACED = 6;
    private static final int MAX_GAP = 6;

    /** NFKC of each BMP char that NFKC changes; {@code null} where NFKC leaves it alone. */
    private static final String[] BMP_NFKC = new String[0x10000];

    /** Homoglyph to ASCII, for BMP chars; 0 where there is none. */
    private static final char[] FOLD = new char[0x10000];

    static {
        for (int c = 0x80; c < 0x10000; c++) {
            if (c >= 0xD800 && c <= 0xDFFF) {
                continue;
            }
            String s = String.valueOf((char) c);
            String n = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFKC);
            if (!n.equals(s)) {
                BMP_NFKC[c] = n;
            }
        }
        // Source chars and the ASCII letters they pass for, pairwise. Sources: Unicode confusables.txt (the entries
        // whose prototype is one ASCII letter) restricted to the scripts attackers use in practice.
        String from = ""
                // Cyrillic lower: а с е һ і ј к о р ѕ у х ԁ ԛ ԝ ӏ ү ѡ ѵ
                + "\u0430\u0441\u0435\u04BB\u0456\u0458\u043A\u043E\u0440\u0455\u0443\u0445\u0501\u051B\u051D\u04CF"
                + "\u04AF\u0461\u0475"
                // Cyrillic upper: А В Е К М Н О Р С Т Х У Ѕ І Ј Ԛ Ԝ Ү Һ Ӏ Ԁ Ѵ Ԍ
                + "\u0410\u0412\u0415\u041A\u041C\u041D\u041E\u0420\u0421\u0422\u0425\u0423\u0405\u0406\u0408\u051A"
                + "\u051C\u04AE\u04BA\u04C0\u0500\u0474\u050C"
                // Greek lower: α ο ν ρ ι κ υ χ ε γ η ϲ ϳ ω μ
                + "\u03B1\u03BF\u03BD\u03C1\u03B9\u03BA\u03C5\u03C7\u03B5\u03B3\u03B7\u03F2\u03F3\u03C9\u03BC"
                // Greek upper: Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ Ϲ Ϳ
                + "\u0391\u0392\u0395\u0396\u0397\u0399\u039A\u039C\u039D\u039F\u03A1\u03A4\u03A5\u03A7\u03F9\u037F"
                // Latin extensions: ı ȷ ɑ ɡ ɩ ɪ ʏ ǀ
                + "\u0131\u0237\u0251\u0261\u0269\u026A\u028F\u01C0"
                // Armenian: օ ս հ ո զ ց Ս Օ Լ
                + "\u0585\u057D\u0570\u0578\u0566\u0581\u054D\u0555\u053C"
                // Cherokee: Ꭺ Ᏼ Ꮯ Ꭼ Ꮋ Ꭵ Ꭻ Ꮶ Ꮮ Ꮇ Ꮲ Ꮪ Ꭲ Ꮩ Ꮃ Ꮓ
                + "\u13AA\u13F4\u13DF\u13AC\u13BB\u13A5\u13AB\u13E6\u13DE\u13B7\u13E2\u13DA\u13A2\u13D9\u13B3\u13C3"
                // Lisu: A B C D E F G H I J K L M N O P R S T U V W X Y Z
                + "\uA4EE\uA4D0\uA4DA\uA4D3\uA4F0\uA4DD\uA4D6\uA4E7\uA4F2\uA4D9\uA4D7\uA4E1\uA4DF\uA4E0\uA4F3\uA4D1"
                + "\uA4E3\uA4E2\uA4D4\uA4F4\uA4E6\uA4EA\uA4EB\uA4EC\uA4DC";
        String to = ""
                + "acehijkopsyxdqwl"
                + "ywv"
                + "ABEKMHOPCTXYSIJQ"
                + "WYHIDVG"
                + "aovpikuxeyncjwu"
                + "ABEZHIKMNOPTYXCJ"
                + "ijagiiyl"
                + "ouhnqgUOL"
                + "ABCEHiJKLMPSTVWZ"
                + "ABCDEFGHIJKLMNOP"
                + "RSTUVWXYZ";
        if (from.length() != to.length()) {
            throw new AssertionError("homoglyph table: " + from.length() + " sources, " + to.length() + " targets");
        }
        for (int k = 0; k < from.length(); k++) {
            FOLD[from.charAt(k)] = to.charAt(k);
        }
        // Small capitals and IPA letters that pass for Latin ones ("ɪɢɴᴏʀᴇ ᴀʟʟ"), folded to lower case. NFKC maps
        // most superscript and modifier letters to ASCII already, and the rest (ᶦ ᶫ ᶰ ᶸ ᵋ ᶤ ᶶ ᶬ ᶮ ᶯ ᶩ ᶳ ᶼ ᶹ ʱ) to
        // these letters, which is why this runs after NFKC. Left out: small capitals that look like no Latin letter
        // (reversed and turned R and N, open O, AE, OE, OU, ethel).
        String smallFrom = ""
                // ᴀ ᴃ ᴄ ᴅ ᴆ ᴇ ᴊ ᴋ ᴌ ᴍ ᴏ ᴘ ᴛ ᴜ ᴠ ᴡ ᴢ ᵻ ᵾ
                + "\u1D00\u1D03\u1D04\u1D05\u1D06\u1D07\u1D0A\u1D0B\u1D0C\u1D0D\u1D0F\u1D18\u1D1B\u1D1C\u1D20\u1D21"
                + "\u1D22\u1D7B\u1D7E"
                // ʙ ɢ ʛ ʜ ʟ ɴ ʀ ꜰ ꜱ ꞯ Ɪ
                + "\u0299\u0262\u029B\u029C\u029F\u0274\u0280\uA730\uA731\uA7AF\uA7AE"
                // IPA: ɛ ɨ ʉ ɱ ɲ ɳ ɭ ʂ ʐ ʋ ɦ
                + "\u025B\u0268\u0289\u0271\u0272\u0273\u026D\u0282\u0290\u028B\u0266";
        String smallTo = "" + "abcddejklmoptuvwz" + "iu" + "bgghlnrfsqI" + "eiumnnlszvh";
        if (smallFrom.length() != smallTo.length()) {
            throw new AssertionError("small capitals: " + smallFrom.length() + " sources, " + smallTo.length());
        }
        for (int k = 0; k < smallFrom.length(); k++) {
            FOLD[smallFrom.charAt(k)] = smallTo.charAt(k);
        }
    }

    /**
     * Common English words, for telling decoded text from noise (rot13, leetspeak): the most frequent words of
     * English plus the vocabulary of prompt injection, which is what an encoded payload most often says.
     */
    private static final WordSet COMMON =
            new WordSet(Set.copyOf(Arrays.asList("""
            the be to of and a in that have i it for not on with he as you do at this but his by from they we say her
            she or an will my one all would there their what so up out if about who get which go me when make can like
            time no just him know take people into year your good some could them see other than then now look only
            come its over think also back after use two how our work first well way even new want because any these
            give day most us is are was were been has had did does said made here where why very more much many such
            own same few each every both through before again under never always should must may might shall let
            please tell show write give find answer question help need new old last next
            ignore disregard forget previous prior above below earlier instructions instruction rules rule system
            prompt message messages reveal print output repeat secret secrets password passwords key keys token
            admin developer mode jailbreak pretend act role now anything restrictions restricted filter filters
            policy policies safety guidelines override bypass disable enable execute command commands code run
            delete send email data user users assistant model you're don't can't i'm it's
            hello world attack hack hacker kill bomb weapon steal leak confidential private hidden internal
            """.strip().split("\\s+"))));

    /**
     * {@link #COMMON} and the word forms of the nine languages of the injection classifier's glossary
     * ({@link Gloss#words()}: "negeer", "regels", "ignoriere", "anweisungen"), for the decoders whose output is
     * words of any language: leetspeak and hyphen-broken words. Rot13 keeps the English set: it is an English game,
     * and rot13 of an English word is more often a short word of some other language.
     */
    private static final WordSet COMMON_ANY_LANGUAGE = new WordSet(withForeign(COMMON.words(), Gloss.words()));

    /**
     * The English words and the foreign forms of 3 letters or more: two-letter forms ("ki", "vi", "te") made math
     * notation such as {@code k1, v1} decode as leetspeak (31 runs in the JDK's comments with them).
     */
    private static Set<String> withForeign(Set<String> english, Set<String> foreign) {
        Set<String> u = new HashSet<>(english);
        for (String w : foreign) {
            if (w.length() >= 3) {
                u.add(w);
            }
        }
        return u;
    }

    /** Creates a normaliser. It holds no state: one instance can serve all threads. */
    public Normalizer() {}

    /**
     * Normalises a text for the scanners; never throws on any string, except that inside a chain with a time limit
     * it stops when the scan's time is used up ({@link ScanDeadline}).
     */
    public ScanText normalize(String text, ScanText.Stage stage) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(stage, "stage");
        int n = text.length();
        CharBuf out = new CharBuf(n);
        IntList offs = new IntList(n + 1);
        Budget budget = new Budget(MAX_DECODED_CHARS);
        List<Decoded> decoded = new ArrayList<>();

        StringBuilder tags = new StringBuilder();
        int tagStart = -1;
        int lastTag = 0;
        boolean tagAfterFlag = false;
        int prevCp = 0;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c < 0x80 && (i + 1 == n || text.charAt(i + 1) < 0x300)) {
                if (tagStart >= 0) {
                    flushTags(tags, tagStart, i, lastTag, tagAfterFlag, budget, decoded);
                    tagStart = -1;
                }
                out.append(c);
                offs.add(i);
                prevCp = c;
                i++;
                continue;
            }
            int cp = text.codePointAt(i);
            int len = Character.charCount(cp);
            Kind kind = kindOf(cp);
            if (kind == Kind.TAG) {
                if (tagStart < 0) {
                    tagStart = i;
                    tags.setLength(0);
                    tagAfterFlag = prevCp == 0x1F3F4;
                }
                if (cp >= 0xE0020 && cp <= 0xE007E && tags.length() < MAX_DECODED_CHARS) {
                    tags.append((char) (cp - 0xE0000));
                }
                lastTag = cp;
                i += len;
                continue;
            }
            if (tagStart >= 0) {
                flushTags(tags, tagStart, i, lastTag, tagAfterFlag, budget, decoded);
                tagStart = -1;
            }
            if (kind != Kind.NONE) {
                i += len;
                continue;
            }
            int composed = composeJamo(text, i, out, offs);
            if (composed > i) {
                i = composed;
                prevCp = cp;
                continue;
            }
            i = cluster(text, i, cp, out, offs);
            prevCp = cp;
        }
        if (tagStart >= 0) {
            flushTags(tags, tagStart, n, lastTag, tagAfterFlag, budget, decoded);
        }
        offs.add(n);
        // a chain's time limit is checked between passes: each is linear, and checking inside them costs more
        ScanDeadline.checkNow();
        foldHomoglyphs(out);
        String norm = out.toString();
        int[] offsets = offs.toArray();
        findEncoded(norm, offsets, budget, decoded);
        ScanDeadline.checkNow();
        findEscapes(norm, offsets, budget, decoded);
        ScanDeadline.checkNow();
        findBinary(norm, offsets, budget, decoded);
        ScanDeadline.checkNow();
        findMorse(norm, offsets, budget, decoded);
        ScanDeadline.checkNow();
        findBraille(norm, offsets, budget, decoded);
        findAscii85(norm, offsets, budget, decoded);
        findUu(norm, offsets, budget, decoded);
        ScanDeadline.checkNow();
        findWordCodes(norm, offsets, budget, decoded);
        return new ScanText(text, norm, offsets, decoded, stage);
    }

    /** Whether the text holds any char the normaliser removes as invisible (zero-width, bidi, tags and the rest). */
    public static boolean hasInvisible(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp >= 0xAD && kindOf(cp) != Kind.NONE) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    /** Counts the invisible chars of a text by kind, in code points. */
    public static InvisibleCounts countInvisible(String text) {
        int zw = 0;
        int bidi = 0;
        int tag = 0;
        int other = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            switch (kindOf(cp)) {
                case ZERO_WIDTH -> zw++;
                case BIDI_MARK, BIDI_CONTROL -> bidi++;
                case TAG -> tag++;
                case OTHER -> other++;
                case NONE -> {}
            }
            i += Character.charCount(cp);
        }
        return new InvisibleCounts(zw, bidi, tag, other);
    }

    /**
     * How many invisible code points of each kind a text holds.
     *
     * @param zeroWidth zero-width spaces, joiners and the like
     * @param bidi bidi controls and marks
     * @param tags Unicode tag characters
     * @param other soft hyphens, variation selectors, fillers
     */
    public record InvisibleCounts(int zeroWidth, int bidi, int tags, int other) {
        /** All of them. */
        public int total() {
            return zeroWidth + bidi + tags + other;
        }
    }

    /** The kinds of invisible code point; shared with {@link InvisibleTextScanner}. */
    enum Kind {
        NONE,
        ZERO_WIDTH,
        /** Embeddings, overrides and isolates: they reorder what a reader sees (Trojan Source). */
        BIDI_CONTROL,
        /** LRM, RLM, ALM: they only nudge direction and are common in right-to-left text. */
        BIDI_MARK,
        TAG,
        OTHER
    }

    static Kind kindOf(int cp) {
        if (cp < 0xAD) {
            return Kind.NONE;
        }
        if (cp >= 0xE0000) {
            if (cp <= 0xE007F) {
                return Kind.TAG;
            }
            return cp >= 0xE0100 && cp <= 0xE01EF ? Kind.OTHER : Kind.NONE;
        }
        return switch (cp) {
            case 0x200B,
                    0x200C,
                    0x200D,
                    0x2060,
                    0x2061,
                    0x2062,
                    0x2063,
                    0x2064,
                    0xFEFF,
                    0x180E,
                    0x034F,
                    0x206A,
                    0x206B,
                    0x206C,
                    0x206D,
                    0x206E,
                    0x206F,
                    0xFFF9,
                    0xFFFA,
                    0xFFFB -> Kind.ZERO_WIDTH;
            case 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069 -> Kind.BIDI_CONTROL;
            case 0x200E, 0x200F, 0x061C -> Kind.BIDI_MARK;
            case 0x00AD, 0x115F, 0x1160, 0x3164, 0xFFA0, 0x17B4, 0x17B5 -> Kind.OTHER;
            default -> cp >= 0xFE00 && cp <= 0xFE0F ? Kind.OTHER : Kind.NONE;
        };
    }

    private static void flushTags(
            StringBuilder tags, int start, int end, int lastTag, boolean afterFlag, Budget budget, List<Decoded> out) {
        if (tags.isEmpty()) {
            return;
        }
        if (afterFlag
                && lastTag == 0xE007F
                && tags.length() <= 6
                && tags.chars().allMatch(Normalizer::isLowerOrDigit)) {
            return; // a subdivision flag such as England's: U+1F3F4 g b e n g U+E007F
        }
        budget.add("unicode-tags", tags.toString(), start, end, out);
    }

    private static boolean isLowerOrDigit(int c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    /** Final consonants of a Hangul syllable, in the order of their index (1-27), as compatibility jamo. */
    private static final String JONGSEONG =
            "\u3131\u3132\u3133\u3134\u3135\u3136\u3137\u3139\u313A\u313B\u313C\u313D\u313E\u313F\u3140"
                    + "\u3141\u3142\u3144\u3145\u3146\u3147\u3148\u314A\u314B\u314C\u314D\u314E";

    /** Initial consonants (0-18) as compatibility jamo. */
    private static final String CHOSEONG = "\u3131\u3132\u3134\u3137\u3138\u3139\u3141\u3142\u3143\u3145"
            + "\u3146\u3147\u3148\u3149\u314A\u314B\u314C\u314D\u314E";

    private static boolean isJamoVowel(char c) {
        return c >= 0x314F && c <= 0x3163;
    }

    /**
     * Korean typed as separate compatibility jamo ({@code ㅇㅣ전 ㅈㅣ시 ㅁㅜ시하고}, "ignore the previous instructions"
     * with its letters apart) is composed into syllables, which NFKC does not do: an initial consonant and a vowel,
     * and a final consonant when no vowel follows it. The syllable maps to its first jamo. Lone jamo ({@code ㅋㅋ},
     * {@code ㅠㅠ}) stay as they are. Returns the index after what it composed, or {@code i} when nothing was.
     */
    private static int composeJamo(String text, int i, CharBuf out, IntList offs) {
        int n = text.length();
        char c = text.charAt(i);
        if (c < 0x3131 || c > 0x314E) {
            return i;
        }
        int l = CHOSEONG.indexOf(c);
        if (l < 0 || i + 1 >= n || !isJamoVowel(text.charAt(i + 1))) {
            return i;
        }
        int v = text.charAt(i + 1) - 0x314F;
        int end = i + 2;
        int t = 0;
        if (end < n) {
            int f = JONGSEONG.indexOf(text.charAt(end));
            if (f >= 0 && (end + 1 >= n || !isJamoVowel(text.charAt(end + 1)))) {
                t = f + 1;
                end++;
            }
        }
        out.append((char) (0xAC00 + (l * 21 + v) * 28 + t));
        offs.add(i);
        return end;
    }

    /** Normalises the cluster that starts at {@code i} with {@code cp}; returns the index after it. */
    private static int cluster(String text, int i, int cp, CharBuf out, IntList offs) {
        int n = text.length();
        int j = i + Character.charCount(cp);
        int count = 1;
        while (j < n && count < MAX_CLUSTER) {
            int next = text.codePointAt(j);
            if (!isMark(next)) {
                break;
            }
            j += Character.charCount(next);
            count++;
        }
        if (count == 1 && cp >= 0x1F150 && cp <= 0x1F189 && (cp <= 0x1F169 || cp >= 0x1F170)) {
            // negative circled and negative squared letters (U+1F150-1F169, U+1F170-1F189), which NFKC leaves alone
            // though it folds the circled and squared ones: text styled as "🅸🅶🅽🅾🆁🅴"
            out.append((char) ('A' + (cp - (cp <= 0x1F169 ? 0x1F150 : 0x1F170))));
            offs.add(i);
            return j;
        }
        if (count == 1 && cp < 0x10000) {
            String mapped = BMP_NFKC[cp];
            if (mapped == null) {
                out.append((char) cp);
                offs.add(i);
            } else {
                appendAll(mapped, i, out, offs);
            }
            return j;
        }
        StringBuilder cl = new StringBuilder(j - i);
        int[] idx = new int[j - i];
        for (int k = i; k < j; ) {
            int c = text.codePointAt(k);
            int len = Character.charCount(c);
            if (kindOf(c) == Kind.NONE) {
                for (int m = 0; m < len; m++) {
                    idx[cl.length()] = k + m;
                    cl.append(text.charAt(k + m));
                }
            }
            k += len;
        }
        String s = cl.toString();
        String norm;
        try {
            norm = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFKC);
        } catch (RuntimeException e) {
            norm = s; // defensive: keep the cluster as it is rather than fail the scan
        }
        // Marks that NFKC leaves on an ASCII letter, digit or space compose with nothing: underlines, strokes and
        // stacks drawn over every char ("P̲l̲e̲a̲s̲e̲", Zalgo) split the words for every scanner, so such a cluster is
        // read as its bare ASCII char. Accented letters are not affected: NFKC composes them whole.
        if (!s.isEmpty() && s.charAt(0) < 0x80 && hasMarkAfterFirst(norm)) {
            out.append(s.charAt(0));
            offs.add(idx[0]);
        } else if (norm.equals(s)) {
            for (int k = 0; k < s.length(); k++) {
                out.append(s.charAt(k));
                offs.add(idx[k]);
            }
        } else {
            appendAll(norm, i, out, offs);
        }
        return j;
    }

    /** A combining mark (Mn, Me, Mc): what a cluster gathers after its base. */
    private static boolean isMark(int cp) {
        int t = Character.getType(cp);
        return t == Character.NON_SPACING_MARK
                || t == Character.ENCLOSING_MARK
                || t == Character.COMBINING_SPACING_MARK;
    }

    private static boolean hasMarkAfterFirst(String s) {
        for (int k = 1; k < s.length(); k++) {
            if (isMark(s.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    private static void appendAll(String s, int origin, CharBuf out, IntList offs) {
        out.append(s);
        for (int k = 0; k < s.length(); k++) {
            offs.add(origin);
        }
    }

    /** Folds the homoglyphs of words that mix them with Latin letters or consist of them only. */
    private static void foldHomoglyphs(CharBuf s) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c < 0x80 || !Character.isLetter(c)) {
                i++;
                continue;
            }
            // Back up over the Latin letters this word starts with.
            int start = i;
            while (start > 0 && isLatinLetter(s.charAt(start - 1))) {
                start--;
            }
            int end = i;
            int letters = 0;
            int foldable = 0;
            boolean latin = false;
            while (end < n
                    && (Character.isLetter(s.charAt(end))
                            || Character.getType(s.charAt(end)) == Character.NON_SPACING_MARK)) {
                char d = s.charAt(end);
                if (FOLD[d] != 0) {
                    foldable++;
                } else if (isLatinLetter(d)) {
                    latin = true;
                }
                letters++;
                end++;
            }
            if (start < i) {
                latin = true;
            }
            if (latin && toCyrillic(s, start, end)) {
                i = Math.max(end, i + 1);
                continue;
            }
            // a word of look-alikes only ("у", "сор", "Не") is folded unless a word next to it is written in its own
            // script ("У тебя", "Не обращай"): in Russian text it is Russian, not a disguised English word
            if (foldable > 0 && (latin || (foldable == letters && !nativeNeighbour(s, i, end)))) {
                for (int k = i; k < end; k++) {
                    char f = FOLD[s.charAt(k)];
                    if (f != 0) {
                        s.setCharAt(k, f);
                    }
                }
            }
            i = Math.max(end, i + 1);
        }
    }

    /** ASCII letters that pass for Cyrillic ones, and those Cyrillic letters ({@code a -> а}, {@code p -> р}). */
    private static final String LATIN_FOR_CYRILLIC = "aceopxykiABCEHKMOPTXY";

    private static final String CYRILLIC_FOR_LATIN = "\u0430\u0441\u0435\u043E\u0440\u0445\u0443\u043A\u0456"
            + "\u0410\u0412\u0421\u0415\u041D\u041A\u041C\u041E\u0420\u0422\u0425\u0423";

    /**
     * The other direction of the homoglyph fold: a Cyrillic word with ASCII look-alikes in it ({@code Игнopиpyй вce
     * пpeжниe ykaзaния}, a Russian override with Latin o, p, y, c, e, k, a) is written back in Cyrillic, so that the
     * Russian rules and the classifier's glosses read it. Only when the word has a Cyrillic letter no ASCII letter
     * looks like (и, г, н, й...) and every ASCII letter in it has a Cyrillic twin; a mixed word that fits no such
     * reading is left to the Latin fold. Returns whether it rewrote the word.
     */
    private static boolean toCyrillic(CharBuf s, int start, int end) {
        boolean nativeCyrillic = false;
        for (int k = start; k < end; k++) {
            char c = s.charAt(k);
            if (c < 0x80) {
                if (LATIN_FOR_CYRILLIC.indexOf(c) < 0) {
                    return false;
                }
            } else if (c >= 0x400 && c <= 0x4FF) {
                nativeCyrillic |= Character.isLetter(c) && FOLD[c] == 0;
            } else if (Character.getType(c) != Character.NON_SPACING_MARK) {
                return false;
            }
        }
        if (!nativeCyrillic) {
            return false;
        }
        for (int k = start; k < end; k++) {
            int at = s.charAt(k) < 0x80 ? LATIN_FOR_CYRILLIC.indexOf(s.charAt(k)) : -1;
            if (at >= 0) {
                s.setCharAt(k, CYRILLIC_FOR_LATIN.charAt(at));
            }
        }
        return true;
    }

    /** How far, in chars, {@link #nativeNeighbour} looks for the words before and after a word. */
    private static final int NEIGHBOUR_REACH = 24;

    /**
     * Whether the word before or after {@code [start, end)} (within {@link #NEIGHBOUR_REACH} chars, on the same line)
     * has a letter beyond Latin that no homoglyph folds: a word of a real Cyrillic or Greek text.
     */
    private static boolean nativeNeighbour(CharBuf s, int start, int end) {
        for (int k = start - 1; k >= 0 && start - k <= NEIGHBOUR_REACH; k--) {
            int script = script(s.charAt(k));
            if (script != 0) {
                if (script > 0) {
                    return true;
                }
                break;
            }
        }
        for (int k = end; k < s.length() && k - end <= NEIGHBOUR_REACH; k++) {
            int script = script(s.charAt(k));
            if (script != 0) {
                return script > 0;
            }
        }
        return false;
    }

    /** 1 for a letter beyond Latin that no homoglyph folds, -1 for a Latin letter or a line break, else 0. */
    private static int script(char c) {
        if (c == '\n' || isLatinLetter(c)) {
            return -1;
        }
        return Character.isLetter(c) && c >= 0x370 && FOLD[c] == 0 ? 1 : 0;
    }

    private static boolean isLatinLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c < 0x250 && Character.isLetter(c));
    }

    // ---- base64 and hex

    private static boolean isB64(char c) {
        return (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '+'
                || c == '/'
                || c == '-'
                || c == '_';
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static void findEncoded(String s, int[] offsets, Budget budget, List<Decoded> out) {
        int n = s.length();
        int i = 0;
        while (i < n && budget.left() > 0) {
            if (!isB64(s.charAt(i))) {
                i++;
                continue;
            }
            int j = i;
            boolean allHex = true;
            boolean std = false;
            boolean url = false;
            while (j < n && isB64(s.charAt(j))) {
                char c = s.charAt(j);
                allHex &= isHex(c);
                std |= c == '+' || c == '/';
                url |= c == '-' || c == '_';
                j++;
            }
            int body = j;
            while (j < n && j - body < 2 && s.charAt(j) == '=') {
                j++;
            }
            if (body - i >= MIN_ENCODED) {
                String text = null;
                String encoding = null;
                if (isBase32(s, i, body)) {
                    text = decodeBase32(s, i, body, budget.left());
                    encoding = "base32";
                    while (text != null && j < n && j - body < 6 && s.charAt(j) == '=') {
                        j++; // base32 pads with up to six
                    }
                }
                if (text == null && allHex && (body - i) % 2 == 0) {
                    text = decodeHex(s, i, body, budget.left());
                    encoding = "hex";
                }
                if (text == null && !(std && url)) {
                    text = decodeBase64(s, i, body, url, budget.left());
                    encoding = "base64";
                }
                if (text != null) {
                    budget.add(encoding, text, offsets[i], offsets[j], out);
                }
            }
            i = j;
        }
    }

    /** RFC 4648 base32: upper-case letters and the digits 2-7, in a length a whole number of bytes can have. */
    private static boolean isBase32(String s, int from, int to) {
        int r = (to - from) % 8;
        if (r == 1 || r == 3 || r == 6) {
            return false;
        }
        boolean letter = false;
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'))) {
                return false;
            }
            letter |= c >= 'A';
        }
        return letter;
    }

    private static String decodeBase32(String s, int from, int to, int limit) {
        int end = Math.min(to, from + (limit / 5 + 2) * 8);
        byte[] b = new byte[(end - from) * 5 / 8];
        long buffer = 0;
        int bits = 0;
        int k = 0;
        for (int q = from; q < end && k < b.length; q++) {
            char c = s.charAt(q);
            buffer = buffer << 5 | (c >= 'A' ? c - 'A' : c - '2' + 26);
            bits += 5;
            if (bits >= 8) {
                b[k++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        return printableUtf8(k == b.length ? b : Arrays.copyOf(b, k), end < to);
    }

    // ---- binary and Morse

    /** Groups of 8 binary digits in one run before it is decoded. */
    private static final int MIN_BINARY_BYTES = 4;

    /**
     * Decodes bytes written in binary: at least {@value #MIN_BINARY_BYTES} groups of 8 digits separated by single
     * spaces ({@code 01101001 01100111}), or one run of at least 32 digits, a multiple of 8, read as UTF-8.
     */
    private static void findBinary(String s, int[] offsets, Budget budget, List<Decoded> out) {
        int n = s.length();
        int i = 0;
        while (i < n && budget.left() > 0) {
            char c = s.charAt(i);
            if ((c != '0' && c != '1') || (i > 0 && Character.isLetterOrDigit(s.charAt(i - 1)))) {
                i++;
                continue;
            }
            int j = i;
            while (j < n && (s.charAt(j) == '0' || s.charAt(j) == '1')) {
                j++;
            }
            boolean ends = j == n || !Character.isLetterOrDigit(s.charAt(j));
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            int end = i;
            if (ends && j - i >= 8 * MIN_BINARY_BYTES && (j - i) % 8 == 0) {
                for (int k = i; k < j; k += 8) {
                    bytes.write(Integer.parseInt(s, k, k + 8, 2));
                }
                end = j;
            } else if (ends && j - i == 8) {
                // groups of 8 apart: take them while each is followed by one space and another group
                int k = i;
                while (true) {
                    bytes.write(Integer.parseInt(s, k, k + 8, 2));
                    end = k + 8;
                    int next = k + 9;
                    if (next + 8 > n
                            || s.charAt(k + 8) != ' '
                            || !isBits(s, next, next + 8)
                            || (next + 8 < n && Character.isLetterOrDigit(s.charAt(next + 8)))) {
                        break;
                    }
                    k = next;
                }
            }
            if (bytes.size() >= MIN_BINARY_BYTES) {
                String text = printableUtf8(bytes.toByteArray(), false);
                if (text != null) {
                    budget.add("binary", text, offsets[i], offsets[end], out);
                }
            }
            i = Math.max(j, end);
        }
    }

    private static boolean isBits(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            if (s.charAt(k) != '0' && s.charAt(k) != '1') {
                return false;
            }
        }
        return true;
    }

    /** International Morse: letters, digits and six punctuation marks, by code. */
    private static final java.util.Map<String, Character> MORSE = morse();

    private static java.util.Map<String, Character> morse() {
        String[] codes = (".- -... -.-. -.. . ..-. --. .... .. .--- -.- .-.. -- -. --- .--. --.- .-. ... - ..- ...- .--"
                        + " -..- -.-- --.. ----- .---- ..--- ...-- ....- ..... -.... --... ---.. ----. .-.-.- --..--"
                        + " ..--.. -.-.-- .----. ---...")
                .split(" ");
        String chars = "abcdefghijklmnopqrstuvwxyz0123456789.,?!':";
        java.util.Map<String, Character> m = new java.util.HashMap<>();
        for (int k = 0; k < codes.length; k++) {
            m.put(codes[k], chars.charAt(k));
        }
        return java.util.Map.copyOf(m);
    }

    /** Letters of one Morse run before it is decoded. */
    private static final int MIN_MORSE_LETTERS = 6;

    /** A dot or a dash of Morse, with the look-alikes people type: {@code '.'}, {@code '-'}, or 0 for neither. */
    private static char morseSymbol(char c) {
        return switch (c) {
            case '.', '\u00B7', '\u2022', '\u2219' -> '.';
            case '-', '_', '\u2212', '\u2013', '\u2014' -> '-';
            default -> 0;
        };
    }

    /**
     * Decodes International Morse: at least {@value #MIN_MORSE_LETTERS} codes separated by one space, words by
     * {@code /}, {@code |} or two spaces or more, every code a letter, digit or mark of the table, and at least one
     * dot and one dash in the run (so that {@code ...} and {@code ---} rules are not read).
     */
    private static void findMorse(String s, int[] offsets, Budget budget, List<Decoded> out) {
        int n = s.length();
        int i = 0;
        while (i < n && budget.left() > 0) {
            if (morseSymbol(s.charAt(i)) == 0 || (i > 0 && !isMorseBoundary(s.charAt(i - 1)))) {
                i++;
                continue;
            }
            StringBuilder text = new StringBuilder();
            StringBuilder code = new StringBuilder(8);
            int letters = 0;
            boolean dot = false;
            boolean dash = false;
            int end = i;
            int k = i;
            while (k < n) {
                code.setLength(0);
                int t = k;
                while (t < n && morseSymbol(s.charAt(t)) != 0 && code.length() <= 6) {
                    code.append(morseSymbol(s.charAt(t)));
                    t++;
                }
                Character letter =
                        code.isEmpty() || (t < n && !isMorseBoundary(s.charAt(t))) ? null : MORSE.get(code.toString());
                if (letter == null) {
                    break;
                }
                text.append(letter);
                letters++;
                dot |= code.indexOf(".") >= 0;
                dash |= code.indexOf("-") >= 0;
                end = t;
                // the gap to the next code: one space within a word; a slash, a bar or more spaces between words
                int g = t;
                int spaces = 0;
                boolean word = false;
                while (g < n && (s.charAt(g) == ' ' || s.charAt(g) == '/' || s.charAt(g) == '|')) {
                    spaces += s.charAt(g) == ' ' ? 1 : 0;
                    word |= s.charAt(g) != ' ';
                    g++;
                }
                if (g == t || g >= n || morseSymbol(s.charAt(g)) == 0 || g - t > 5) {
                    break;
                }
                if (word || spaces >= 2) {
                    text.append(' ');
                }
                k = g;
            }
            if (letters >= MIN_MORSE_LETTERS && dot && dash && mostlyLetters(text.toString())) {
                budget.add("morse", text.toString(), offsets[i], offsets[end], out);
            }
            i = Math.max(end, i + 1);
        }
    }

    /** Whether a Morse code may end (or begin) next to this char: whitespace, a word separator or punctuation. */
    private static boolean isMorseBoundary(char c) {
        return !Character.isLetterOrDigit(c) && morseSymbol(c) == 0;
    }

    // ---- percent-encoding, backslash-u escapes, HTML character references

    /** Escapes in one run before it is decoded: fewer are ordinary text ({@code 50%}, one {@code &amp;}). */
    private static final int MIN_ESCAPES = 3;

    /** Plain chars allowed between two escapes of one run: a long word ({@code ignore%20previous%20instructions}). */
    private static final int MAX_ESCAPE_GAP = 24;

    /**
     * Decodes runs of escapes that a model reads as the chars they stand for: percent-encoding ({@code %69%67},
     * UTF-8 bytes), {@code \u005CuXXXX} and {@code \u005Cu{X...}} escapes, and HTML character references ({@code
     * &#105;}, {@code &#x69;}, {@code &amp;} and five other names). A run is at least {@value #MIN_ESCAPES} escapes
     * with at most {@value #MAX_ESCAPE_GAP} plain chars between two of them, so both a fully escaped text and words
     * joined by {@code %20} are read; the plain chars are kept. Reported as {@code percent}, {@code unicode-escape}
     * or {@code html-entity}, the kind of its first escape. The decoded text must be mostly letters, as other
     * decoded runs.
     */
    private static void findEscapes(String s, int[] offsets, Budget budget, List<Decoded> out) {
        if (s.indexOf('%') < 0 && s.indexOf('\\') < 0 && s.indexOf('&') < 0) {
            return; // most texts: one scan each for three chars
        }
        int n = s.length();
        int i = 0;
        while (i < n && budget.left() > 0) {
            int first = escapeLength(s, i);
            if (first == 0) {
                i++;
                continue;
            }
            int count = 1;
            int end = i + first;
            int j = end;
            while (j < n && j - end <= MAX_ESCAPE_GAP) {
                int len = escapeLength(s, j);
                if (len > 0) {
                    count++;
                    j += len;
                    end = j;
                } else {
                    j++;
                }
            }
            if (count >= MIN_ESCAPES) {
                // the run takes in the letters of the words its first and last escapes stand in
                int from = i;
                while (from > 0 && i - from < MAX_ESCAPE_GAP && Character.isLetterOrDigit(s.charAt(from - 1))) {
                    from--;
                }
                int to = end;
                while (to < n && to - end < MAX_ESCAPE_GAP && Character.isLetterOrDigit(s.charAt(to))) {
                    to++;
                }
                String text = unescape(s, from, to);
                if (text != null) {
                    char kind = s.charAt(i);
                    budget.add(
                            kind == '%' ? "percent" : kind == '&' ? "html-entity" : "unicode-escape",
                            text,
                            offsets[from],
                            offsets[to],
                            out);
                }
                end = to;
            }
            i = end;
        }
    }

    /** The named character references that are decoded: the five of XML and {@code nbsp}. */
    private static final String[] ENTITY_NAMES = {"amp;", "lt;", "gt;", "quot;", "apos;", "nbsp;"};

    private static final char[] ENTITY_CHARS = {'&', '<', '>', '"', '\'', ' '};

    /** The length of the escape at {@code i}, or 0 when none starts there. */
    private static int escapeLength(String s, int i) {
        int n = s.length();
        char c = s.charAt(i);
        if (c == '%') {
            return i + 2 < n && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2)) ? 3 : 0;
        }
        if (c == '\\') {
            if (i + 1 >= n || s.charAt(i + 1) != 'u') {
                return 0;
            }
            if (i + 2 < n && s.charAt(i + 2) == '{') {
                int k = i + 3;
                while (k < n && k - i - 3 < 6 && isHex(s.charAt(k))) {
                    k++;
                }
                return k > i + 3 && k < n && s.charAt(k) == '}' && codePointOf(s, i + 3, k, 16) >= 0 ? k + 1 - i : 0;
            }
            for (int k = i + 2; k < i + 6; k++) {
                if (k >= n || !isHex(s.charAt(k))) {
                    return 0;
                }
            }
            return 6;
        }
        if (c == '&' && i + 1 < n) {
            if (s.charAt(i + 1) == '#') {
                boolean hex = i + 2 < n && (s.charAt(i + 2) == 'x' || s.charAt(i + 2) == 'X');
                int from = hex ? i + 3 : i + 2;
                int k = from;
                while (k < n && k - from < (hex ? 6 : 7) && (hex ? isHex(s.charAt(k)) : isDigit(s.charAt(k)))) {
                    k++;
                }
                if (k == from || codePointOf(s, from, k, hex ? 16 : 10) < 0) {
                    return 0;
                }
                return (k < n && s.charAt(k) == ';' ? k + 1 : k) - i;
            }
            for (String name : ENTITY_NAMES) {
                if (s.startsWith(name, i + 1)) {
                    return name.length() + 1;
                }
            }
        }
        return 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The code point written in {@code s[from, to)} in this radix, or -1 when it is none (or a surrogate). */
    private static int codePointOf(String s, int from, int to, int radix) {
        long v = 0;
        for (int k = from; k < to; k++) {
            v = v * radix + Character.digit(s.charAt(k), radix);
        }
        return v > Character.MAX_CODE_POINT || (v >= 0xD800 && v <= 0xDFFF) ? -1 : (int) v;
    }

    /** {@code s[from, to)} with its escapes decoded, or {@code null} when the result is not mostly letters. */
    private static String unescape(String s, int from, int to) {
        StringBuilder text = new StringBuilder(to - from);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        int k = from;
        while (k < to) {
            int len = escapeLength(s, k);
            char c = s.charAt(k);
            if (len > 0 && c == '%') {
                bytes.write(Character.digit(s.charAt(k + 1), 16) << 4 | Character.digit(s.charAt(k + 2), 16));
                k += len;
                continue;
            }
            if (bytes.size() > 0) {
                // percent-encoding is UTF-8 bytes; bytes that are not UTF-8 give U+FFFD, which counts as bad below
                text.append(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
                bytes.reset();
            }
            if (len == 0) {
                text.append(c);
                k++;
            } else if (c == '\\') {
                // a surrogate pair is two escapes, each one char, and comes out whole
                text.append(
                        s.charAt(k + 2) == '{'
                                ? Character.toString(codePointOf(s, k + 3, k + len - 1, 16))
                                : String.valueOf((char) Integer.parseInt(s, k + 2, k + 6, 16)));
                k += len;
            } else if (s.charAt(k + 1) == '#') {
                boolean hex = s.charAt(k + 2) == 'x' || s.charAt(k + 2) == 'X';
                int digitsEnd = s.charAt(k + len - 1) == ';' ? k + len - 1 : k + len;
                text.appendCodePoint(codePointOf(s, hex ? k + 3 : k + 2, digitsEnd, hex ? 16 : 10));
                k += len;
            } else {
                for (int e = 0; e < ENTITY_NAMES.length; e++) {
                    if (s.startsWith(ENTITY_NAMES[e], k + 1)) {
                        text.append(ENTITY_CHARS[e]);
                        break;
                    }
                }
                k += len;
            }
        }
        if (bytes.size() > 0) {
            text.append(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
        }
        String decoded = text.toString();
        return mostlyLetters(decoded) ? decoded : null;
    }

    /** What every decoded run must be: at least 4 code points, nearly all printable, at least half letters. */
    private static boolean mostlyLetters(String text) {
        int total = 0;
        int bad = 0;
        int letters = 0;
        for (int k = 0; k < text.length(); ) {
            int cp = text.codePointAt(k);
            total++;
            int t = Character.getType(cp);
            if (Character.isLetter(cp)) {
                letters++;
            } else if ((Character.isISOControl(cp) && cp != '\n' && cp != '\r' && cp != '\t')
                    || t == Character.UNASSIGNED
                    || t == Character.PRIVATE_USE
                    || t == Character.SURROGATE
                    || cp == 0xFFFD) {
                bad++;
            }
            k += Character.charCount(cp);
        }
        return total >= 4 && bad * 20 <= total && letters * 2 >= total;
    }

    private static String decodeHex(String s, int from, int to, int limit) {
        int end = Math.min(to, from + 2 * (limit + 1));
        byte[] b = new byte[(end - from) / 2];
        for (int k = 0; k < b.length; k++) {
            b[k] = (byte) (Character.digit(s.charAt(from + 2 * k), 16) << 4
                    | Character.digit(s.charAt(from + 2 * k + 1), 16));
        }
        return printableUtf8(b, end < to);
    }

    private static String decodeBase64(String s, int from, int to, boolean url, int limit) {
        int len = Math.min(to - from, (limit / 3 + 2) * 4);
        if (len % 4 == 1) {
            len--;
        }
        boolean truncated = len < to - from;
        String run = s.substring(from, from + len);
        byte[] b;
        try {
            b = (url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(run);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return printableUtf8(b, truncated);
    }

    /** The bytes as text when they are UTF-8 and nearly all printable; {@code null} otherwise. */
    static String printableUtf8(byte[] b, boolean truncated) {
        int len = b.length;
        if (truncated) {
            // Drop a UTF-8 sequence that the cut left incomplete.
            int k = len - 1;
            int back = 0;
            while (k >= 0 && back < 3 && (b[k] & 0xC0) == 0x80) {
                k--;
                back++;
            }
            if (k >= 0 && (b[k] & 0x80) != 0) {
                len = k;
            }
        }
        // Cheap reject first: random bytes are one in eight a control byte.
        int controls = 0;
        for (int k = 0; k < len; k++) {
            int v = b[k] & 0xFF;
            if ((v < 0x20 && v != '\n' && v != '\r' && v != '\t') || v == 0x7F) {
                controls++;
            }
        }
        if (controls * 20 > len) {
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, 0, len))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        return mostlyLetters(text) ? text : null;
    }

    // ---- rot13 and leetspeak, over words

    /** Tokens of letters, digits, {@code @ $ '}; a token starts a new segment after sentence punctuation. */
    private static final class Tokens {
        int[] start = new int[16];
        int[] end = new int[16];
        boolean[] breakBefore = new boolean[16];
        /** Per token, whether it is a word of {@link #COMMON_ANY_LANGUAGE}: 0 not looked up yet, 1 yes, 2 no. */
        byte[] anyWord = new byte[16];
        /** Per token, whether it is a word of {@link #COMMON}, as {@link #anyWord}. */
        byte[] common = new byte[16];
        /** Per token, whether it is ASCII letters and apostrophes only, as {@link #anyWord}. */
        byte[] ascii = new byte[16];

        int size;

        /** Whether token {@code k} is a word of any language; looked up once, shared by the decoders that ask. */
        boolean anyWord(String s, int k) {
            if (anyWord[k] == 0) {
                anyWord[k] = COMMON_ANY_LANGUAGE.contains(s, start[k], end[k], AS_WRITTEN) ? (byte) 1 : (byte) 2;
            }
            return anyWord[k] == 1;
        }

        /** Whether token {@code k} is a word of {@link #COMMON}; looked up once, shared by rot13 and the ciphers. */
        boolean common(String s, int k) {
            if (common[k] == 0) {
                common[k] = COMMON.contains(s, start[k], end[k], AS_WRITTEN) ? (byte) 1 : (byte) 2;
            }
            return common[k] == 1;
        }

        /** Whether token {@code k} is ASCII letters and apostrophes only; looked up once. */
        boolean asciiWord(String s, int k) {
            if (ascii[k] == 0) {
                ascii[k] = isAsciiWord(s, start[k], end[k]) ? (byte) 1 : (byte) 2;
            }
            return ascii[k] == 1;
        }

        /** The index after the last token of the segment (the run of tokens with no break before them) at {@code k}. */
        int segmentEnd(int k) {
            int end = k + 1;
            while (end < size && !breakBefore[end]) {
                end++;
            }
            return end;
        }

        void add(int s, int e, boolean brk) {
            if (size == start.length) {
                start = Arrays.copyOf(start, size * 2);
                end = Arrays.copyOf(end, size * 2);
                breakBefore = Arrays.copyOf(breakBefore, size * 2);
                anyWord = Arrays.copyOf(anyWord, size * 2);
                common = Arrays.copyOf(common, size * 2);
                ascii = Arrays.copyOf(ascii, size * 2);
            }
            start[size] = s;
            end[size] = e;
            breakBefore[size] = brk;
            size++;
        }
    }

    private static boolean isTokenChar(char c) {
        return Character.isLetterOrDigit(c) || c == '@' || c == '$' || c == '\'';
    }

    private static void findWordCodes(String s, int[] offsets, Budget budget, List<Decoded> out) {
        if (budget.left() <= 0) {
            return;
        }
        Tokens t = new Tokens();
        int n = s.length();
        int i = 0;
        boolean brk = true;
        while (i < n) {
            char c = s.charAt(i);
            if (!isTokenChar(c)) {
                if (c != ' ' && c != '\t' && c != ',' && c != '-') {
                    brk = true;
                }
                i++;
                continue;
            }
            int j = i;
            while (j < n && isTokenChar(s.charAt(j))) {
                j++;
            }
            t.add(i, j, brk);
            brk = false;
            i = j;
        }
        ScanDeadline.checkNow();
        findRot13(s, t, offsets, budget, out);
        ScanDeadline.checkNow();
        findCiphered(s, t, offsets, budget, out);
        findNato(s, t, offsets, budget, out);
        findPigLatin(s, t, offsets, budget, out);
        findRobber(s, t, offsets, budget, out);
        ScanDeadline.checkNow();
        findLeet(s, t, offsets, budget, out);
        ScanDeadline.checkNow();
        findSeparatedHex(s, t, offsets, budget, out);
        ScanDeadline.checkNow();
        findSpacedLetters(s, t, offsets, budget, out);
        ScanDeadline.checkNow();
        findBrokenWords(s, t, offsets, budget, out);
        ScanDeadline.checkNow();
        findReversed(s, t, offsets, budget, out);
        ScanDeadline.checkNow();
        findTypos(s, t, offsets, budget, out);
    }

    /**
     * Decodes text written backwards ({@code snoitcurtsni suoiverp lla erongi}, {@code negnusiewna ella ereirongi}).
     * In each segment, a token of 4 chars or more that is not a word forwards but is a word of {@link
     * #COMMON_ANY_LANGUAGE} backwards is a hit; a segment is a candidate when its hits are at least half of its
     * tokens of 4 chars or more that are not words forwards. A candidate whose hits have 10 chars or more in all is
     * decoded, by reversing its chars from the first hit to the last, so the words come out in reading order; so are
     * all candidates when there are several with 16 hit chars or more together ({@code "snoitcurtsni metsys" ... and
     * "laever"}), and then also all of them together, the last first, as a text that tells the model to put the
     * pieces back in order would have them read. Short tokens do not count: {@code mai}, {@code nats} and {@code Tom}
     * read backwards are words of some language too.
     */
    private static void findReversed(String s, Tokens t, int[] offsets, Budget budget, List<Decoded> out) {
        List<int[]> candidates = null; // most texts have none: nothing is allocated for them
        int total = 0;
        int k = 0;
        while (k < t.size) {
            int segmentEnd = t.segmentEnd(k);
            int first = -1;
            int last = -1;
            int hitChars = 0;
            int hits = 0;
            int unknown = 0;
            for (int m = k; m < segmentEnd; m++) {
                int from = t.start[m];
                int to = t.end[m];
                if (to - from < 4 || t.anyWord(s, m)) {
                    continue;
                }
                unknown++;
                if (COMMON_ANY_LANGUAGE.containsReversed(s, from, to)) {
                    hits++;
                    hitChars += to - from;
                    first = first < 0 ? m : first;
                    last = m;
                }
            }
            if (hits > 0 && hits * 2 >= unknown && hitChars >= 6) {
                if (candidates == null) {
                    candidates = new ArrayList<>();
                }
                candidates.add(new int[] {t.start[first], t.end[last], hitChars});
                total += hitChars;
            }
            k = segmentEnd;
        }
        if (candidates == null) {
            return;
        }
        boolean together = candidates.size() > 1 && total >= 16;
        List<String> runs = new ArrayList<>();
        for (int[] c : candidates) {
            if (budget.left() <= 0) {
                return; // hostile input: the runs already decoded fill the budget
            }
            if (c[2] >= 10 || together) {
                String text =
                        new StringBuilder(s.substring(c[0], c[1])).reverse().toString();
                budget.add("reversed", text, offsets[c[0]], offsets[c[1]], out);
                runs.add(text);
            }
        }
        if (together) {
            StringBuilder all = new StringBuilder();
            for (int r = runs.size() - 1; r >= 0; r--) {
                all.append(runs.get(r)).append(r > 0 ? " " : "");
            }
            int[] firstRun = candidates.get(0);
            int[] lastRun = candidates.get(candidates.size() - 1);
            budget.add("reversed", all.toString(), offsets[firstRun[0]], offsets[lastRun[1]], out);
        }
    }

    // ---- misspelled words: one letter left out, added, changed or swapped

    /** The English words of {@link #COMMON} of 6 letters or more: the words a typo decoder corrects towards. */
    private static final String[] TYPO_WORDS = COMMON.words().stream()
            .filter(w -> w.length() >= 6 && w.chars().allMatch(c -> c >= 'a' && c <= 'z'))
            .sorted()
            .toArray(String[]::new);

    private static final int TYPO_BITS = 14;
    /** Hashes of the typo words themselves, and of every string one deletion away from one, to the word's index. */
    private static final long[] TYPO_EXACT_KEYS = new long[1 << TYPO_BITS];

    private static final int[] TYPO_EXACT_VALUES = new int[1 << TYPO_BITS];
    private static final long[] TYPO_DELETION_KEYS = new long[1 << TYPO_BITS];
    private static final int[] TYPO_DELETION_VALUES = new int[1 << TYPO_BITS];
    private static final long TYPO_PRIME = 1_000_003L;

    static {
        Arrays.fill(TYPO_EXACT_KEYS, 0L);
        Arrays.fill(TYPO_DELETION_KEYS, 0L);
        for (int w = 0; w < TYPO_WORDS.length; w++) {
            String word = TYPO_WORDS[w];
            typoPut(TYPO_EXACT_KEYS, TYPO_EXACT_VALUES, typoHash(word, 0, word.length(), -1), w);
            for (int i = 0; i < word.length(); i++) {
                String shorter = word.substring(0, i) + word.substring(i + 1);
                // "prompts" less its "s" is a word of its own, not a typo of "prompts"
                if (!COMMON_ANY_LANGUAGE.contains(shorter)) {
                    typoPut(TYPO_DELETION_KEYS, TYPO_DELETION_VALUES, typoHash(word, 0, word.length(), i), w);
                }
            }
        }
    }

    /** Adds a key; a key two words share gets -1 (ambiguous: no correction). Keys are never 0. */
    private static void typoPut(long[] keys, int[] values, long key, int word) {
        int slot = (int) (key ^ (key >>> 29)) & (keys.length - 1);
        while (keys[slot] != 0L && keys[slot] != key) {
            slot = (slot + 1) & (keys.length - 1);
        }
        if (keys[slot] == key) {
            values[slot] = values[slot] == word ? word : -1;
        } else {
            keys[slot] = key;
            values[slot] = word;
        }
    }

    private static int typoGet(long[] keys, int[] values, long key) {
        for (int slot = (int) (key ^ (key >>> 29)) & (keys.length - 1);
                keys[slot] != 0L;
                slot = (slot + 1) & (keys.length - 1)) {
            if (keys[slot] == key) {
                return values[slot];
            }
        }
        return -1;
    }

    /** The hash of {@code s[from, to)} lower-cased, without the char at {@code skip} (none when -1). */
    private static long typoHash(String s, int from, int to, int skip) {
        long h = 7;
        for (int k = from; k < to; k++) {
            if (k - from != skip) {
                char c = s.charAt(k);
                h = h * TYPO_PRIME + (c >= 'A' && c <= 'Z' ? c + 32 : c);
            }
        }
        // murmur3's finaliser spreads the last letter over all bits; 0 marks an empty slot
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    /**
     * The word of {@link #TYPO_WORDS} that the ASCII token {@code s[from, to)} misspells by one letter, or -1: a letter
     * left out ({@code previus}, {@code Ignor}), one added but not at the end ({@code insttructions}; an added last
     * letter is an inflection, {@code ignored}), or one changed or two swapped ({@code ingore}). A token that is a
     * word of any of the ten languages is no typo: callers ask {@link Tokens#anyWord} first, once per token.
     */
    private static int typoOfNonWord(String s, int from, int to) {
        int n = to - from;
        if (n < 5 || n > 16 || !isAsciiWord(s, from, to)) {
            return -1;
        }
        int w = typoGet(TYPO_DELETION_KEYS, TYPO_DELETION_VALUES, typoHash(s, from, to, -1));
        if (w >= 0) {
            return w;
        }
        for (int i = 0; i < n; i++) {
            long h = typoHash(s, from, to, i);
            w = i < n - 1 ? typoGet(TYPO_EXACT_KEYS, TYPO_EXACT_VALUES, h) : -1;
            if (w < 0) {
                w = typoGet(TYPO_DELETION_KEYS, TYPO_DELETION_VALUES, h);
            }
            if (w >= 0 && TYPO_WORDS[w].length() >= n - 1) {
                return w;
            }
        }
        return -1;
    }

    /**
     * Decodes misspelled words ({@code Ignor all previus instructons}): a segment in which at least two tokens are
     * one letter away from a word of 6 letters or more of {@link #COMMON}, and they are at least half of its tokens of
     * 5 letters or more that are words of no language, is decoded from the first such token to the last with the
     * words put right. Misspelling defeats phrase matching as well as encodings do, and costs the attacker nothing.
     */
    private static void findTypos(String s, Tokens t, int[] offsets, Budget budget, List<Decoded> out) {
        int k = 0;
        while (k < t.size && budget.left() > 0) {
            int segmentEnd = t.segmentEnd(k);
            int first = -1;
            int last = -1;
            int fixed = 0;
            int unknown = 0;
            for (int m = k; m < segmentEnd; m++) {
                int from = t.start[m];
                int to = t.end[m];
                if (to - from < 5 || t.anyWord(s, m)) {
                    continue;
                }
                unknown++;
                if (typoOfNonWord(s, from, to) >= 0) {
                    fixed++;
                    first = first < 0 ? m : first;
                    last = m;
                }
            }
            if (fixed >= 2 && fixed * 2 >= unknown) {
                StringBuilder text = new StringBuilder();
                for (int m = first; m <= last; m++) {
                    if (m > first) {
                        text.append(s, t.end[m - 1], t.start[m]);
                    }
                    int w = t.anyWord(s, m) ? -1 : typoOfNonWord(s, t.start[m], t.end[m]);
                    text.append(w >= 0 ? TYPO_WORDS[w] : s.substring(t.start[m], t.end[m]));
                }
                budget.add("misspelled", text.toString(), offsets[t.start[first]], offsets[t.end[last]], out);
            }
            k = segmentEnd;
        }
    }

    private static boolean isAsciiWord(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'')) {
                return false;
            }
        }
        return true;
    }

    private static char rot13(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            return (char) ((c & 0x1F) <= 13 ? c + 13 : c - 13);
        }
        return c;
    }

    private static String rot13(String w) {
        char[] r = w.toCharArray();
        for (int k = 0; k < r.length; k++) {
            r[k] = rot13(r[k]);
        }
        return new String(r);
    }

    /**
     * Decodes runs of words whose rot13 form is English-like: within a segment, a run of ASCII words none of which
     * is a common word as written (words common both ways, such as {@code be}/{@code or}, are neutral), with at
     * least two words, at least 60% of them common after rot13, and at least 8 letters in those.
     */
    private static void findRot13(String s, Tokens t, int[] offsets, Budget budget, List<Decoded> out) {
        int k = 0;
        while (k < t.size && budget.left() > 0) {
            int first = -1;
            int last = -1;
            int words = 0;
            int hits = 0;
            int hitChars = 0;
            while (k < t.size) {
                if (first >= 0 && t.breakBefore[k]) {
                    break;
                }
                int ws = t.start[k];
                int we = t.end[k];
                if (!t.asciiWord(s, k)) {
                    break;
                }
                boolean plain = t.common(s, k);
                boolean rot = COMMON.contains(s, ws, we, 13);
                if (plain && !rot) {
                    break;
                }
                if (first < 0) {
                    first = k;
                }
                last = k;
                if (!plain) {
                    words++;
                    if (rot) {
                        hits++;
                        hitChars += we - ws;
                    }
                }
                k++;
            }
            if (first >= 0 && words >= 2 && hits >= 2 && hits * 10 >= words * 6 && hitChars >= 8) {
                int from = t.start[first];
                int to = t.end[last];
                budget.add(
                        "rot13",
                        rot13(s.substring(from, Math.min(to, from + budget.left()))),
                        offsets[from],
                        offsets[to],
                        out);
            }
            if (first < 0) {
                k++; // the token at k stopped the run before it began
            }
        }
    }

    private static char leet(char c) {
        return switch (c) {
            case '0' -> 'o';
            case '1' -> 'i';
            case '3' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7' -> 't';
            default -> 0;
        };
    }

    /**
     * Decodes runs of leetspeak: a segment's run of ASCII tokens of which some mix letters with leet chars, decoded
     * when at least two decoded tokens (or one English word of 6 letters or more) are common words, of English or of
     * the glossary's languages (3 letters or more), and at least half of the mixed tokens are. {@code 1} reads as
     * {@code i} unless {@code l} makes a common word.
     */
    private static void findLeet(String s, Tokens t, int[] offsets, Budget budget, List<Decoded> out) {
        int k = 0;
        String[] dec = new String[t.size];
        while (k < t.size && budget.left() > 0) {
            int first = -1;
            int firstMixed = -1;
            int lastMixed = -1;
            int mixed = 0;
            int hits = 0;
            int longest = 0;
            while (k < t.size) {
                if (first >= 0 && t.breakBefore[k]) {
                    break;
                }
                String d = leetToken(s, t.start[k], t.end[k]);
                if (d == null) {
                    break;
                }
                if (first < 0) {
                    first = k;
                }
                dec[k] = d;
                if (d != PLAIN) {
                    mixed++;
                    lastMixed = k;
                    firstMixed = firstMixed < 0 ? k : firstMixed;
                    if (COMMON_ANY_LANGUAGE.contains(d)) {
                        hits++;
                        // one long word alone decodes only in English: "class1" is Italian "classi"
                        if (COMMON.contains(d)) {
                            longest = Math.max(longest, d.length());
                        }
                    }
                }
                k++;
            }
            if (mixed > 0 && (hits >= 2 || longest >= 6) && hits * 2 >= mixed) {
                StringBuilder text = new StringBuilder();
                for (int m = firstMixed; m <= lastMixed && text.length() < budget.left(); m++) {
                    if (m > firstMixed) {
                        text.append(s, t.end[m - 1], t.start[m]);
                    }
                    if (dec[m] == PLAIN) {
                        text.append(s, t.start[m], t.end[m]);
                    } else {
                        text.append(dec[m]);
                    }
                }
                int from = t.start[firstMixed];
                int to = t.end[lastMixed];
                budget.add("leetspeak", text.toString(), offsets[from], offsets[to], out);
            }
            if (first < 0) {
                k++;
            }
        }
    }

    /** What {@link #leetToken} returns for a token of plain letters. */
    private static final String PLAIN = new String("plain");

    /**
     * The token decoded from leetspeak; {@link #PLAIN} when it is plain letters; {@code null} when it is neither
     * (digits only, other digits, non-ASCII, too long).
     */
    private static String leetToken(String s, int from, int to) {
        if (to - from > 24) {
            return null;
        }
        char[] w = new char[to - from];
        boolean letter = false;
        boolean leet = false;
        int ones = 0;
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'') {
                letter |= c != '\'';
                w[k - from] = c;
            } else {
                char l = leet(c);
                if (l == 0) {
                    return null;
                }
                leet = true;
                ones += c == '1' ? 1 : 0;
                w[k - from] = l;
            }
        }
        if (!letter) {
            return null;
        }
        if (!leet) {
            return PLAIN;
        }
        String best = new String(w);
        if (ones > 0 && !COMMON_ANY_LANGUAGE.contains(best)) {
            // Try reading some of the first three 1s as l.
            int[] pos = new int[Math.min(ones, 3)];
            int p = 0;
            for (int k = from; k < to && p < pos.length; k++) {
                if (s.charAt(k) == '1') {
                    pos[p++] = k - from;
                }
            }
            for (int mask = 1; mask < 1 << pos.length; mask++) {
                char[] v = w.clone();
                for (int b = 0; b < pos.length; b++) {
                    if ((mask & 1 << b) != 0) {
                        v[pos[b]] = 'l';
                    }
                }
                String cand = new String(v);
                if (COMMON_ANY_LANGUAGE.contains(cand)) {
                    return cand;
                }
            }
        }
        return best;
    }

    // ---- hex written as separate bytes, letters spaced out, words broken by hyphens: over the same tokens

    /** The byte a token spells ({@code 72}, {@code 0x72}, or {@code x72} after a backslash); -1 when none. */
    private static int byteOf(String s, Tokens t, int k) {
        int a = t.start[k];
        int d;
        switch (t.end[k] - a) {
            case 2 -> d = a;
            case 3 -> {
                if (s.charAt(a) != 'x' || a == 0 || s.charAt(a - 1) != '\\') {
                    return -1;
                }
                d = a + 1;
            }
            case 4 -> {
                if (s.charAt(a) != '0' || (s.charAt(a + 1) | 0x20) != 'x') {
                    return -1;
                }
                d = a + 2;
            }
            default -> {
                return -1;
            }
        }
        char h = s.charAt(d);
        char l = s.charAt(d + 1);
        return isHex(h) && isHex(l) ? Character.digit(h, 16) << 4 | Character.digit(l, 16) : -1;
    }

    /** Whether {@code [from, to)} separates bytes: 1 to 4 chars of spaces, {@code : , ; -} or a backslash. */
    private static boolean isByteGap(String s, int from, int to) {
        if (to - from > 4) {
            return false;
        }
        for (int k = from; k < to; k++) {
            switch (s.charAt(k)) {
                case ' ', ':', ',', ';', '-', '\t', '\n', '\r', '\\' -> {}
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Decodes hex written as separate bytes ({@code 72 65 76}, {@code 72:65:76}, {@code 0x72, 0x65}, {@code
     * \x72\x65}): a run of at least {@value #MIN_HEX_BYTES} byte tokens that decodes to printable UTF-8, as
     * contiguous hex must. MAC addresses (6 bytes) are too short; IPv6 groups and UUIDs are not bytes; timestamps and
     * fingerprints do not decode to printable text.
     */
    private static void findSeparatedHex(String s, Tokens t, int[] offsets, Budget budget, List<Decoded> out) {
        byte[] b = null;
        int k = 0;
        while (k < t.size && budget.left() > 0) {
            if (byteOf(s, t, k) < 0) {
                k++;
                continue;
            }
            int last = k;
            while (last + 1 < t.size && isByteGap(s, t.end[last], t.start[last + 1]) && byteOf(s, t, last + 1) >= 0) {
                last++;
            }
            int count = last - k + 1;
            if (count >= MIN_HEX_BYTES) {
                int keep = Math.min(count, budget.left() + 1);
                if (b == null || b.length < keep) {
                    b = new byte[Math.max(keep, 64)];
                }
                for (int m = 0; m < keep; m++) {
                    b[m] = (byte) byteOf(s, t, k + m);
                }
                String text = printableUtf8(Arrays.copyOf(b, keep), keep < count);
                if (text != null) {
                    int from = t.end[k] - t.start[k] == 3 ? t.start[k] - 1 : t.start[k]; // the backslash of \x72
                    budget.add("hex", text, offsets[from], offsets[t.end[last]], out);
                }
            }
            k = last + 1;
        }
    }

    private static boolean isSingleLetter(String s, Tokens t, int k) {
        return t.end[k] - t.start[k] == 1 && Character.isLetter(s.charAt(t.start[k]));
    }

    /** Whether {@code [from, to)} can space out letters: 1 to {@value #MAX_GAP} chars of spaces and punctuation. */
    private static boolean isLetterGap(String s, int from, int to) {
        if (to - from > MAX_GAP) {
            return false;
        }
        for (int k = from; k < to; k++) {
            switch (s.charAt(k)) {
                case ' ',
                        '\t',
                        '\n',
                        '\r',
                        '.',
                        '-',
                        '_',
                        '/',
                        '|',
                        ',',
                        '*',
                        '+',
                        '~',
                        ':',
                        ';',
                        '\u00B7',
                        '\u2022',
                        '\u2010',
                        '\u2013',
                        '\u2014' -> {}
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Decodes letters spaced out by a repeated separator ({@code i.g.n.o.r.e}, {@code I G N O R E  A L L}): a run of
     * at least {@value #MIN_SPACED} single letters, each gap at most {@value #MAX_GAP} chars of spaces and punctuation.
     * The gap seen most often joins letters; any other gap (wider, or another separator) is a word break. Reported
     * only when some word has 4 letters or more, so initials ({@code J. R. R.}), abbreviations ({@code U.S.A. e.g.
     * i.e.}) and formulas ({@code a + b = c}) stay as they are.
     */
    private static void findSpacedLetters(String s, Tokens t, int[] offsets, Budget budget, List<Decoded> out) {
        int k = 0;
        while (k < t.size && budget.left() > 0) {
            if (!isSingleLetter(s, t, k)) {
                k++;
                continue;
            }
            int last = k;
            int cap = budget.left();
            while (last + 1 < t.size
                    && last - k + 1 < cap
                    && isSingleLetter(s, t, last + 1)
                    && isLetterGap(s, t.end[last], t.start[last + 1])) {
                last++;
            }
            if (last - k + 1 >= MIN_SPACED) {
                emitSpaced(s, t, offsets, k, last, budget, out);
            }
            k = last + 1;
        }
    }

    private static void emitSpaced(
            String s, Tokens t, int[] offsets, int first, int last, Budget budget, List<Decoded> out) {
        // The joining separator: the most frequent gap among the first few distinct ones.
        int[] candStart = new int[4];
        int[] candLen = new int[4];
        int[] candCount = new int[4];
        int cands = 0;
        for (int k = first; k < last; k++) {
            int gs = t.end[k];
            int gl = t.start[k + 1] - gs;
            int m = 0;
            while (m < cands && !(candLen[m] == gl && s.regionMatches(gs, s, candStart[m], gl))) {
                m++;
            }
            if (m == cands) {
                if (cands == candStart.length) {
                    continue;
                }
                candStart[m] = gs;
                candLen[m] = gl;
                cands++;
            }
            candCount[m]++;
        }
        int unit = 0;
        for (int m = 1; m < cands; m++) {
            if (candCount[m] > candCount[unit]) {
                unit = m;
            }
        }
        StringBuilder text = new StringBuilder(2 * (last - first + 1));
        text.append(s.charAt(t.start[first]));
        int word = 1;
        int longest = 1;
        for (int k = first; k < last; k++) {
            int gs = t.end[k];
            int gl = t.start[k + 1] - gs;
            if (gl == candLen[unit] && s.regionMatches(gs, s, candStart[unit], gl)) {
                word++;
            } else {
                text.append(' ');
                word = 1;
            }
            longest = Math.max(longest, word);
            text.append(s.charAt(t.start[k + 1]));
        }
        if (longest >= 4) {
            budget.add("spaced", text.toString(), offsets[t.start[first]], offsets[t.end[last]], out);
        }
    }

    private static boolean isHyphen(char c) {
        return c == '-' || c == '\u2010';
    }

    private static boolean isLettersAndHyphens(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (!Character.isLetter(c) && !isHyphen(c)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a gap between two words keeps a run of broken words going: spaces, commas, quotes, dashes. */
    private static boolean isQuietGap(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            switch (s.charAt(k)) {
                case ' ', '\t', ',', '"', '-', '\u2010', '\u2013', '\u2014', '\u201C', '\u201D' -> {}
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Decodes words broken by hyphens ({@code Ign-ore prev-ious instr-uctions}): a run, within a sentence, of words
     * at least 2 of which have a hyphen followed by a lower-case letter, with at most 3 other words between them,
     * and at least one of which joins into a common word (so {@code well-known state-of-the-art} stays as it is). The
     * decoded run is the run with those hyphens removed. Compounds that join into a common word ({@code e-mail})
     * decode too: harmless, as a decoded run only adds text to scan.
     */
    private static void findBrokenWords(String s, Tokens t, int[] offsets, Budget budget, List<Decoded> out) {
        int runFirst = -1;
        int runLast = -1;
        int broken = 0;
        int between = 0;
        boolean common = false;
        int k = 0;
        while (k < t.size && budget.left() > 0) {
            // A word: tokens joined by single hyphens, each after the first starting in lower case.
            int m = k;
            int longest = t.end[k] - t.start[k];
            while (m + 1 < t.size
                    && t.start[m + 1] - t.end[m] == 1
                    && isHyphen(s.charAt(t.end[m]))
                    && Character.isLowerCase(s.charAt(t.start[m + 1]))) {
                m++;
                longest = Math.max(longest, t.end[m] - t.start[m]);
            }
            if (runFirst >= 0 && !isQuietGap(s, t.end[k - 1], t.start[k])) {
                emitBroken(s, offsets, t.start[runFirst], t.end[runLast], broken, common, budget, out);
                runFirst = -1;
            }
            int from = t.start[k];
            int to = t.end[m];
            if (m > k && longest >= 2 && to - from <= 40 && isLettersAndHyphens(s, from, to)) {
                if (runFirst < 0) {
                    runFirst = k;
                    broken = 0;
                    common = false;
                }
                broken++;
                runLast = m;
                between = 0;
                if (!common) {
                    StringBuilder joined = new StringBuilder(to - from);
                    for (int c = from; c < to; c++) {
                        if (!isHyphen(s.charAt(c))) {
                            joined.append(s.charAt(c));
                        }
                    }
                    common = COMMON_ANY_LANGUAGE.contains(joined.toString());
                }
            } else if (runFirst >= 0 && ++between > 3) {
                emitBroken(s, offsets, t.start[runFirst], t.end[runLast], broken, common, budget, out);
                runFirst = -1;
            }
            k = m + 1;
        }
        if (runFirst >= 0) {
            emitBroken(s, offsets, t.start[runFirst], t.end[runLast], broken, common, budget, out);
        }
    }

    private static void emitBroken(
            String s, int[] offsets, int from, int to, int broken, boolean common, Budget budget, List<Decoded> out) {
        if (broken < 2 || !common) {
            return;
        }
        StringBuilder text = new StringBuilder(to - from);
        for (int k = from; k < to && text.length() < budget.left(); k++) {
            char c = s.charAt(k);
            boolean midWord = isHyphen(c)
                    && k > from
                    && k + 1 < to
                    && Character.isLetter(s.charAt(k - 1))
                    && Character.isLowerCase(s.charAt(k + 1));
            if (!midWord) {
                text.append(c);
            }
        }
        budget.add("hyphenated", text.toString(), offsets[from], offsets[to], out);
    }

    // ---- Caesar shifts and Atbash, over words

    /** {@link WordSet#contains} reads the text as written. */
    private static final int AS_WRITTEN = 0;

    /** The cipher number of Atbash ({@code a <-> z}); 1 to 25 are Caesar shifts forwards by that many letters. */
    private static final int ATBASH = 26;

    /** Per cipher and lower-case letter, the letter it stands for: a table, as word look-ups ask it per char. */
    private static final char[][] DECIPHERED = decipherTable();

    private static char[][] decipherTable() {
        char[][] table = new char[ATBASH + 1][26];
        for (int c = 0; c <= ATBASH; c++) {
            for (int l = 0; l < 26; l++) {
                table[c][l] = c == ATBASH ? (char) ('z' - l) : (char) ('a' + (l + 26 - c) % 26);
            }
        }
        return table;
    }

    /** Reads a lower-case char through a cipher: back by the shift, or mirrored for Atbash; other chars as they are. */
    private static char decipher(char l, int cipher) {
        return l < 'a' || l > 'z' ? l : DECIPHERED[cipher][l - 'a'];
    }

    private static char decipherKeepingCase(char c, int cipher) {
        if (c >= 'A' && c <= 'Z') {
            return (char) (decipher((char) (c + 32), cipher) - 32);
        }
        return decipher(c, cipher);
    }

    /**
     * The words a deciphered run is checked against: the English of {@link #COMMON} and of the glossary's senses
     * ("weapon", "discount"), the glossary's forms of 3 letters or more in its first nine languages (so that a
     * shifted German or French sentence reads as words too), and the 5,725 words that occur at least 10 times in the
     * benign texts of the training corpus ({@code cipher-words.txt}, written by {@code training/cipher-words.py}).
     */
    private static final WordSet CIPHER_WORDS = new WordSet(
            withForeign(withForeign(withForeign(COMMON.words(), Gloss.englishWords()), Gloss.words()), cipherWords()));

    private static Set<String> cipherWords() {
        try (java.io.InputStream in = Normalizer.class.getResourceAsStream("cipher-words.txt")) {
            if (in == null) {
                throw new IllegalStateException("cipher-words.txt is missing from the firewall module");
            }
            Set<String> words = new HashSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String w = line.strip();
                if (!w.isEmpty() && !w.startsWith("#")) {
                    words.add(w);
                }
            }
            return words;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Natural log of each letter's share of English text (a common published table, in percent; the rare letters
     * rounded up), to pick the cipher under which a run's letters look most like English before its words are
     * looked up.
     */
    private static final double[] LETTER_LOG = letterLogs(new double[] {
        8.2, 1.5, 2.8, 4.3, 12.7, 2.2, 2.0, 6.1, 7.0, 0.2, 0.8, 4.0, 2.4, 6.7, 7.5, 1.9, 0.1, 6.0, 6.3, 9.1, 2.8, 1.0,
        2.4, 0.2, 2.0, 0.1
    });

    /** Per cipher (0 to {@link #ATBASH}) and written letter, the log share of the letter it stands for. */
    private static final double[][] CIPHER_LOG = cipherLogs();

    private static double[] letterLogs(double[] percent) {
        double[] out = new double[26];
        for (int l = 0; l < 26; l++) {
            out[l] = Math.log(percent[l] / 100);
        }
        return out;
    }

    private static double[][] cipherLogs() {
        double[][] out = new double[ATBASH + 1][26];
        for (int c = 0; c <= ATBASH; c++) {
            for (int l = 0; l < 26; l++) {
                out[c][l] = LETTER_LOG[decipher((char) ('a' + l), c) - 'a'];
            }
        }
        return out;
    }

    /** Words of 2 letters or more a ciphered run needs, and deciphered words it needs. */
    private static final int MIN_CIPHER_WORDS = 3;

    /** Letters of the deciphered words a ciphered run needs. */
    private static final int MIN_CIPHER_LETTERS = 10;

    /** How many of the best-fitting ciphers are checked word by word. */
    private static final int CIPHER_TRIES = 3;

    /**
     * Decodes text written in a Caesar shift other than 13 ({@link #findRot13} has that one) or in Atbash. First the
     * runs: ASCII words, across sentences but not across markup or code, none of them a common English word of 3
     * letters or more as written. A run of at least {@value #MIN_CIPHER_WORDS} words of 2 letters or more is tried
     * under the {@value #CIPHER_TRIES} ciphers under which its letter counts fit English best; a cipher reads it when
     * at least 60% of those words become words of {@link #CIPHER_WORDS} (at least {@value #MIN_CIPHER_WORDS}, with
     * {@value #MIN_CIPHER_LETTERS} letters in all) and at most 20% are such words as written. The cipher that reads
     * the most letters is the text's; under it, the other runs are read too when half their words or more become
     * words and none is one as written (tags such as {@code <vbvwhp>}, short lines). One decoded run is reported,
     * from the first word read to the last, with the words of the runs read deciphered and everything between them
     * (digits, markup, plain words) as written.
     */
    private static void findCiphered(String s, Tokens t, int[] offsets, Budget budget, List<Decoded> out) {
        IntList runs = new IntList(48); // per run: first token, last token, words of 2 letters or more
        int cipher = -1;
        int best = 0;
        int k = 0;
        while (k < t.size) {
            int first = k;
            int last = -1;
            int words = 0;
            while (k < t.size && continuesRun(s, t, first, k)) {
                int ws = t.start[k];
                int we = t.end[k];
                if (!t.asciiWord(s, k) || (we - ws >= 3 && t.common(s, k))) {
                    break;
                }
                if (we - ws >= 2) {
                    words++;
                }
                last = k++;
            }
            if (last < 0) {
                k++; // the token at k stopped the run before it began
                continue;
            }
            runs.add(first);
            runs.add(last);
            runs.add(words);
            if (words >= MIN_CIPHER_WORDS) {
                long found = tryCiphers(s, t, first, last, words);
                if (found >= 0 && (int) (found >>> 8) > best) {
                    best = (int) (found >>> 8);
                    cipher = (int) (found & 0xFF);
                }
            }
        }
        if (cipher < 0 || budget.left() <= 0) {
            return;
        }
        StringBuilder text = new StringBuilder();
        int from = -1;
        int to = -1;
        int[] r = runs.toArray();
        for (int i = 0; i < r.length; i += 3) {
            int a = r[i];
            int b = r[i + 1];
            int words = r[i + 2];
            int[] score = readUnder(s, t, a, b, words, cipher, false);
            // a run read on its own (the rule above), or a weak one: half its words or more read, none a word as
            // written
            boolean weak = score[0] >= 1 && score[0] * 2 >= words && score[2] == 0;
            if (!reads(score, words) && !weak) {
                continue;
            }
            while (!CIPHER_WORDS.contains(s, t.start[a], t.end[a], cipher)) {
                a++;
            }
            while (!CIPHER_WORDS.contains(s, t.start[b], t.end[b], cipher)) {
                b--;
            }
            if (from < 0) {
                from = t.start[a];
            } else {
                text.append(s, to, t.start[a]);
            }
            for (int c = t.start[a]; c < t.end[b]; c++) {
                text.append(decipherKeepingCase(s.charAt(c), cipher));
            }
            to = t.end[b];
            if (text.length() >= budget.left()) {
                break; // the budget would cut the rest
            }
        }
        budget.add(cipher == ATBASH ? "atbash" : "caesar", text.toString(), offsets[from], offsets[to], out);
    }

    /**
     * Under a cipher, the words of 2 letters or more of tokens {@code a} to {@code b} that become words of {@link
     * #CIPHER_WORDS}, their letters, and how many are such words as written. With {@code stopEarly}, it stops once
     * {@link #reads} can no longer hold for a run of {@code words} such words.
     */
    private static int[] readUnder(String s, Tokens t, int a, int b, int words, int cipher, boolean stopEarly) {
        int[] score = new int[3];
        int misses = 0;
        for (int m = a; m <= b; m++) {
            if (stopEarly && (misses * 10 > words * 4 || score[2] * 10 > words * 2)) {
                break;
            }
            int ws = t.start[m];
            int we = t.end[m];
            if (we - ws < 2) {
                continue;
            }
            if (CIPHER_WORDS.contains(s, ws, we, cipher)) {
                score[0]++;
                score[1] += we - ws;
            } else {
                misses++;
            }
            if (CIPHER_WORDS.contains(s, ws, we, AS_WRITTEN)) {
                score[2]++;
            }
        }
        return score;
    }

    /** Whether a cipher reads a run of {@code words} words: the rule of {@link #findCiphered}. */
    private static boolean reads(int[] score, int words) {
        return words >= MIN_CIPHER_WORDS && score[1] >= MIN_CIPHER_LETTERS && mostlyRead(score[0], score[2], words);
    }

    /**
     * The rule a cipher or a word game must meet on a run of {@code words} words: at least {@value
     * #MIN_CIPHER_WORDS} and 60% of them read back as words of the list, at most 20% such words as written.
     */
    private static boolean mostlyRead(int read, int asWritten, int words) {
        return read >= MIN_CIPHER_WORDS && read * 10 >= words * 6 && asWritten * 10 <= words * 2;
    }

    /**
     * Whether token {@code k} goes on the run that began at {@code first}: within a segment, or across sentence
     * punctuation, quotes and line breaks, but not across markup or code.
     */
    private static boolean continuesRun(String s, Tokens t, int first, int k) {
        return k == first || !t.breakBefore[k] || isSentenceGap(s, t.end[k - 1], t.start[k]);
    }

    /** Whether only spaces, line breaks, sentence punctuation and quotes lie between two words: not markup or code. */
    private static boolean isSentenceGap(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            if (" \t\r\n.,;:!?\"'()-".indexOf(s.charAt(k)) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The cipher (low 8 bits) and the letters it reads (the rest) of the first of the {@value #CIPHER_TRIES}
     * best-fitting ciphers that reads the run, or -1 when none does.
     */
    private static long tryCiphers(String s, Tokens t, int first, int last, int words) {
        // most runs of ordinary text are words as written, which no cipher may read: they are let go before the fit
        int plain = 0;
        for (int m = first; m <= last; m++) {
            if (t.end[m] - t.start[m] >= 2 && CIPHER_WORDS.contains(s, t.start[m], t.end[m], AS_WRITTEN)) {
                if (++plain * 10 > words * 2) {
                    return -1;
                }
            }
        }
        int[] counts = new int[26];
        for (int m = first; m <= last; m++) {
            for (int c = t.start[m]; c < t.end[m]; c++) {
                char ch = s.charAt(c);
                if (ch != '\'') {
                    counts[(ch | 0x20) - 'a']++;
                }
            }
        }
        double[] fit = new double[ATBASH + 1];
        for (int c = 0; c <= ATBASH; c++) {
            double[] logs = CIPHER_LOG[c];
            double sum = 0;
            for (int l = 0; l < 26; l++) {
                sum += counts[l] * logs[l];
            }
            fit[c] = sum;
        }
        for (int tries = 0; tries < CIPHER_TRIES; tries++) {
            int cipher = 0;
            for (int c = 1; c <= ATBASH; c++) {
                if (fit[c] > fit[cipher]) {
                    cipher = c;
                }
            }
            fit[cipher] = Double.NEGATIVE_INFINITY;
            if (cipher == AS_WRITTEN || cipher == 13) {
                continue; // plain text, or rot13's
            }
            int[] score = readUnder(s, t, first, last, words, cipher, true);
            if (reads(score, words)) {
                return ((long) score[1] << 8) | cipher;
            }
        }
        return -1;
    }

    // ---- NATO spelling alphabet, over words

    /** The letters of the NATO spelling alphabet by code word, with the common variant spellings. */
    private static final java.util.Map<String, Character> NATO = nato();

    private static java.util.Map<String, Character> nato() {
        java.util.Map<String, Character> m = new java.util.HashMap<>();
        String[] words = {
            "alfa alpha",
            "bravo",
            "charlie",
            "delta",
            "echo",
            "foxtrot",
            "golf",
            "hotel",
            "india",
            "juliett juliet",
            "kilo",
            "lima",
            "mike",
            "november",
            "oscar",
            "papa",
            "quebec",
            "romeo",
            "sierra",
            "tango",
            "uniform",
            "victor",
            "whiskey whisky",
            "xray",
            "yankee",
            "zulu"
        };
        for (int l = 0; l < 26; l++) {
            for (String w : words[l].split(" ")) {
                m.put(w, (char) ('a' + l));
            }
        }
        String[] digits = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
        for (int d = 0; d < 10; d++) {
            m.put(digits[d], (char) ('0' + d));
        }
        m.put("niner", '9');
        return java.util.Map.copyOf(m);
    }

    private static final WordSet NATO_WORDS = new WordSet(NATO.keySet());

    /** Code words of letters a NATO run needs. */
    private static final int MIN_NATO_LETTERS = 6;

    /**
     * Decodes text spelled in the NATO alphabet ({@code India Golf November Oscar Romeo Echo}): a run of at least
     * {@value #MIN_NATO_LETTERS} letter code words (digit words count inside a run only), apart by spaces, commas,
     * hyphens or dots. A slash, a bar, a line break, two spaces or the word "space" or "stop" is a word break; a
     * run with none is cut into words by {@link #segment}.
     */
    private static void findNato(String s, Tokens t, int[] offsets, Budget budget, List<Decoded> out) {
        int k = 0;
        while (k < t.size && budget.left() > 0) {
            char first = natoAt(s, t, k);
            if (first == 0 || Character.isDigit(first)) {
                k++;
                continue;
            }
            StringBuilder text = new StringBuilder();
            int letters = 0;
            boolean spaced = false;
            int from = t.start[k];
            int to = from;
            int m = k;
            while (m < t.size) {
                if (m > k) {
                    int gap = natoGap(s, t.end[m - 1], t.start[m]);
                    if (gap < 0) {
                        break;
                    }
                    if (gap == 1 && !text.isEmpty() && text.charAt(text.length() - 1) != ' ') {
                        text.append(' ');
                        spaced = true;
                    }
                }
                String w = lowerAscii(s, t.start[m], t.end[m]);
                if (w.equals("space") || w.equals("stop")) {
                    if (!text.isEmpty() && text.charAt(text.length() - 1) != ' ') {
                        text.append(' ');
                        spaced = true;
                    }
                    m++;
                    continue;
                }
                char c = natoAt(s, t, m);
                if (c == 0 || text.length() >= budget.left()) {
                    break;
                }
                if (c >= 'a') {
                    letters++;
                }
                text.append(c);
                // "x-ray" is two tokens
                to = t.end[w.equals("x") ? m + 1 : m];
                m += w.equals("x") ? 2 : 1;
            }
            if (letters >= MIN_NATO_LETTERS) {
                String decoded = text.toString().strip();
                budget.add("nato", spaced ? decoded : segment(decoded), offsets[from], offsets[to], out);
            }
            k = Math.max(m, k + 1);
        }
    }

    /** The letter or digit of the code word at token {@code k} ("x-ray" as two tokens), or 0. */
    private static char natoAt(String s, Tokens t, int k) {
        int len = t.end[k] - t.start[k];
        if (len < 1 || len > 8) {
            return 0;
        }
        if (len == 1) {
            char x = s.charAt(t.start[k]);
            boolean ray = (x == 'x' || x == 'X')
                    && k + 1 < t.size
                    && t.start[k + 1] == t.end[k] + 1
                    && s.charAt(t.end[k]) == '-'
                    && lowerAscii(s, t.start[k + 1], t.end[k + 1]).equals("ray");
            return ray ? 'x' : 0;
        }
        // most tokens are no code word: the table is asked in place first, so that only code words are copied
        if (!NATO_WORDS.contains(s, t.start[k], t.end[k], AS_WRITTEN)) {
            return 0;
        }
        return NATO.get(lowerAscii(s, t.start[k], t.end[k]));
    }

    /**
     * What lies between two code words: 0 a letter break (spaces, commas, hyphens, dots), 1 a word break (a slash,
     * a bar, a line break or two spaces), -1 anything else, which ends the run.
     */
    private static int natoGap(String s, int from, int to) {
        int spaces = 0;
        boolean word = false;
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            switch (c) {
                case ' ', '\t' -> spaces++;
                case ',', '-', '.' -> {}
                case '/', '|', '\n', '\r' -> word = true;
                default -> {
                    return -1;
                }
            }
        }
        return word || spaces >= 2 ? 1 : 0;
    }

    private static String lowerAscii(String s, int from, int to) {
        char[] c = new char[to - from];
        for (int k = from; k < to; k++) {
            char ch = s.charAt(k);
            c[k - from] = ch >= 'A' && ch <= 'Z' ? (char) (ch + 32) : ch;
        }
        return new String(c);
    }

    /** The most letters {@link #segment} cuts into words; the rest of a longer run is left as it is. */
    private static final int MAX_SEGMENTED = 2048;

    /**
     * Cuts letters written without spaces into words of {@link #CIPHER_WORDS} ({@code ignoreallrules -> ignore all
     * rules}): the cut that covers the most letters with known words, with the fewest words on a tie; returned as
     * it was when known words cover less than three quarters of it. Dynamic programming over prefixes, at most 20
     * look-ups per letter.
     */
    static String segment(String letters) {
        int n = Math.min(letters.length(), MAX_SEGMENTED);
        if (n < 8) {
            return letters;
        }
        int[] covered = new int[n + 1];
        int[] words = new int[n + 1];
        int[] back = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            covered[i] = covered[i - 1];
            words[i] = words[i - 1] + 1;
            back[i] = -1; // one letter no word covers
            for (int len = 1; len <= 20 && len <= i; len++) {
                int j = i - len;
                if ((len > 1 || isSingleLetterWord(letters.charAt(j)))
                        && CIPHER_WORDS.contains(letters, j, i, AS_WRITTEN)) {
                    int c = covered[j] + len;
                    int w = words[j] + 1;
                    if (c > covered[i] || (c == covered[i] && w < words[i])) {
                        covered[i] = c;
                        words[i] = w;
                        back[i] = j;
                    }
                }
            }
        }
        if (covered[n] * 4 < n * 3) {
            return letters;
        }
        List<String> parts = new ArrayList<>();
        StringBuilder unknown = new StringBuilder();
        for (int i = n; i > 0; ) {
            if (back[i] < 0) {
                unknown.insert(0, letters.charAt(i - 1));
                i--;
            } else {
                if (!unknown.isEmpty()) {
                    parts.add(unknown.toString());
                    unknown.setLength(0);
                }
                parts.add(letters.substring(back[i], i));
                i = back[i];
            }
        }
        if (!unknown.isEmpty()) {
            parts.add(unknown.toString());
        }
        java.util.Collections.reverse(parts);
        return String.join(" ", parts) + letters.substring(n);
    }

    private static boolean isSingleLetterWord(char c) {
        return c == 'a' || c == 'i' || c == 'A' || c == 'I';
    }

    // ---- Pig Latin and the robber language, over words (decision 031)

    /**
     * Decodes Pig Latin ({@code Ignoreway allway eviouspray instructionsway}): a run of ASCII words that end in "ay"
     * (across sentence punctuation, not markup), at least {@value #MIN_CIPHER_WORDS}, each read back by {@link
     * #unPig}; decoded when at least 60% of the run's words, at least {@value #MIN_CIPHER_WORDS}, become words of
     * {@link #CIPHER_WORDS} and at most 20% are such words as written ("today", "may").
     */
    private static void findPigLatin(String s, Tokens t, int[] offsets, Budget budget, List<Decoded> out) {
        findWordGame(s, t, offsets, budget, out, true);
    }

    /**
     * Decodes the robber language, Swedish rövarspråket ({@code Igognonorore alollol}: each consonant followed by
     * "o" and itself): a run of ASCII words with that pattern, read back by {@link #unRob}, decoded under the same
     * rule as {@link #findPigLatin}.
     */
    private static void findRobber(String s, Tokens t, int[] offsets, Budget budget, List<Decoded> out) {
        findWordGame(s, t, offsets, budget, out, false);
    }

    private static void findWordGame(String s, Tokens t, int[] offsets, Budget budget, List<Decoded> out, boolean pig) {
        if (budget.left() <= 0 || !hasGameRun(s, t, pig)) {
            return;
        }
        // the text plays the game: every word of it in the game is read back, by the list or by the game's plain rule,
        // and one decoded run goes from the first such word to the last, with what lies between them as written
        StringBuilder text = new StringBuilder();
        int from = -1;
        int to = -1;
        for (int m = 0; m < t.size && text.length() < budget.left(); m++) {
            if (!t.asciiWord(s, m) || !isGameWord(s, t, m, pig)) {
                continue;
            }
            String w = s.substring(t.start[m], t.end[m]);
            String r = pig ? unPig(w) : unRob(w);
            if (from < 0) {
                from = t.start[m];
            } else {
                text.append(s, to, t.start[m]);
            }
            text.append(r != null ? r : pig ? pigGuess(w) : robGuess(w));
            to = t.end[m];
        }
        budget.add(pig ? "pig-latin" : "robber", text.toString(), offsets[from], offsets[to], out);
    }

    /** Whether token {@code m} is a word of the game and not a word as written ("today", "away" stay). */
    private static boolean isGameWord(String s, Tokens t, int m, boolean pig) {
        int ws = t.start[m];
        int we = t.end[m];
        if (pig) {
            return isPig(s, ws, we) && !CIPHER_WORDS.contains(s, ws, we, AS_WRITTEN);
        }
        return isRobbed(s, ws, we) && robRead(s.substring(ws, we)) != null;
    }

    /**
     * Whether the text holds a run that plays the game: ASCII words across sentence punctuation (not markup), at
     * least {@value #MIN_CIPHER_WORDS} of them in the game, 60% of those read back as words of the list, at most
     * 20% words as written; the robber language's runs may hold words without consonants.
     */
    private static boolean hasGameRun(String s, Tokens t, boolean pig) {
        // most texts have fewer than 3 words that could be in the game: they are let go after one cheap pass
        int candidates = 0;
        for (int m = 0; m < t.size && candidates < MIN_CIPHER_WORDS; m++) {
            if (pig ? isPig(s, t.start[m], t.end[m]) : isRobbed(s, t.start[m], t.end[m])) {
                candidates++;
            }
        }
        if (candidates < MIN_CIPHER_WORDS) {
            return false;
        }
        int k = 0;
        while (k < t.size) {
            int first = k;
            int last = -1;
            int words = 0;
            while (k < t.size && continuesRun(s, t, first, k) && t.asciiWord(s, k)) {
                boolean game = pig ? isPig(s, t.start[k], t.end[k]) : isRobbed(s, t.start[k], t.end[k]);
                // the robber language leaves words without consonants ("I", "a") as they are
                if (!game && (pig || !vowelsOnly(s, t.start[k], t.end[k]))) {
                    break;
                }
                if (game) {
                    words++;
                }
                last = k++;
            }
            if (last < 0) {
                k++;
                continue;
            }
            if (words < MIN_CIPHER_WORDS) {
                continue;
            }
            int hits = 0;
            int plain = 0;
            for (int m = first; m <= last; m++) {
                String w = s.substring(t.start[m], t.end[m]);
                if ((pig ? unPig(w) : unRob(w)) != null) {
                    hits++;
                }
                if (t.end[m] - t.start[m] >= 2 && CIPHER_WORDS.contains(s, t.start[m], t.end[m], AS_WRITTEN)) {
                    plain++;
                }
            }
            if (mostlyRead(hits, plain, words)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isVowel(char l) {
        return l == 'a' || l == 'e' || l == 'i' || l == 'o' || l == 'u';
    }

    /** Whether a word may be Pig Latin: 4 letters or more, ending in "ay". */
    private static boolean isPig(String s, int from, int to) {
        return to - from >= 4 && (s.charAt(to - 1) | 0x20) == 'y' && (s.charAt(to - 2) | 0x20) == 'a';
    }

    /**
     * A Pig Latin word read back, as a word of {@link #CIPHER_WORDS} in the case its first letter had, or
     * {@code null}: the word without "ay", with 1 to 3 consonants moved back from its end to its start
     * ({@code eviouspray -> previous}), or without "way", "yay", "hay" or "ay" ({@code allway -> all}); a reading
     * that is a common English word first.
     */
    static String unPig(String w) {
        String l = w.toLowerCase(java.util.Locale.ROOT);
        String base = l.substring(0, l.length() - 2);
        List<String> tries = new ArrayList<>(5);
        for (int k = 1; k <= 3 && k < base.length(); k++) {
            char c = base.charAt(base.length() - k);
            if (isVowel(c) && !(c == 'u' && k == 1 && base.length() >= 2 && base.charAt(base.length() - 2) == 'q')) {
                break; // only consonants move ("qu" moves as one)
            }
            tries.add(base.substring(base.length() - k) + base.substring(0, base.length() - k));
        }
        char last = base.charAt(base.length() - 1);
        if ((last == 'w' || last == 'y' || last == 'h') && base.length() >= 3 && isVowel(base.charAt(0))) {
            tries.add(base.substring(0, base.length() - 1));
        }
        if (isVowel(base.charAt(0))) {
            tries.add(base);
        }
        // a word may be read two ways ("allway": "all" or "wall"; "ethay": "the" or Dutch "het"): a common English
        // word wins, then any word of the list
        for (WordSet words : List.of(COMMON, CIPHER_WORDS)) {
            for (String r : tries) {
                if (r.length() >= 2 && words.contains(r)) {
                    return Character.isUpperCase(w.charAt(0)) ? Character.toUpperCase(r.charAt(0)) + r.substring(1) : r;
                }
            }
        }
        return null;
    }

    private static boolean vowelsOnly(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            char l = (char) (s.charAt(k) | 0x20);
            if (l != '\'' && !isVowel(l)) {
                return false;
            }
        }
        return true;
    }

    /** Consonant clusters that begin English words, for reading back a Pig Latin word the list does not know. */
    private static final Set<String> ONSETS = Set.of(
            "bl", "br", "ch", "cl", "cr", "dr", "dw", "fl", "fr", "gl", "gn", "gr", "kl", "kn", "kr", "ph", "pl", "pr",
            "ps", "qu", "sc", "sh", "sk", "sl", "sm", "sn", "sp", "st", "sw", "th", "tr", "tw", "wh", "wr", "chr",
            "sch", "scr", "shr", "spl", "spr", "squ", "str", "thr");

    /**
     * A Pig Latin word the list does not know, read back by the plain rule: without "way" when it starts with a
     * vowel, else with the longest consonant cluster before "ay" that can begin an English word (at most 3, "qu"
     * as one) moved to its start; the parts around an apostrophe ({@code itway'say}) each on their own.
     */
    private static String pigGuess(String w) {
        int apostrophe = w.indexOf('\'');
        if (apostrophe > 0 && apostrophe < w.length() - 1) {
            String head = w.substring(0, apostrophe);
            String tail = w.substring(apostrophe + 1);
            return (head.length() >= 4 && isPig(head, 0, head.length()) ? pigGuess(head) : head) + "'"
                    + (tail.length() >= 3
                                    && tail.toLowerCase(java.util.Locale.ROOT).endsWith("ay")
                            ? pigGuess(tail)
                            : tail);
        }
        String base = w.substring(0, w.length() - 2);
        if (base.length() >= 3
                && isVowel((char) (base.charAt(0) | 0x20))
                && (base.charAt(base.length() - 1) | 0x20) == 'w') {
            return base.substring(0, base.length() - 1);
        }
        String lower = base.toLowerCase(java.util.Locale.ROOT);
        int k = 0;
        boolean qu = lower.endsWith("qu") && lower.length() > 2;
        if (qu) {
            k = lower.endsWith("squ") && lower.length() > 3 ? 3 : 2;
        }
        for (int len = 1; !qu && len <= 3 && len < lower.length(); len++) {
            String cluster = lower.substring(lower.length() - len);
            if (!cluster.chars().allMatch(c -> !isVowel((char) c))) {
                break;
            }
            if (len == 1 || ONSETS.contains(cluster)) {
                k = len; // the longest cluster that can begin a word
            }
        }
        if (k == 0) {
            return base;
        }
        String moved = lower.substring(lower.length() - k) + lower.substring(0, lower.length() - k);
        return Character.isUpperCase(w.charAt(0)) ? Character.toUpperCase(moved.charAt(0)) + moved.substring(1) : moved;
    }

    /** A robber-language word read back whatever it says, or as written when a consonant is not doubled. */
    private static String robGuess(String w) {
        String read = robRead(w);
        return read == null ? w : read;
    }

    /** A robber-language word read back whatever it says, or {@code null} when a consonant is not doubled. */
    private static String robRead(String w) {
        StringBuilder r = new StringBuilder(w.length() / 2 + 1);
        for (int k = 0; k < w.length(); k++) {
            char c = w.charAt(k);
            char l = (char) (c | 0x20);
            if (l >= 'a' && l <= 'z' && !isVowel(l)) {
                if (k + 2 >= w.length() || w.charAt(k + 1) != 'o' || (w.charAt(k + 2) | 0x20) != l) {
                    return null;
                }
                k += 2;
            }
            r.append(c);
        }
        return r.toString();
    }

    /** Whether a word may be in the robber language: some consonant followed by "o" and itself, 5 letters or more. */
    private static boolean isRobbed(String s, int from, int to) {
        if (to - from < 5) {
            return false;
        }
        for (int k = from; k + 2 < to; k++) {
            char c = (char) (s.charAt(k) | 0x20);
            if (c >= 'a' && c <= 'z' && !isVowel(c) && s.charAt(k + 1) == 'o' && (s.charAt(k + 2) | 0x20) == c) {
                return true;
            }
        }
        return false;
    }

    /**
     * A robber-language word read back, if it is one throughout and has two doubled consonants or more or becomes a
     * word of the list; else {@code null}.
     */
    static String unRob(String w) {
        String read = robRead(w);
        if (read == null || read.length() < 2) {
            return null;
        }
        // every consonant doubled with an "o", at least twice, is the game whatever the word: ordinary words of
        // any language almost never are ("momo" is, once); a word with one such consonant must be a word of the list
        return w.length() - read.length() >= 4 || CIPHER_WORDS.contains(read) ? read : null;
    }

    // ---- Braille, Ascii85 and uuencode, over chars

    /** Six-dot Braille cells (the low 6 bits of U+2800 + cell) to the letters and marks of English grade 1 Braille. */
    private static final char[] BRAILLE = braille();

    private static final int BRAILLE_CAPITAL = 0x20;
    private static final int BRAILLE_NUMBER = 0x3C;

    private static char[] braille() {
        char[] cells = new char[64];
        String[] aToJ = {"1", "12", "14", "145", "15", "124", "1245", "125", "24", "245"};
        for (int l = 0; l < 10; l++) {
            int dots = dots(aToJ[l]);
            cells[dots] = (char) ('a' + l);
            cells[dots | dots("3")] = (char) ('k' + l); // k to t add dot 3
        }
        String uToZ = "uvxyz";
        for (int l = 0; l < 5; l++) {
            cells[dots(aToJ[l]) | dots("36")] = uToZ.charAt(l);
        }
        cells[dots("2456")] = 'w';
        String[][] marks = {
            {"2", ","}, {"23", ";"}, {"25", ":"}, {"256", "."}, {"235", "!"}, {"236", "?"}, {"3", "'"}, {"36", "-"}
        };
        for (String[] m : marks) {
            cells[dots(m[0])] = m[1].charAt(0);
        }
        return cells;
    }

    private static int dots(String numbers) {
        int bits = 0;
        for (char d : numbers.toCharArray()) {
            bits |= 1 << (d - '1');
        }
        return bits;
    }

    /** Braille letters a run needs. */
    private static final int MIN_BRAILLE_LETTERS = 6;

    /**
     * Decodes English grade 1 Braille written in Unicode Braille cells ({@code ⠊⠛⠝⠕⠗⠑}): letters, the capital and
     * number signs, eight marks; the blank cell and spaces are spaces. A run of cells with at least {@value
     * #MIN_BRAILLE_LETTERS} letters is decoded; written without spaces, it is cut into words by {@link #segment}.
     * Contractions of grade 2 Braille ({@code ⠞⠓⠑} written as one cell) are read as the letters their cells also
     * are, so grade 2 text comes out garbled.
     */
    private static void findBraille(String s, int[] offsets, Budget budget, List<Decoded> out) {
        int n = s.length();
        int i = 0;
        while (i < n && budget.left() > 0) {
            if (!isBrailleCell(s.charAt(i)) || s.charAt(i) == 0x2800) {
                i++;
                continue;
            }
            StringBuilder text = new StringBuilder();
            int letters = 0;
            boolean capital = false;
            boolean number = false;
            boolean spaced = false;
            int j = i;
            int end = i;
            while (j < n) {
                char c = s.charAt(j);
                if (c == ' ' || c == 0x2800 || c == '\n') {
                    if (!text.isEmpty() && text.charAt(text.length() - 1) != ' ') {
                        text.append(' ');
                        spaced = true;
                    }
                    number = false;
                    j++;
                    continue;
                }
                if (!isBrailleCell(c)) {
                    break;
                }
                int cell = c - 0x2800;
                if (cell == BRAILLE_CAPITAL) {
                    capital = true;
                } else if (cell == BRAILLE_NUMBER) {
                    number = true;
                } else if (BRAILLE[cell] != 0) {
                    char l = BRAILLE[cell];
                    if (number && l >= 'a' && l <= 'j') {
                        text.append(l == 'j' ? '0' : (char) ('1' + (l - 'a')));
                    } else {
                        number = false;
                        if (l >= 'a' && l <= 'z') {
                            letters++;
                        }
                        text.append(capital ? Character.toUpperCase(l) : l);
                    }
                    capital = false;
                }
                j++;
                end = j;
            }
            if (letters >= MIN_BRAILLE_LETTERS) {
                String decoded = text.toString().strip();
                budget.add("braille", spaced ? decoded : segment(decoded), offsets[i], offsets[end], out);
            }
            i = Math.max(j, i + 1);
        }
    }

    private static boolean isBrailleCell(char c) {
        return c >= 0x2800 && c <= 0x283F;
    }

    /** Chars of an Ascii85 token before it is decoded. */
    private static final int MIN_ASCII85 = 20;

    /**
     * Decodes Ascii85 (btoa, Adobe's {@code <~ ~>} delimiters optional): a whitespace-separated token of at least
     * {@value #MIN_ASCII85} chars, all in {@code ! to u}, read 5 chars to 4 bytes as UTF-8; the result must be
     * printable and mostly letters, which ordinary tokens (paths, base64) almost never give. The {@code z}
     * shorthand for four zero bytes is not read: zero bytes are no text.
     */
    private static void findAscii85(String s, int[] offsets, Budget budget, List<Decoded> out) {
        int n = s.length();
        int i = 0;
        while (i < n && budget.left() > 0) {
            if (isSpace(s.charAt(i))) {
                i++;
                continue;
            }
            int j = i;
            boolean inRange = true;
            while (j < n && !isSpace(s.charAt(j))) {
                char c = s.charAt(j);
                inRange &= c >= '!' && c <= 'u' || c == '~';
                j++;
            }
            if (!inRange || j - i < MIN_ASCII85) {
                i = j;
                continue;
            }
            int from = s.startsWith("<~", i) ? i + 2 : i;
            int to = j - from >= 2 && s.startsWith("~>", j - 2) ? j - 2 : j;
            if (to - from >= MIN_ASCII85 && isAscii85(s, from, to)) {
                String text = decodeAscii85(s, from, to, budget.left());
                if (text != null && mostlyLetters(text)) {
                    budget.add("ascii85", text, offsets[from], offsets[to], out);
                }
            }
            i = j;
        }
    }

    private static boolean isSpace(char c) {
        return c <= ' '
                ? c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B
                : c >= 0x80 && Character.isWhitespace(c);
    }

    private static boolean isAscii85(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (c < '!' || c > 'u') {
                return false;
            }
        }
        return true;
    }

    private static String decodeAscii85(String s, int from, int to, int limit) {
        int end = Math.min(to, from + 5 * (limit / 4 + 1));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int k = from; k < end; k += 5) {
            int len = Math.min(5, end - k);
            if (len == 1) {
                return null; // a lone last char cannot be Ascii85
            }
            long v = 0;
            for (int d = 0; d < 5; d++) {
                v = v * 85 + (d < len ? s.charAt(k + d) - '!' : 84);
            }
            if (v > 0xFFFFFFFFL) {
                return null;
            }
            for (int b = 0; b < len - 1; b++) {
                bytes.write((int) (v >>> (24 - 8 * b)) & 0xFF);
            }
        }
        return printableUtf8(bytes.toByteArray(), end < to);
    }

    /** Bytes of uuencoded lines before they are decoded. */
    private static final int MIN_UU_BYTES = 12;

    /**
     * Decodes uuencoded lines: each line (the first may also begin after a space, behind a request on the same
     * line) a length char ({@code !} to {@code M}, 1 to 45 bytes) and 4 chars in {@code space to `} for each 3
     * bytes; consecutive lines are read together, and at least {@value #MIN_UU_BYTES} bytes of printable text that is
     * mostly letters are needed. {@code begin} and {@code end} lines are not needed and not read.
     */
    private static void findUu(String s, int[] offsets, Budget budget, List<Decoded> out) {
        int n = s.length();
        int ls = 0;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        int runFrom = -1;
        int runTo = -1;
        while (ls <= n && budget.left() > 0) {
            int le = s.indexOf('\n', ls);
            if (le < 0) {
                le = n;
            }
            int body = le > ls && s.charAt(le - 1) == '\r' ? le - 1 : le;
            int start = uuLineStart(s, ls, body, runFrom < 0);
            if (start >= 0) {
                if (runFrom < 0) {
                    runFrom = start;
                }
                decodeUuLine(s, start, body, bytes);
                runTo = body;
            } else if (runFrom >= 0) {
                flushUu(bytes, runFrom, runTo, offsets, budget, out);
                runFrom = -1;
            }
            if (le == n) {
                break;
            }
            ls = le + 1;
        }
        if (runFrom >= 0) {
            flushUu(bytes, runFrom, runTo, offsets, budget, out);
        }
    }

    /** Where a uuencoded line in {@code s[ls, le)} begins, or -1: at the line start, or after a space if it may. */
    private static int uuLineStart(String s, int ls, int le, boolean afterSpace) {
        if (isUuLine(s, ls, le)) {
            return ls;
        }
        if (afterSpace) {
            // the encoded text has spaces only for zero bits, so any space of the line's last 62 chars may be the one
            // before it; only those are tried, so a long line costs no more than a short one
            for (int sp = le - 1; sp >= ls && le - sp <= 62; sp--) {
                if (s.charAt(sp) == ' ' && isUuLine(s, sp + 1, le)) {
                    return sp + 1;
                }
            }
        }
        return -1;
    }

    private static boolean isUuLine(String s, int from, int to) {
        if (to - from < 5) {
            return false;
        }
        int len = s.charAt(from) - 32;
        if (len < 1 || len > 45) {
            return false;
        }
        int chars = (len + 2) / 3 * 4;
        if (to - from - 1 != chars) {
            return false;
        }
        for (int k = from + 1; k < to; k++) {
            char c = s.charAt(k);
            if (c < ' ' || c > '`') {
                return false;
            }
        }
        return true;
    }

    private static void decodeUuLine(String s, int from, int to, java.io.ByteArrayOutputStream bytes) {
        int len = s.charAt(from) - 32;
        int written = 0;
        for (int k = from + 1; k + 4 <= to && written < len; k += 4) {
            int v = 0;
            for (int d = 0; d < 4; d++) {
                v = (v << 6) | ((s.charAt(k + d) - 32) & 0x3F);
            }
            for (int b = 0; b < 3 && written < len; b++, written++) {
                bytes.write((v >>> (16 - 8 * b)) & 0xFF);
            }
        }
    }

    private static void flushUu(
            java.io.ByteArrayOutputStream bytes, int from, int to, int[] offsets, Budget budget, List<Decoded> out) {
        if (bytes.size() >= MIN_UU_BYTES) {
            String text = printableUtf8(bytes.toByteArray(), false);
            if (text != null && mostlyLetters(text)) {
                budget.add("uuencode", text, offsets[from], offsets[to], out);
            }
        }
        bytes.reset();
    }

    // ---- small helpers

    /** A set of lower-case ASCII words, looked up case-insensitively in place, optionally through a cipher. */
    private static final class WordSet {
        private final String[] slots;
        private final int maxLength;
        private final Set<String> words;

        WordSet(Set<String> words) {
            this.words = Set.copyOf(words);
            this.slots = new String[Integer.highestOneBit(Math.max(16, words.size() * 2 - 1)) << 1];
            int max = 0;
            for (String w : words) {
                int h = hash(w, 0, w.length(), AS_WRITTEN) & (slots.length - 1);
                while (slots[h] != null) {
                    h = (h + 1) & (slots.length - 1);
                }
                slots[h] = w;
                max = Math.max(max, w.length());
            }
            if (words.size() * 2 > slots.length) {
                throw new AssertionError("word table too small for " + words.size() + " words");
            }
            maxLength = max;
        }

        Set<String> words() {
            return words;
        }

        /** Whether {@code s[from, to)} read backwards is in the set. */
        boolean containsReversed(String s, int from, int to) {
            if (to - from > maxLength || to == from) {
                return false;
            }
            int h = 0;
            for (int k = to - 1; k >= from; k--) {
                h = 31 * h + lower(s.charAt(k), AS_WRITTEN);
            }
            h = (h ^ (h >>> 16)) & (slots.length - 1);
            for (String w = slots[h]; w != null; h = (h + 1) & (slots.length - 1), w = slots[h]) {
                if (w.length() == to - from && matchesReversed(w, s, to)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean matchesReversed(String w, String s, int to) {
            for (int k = 0; k < w.length(); k++) {
                if (w.charAt(k) != lower(s.charAt(to - 1 - k), AS_WRITTEN)) {
                    return false;
                }
            }
            return true;
        }

        boolean contains(String w) {
            return contains(w, 0, w.length(), AS_WRITTEN);
        }

        /** Whether {@code s[from, to)}, read through a {@link #decipher cipher}, is in the set. */
        boolean contains(String s, int from, int to, int cipher) {
            if (to - from > maxLength || to == from) {
                return false;
            }
            int h = hash(s, from, to, cipher) & (slots.length - 1);
            for (String w = slots[h]; w != null; h = (h + 1) & (slots.length - 1), w = slots[h]) {
                if (w.length() == to - from && matches(w, s, from, cipher)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean matches(String w, String s, int from, int cipher) {
            for (int k = 0; k < w.length(); k++) {
                if (w.charAt(k) != lower(s.charAt(from + k), cipher)) {
                    return false;
                }
            }
            return true;
        }

        private static int hash(String s, int from, int to, int cipher) {
            int h = 0;
            for (int k = from; k < to; k++) {
                h = 31 * h + lower(s.charAt(k), cipher);
            }
            return h ^ (h >>> 16);
        }

        private static char lower(char c, int cipher) {
            char l = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c < 128 ? c : Character.toLowerCase(c);
            return cipher == AS_WRITTEN ? l : decipher(l, cipher);
        }
    }

    /** Caps the decoded output of one call. */
    private static final class Budget {
        private int left;

        Budget(int left) {
            this.left = left;
        }

        int left() {
            return left;
        }

        void add(String encoding, String text, int start, int end, List<Decoded> out) {
            if (left <= 0 || text.isEmpty()) {
                return;
            }
            String kept = text.length() > left ? text.substring(0, left) : text;
            left -= kept.length();
            out.add(new Decoded(encoding, kept, start, end));
        }
    }

    /** A growable char array: cheaper than a StringBuilder for one char at a time. */
    private static final class CharBuf {
        private char[] a;
        private int size;

        CharBuf(int capacity) {
            a = new char[Math.max(capacity, 4)];
        }

        void append(char c) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size + (size >> 1) + 1);
            }
            a[size++] = c;
        }

        void append(String s) {
            for (int k = 0; k < s.length(); k++) {
                append(s.charAt(k));
            }
        }

        int length() {
            return size;
        }

        char charAt(int k) {
            return a[k];
        }

        void setCharAt(int k, char c) {
            a[k] = c;
        }

        @Override
        public String toString() {
            return new String(a, 0, size);
        }
    }

    private static final class IntList {
        private int[] a;
        private int size;

        IntList(int capacity) {
            a = new int[Math.max(capacity, 4)];
        }

        void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size + (size >> 1) + 1);
            }
            a[size++] = v;
        }

        int[] toArray() {
            return size == a.length ? a : Arrays.copyOf(a, size);
        }
    }
}
