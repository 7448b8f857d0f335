package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordAutomatonTest {
    @Test
    void findsOverlappingKeywordsWithTheirSpans() {
        var a = new KeywordAutomaton(List.of("he", "she", "his", "hers"));
        var matches = a.findAll("ushers");
        assertThat(matches)
                .containsExactly(
                        new KeywordAutomaton.Match(1, 1, 4),
                        new KeywordAutomaton.Match(0, 2, 4),
                        new KeywordAutomaton.Match(3, 2, 6));
    }

    @Test
    void matchesCaseInsensitively() {
        var a = new KeywordAutomaton(List.of("AKIA", "ghp_"));
        assertThat(a.findAll("x akia GHP_ AkIa"))
                .extracting(KeywordAutomaton.Match::keyword)
                .containsExactly(0, 1, 0);
        assertThat(a.keyword(0)).isEqualTo("akia");
    }

    @Test
    void nonAsciiCharsResetTheMatch() {
        var a = new KeywordAutomaton(List.of("key"));
        assertThat(a.containsAny("kéy")).isFalse();
        assertThat(a.containsAny("ключ key")).isTrue();
        assertThat(a.containsAny("")).isFalse();
    }

    @Test
    void keywordThatIsASuffixOfAnotherIsReported() {
        var a = new KeywordAutomaton(List.of("secret_access", "access", "ss"));
        assertThat(a.findAll("secret_access"))
                .extracting(KeywordAutomaton.Match::keyword)
                .containsExactlyInAnyOrder(2, 1, 0);
    }

    @Test
    void rejectsEmptyAndNonAsciiKeywords() {
        assertThatThrownBy(() -> new KeywordAutomaton(List.of(""))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeywordAutomaton(List.of("clé"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void foldingLikeRegexFindsEveryCharACaseInsensitiveUnicodeRegexMatchesToALetter() {
        var folding = KeywordAutomaton.foldingLikeRegex(List.of("s", "k", "i"));
        var plain = new KeywordAutomaton(List.of("s", "k", "i"));
        int folded = 0;
        for (char c = 128; c < Character.MAX_VALUE; c++) {
            if (Character.isSurrogate(c)) {
                continue;
            }
            String one = String.valueOf(c);
            for (char letter = 'a'; letter <= 'z'; letter++) {
                boolean regex = java.util.regex.Pattern.compile(
                                String.valueOf(letter),
                                java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE)
                        .matcher(one)
                        .matches();
                if (regex) {
                    var auto = KeywordAutomaton.foldingLikeRegex(List.of(String.valueOf(letter)));
                    assertThat(auto.containsAny(one))
                            .as("U+%04X matches '%s' as a regex does", (int) c, letter)
                            .isTrue();
                    folded++;
                }
            }
        }
        // dotless and dotted i, long s, the Kelvin sign: the plain automaton misses the first and the third
        assertThat(folded).isGreaterThanOrEqualTo(4);
        assertThat(folding.containsAny("\u0131")).isTrue();
        assertThat(folding.containsAny("\u017F")).isTrue();
        assertThat(plain.containsAny("\u0131")).isFalse();
        assertThat(plain.containsAny("\u017F")).isFalse();
        assertThat(folding.containsAny("é")).isFalse();
    }

    /**
     * Every occurrence a plain search finds, and no other, on random texts over a small alphabet (so that keywords
     * overlap and nest often) with upper case, chars no keyword holds and non-ASCII chars mixed in.
     */
    @Test
    void findsExactlyWhatAPlainSearchFinds() {
        java.util.Random r = new java.util.Random(11);
        String alphabet = "abcab -'.Z\u00e9\u0130x";
        for (int round = 0; round < 200; round++) {
            java.util.List<String> kws = new java.util.ArrayList<>();
            for (int k = 1 + r.nextInt(30); k > 0; k--) {
                StringBuilder w = new StringBuilder();
                for (int len = 1 + r.nextInt(5); len > 0; len--) {
                    w.append("abc -'".charAt(r.nextInt(6)));
                }
                kws.add(w.toString());
            }
            KeywordAutomaton a = new KeywordAutomaton(kws);
            StringBuilder t = new StringBuilder();
            for (int len = r.nextInt(200); len > 0; len--) {
                t.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String text = t.toString();
            java.util.Set<String> expected = new java.util.HashSet<>();
            StringBuilder folded = new StringBuilder(); // char by char, as the automaton reads
            for (char c : text.toCharArray()) {
                folded.append(Character.toLowerCase(c));
            }
            String lower = folded.toString();
            for (int k = 0; k < kws.size(); k++) {
                for (int at = lower.indexOf(kws.get(k)); at >= 0; at = lower.indexOf(kws.get(k), at + 1)) {
                    expected.add(k + "@" + at + "-" + (at + kws.get(k).length()));
                }
            }
            java.util.Set<String> found = new java.util.HashSet<>();
            a.forEachMatch(text, (k, s, e) -> found.add(k + "@" + s + "-" + e));
            assertThat(found).as("keywords %s in %s", kws, text).isEqualTo(expected);
            assertThat(a.containsAny(text)).isEqualTo(!expected.isEmpty());
        }
    }
}
