package io.trustgate.firewall.learn;

/**
 * Hashed character and word n-grams, the classic cheap text features: lower-cased character n-grams of
 * {@code charMin..charMax} chars (whitespace runs read as one space, so the text's layout does not matter) and word
 * n-grams of {@code 1..wordMax} words (a word is a run of letters or digits), each hashed into {@code 2^bucketBits}
 * buckets. A feature's value is {@code 1 + ln(count)} (sublinear term frequency, so a phrase repeated fifty times
 * does not drown the rest) and the vector is scaled to unit L2 norm, so that long and short texts score alike.
 *
 * <p>Character n-grams survive misspellings, inflections and split words ("ign ore"), which word features miss;
 * word n-grams carry the phrase-level signal ("previous instructions") more compactly. No vocabulary is stored: the
 * hash is the vocabulary, so the model is just the weight array. Collisions cost a little accuracy.
 *
 * <p>Cost: linear in the text, a few hash steps per char; a 2 KB text takes roughly 0.1 ms.
 *
 * @param charMin shortest character n-gram, at least 1
 * @param charMax longest character n-gram, at most 8
 * @param wordMax longest word n-gram (0 for none, at most 2)
 * @param bucketBits log2 of the dimension, 10 to 24
 * @param concepts whether to add {@link Concepts} features: each concept the text touches and each pair of them
 * @param gloss whether to add the word features of a foreign word's English {@link Gloss} (and its concepts)
 */
public record HashedNgrams(int charMin, int charMax, int wordMax, int bucketBits, boolean concepts, boolean gloss)
        implements Featurizer {
    /**
     * The configuration of the shipped injection model: char 1..5-grams, word 1..2-grams, 2^20 buckets (2^18 before
     * decision 018), concept pairs, English glosses.
     */
    public static final HashedNgrams DEFAULT = new HashedNgrams(1, 5, 2, 20, true, true);

    static final int FNV_PRIME = 0x01000193;
    static final int WORD_SEED = 0x2545F491;
    private static final int CHAR_SEED = 0x811C9DC5;

    /**
     * The value of a concept feature. It is added after the n-grams are scaled to unit length, so that a concept
     * weighs the same in a long text as in a short one.
     */
    static final float CONCEPT_VALUE = 0.5f;

    /** Without concept features and glosses. */
    public HashedNgrams(int charMin, int charMax, int wordMax, int bucketBits) {
        this(charMin, charMax, wordMax, bucketBits, false, false);
    }

    /** Without glosses. */
    public HashedNgrams(int charMin, int charMax, int wordMax, int bucketBits, boolean concepts) {
        this(charMin, charMax, wordMax, bucketBits, concepts, false);
    }

    private static final ThreadLocal<Counter> COUNTER = ThreadLocal.withInitial(Counter::new);

    /** Per ASCII char: {@code Character.toLowerCase}, with whitespace folded to a space as {@link #count} does. */
    private static final char[] ASCII_LOWER = new char[0x80];

    /** Per ASCII char (already lowered): {@code Character.isLetterOrDigit}; ASCII has no marks, so also {@code Gloss.wordChar}. */
    private static final boolean[] ASCII_WORD = new boolean[0x80];

    static {
        for (char c = 0; c < 0x80; c++) {
            char lower = Character.toLowerCase(c);
            ASCII_LOWER[c] = Character.isWhitespace(lower) ? ' ' : lower;
            ASCII_WORD[c] = Character.isLetterOrDigit(c);
        }
    }

    /** {@code 1 + ln(count)}, the value of an n-gram seen {@code count} times, for the counts most n-grams have. */
    private static final double[] ONE_PLUS_LOG = new double[256];

    static {
        for (int c = 1; c < ONE_PLUS_LOG.length; c++) {
            ONE_PLUS_LOG[c] = 1 + Math.log(c);
        }
    }

    static double onePlusLog(int count) {
        return count < ONE_PLUS_LOG.length ? ONE_PLUS_LOG[count] : 1 + Math.log(count);
    }

    public HashedNgrams {
        if (charMin < 1 || charMax > 8 || charMin > charMax) {
            throw new IllegalArgumentException(
                    "char n-grams must satisfy 1 <= min <= max <= 8, were " + charMin + ".." + charMax);
        }
        if (wordMax < 0 || wordMax > 2) {
            throw new IllegalArgumentException("wordMax must be 0, 1 or 2, was " + wordMax);
        }
        if (bucketBits < 10 || bucketBits > 24) {
            throw new IllegalArgumentException("bucketBits must be in [10, 24], was " + bucketBits);
        }
    }

    @Override
    public int dimension() {
        return 1 << bucketBits;
    }

    @Override
    public Vector features(CharSequence text) {
        Counter c = COUNTER.get();
        c.clear();
        count(text, c);
        return c.toVector(concepts ? dimension() - 1 : 0);
    }

    /**
     * The dot product of {@code weights} with the features of {@code text[start, end)}, plus {@code intercept}: the
     * same number as {@code intercept + w . features(text.subSequence(start, end))}, computed without copying the
     * text or building the vector (the scanners' hot path).
     */
    double dot(CharSequence text, int start, int end, float[] weights, float intercept) {
        Counter c = COUNTER.get();
        c.clear();
        count(text, start, end, c);
        return c.dot(weights, intercept, concepts ? dimension() - 1 : 0);
    }

    /**
     * As {@link #dot(CharSequence, int, int, float[], float)}, plus what {@code hidden} adds for the same features:
     * the same number as {@link LinearModel#margin(Featurizer.Vector)} of the window's vector.
     */
    double dot(CharSequence text, int start, int end, float[] weights, float intercept, HiddenLayer hidden) {
        Counter c = COUNTER.get();
        c.clear();
        count(text, start, end, c);
        double[] a = c.activations(hidden);
        hidden.start(a);
        double z = c.dot(weights, intercept, concepts ? dimension() - 1 : 0, hidden, a);
        return z + hidden.score(a);
    }

    /** Adds every n-gram of the text to the counter. */
    void count(CharSequence text, Counter counter) {
        count(text, 0, text.length(), counter);
    }

    /** Adds every n-gram of {@code text[from, to)} to the counter. */
    void count(CharSequence text, int from, int to, Counter counter) {
        int mask = dimension() - 1;
        int len = to - from;
        // the last charMax chars of the folded stream, newest at ring[pos % charMax]
        char[] ring = new char[charMax];
        int seen = 0;
        int wordHash = 0;
        int wordStart = 0;
        int prevWord = 0;
        int prevPrevWord = 0;
        boolean inWord = false;
        boolean havePrev = false;
        boolean havePrevPrev = false;
        // whether the word holds a char of a script whose glossary forms are found inside words (Gloss.segmented)
        boolean segmentedWord = false;
        GlossState g = gloss ? new GlossState() : null;
        boolean lastSpace = true;
        // a virtual space before and after the text, so that word starts and ends are n-grams of their own
        char[] chars = counter.chars(text, from, to);
        for (int i = -1; i <= len; i++) {
            char ch;
            boolean wordChar;
            char raw = i < 0 || i == len ? ' ' : chars[i];
            if (raw < 0x80) {
                // ASCII, most of what is scanned: the same answers as the Character calls below, from a table
                ch = ASCII_LOWER[raw];
                wordChar = ASCII_WORD[ch];
            } else {
                ch = Character.toLowerCase(raw);
                if (Character.isWhitespace(ch)) {
                    ch = ' ';
                }
                // with glosses a word keeps its marks (Hindi and Thai vowel signs), so that it can be looked up
                // whole; without, the features are those the older models were trained with
                wordChar = gloss
                        ? (inWord ? Gloss.wordChar(ch) : Character.isLetterOrDigit(ch))
                        : Character.isLetterOrDigit(ch);
            }
            if (wordChar) {
                if (!inWord) {
                    wordStart = i;
                    segmentedWord = false;
                }
                wordHash = inWord ? (wordHash ^ ch) * FNV_PRIME : (WORD_SEED ^ ch) * FNV_PRIME;
                segmentedWord |= gloss && Gloss.segmented(ch);
                inWord = true;
            } else if (inWord) {
                inWord = false;
                if (concepts) {
                    counter.concepts |= Concepts.word(wordHash) | (havePrev ? Concepts.pair(prevWord, wordHash) : 0);
                }
                counter.add(mix(wordHash ^ 0x5BD1E995) & mask);
                if (wordMax >= 2 && havePrev) {
                    counter.add(bigram(prevWord, wordHash) & mask);
                }
                if (gloss) {
                    g.hasPrev = havePrev;
                    boolean glossed = emit(Gloss.english(wordHash), counter, mask, g);
                    if (!glossed && segmentedWord) {
                        glossed = segment(text, from + wordStart, from + i, counter, mask, g);
                    }
                    // a form of several words ("bỏ qua") ends at this word: the longest wins
                    int before = havePrevPrev ? 2 : havePrev ? 1 : 0;
                    glossed |= emit(Gloss.phraseEndingAt(before, prevPrevWord, prevWord, wordHash), counter, mask, g);
                    if (glossed) {
                        g.prevGlossed = true;
                    } else {
                        // "ignorez tout": the bigram of the gloss and this word; two plain words have theirs above
                        if (g.prevGlossed && wordMax >= 2) {
                            counter.add(bigram(g.prevEnglish, wordHash) & mask);
                        }
                        if (concepts && g.prevGlossed) {
                            counter.concepts |= Concepts.pair(g.prevEnglish, wordHash);
                        }
                        g.prevEnglish = wordHash;
                        g.prevGlossed = false;
                    }
                }
                prevPrevWord = prevWord;
                havePrevPrev = havePrev;
                prevWord = wordHash;
                havePrev = true;
            }
            if (ch == ' ' && lastSpace && i >= 0) {
                continue; // one space stands for a whole run
            }
            lastSpace = ch == ' ';
            ring[seen % charMax] = ch;
            seen++;
            int h = CHAR_SEED;
            int longest = Math.min(charMax, seen);
            for (int n = 1; n <= longest; n++) {
                h = (h ^ ring[(seen - n) % charMax]) * FNV_PRIME;
                if (n >= charMin) {
                    counter.add(mix(h + n * 0x61C88647) & mask);
                }
            }
        }
    }

    /** Where the English glosses of a text stand: the last English (or plain) word, and whether one came before. */
    private static final class GlossState {
        int prevEnglish;
        boolean prevGlossed;
        boolean hasPrev;
    }

    /**
     * Adds the word features (and concepts) of English words as if the text had said them after {@code g}'s last
     * word; returns whether there were any.
     */
    private boolean emit(int[] english, Counter counter, int mask, GlossState g) {
        if (english.length == 0) {
            return false;
        }
        int prev = g.prevEnglish;
        boolean hasPrev = g.hasPrev;
        for (int e : english) {
            counter.add(mix(e ^ 0x5BD1E995) & mask);
            if (wordMax >= 2 && hasPrev) {
                counter.add(bigram(prev, e) & mask);
            }
            if (concepts) {
                counter.concepts |= Concepts.word(e) | (hasPrev ? Concepts.pair(prev, e) : 0);
            }
            prev = e;
            hasPrev = true;
        }
        g.prevEnglish = prev;
        g.hasPrev = true;
        return true;
    }

    /** Glosses the forms found inside a word of a script that does not separate words ({@link Gloss#segment}). */
    private boolean segment(CharSequence text, int start, int end, Counter counter, int mask, GlossState g) {
        return Gloss.segment(text, start, end, en -> emit(en, counter, mask, g)) > 0;
    }

    /** The hash of a word bigram, before masking. */
    private static int bigram(int first, int second) {
        return mix(first * 0x9E3779B1 + second + 0x27D4EB2F);
    }

    /** Murmur3's finaliser: spreads the FNV state over all 32 bits before masking. */
    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }

    /** An open-addressing count table reused per thread; clearing costs the entries used, not the capacity. */
    static final class Counter {
        /** Slot {@code s}'s key at {@code [2s]} and its count at {@code [2s + 1]}: one cache line for both. */
        private int[] table = newTable(1 << 14);

        /**
         * The slots in use, in the order their keys came. One longer than half the slots: the table grows after the
         * add that takes it past half full, so that add needs a place here first (without it, 8,193 distinct
         * n-grams in one window threw).
         */
        private int[] order = new int[(1 << 13) + 1];

        private int size;
        /** The concepts seen, as a bit mask. */
        int concepts;
        /** The text being counted, copied out of its {@code CharSequence}. */
        private char[] chars = new char[2048];

        private static int[] newTable(int slots) {
            int[] t = new int[2 * slots];
            for (int s = 0; s < t.length; s += 2) {
                t[s] = -1;
            }
            return t;
        }

        /** {@code text[from, to)} in this counter's buffer, from index 0. */
        char[] chars(CharSequence text, int from, int to) {
            int len = to - from;
            if (chars.length < len) {
                chars = new char[Math.max(len, 2 * chars.length)];
            }
            if (text instanceof String s) {
                s.getChars(from, to, chars, 0);
            } else {
                for (int i = 0; i < len; i++) {
                    chars[i] = text.charAt(from + i);
                }
            }
            return chars;
        }

        void clear() {
            for (int k = 0; k < size; k++) {
                int s = 2 * order[k];
                table[s] = -1;
                table[s + 1] = 0;
            }
            size = 0;
            concepts = 0;
        }

        private int key(int slot) {
            return table[2 * slot];
        }

        private int count(int slot) {
            return table[2 * slot + 1];
        }

        void add(int key) {
            int m = (table.length >> 1) - 1;
            int slot = mix(key * 0x9E3779B1) & m;
            while (true) {
                int k = table[2 * slot];
                if (k == key) {
                    table[2 * slot + 1]++;
                    return;
                }
                if (k == -1) {
                    table[2 * slot] = key;
                    table[2 * slot + 1] = 1;
                    order[size++] = slot;
                    if (size * 4 > table.length) {
                        grow();
                    }
                    return;
                }
                slot = (slot + 1) & m;
            }
        }

        private void grow() {
            int[] old = table;
            int[] oldOrder = order;
            int n = size;
            int slots = old.length; // twice the old number of slots
            table = newTable(slots);
            order = new int[slots / 2 + 1];
            size = 0;
            for (int k = 0; k < n; k++) {
                int slot = oldOrder[k];
                int c = old[2 * slot + 1];
                add(old[2 * slot]);
                table[2 * order[size - 1] + 1] = c;
            }
        }

        /**
         * The bucket of each concept feature present (each concept alone, then each pair), given the dimension's
         * mask; none when the mask is 0 (concepts off). For the training path; {@link #dot} walks the same keys in
         * the same order without the array.
         */
        int[] conceptKeys(int mask) {
            if (mask == 0 || concepts == 0) {
                return new int[0];
            }
            int n = Integer.bitCount(concepts);
            int[] out = new int[n + n * (n - 1) / 2];
            int k = 0;
            for (int i = 0; i < Concepts.COUNT; i++) {
                if ((concepts & (1 << i)) == 0) {
                    continue;
                }
                out[k++] = conceptKey(i, mask);
                for (int j = i + 1; j < Concepts.COUNT; j++) {
                    if ((concepts & (1 << j)) != 0) {
                        out[k++] = pairKey(i, j, mask);
                    }
                }
            }
            return out;
        }

        static int conceptKey(int i, int mask) {
            return mix(0x3C0FFEE1 + i) & mask;
        }

        static int pairKey(int i, int j, int mask) {
            return mix(0x7AB00001 + i * 16 + j) & mask;
        }

        /** A per-thread scratch array for a hidden layer's activations. */
        private double[] activations = new double[0];

        double[] activations(HiddenLayer h) {
            if (activations.length != h.units()) {
                activations = new double[h.units()];
            }
            return activations;
        }

        /** What {@code intercept + w . toVector()} gives, with the same float roundings in the same order. */
        double dot(float[] w, float intercept, int conceptMask) {
            return dot(w, intercept, conceptMask, null, null);
        }

        /**
         * As {@link #dot(float[], float, int)}, also adding each feature to a hidden layer's activations {@code a}
         * when {@code h} is not null.
         */
        double dot(float[] w, float intercept, int conceptMask, HiddenLayer h, double[] a) {
            double norm = 0;
            for (int k = 0; k < size; k++) {
                double v = onePlusLog(count(order[k]));
                norm += v * v;
            }
            float inv = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 1f;
            double z = intercept;
            for (int k = 0; k < size; k++) {
                int slot = order[k];
                float val = (float) onePlusLog(count(slot));
                if (norm > 0) {
                    val *= inv;
                }
                z += w[key(slot)] * val;
                if (h != null) {
                    h.add(a, key(slot), val);
                }
            }
            if (conceptMask != 0) {
                // the order of conceptKeys, so that the sum rounds as the training path's does; no allocation
                for (int i = 0; i < Concepts.COUNT; i++) {
                    if ((concepts & (1 << i)) == 0) {
                        continue;
                    }
                    z += w[conceptKey(i, conceptMask)] * CONCEPT_VALUE;
                    if (h != null) {
                        h.add(a, conceptKey(i, conceptMask), CONCEPT_VALUE);
                    }
                    for (int j = i + 1; j < Concepts.COUNT; j++) {
                        if ((concepts & (1 << j)) != 0) {
                            z += w[pairKey(i, j, conceptMask)] * CONCEPT_VALUE;
                            if (h != null) {
                                h.add(a, pairKey(i, j, conceptMask), CONCEPT_VALUE);
                            }
                        }
                    }
                }
            }
            return z;
        }

        Vector toVector(int conceptMask) {
            int[] idx = new int[size];
            float[] val = new float[size];
            double norm = 0;
            for (int k = 0; k < size; k++) {
                int slot = order[k];
                idx[k] = key(slot);
                double v = onePlusLog(count(slot));
                val[k] = (float) v;
                norm += v * v;
            }
            if (norm > 0) {
                float inv = (float) (1 / Math.sqrt(norm));
                for (int k = 0; k < size; k++) {
                    val[k] *= inv;
                }
            }
            int[] extra = conceptKeys(conceptMask);
            if (extra.length > 0) {
                idx = java.util.Arrays.copyOf(idx, size + extra.length);
                val = java.util.Arrays.copyOf(val, size + extra.length);
                for (int k = 0; k < extra.length; k++) {
                    idx[size + k] = extra[k];
                    val[size + k] = CONCEPT_VALUE;
                }
            }
            return new Vector(idx, val);
        }
    }
}
