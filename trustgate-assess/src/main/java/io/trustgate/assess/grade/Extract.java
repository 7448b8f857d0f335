package io.trustgate.assess.grade;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the final answer out of free chat text: a number (GSM8K) or a choice letter (multiple choice). */
public final class Extract {
    private static final String NUM = "-?\\$?\\d[\\d,]*(?:\\.\\d+)?";
    private static final Pattern HASHES = Pattern.compile("####\\s*(" + NUM + ")");
    private static final Pattern BOXED = Pattern.compile("\\\\boxed\\{\\s*\\\\?\\$?(" + NUM + ")");
    private static final Pattern ANSWER_IS =
            Pattern.compile("(?i)(?:final answer|the answer)\\s*(?:is|:|=)\\s*\\**\\s*(" + NUM + ")");
    private static final Pattern ANY_NUMBER = Pattern.compile(NUM);

    private Extract() {}

    /**
     * The answer's final number: after {@code ####}, else inside {@code \boxed{}}, else after "the answer is", else
     * the last number in the text. Commas and dollar signs are dropped; {@code 18.00} reads as {@code 18}.
     */
    public static Optional<String> number(String text) {
        for (Pattern p : new Pattern[] {HASHES, BOXED, ANSWER_IS}) {
            Matcher m = p.matcher(text);
            String last = null;
            while (m.find()) {
                last = m.group(1);
            }
            if (last != null) {
                return canonicalNumber(last);
            }
        }
        Matcher m = ANY_NUMBER.matcher(text);
        String last = null;
        while (m.find()) {
            last = m.group();
        }
        return last == null ? Optional.empty() : canonicalNumber(last);
    }

    /** A number written without commas, dollar signs or trailing zeros, or empty when it is not a number. */
    public static Optional<String> canonicalNumber(String s) {
        String t = s.replace(",", "").replace("$", "").strip();
        if (t.endsWith(".")) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            BigDecimal d = new BigDecimal(t).stripTrailingZeros();
            return Optional.of(d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The chosen letter among the first {@code choices} capital letters: after "answer is" / "Answer:", else a
     * letter opening the answer ("B.", "(B)", "B)"), else the only letter in parentheses, else the only one of the
     * letters standing alone as a word. Empty when the answer names none or several.
     */
    public static Optional<Character> letter(String text, int choices) {
        char lastLetter = (char) ('A' + choices - 1);
        String set = "[A-" + lastLetter + "]";
        Pattern[] ordered = {
            Pattern.compile("(?i:answer\\s*(?:is|:)|correct (?:answer|option|choice) is|option)\\s*\\**\\s*\\(?(" + set
                    + ")\\b\\)?"),
            Pattern.compile("^\\s*\\**\\s*\\(?(" + set + ")(?:[.):\\]]|\\s*$|\\s+-)"),
        };
        for (Pattern p : ordered) {
            Matcher m = p.matcher(text);
            if (m.find()) {
                return Optional.of(m.group(1).charAt(0));
            }
        }
        Optional<Character> paren =
                unique(Pattern.compile("\\((" + set + ")\\)").matcher(text));
        if (paren.isPresent()) {
            return paren;
        }
        return unique(Pattern.compile("(?<![\\w'])(" + set + ")(?![\\w'])").matcher(text));
    }

    private static Optional<Character> unique(Matcher m) {
        Character found = null;
        while (m.find()) {
            char c = m.group(1).charAt(0);
            if (found != null && found != c) {
                return Optional.empty();
            }
            found = c;
        }
        return Optional.ofNullable(found);
    }
}
