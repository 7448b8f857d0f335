package io.trustgate.firewall;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An Aho-Corasick automaton over a fixed set of ASCII keywords, matched case-insensitively. Built once (a complete
 * transition table over the chars the keywords use, every other char being one class that no keyword holds), then
 * shared: matching is one table look-up per input char, whatever the number of keywords, and allocates nothing but
 * what the handler does. The table has a column per char class, not per ASCII code (the scenario cues' 9,831 states
 * took 4.9 MB with 128 columns), and a state with keywords ending in it is stored negated, so that the loop reads the
 * keyword lists only where one ends: both keep the hot rows few and in cache.
 *
 * <p>Chars outside ASCII are lower-cased first; if they are still not ASCII they match no keyword char (keywords are
 * ASCII), so they reset the automaton to its root.
 */
final class KeywordAutomaton {
    private static final int ALPHABET = 128;

    private final String[] keywords;
    /** Per ASCII symbol (lower-cased), its column: 0 for every char no keyword holds. */
    private final byte[] column = new byte[ALPHABET];

    private final int columns;
    /** {@code state * columns + column} -> the next state, or its complement when a keyword ends there. */
    private final int[] delta;

    private final int[][] out; // state -> keyword indexes ending there (fail chain included)
    private final boolean foldLikeRegex;

    /** Receives one keyword occurrence: its index in the list given to the constructor and its span. */
    @FunctionalInterface
    interface MatchHandler {
        void onMatch(int keyword, int start, int end);
    }

    /** One occurrence, for callers that want a list. */
    record Match(int keyword, int start, int end) {}

    KeywordAutomaton(List<String> keywords) {
        this(keywords, false);
    }

    /**
     * An automaton that also reads a non-ASCII char as the ASCII letter a case-insensitive Unicode regex would match it
     * to: dotless {@code ı} and dotted {@code İ} as {@code i}, long {@code ſ} as {@code s}, the Kelvin sign as {@code
     * k}. It finds at least every place where {@code Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE} finds a keyword,
     * so a caller may skip a regex where it finds none.
     */
    static KeywordAutomaton foldingLikeRegex(List<String> keywords) {
        return new KeywordAutomaton(keywords, true);
    }

    private KeywordAutomaton(List<String> keywords, boolean foldLikeRegex) {
        this.foldLikeRegex = foldLikeRegex;
        this.keywords = new String[keywords.size()];
        List<int[]> gotoRows = new ArrayList<>();
        List<List<Integer>> outs = new ArrayList<>();
        gotoRows.add(newRow());
        outs.add(new ArrayList<>());
        for (int k = 0; k < keywords.size(); k++) {
            String kw = keywords.get(k);
            if (kw == null || kw.isEmpty()) {
                throw new IllegalArgumentException("keyword " + k + " is empty");
            }
            String lower = kw.toLowerCase(java.util.Locale.ROOT);
            this.keywords[k] = lower;
            int state = 0;
            for (int i = 0; i < lower.length(); i++) {
                char c = lower.charAt(i);
                if (c == 0 || c >= ALPHABET) {
                    throw new IllegalArgumentException("keyword '" + kw + "' must be ASCII without NUL");
                }
                int next = gotoRows.get(state)[c];
                if (next < 0) {
                    next = gotoRows.size();
                    gotoRows.add(newRow());
                    outs.add(new ArrayList<>());
                    gotoRows.get(state)[c] = next;
                }
                state = next;
            }
            outs.get(state).add(k);
        }
        int n = gotoRows.size();
        int[] fail = new int[n];
        int[] full = new int[n * ALPHABET]; // state * ALPHABET + symbol -> next state
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < ALPHABET; c++) {
            int s = gotoRows.get(0)[c];
            if (s < 0) {
                full[c] = 0;
            } else {
                full[c] = s;
                fail[s] = 0;
                queue.add(s);
            }
        }
        while (!queue.isEmpty()) {
            int r = queue.poll();
            outs.get(r).addAll(outs.get(fail[r]));
            for (int c = 0; c < ALPHABET; c++) {
                int s = gotoRows.get(r)[c];
                if (s < 0) {
                    full[r * ALPHABET + c] = full[fail[r] * ALPHABET + c];
                } else {
                    full[r * ALPHABET + c] = s;
                    fail[s] = full[fail[r] * ALPHABET + c];
                    queue.add(s);
                }
            }
        }
        out = new int[n][];
        for (int s = 0; s < n; s++) {
            out[s] = outs.get(s).stream().mapToInt(Integer::intValue).toArray();
        }
        // the columns: one per symbol some keyword holds; all other symbols behave alike (they lead to the root)
        int used = 1;
        for (int c = 1; c < ALPHABET; c++) {
            for (String kw : this.keywords) {
                if (kw.indexOf(c) >= 0) {
                    if (used > Byte.MAX_VALUE) {
                        throw new IllegalArgumentException("keywords use more than 127 distinct chars");
                    }
                    column[c] = (byte) used++;
                    break;
                }
            }
        }
        columns = used;
        delta = new int[n * columns];
        for (int s = 0; s < n; s++) {
            for (int c = 0; c < ALPHABET; c++) {
                if (c == 0 || column[c] != 0) {
                    int t = full[s * ALPHABET + c];
                    delta[s * columns + column[c]] = out[t].length > 0 ? ~t : t;
                }
            }
        }
    }

    private static int[] newRow() {
        int[] row = new int[ALPHABET];
        Arrays.fill(row, -1);
        return row;
    }

    private int symbol(char c) {
        if (c < ALPHABET) {
            return (c >= 'A' && c <= 'Z') ? c + 32 : c;
        }
        char l = Character.toLowerCase(c);
        if (l < ALPHABET) {
            return l;
        }
        if (foldLikeRegex) {
            char u = Character.toUpperCase(c);
            if (u < ALPHABET) {
                return (u >= 'A' && u <= 'Z') ? u + 32 : u;
            }
        }
        return 0;
    }

    /** Calls {@code handler} for every occurrence of every keyword, in order of their end offsets. */
    void forEachMatch(CharSequence text, MatchHandler handler) {
        int state = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            state = delta[state * columns + column[symbol(text.charAt(i))]];
            if (state < 0) {
                state = ~state;
                for (int k : out[state]) {
                    handler.onMatch(k, i + 1 - keywords[k].length(), i + 1);
                }
            }
        }
    }

    /** Every occurrence, in order of end offsets. */
    List<Match> findAll(CharSequence text) {
        List<Match> result = new ArrayList<>();
        forEachMatch(text, (k, s, e) -> result.add(new Match(k, s, e)));
        return result;
    }

    /** Whether any keyword occurs. */
    boolean containsAny(CharSequence text) {
        int state = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            state = delta[state * columns + column[symbol(text.charAt(i))]];
            if (state < 0) {
                return true;
            }
        }
        return false;
    }

    /** The keyword at an index, lower-cased. */
    String keyword(int index) {
        return keywords[index];
    }

    int size() {
        return keywords.length;
    }
}
