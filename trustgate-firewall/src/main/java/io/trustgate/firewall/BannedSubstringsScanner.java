package io.trustgate.firewall;

import io.trustgate.api.Category;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanText;
import io.trustgate.api.Scanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A scanner for operator-listed strings that must not pass (project code names, competitor names, internal host
 * names, words a brand will not print), in prompts and answers. No OWASP id: it is policy, not an attack.
 *
 * <p>Options: {@code substrings} (a list, required), {@code case-sensitive} (default false), {@code whole-words}
 * (default true: a match must not be preceded or followed by a letter or digit, on the sides where the substring
 * itself begins or ends with one). The list entries are normalised like the text (NFKC, invisible chars removed,
 * homoglyphs folded), and matched over the normalised text, so {@code ѕесrеt} in Cyrillic or {@code sec\u200Bret}
 * does not evade {@code secret}; and over the decoded runs (base64, hex, rot13, leetspeak), reported with the span of
 * the encoded run. A finding's type is {@code BANNED_SUBSTRING_<i>}, {@code i} the entry's 0-based index in the list,
 * so that an operator can tell which entry matched without the text appearing in logs; score 1.0, or 0.9 in a
 * decoded run; span in the original text. At most 1,000 findings per text.
 *
 * <p>Cost: ASCII entries go into one Aho-Corasick automaton ({@link KeywordAutomaton}), so a scan is one table
 * look-up per char whatever the length of the list (a 2 KB prompt: see {@code BannedSubstringsScannerTest}, with 10
 * and 10,000 entries: 4 and 7 µs measured). The automaton's table takes 512 bytes per state (one state per
 * distinct prefix of the entries): 10,000 entries of 6-20 chars made 108,334 states, about 52 MB, built in about 2 s;
 * keep lists to thousands. Entries with non-ASCII chars after normalisation are searched one by one
 * ({@code indexOf}), so their cost grows with their number.
 * Limits: words split by spaces or punctuation ({@code s e c r e t}), synonyms, translations and misspellings pass;
 * case-insensitive matching of non-ASCII entries uses {@link String#toLowerCase(Locale)} and needs its length to stay
 * the same (otherwise they match case-sensitively).
 */
public final class BannedSubstringsScanner implements Scanner {
    /** The name under which the scanner appears in configuration and findings. */
    public static final String NAME = "banned-substrings";

    static final int MAX_FINDINGS = 1000;

    private final List<String> entries; // normalised
    private final boolean caseSensitive;
    private final boolean wholeWords;
    private final KeywordAutomaton automaton; // over the ASCII entries
    private final int[] asciiIndex; // automaton keyword -> entry index
    private final int[] otherIndex; // non-ASCII entries

    /**
     * @param substrings the banned strings, at least one, none blank
     * @param caseSensitive whether case must match
     * @param wholeWords whether a match must stand as a whole word
     */
    public BannedSubstringsScanner(List<String> substrings, boolean caseSensitive, boolean wholeWords) {
        if (substrings.isEmpty()) {
            throw new ScannerOptions.Invalid("substrings", "required: a list of at least one string");
        }
        Normalizer normalizer = Scanners.normalizer();
        List<String> normalised = new ArrayList<>(substrings.size());
        List<String> ascii = new ArrayList<>();
        List<Integer> asciiIdx = new ArrayList<>();
        List<Integer> other = new ArrayList<>();
        for (int i = 0; i < substrings.size(); i++) {
            String n = normalizer
                    .normalize(substrings.get(i), ScanText.Stage.INPUT)
                    .normalized()
                    .strip();
            if (n.isEmpty()) {
                throw new ScannerOptions.Invalid("substrings", "entry " + i + " is blank");
            }
            normalised.add(n);
            if (n.chars().allMatch(c -> c > 0 && c < 128)) {
                ascii.add(n);
                asciiIdx.add(i);
            } else {
                other.add(i);
            }
        }
        this.entries = List.copyOf(normalised);
        this.caseSensitive = caseSensitive;
        this.wholeWords = wholeWords;
        this.automaton = new KeywordAutomaton(ascii);
        this.asciiIndex = asciiIdx.stream().mapToInt(Integer::intValue).toArray();
        this.otherIndex = other.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Builds the scanner from a rule's options. */
    static BannedSubstringsScanner fromOptions(ScannerOptions o) {
        o.allowOnly(Set.of("substrings", "case-sensitive", "whole-words"));
        return new BannedSubstringsScanner(
                o.strings("substrings"), o.bool("case-sensitive", false), o.bool("whole-words", true));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Finding> scan(ScanText text) {
        List<Finding> findings = new ArrayList<>(0);
        String s = text.normalized();
        search(s, (entry, start, end) -> {
            if (findings.size() < MAX_FINDINGS) {
                findings.add(new Finding(
                        NAME,
                        Category.BANNED_CONTENT,
                        "BANNED_SUBSTRING_" + entry,
                        1.0,
                        start(text, start),
                        end(text, end)));
            }
        });
        for (ScanText.Decoded d : text.decoded()) {
            int start = Math.max(0, Math.min(d.start(), text.original().length()));
            int end = Math.max(start, Math.min(d.end(), text.original().length()));
            search(d.text(), (entry, a, b) -> {
                if (findings.size() < MAX_FINDINGS) {
                    findings.add(
                            new Finding(NAME, Category.BANNED_CONTENT, "BANNED_SUBSTRING_" + entry, 0.9, start, end));
                }
            });
        }
        return findings;
    }

    static int start(ScanText text, int normalizedStart) {
        return Math.min(text.toOriginal(normalizedStart), text.original().length());
    }

    /** The original end of a normalised end offset: just past the original char the last normalised char came from. */
    static int end(ScanText text, int normalizedEnd) {
        if (normalizedEnd >= text.normalized().length()) {
            return text.original().length();
        }
        int candidate = Math.min(text.toOriginal(normalizedEnd), text.original().length());
        return Math.max(candidate, start(text, Math.max(0, normalizedEnd - 1)) + 1);
    }

    private void search(String s, KeywordAutomaton.MatchHandler onMatch) {
        automaton.forEachMatch(s, (k, start, end) -> {
            int entry = asciiIndex[k];
            if (accept(s, entries.get(entry), start, end)) {
                onMatch.onMatch(entry, start, end);
            }
        });
        if (otherIndex.length == 0) {
            return;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        boolean foldable = !caseSensitive && lower.length() == s.length();
        String hay = foldable ? lower : s;
        for (int entry : otherIndex) {
            String e = entries.get(entry);
            String needle = foldable ? e.toLowerCase(Locale.ROOT) : e;
            if (needle.length() != e.length()) {
                needle = e;
                hay = s;
            }
            int from = 0;
            int at;
            while ((at = hay.indexOf(needle, from)) >= 0) {
                if (accept(s, e, at, at + needle.length())) {
                    onMatch.onMatch(entry, at, at + needle.length());
                }
                from = at + 1;
            }
        }
    }

    private boolean accept(String s, String entry, int start, int end) {
        if (caseSensitive && !s.regionMatches(false, start, entry, 0, entry.length())) {
            return false;
        }
        if (!wholeWords) {
            return true;
        }
        if (isWord(entry.charAt(0)) && start > 0 && isWord(s.charAt(start - 1))) {
            return false;
        }
        return !(isWord(entry.charAt(entry.length() - 1)) && end < s.length() && isWord(s.charAt(end)));
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
