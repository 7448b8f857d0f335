package io.trustgate.firewall.learn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 * <p>Cost: linear in the text, a few hash steps per char; a 2 KB text takes roughly 0.1-0.2 ms. Scoring a long text's
 * overlapping windows ({@link #maxDot}) hashes each char about once.
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
        return c.score(weights, intercept, concepts ? dimension() - 1 : 0, hidden);
    }

    /**
     * The highest {@link #dot} over the segments ({@code [start, end)} pairs), with {@code hidden}'s part when it is
     * not null: the same number as the highest of the segments' dots, each counted alone, with each char of the text
     * hashed about once rather than once per segment that holds it. The segments of a long text overlap by half, so
     * counting each alone hashed most chars twice.
     *
     * <p>How: one run reads the whole text and keeps the features each position adds. A segment starting inside the
     * text gets a run of its own from its start, which reads along with the main one until both are in the same
     * state ({@link Run#sameAs}: a few words in); from there on the main run's features are the segment's. At the
     * segment's end a copy of the main run reads the virtual space a run ends with. A segment's counter is filled in
     * the order its own run would have added the features, so its score rounds the same, bit for bit.
     */
    double maxDot(CharSequence text, List<int[]> segments, float[] weights, float intercept, HiddenLayer hidden) {
        int n = segments.size();
        if (n == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (n == 1) {
            int[] only = segments.get(0);
            return hidden == null
                    ? dot(text, only[0], only[1], weights, intercept)
                    : dot(text, only[0], only[1], weights, intercept, hidden);
        }
        int len = text.length();
        int mask = dimension() - 1;
        int conceptMask = concepts ? mask : 0;
        Counter c = COUNTER.get();
        char[] chars = c.chars(text, 0, len);
        Recorder main = STREAM.get();
        main.reset();
        Run run = new Run(charMax);
        Integer[] byStart = new Integer[n];
        Integer[] byEnd = new Integer[n];
        int longest = 0;
        for (int k = 0; k < n; k++) {
            int[] seg = segments.get(k);
            if (seg[0] < 0 || seg[1] > len || seg[0] > seg[1]) {
                throw new IllegalArgumentException("segment out of the text: [" + seg[0] + ", " + seg[1] + ")");
            }
            byStart[k] = k;
            byEnd[k] = k;
            longest = Math.max(longest, seg[1] - seg[0]);
        }
        Arrays.sort(byStart, (a, b) -> Integer.compare(segments.get(a)[0], segments.get(b)[0]));
        Arrays.sort(byEnd, (a, b) -> Integer.compare(segments.get(a)[1], segments.get(b)[1]));
        int[] from = new int[n]; // the first position whose features come from the main run, once the runs met
        Run[] own = new Run[n];
        Recorder[] prefix = new Recorder[n];
        List<Integer> warming = new ArrayList<>();
        Recorder tail = new Recorder();
        double best = Double.NEGATIVE_INFINITY;
        int nextStart = 0;
        int nextEnd = 0;
        io.trustgate.api.ScanDeadline deadline = io.trustgate.api.ScanDeadline.current();
        for (int at = -1; at <= len; ) {
            // a firewall scan's time limit: each step reads at most to the next segment's start or end
            deadline.step();
            // read up to the next position where something happens, one position at a time while a segment's own
            // run is still reading along
            int last;
            if (at < 0 || at == len) {
                space(run, text, at, at < 0, main, mask);
                main.endPosition();
                last = at;
            } else {
                int next = len;
                if (!warming.isEmpty()) {
                    next = at;
                } else {
                    if (nextStart < n) {
                        next = Math.min(next, segments.get(byStart[nextStart])[0] - 1);
                    }
                    if (nextEnd < n) {
                        int end = segments.get(byEnd[nextEnd])[1];
                        next = Math.min(next, end < len ? end - 1 : len);
                    }
                }
                last = Math.min(Math.max(next, at), len - 1);
                read(run, text, chars, 0, at, last + 1, false, main, mask, main);
            }
            // the segments' own runs that have not met the main one read this char too
            for (int w = warming.size() - 1; w >= 0; w--) {
                int k = warming.get(w);
                if (last == len) {
                    space(own[k], text, last, false, prefix[k], mask);
                } else if (last < segments.get(k)[1]) {
                    read(own[k], text, chars, 0, last, last + 1, false, prefix[k], mask, null);
                } else {
                    continue;
                }
                if (own[k].sameAs(run)) {
                    from[k] = last + 1;
                    own[k] = null;
                    warming.remove(w);
                }
            }
            while (nextStart < n && segments.get(byStart[nextStart])[0] - 1 == last) {
                int k = byStart[nextStart++];
                if (last < 0) {
                    from[k] = -1; // starts with the text: the main run is its run
                    continue;
                }
                own[k] = new Run(charMax);
                prefix[k] = new Recorder();
                space(own[k], text, last, true, prefix[k], mask);
                if (own[k].sameAs(run)) {
                    from[k] = last + 1;
                    own[k] = null;
                } else {
                    warming.add(k);
                }
            }
            while (nextEnd < n && ends(segments.get(byEnd[nextEnd])[1], last, len)) {
                int k = byEnd[nextEnd++];
                int end = segments.get(k)[1];
                c.clear();
                if (own[k] != null) {
                    // never met the main run: its own run read the whole segment
                    warming.remove(Integer.valueOf(k));
                    if (end < len) {
                        space(own[k], text, end, false, prefix[k], mask);
                    }
                    prefix[k].addTo(c);
                    own[k] = null;
                } else {
                    if (prefix[k] != null) {
                        prefix[k].addTo(c);
                    }
                    main.addTo(c, from[k], end == len ? len : end - 1);
                    if (end < len) {
                        tail.reset();
                        space(run.copy(), text, end, false, tail, mask);
                        tail.addTo(c);
                    }
                }
                prefix[k] = null;
                best = Math.max(best, c.score(weights, intercept, conceptMask, hidden));
            }
            // every segment not yet scored starts after last - longest: the positions before it are not read again
            main.dropBefore(last - longest - 1);
            at = last + 1;
        }
        return best;
    }

    /** Whether a segment ending at {@code end} is complete once the main run has read position {@code at}. */
    private static boolean ends(int end, int at, int len) {
        return end < len ? at == end - 1 : at == len;
    }

    private static final ThreadLocal<Recorder> STREAM = ThreadLocal.withInitial(Recorder::new);

    /** Where a run's features go. */
    abstract static class Sink {
        /** The concepts seen, as a bit mask. */
        int concepts;

        abstract void add(int key);
    }

    /**
     * The features a run added, in order, with their concepts; for the main run of {@link #maxDot} also which
     * position of the text added each ({@link #endPosition}), the positions before the segments still to be scored
     * dropped as the run goes, so that a long text keeps about one segment's. One class for every recording, so that
     * the runs' {@code add} calls see two kinds of sink (this and {@link Counter}) and stay inlined.
     */
    static final class Recorder extends Sink {
        private int[] keys = new int[64];
        private int size;
        /** Per position from {@link #first}: the end of its features in {@link #keys}, and its concepts. */
        private int[] ends = new int[0];

        private int[] bits = new int[0];
        private int positions;
        private int first = -1;

        @Override
        void add(int key) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, 2 * size);
            }
            keys[size++] = key;
        }

        void reset() {
            size = 0;
            positions = 0;
            first = -1;
            concepts = 0;
        }

        /** Adds every feature recorded to the counter, in order. */
        void addTo(Counter c) {
            for (int k = 0; k < size; k++) {
                c.add(keys[k]);
            }
            c.concepts |= concepts;
        }

        /** Closes the position just read: its features are those added since the last call. */
        void endPosition() {
            if (positions == ends.length) {
                ends = Arrays.copyOf(ends, Math.max(1 << 11, 2 * positions));
                bits = Arrays.copyOf(bits, ends.length);
            }
            ends[positions] = size;
            bits[positions] = concepts;
            concepts = 0;
            positions++;
        }

        /** Adds the features of positions {@code from..last} (both read, none dropped) to the counter, in order. */
        void addTo(Counter c, int from, int last) {
            if (from > last) {
                return;
            }
            int lo = from - first;
            int hi = last - first;
            for (int k = lo == 0 ? 0 : ends[lo - 1], e = ends[hi]; k < e; k++) {
                c.add(keys[k]);
            }
            int b = 0;
            for (int p = lo; p <= hi; p++) {
                b |= bits[p];
            }
            c.concepts |= b;
        }

        /** Forgets the positions before {@code keep}, in batches, so that the arrays stay about one segment long. */
        void dropBefore(int keep) {
            int d = keep - first;
            if (d < 4096) {
                return;
            }
            int cut = ends[d - 1];
            System.arraycopy(keys, cut, keys, 0, size - cut);
            size -= cut;
            for (int p = d; p < positions; p++) {
                ends[p - d] = ends[p] - cut;
                bits[p - d] = bits[p];
            }
            positions -= d;
            first = keep;
        }
    }

    /** Adds every n-gram of the text to the counter. */
    void count(CharSequence text, Counter counter) {
        count(text, 0, text.length(), counter);
    }

    /** Adds every n-gram of {@code text[from, to)} to the counter. */
    void count(CharSequence text, int from, int to, Counter counter) {
        int mask = dimension() - 1;
        char[] chars = counter.chars(text, from, to);
        Run r = new Run(charMax);
        // a virtual space before and after the text, so that word starts and ends are n-grams of their own
        read(r, text, SPACE, from - 1, from - 1, from, true, counter, mask, null);
        read(r, text, chars, from, from, to, false, counter, mask, null);
        read(r, text, SPACE, to, to, to + 1, false, counter, mask, null);
    }

    /** The virtual space a run starts and ends with, as a one-char text for {@link #read}. */
    private static final char[] SPACE = {' '};

    /**
     * What the features of the text's next char depend on: the last chars, the word being read, the words before it
     * and where the English glosses stand. Two runs over the same text in the same state add the same features from
     * there on, which is what lets {@link #maxDot} count the text once for windows that overlap.
     */
    static final class Run {
        /** The last {@code charMax} chars of the folded stream, newest at {@code ring[(seen - 1) % charMax]}. */
        final char[] ring;

        int seen;
        int wordHash;
        /** Where the word being read starts in the text (absolute). */
        int wordStart;

        int prevWord;
        int prevPrevWord;
        boolean inWord;
        boolean havePrev;
        boolean havePrevPrev;
        /** Whether the word holds a char of a script whose glossary forms are found inside words. */
        boolean segmentedWord;

        boolean lastSpace = true;
        /** The last English (or plain) word, whether the last word was glossed, whether a word came before. */
        int prevEnglish;

        boolean prevGlossed;
        boolean glossHasPrev;

        Run(int charMax) {
            ring = new char[charMax];
        }

        Run copy() {
            Run c = new Run(ring.length);
            System.arraycopy(ring, 0, c.ring, 0, ring.length);
            c.seen = seen;
            c.wordHash = wordHash;
            c.wordStart = wordStart;
            c.prevWord = prevWord;
            c.prevPrevWord = prevPrevWord;
            c.inWord = inWord;
            c.havePrev = havePrev;
            c.havePrevPrev = havePrevPrev;
            c.segmentedWord = segmentedWord;
            c.lastSpace = lastSpace;
            c.prevEnglish = prevEnglish;
            c.prevGlossed = prevGlossed;
            c.glossHasPrev = glossHasPrev;
            return c;
        }

        /**
         * Whether the next chars would add the same features in both runs: every field the same, the ring read as its
         * last {@code min(seen, charMax)} chars (the only ones read).
         */
        boolean sameAs(Run o) {
            int n = ring.length;
            if (Math.min(seen, n) != Math.min(o.seen, n)
                    || wordHash != o.wordHash
                    || wordStart != o.wordStart
                    || prevWord != o.prevWord
                    || prevPrevWord != o.prevPrevWord
                    || inWord != o.inWord
                    || havePrev != o.havePrev
                    || havePrevPrev != o.havePrevPrev
                    || segmentedWord != o.segmentedWord
                    || lastSpace != o.lastSpace
                    || prevEnglish != o.prevEnglish
                    || prevGlossed != o.prevGlossed
                    || glossHasPrev != o.glossHasPrev) {
                return false;
            }
            for (int k = 1, last = Math.min(seen, n); k <= last; k++) {
                if (ring[(seen - k) % n] != o.ring[(o.seen - k) % n]) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Reads positions {@code [from, to)} of the text in a run, the char at {@code at} being {@code chars[at -
     * shift]} (the text itself, or {@link #SPACE} for a virtual space), and adds the features they end to {@code
     * sink}. With {@code first} the first char is the virtual space before the text, which never collapses into a
     * run of spaces. With {@code positions} (the sink itself), each position is closed as read. The chars' state is
     * kept in locals here and written back at the end: this loop is the classifier's hot path.
     */
    private void read(
            Run r,
            CharSequence text,
            char[] chars,
            int shift,
            int from,
            int to,
            boolean first,
            Sink sink,
            int mask,
            Recorder positions) {
        char[] ring = r.ring;
        int n = ring.length;
        int seen = r.seen;
        boolean lastSpace = r.lastSpace;
        boolean inWord = r.inWord;
        int wordHash = r.wordHash;
        int wordStart = r.wordStart;
        boolean segmentedWord = r.segmentedWord;
        for (int at = from; at < to; at++) {
            char raw = chars[at - shift];
            char ch;
            boolean wordChar;
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
                    wordStart = at;
                    segmentedWord = false;
                }
                wordHash = inWord ? (wordHash ^ ch) * FNV_PRIME : (WORD_SEED ^ ch) * FNV_PRIME;
                segmentedWord |= gloss && Gloss.segmented(ch);
                inWord = true;
            } else if (inWord) {
                inWord = false;
                r.wordHash = wordHash;
                r.wordStart = wordStart;
                r.segmentedWord = segmentedWord;
                endWord(r, text, at, sink, mask);
            }
            if (ch != ' ' || !lastSpace || (first && at == from)) { // else one space stands for a whole run
                lastSpace = ch == ' ';
                ring[seen % n] = ch;
                seen++;
                int h = CHAR_SEED;
                int longest = Math.min(n, seen);
                for (int k = 1; k <= longest; k++) {
                    h = (h ^ ring[(seen - k) % n]) * FNV_PRIME;
                    if (k >= charMin) {
                        sink.add(mix(h + k * 0x61C88647) & mask);
                    }
                }
            }
            if (positions != null) {
                positions.endPosition();
            }
        }
        r.seen = seen;
        r.lastSpace = lastSpace;
        r.inWord = inWord;
        r.wordHash = wordHash;
        r.wordStart = wordStart;
        r.segmentedWord = segmentedWord;
    }

    /** Reads one virtual space at {@code at} ({@code first}: the one before the text). */
    private void space(Run r, CharSequence text, int at, boolean first, Sink sink, int mask) {
        read(r, text, SPACE, at, at, at + 1, first, sink, mask, null);
    }

    /** The features a word adds when it ends at {@code at}: its own, its bigram, its glosses and concepts. */
    private void endWord(Run r, CharSequence text, int at, Sink sink, int mask) {
        int wordHash = r.wordHash;
        if (concepts) {
            sink.concepts |= Concepts.word(wordHash) | (r.havePrev ? Concepts.pair(r.prevWord, wordHash) : 0);
        }
        sink.add(mix(wordHash ^ 0x5BD1E995) & mask);
        if (wordMax >= 2 && r.havePrev) {
            sink.add(bigram(r.prevWord, wordHash) & mask);
        }
        if (gloss) {
            r.glossHasPrev = r.havePrev;
            boolean glossed = emit(Gloss.english(wordHash), sink, mask, r);
            if (!glossed && r.segmentedWord) {
                glossed = segment(text, r.wordStart, at, sink, mask, r);
            }
            // a form of several words ("bỏ qua") ends at this word: the longest wins
            int before = r.havePrevPrev ? 2 : r.havePrev ? 1 : 0;
            glossed |= emit(Gloss.phraseEndingAt(before, r.prevPrevWord, r.prevWord, wordHash), sink, mask, r);
            if (glossed) {
                r.prevGlossed = true;
            } else {
                // "ignorez tout": the bigram of the gloss and this word; two plain words have theirs above
                if (r.prevGlossed && wordMax >= 2) {
                    sink.add(bigram(r.prevEnglish, wordHash) & mask);
                }
                if (concepts && r.prevGlossed) {
                    sink.concepts |= Concepts.pair(r.prevEnglish, wordHash);
                }
                r.prevEnglish = wordHash;
                r.prevGlossed = false;
            }
        }
        r.prevPrevWord = r.prevWord;
        r.havePrevPrev = r.havePrev;
        r.prevWord = wordHash;
        r.havePrev = true;
    }

    /**
     * Adds the word features (and concepts) of English words as if the text had said them after {@code g}'s last
     * word; returns whether there were any.
     */
    private boolean emit(int[] english, Sink sink, int mask, Run g) {
        if (english.length == 0) {
            return false;
        }
        int prev = g.prevEnglish;
        boolean hasPrev = g.glossHasPrev;
        for (int e : english) {
            sink.add(mix(e ^ 0x5BD1E995) & mask);
            if (wordMax >= 2 && hasPrev) {
                sink.add(bigram(prev, e) & mask);
            }
            if (concepts) {
                sink.concepts |= Concepts.word(e) | (hasPrev ? Concepts.pair(prev, e) : 0);
            }
            prev = e;
            hasPrev = true;
        }
        g.prevEnglish = prev;
        g.glossHasPrev = true;
        return true;
    }

    /** Glosses the forms found inside a word of a script that does not separate words ({@link Gloss#segment}). */
    private boolean segment(CharSequence text, int start, int end, Sink sink, int mask, Run g) {
        return Gloss.segment(text, start, end, en -> emit(en, sink, mask, g)) > 0;
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
    static final class Counter extends Sink {
        /** Slot {@code s}'s key at {@code [2s]} and its count at {@code [2s + 1]}: one cache line for both. */
        private int[] table = newTable(1 << 14);

        /**
         * The slots in use, in the order their keys came. One longer than half the slots: the table grows after the
         * add that takes it past half full, so that add needs a place here first (without it, 8,193 distinct
         * n-grams in one window threw).
         */
        private int[] order = new int[(1 << 13) + 1];

        private int size;
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

        @Override
        void add(int key) {
            int m = (table.length >> 1) - 1;
            // every key is already a finalised (mixed) hash, masked: its low bits spread as well as a second mix's
            int slot = key & m;
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

        /**
         * What {@code intercept + w . toVector()} gives, plus {@code hidden}'s part for the same features when it is
         * not null (the number {@link LinearModel#margin(Featurizer.Vector)} gives).
         */
        double score(float[] w, float intercept, int conceptMask, HiddenLayer hidden) {
            if (hidden == null) {
                return dot(w, intercept, conceptMask);
            }
            double[] a = activations(hidden);
            hidden.start(a);
            double z = dot(w, intercept, conceptMask, hidden, a);
            return z + hidden.score(a);
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
