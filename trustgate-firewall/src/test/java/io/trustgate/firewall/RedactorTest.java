package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustgate.api.Category;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanText;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private static Finding f(String type, int start, int end) {
        return new Finding("pii", Category.PII, type, 0.9, start, end);
    }

    @Test
    void masksWithNumberedPlaceholdersPerType() {
        String text = "a@example.com, b@example.com, call 201-555-0123";
        List<Finding> fs = new PiiScanner().scan(ScanText.plain(text, ScanText.Stage.INPUT));
        assertThat(Redactor.mask(text, fs)).isEqualTo("[EMAIL_ADDRESS_1], [EMAIL_ADDRESS_2], call [PHONE_NUMBER_1]");
    }

    @Test
    void givesTheSameValueTheSameNumber() {
        String text = "x@example.com then y@example.com then x@example.com";
        List<Finding> fs = List.of(f("EMAIL_ADDRESS", 0, 13), f("EMAIL_ADDRESS", 19, 32), f("EMAIL_ADDRESS", 38, 51));
        assertThat(Redactor.mask(text, fs))
                .isEqualTo("[EMAIL_ADDRESS_1] then [EMAIL_ADDRESS_2] then [EMAIL_ADDRESS_1]");
    }

    @Test
    void mergesOverlappingSpansIntoOnePlaceholderOfTheLongestType() {
        String text = "id 4111 1111 1111 1111 end";
        List<Finding> fs = List.of(f("PHONE_NUMBER", 3, 12), f("CREDIT_CARD", 3, 22), f("US_SSN", 20, 24));
        assertThat(Redactor.mask(text, fs)).isEqualTo("id [CREDIT_CARD_1]nd");
    }

    @Test
    void ignoresWholeTextFindingsAndRejectsSpansPastTheEnd() {
        assertThat(Redactor.mask("hello", List.of(f("X", 0, 0)))).isEqualTo("hello");
        assertThatThrownBy(() -> Redactor.mask("hello", List.of(f("X", 2, 9))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("past the text's length 5");
    }

    @Test
    void anonymisesReversibly() {
        String text = "Mail carol@example.org or ring +44 20 7946 0123, IBAN GB29 NWBK 6016 1331 9268 19.";
        List<Finding> fs = new PiiScanner().scan(ScanText.plain(text, ScanText.Stage.INPUT));
        Redactor.Anonymized a = Redactor.anonymize(text, fs);
        assertThat(a.masked()).isEqualTo("Mail [EMAIL_ADDRESS_1] or ring [PHONE_NUMBER_1], IBAN [IBAN_CODE_1].");
        assertThat(a.mapping()).containsEntry("[EMAIL_ADDRESS_1]", "carol@example.org");
        assertThat(a.restore("I wrote to [EMAIL_ADDRESS_1] about [IBAN_CODE_1]; [UNKNOWN_1] stays."))
                .isEqualTo("I wrote to carol@example.org about GB29 NWBK 6016 1331 9268 19; [UNKNOWN_1] stays.");
        assertThat(a.restore(a.masked())).isEqualTo(text);
        assertThat(a.toString()).doesNotContain("carol");
    }
}
