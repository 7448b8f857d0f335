package io.trustgate.firewall;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An Aho-Corasick automaton over a fixed set of ASCII keywords, matched case-insensitively. Built once (a complete
 * transition table over the 128 ASCII codes), then shared: matching is one table look-up per input char, whatever
 * the number of keywords, and allocates nothing but what the handler does.
 *
 * <p>Chars outside ASCII are lower-cased first; if they are still not ASCII they match no keyword char (keywords are
 * ASCII), so they reset the automaton to its root.
 */
final class KeywordAutomaton {
    private static final int ALPHABET = 128;

    private final String[] keywords;
    private final int[] delta; // state * ALPHABET + symbol -> next state
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
        delta = new int[n * ALPHABET];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < ALPHABET; c++) {
            int s = gotoRows.get(0)[c];
            if (s < 0) {
                delta[c] = 0;
            } else {
                delta[c] = s;
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
                    delta[r * ALPHABET + c] = delta[fail[r] * ALPHABET + c];
                } else {
                    delta[r * ALPHABET + c] = s;
                    fail[s] = delta[fail[r] * ALPHABET + c];
                    queue.add(s);
                }
            }
        }
        out = new int[n][];
        for (int s = 0; s < n; s++) {
            out[s] = outs.get(s).stream().mapToInt(Integer::intValue).toArray();
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
            state = delta[state * ALPHABET + symbol(text.charAt(i))];
            int[] o = out[state];
            for (int k : o) {
                handler.onMatch(k, i + 1 - keywords[k].length(), i + 1);
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
            state = delta[state * ALPHABET + symbol(text.charAt(i))];
            if (out[state].length > 0) {
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
