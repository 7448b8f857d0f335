package io.trustgate.firewall;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a text into overlapping windows for an embedding model: sentences (ended by {@code . ! ?} and a space, or by
 * a line break) packed greedily up to a number of chars, each window after the first starting with the last sentence
 * of the one before, so that a phrase cut at a window's edge is whole in the next. A sentence longer than a window
 * is cut at spaces. Chars stand in for tokens (English prose averages about 4 chars per WordPiece token, so 800
 * chars is about 200 tokens, under all-MiniLM-L6-v2's 256), which avoids running the tokenizer twice.
 */
final class TextWindows {
    /** Default window size in chars, about 200 tokens of English. */
    static final int MAX_CHARS = 800;

    private TextWindows() {}

    /** A span of the text. */
    record Span(int start, int end) {}

    /** The sentences of a text, trimmed, blank ones dropped; long ones cut at spaces to at most {@code maxChars}. */
    static List<Span> sentences(String text, int maxChars) {
        List<Span> out = new ArrayList<>();
        int n = text.length();
        int start = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean end = c == '\n'
                    || ((c == '.' || c == '!' || c == '?' || c == '。' || c == ';')
                            && (i + 1 == n || Character.isWhitespace(text.charAt(i + 1))));
            if (end) {
                addTrimmed(text, start, i + 1, maxChars, out);
                start = i + 1;
            }
        }
        addTrimmed(text, start, n, maxChars, out);
        return out;
    }

    private static void addTrimmed(String text, int from, int to, int maxChars, List<Span> out) {
        while (from < to && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        while (to - from > maxChars) {
            int cut = from + maxChars;
            int space = text.lastIndexOf(' ', cut);
            if (space > from + maxChars / 2) {
                cut = space;
            }
            out.add(new Span(from, cut));
            from = cut;
            while (from < to && Character.isWhitespace(text.charAt(from))) {
                from++;
            }
        }
        if (to > from && hasLetterOrDigit(text, from, to)) {
            out.add(new Span(from, to));
        }
    }

    private static boolean hasLetterOrDigit(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.isLetterOrDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Sentences packed into windows of at most {@code maxChars}, overlapping by one sentence. */
    static List<Span> split(String text, int maxChars) {
        List<Span> sentences = sentences(text, maxChars);
        List<Span> out = new ArrayList<>();
        int i = 0;
        boolean overlapping = false;
        while (i < sentences.size()) {
            int start = sentences.get(i).start();
            int j = i;
            while (j + 1 < sentences.size() && sentences.get(j + 1).end() - start <= maxChars) {
                j++;
            }
            if (overlapping && j == i) {
                // the carried-over sentence fits with nothing after it: it is already in the previous window
                i++;
                overlapping = false;
                continue;
            }
            out.add(new Span(start, sentences.get(j).end()));
            if (j + 1 >= sentences.size()) {
                break;
            }
            overlapping = j > i;
            i = overlapping ? j : j + 1;
        }
        return out;
    }
}
