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
}
