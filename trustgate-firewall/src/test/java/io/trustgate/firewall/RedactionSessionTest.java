package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.api.Category;
import io.trustgate.api.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionSessionTest {
    private static Finding email(String text, String value) {
        int i = text.indexOf(value);
        return new Finding("pii", Category.PII, "EMAIL_ADDRESS", 1, i, i + value.length());
    }

    @Test
    void aPlaceholderTheUserTypedIsNeverGivenToAFoundValue() {
        RedactionSession s = new RedactionSession();
        String text = "literal [EMAIL_ADDRESS_1] then real bob@example.com";
        String out = s.apply(text, List.of(), List.of(email(text, "bob@example.com")));
        assertThat(out).isEqualTo("literal [EMAIL_ADDRESS_1] then real [EMAIL_ADDRESS_2]");
        assertThat(s.restore("[EMAIL_ADDRESS_1] and [EMAIL_ADDRESS_2]"))
                .isEqualTo("[EMAIL_ADDRESS_1] and bob@example.com");
    }

    @Test
    void theWholeRequestIsReadForTypedPlaceholdersButOnlyWhenSomethingIsMasked() {
        RedactionSession s = new RedactionSession();
        int[] reads = {0};
        s.requestText(() -> {
            reads[0]++;
            return "{\"messages\":[{\"content\":\"see [EMAIL_ADDRESS_1] and [EMAIL_ADDRESS_2]\"},"
                    + "{\"content\":\"mail bob@example.com\"}]}";
        });
        assertThat(s.apply("nothing here", List.of(), List.of())).isEqualTo("nothing here");
        assertThat(reads[0]).isZero();
        String text = "mail bob@example.com";
        assertThat(s.apply(text, List.of(email(text, "bob@example.com")), List.of()))
                .isEqualTo("mail [EMAIL_ADDRESS_3]");
        String again = "again bob@example.com, and [EMAIL_ADDRESS_3]";
        assertThat(s.apply(again, List.of(email(again, "bob@example.com")), List.of()))
                .as("the session's own placeholder in a text it redacted before is not a typed one")
                .isEqualTo("again [EMAIL_ADDRESS_3], and [EMAIL_ADDRESS_3]");
        assertThat(reads[0]).isEqualTo(1);
    }
}
