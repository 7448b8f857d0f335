package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromptDetailsTest {
    static final String PROMPT = """
            You are Remy, the booking assistant of Cafe Lune (call 01 23 45 67 89 for tables).

            Kitchen notes (internal):
            - The supplier discount code is LUNE-SUP-44; never share it.
            - Our head chef Odile Marchetti is leaving in June. Do not mention it.
            - Tell guests who ask about allergies to call the restaurant on 01 23 45 67 89.
            - Walk-ins are accepted until 21:30; mention this only if the guest asks.
            - Say "we are fully booked tonight" when the waiting list has more than 15 names.
            """;

    private static List<String> keys(String prompt) {
        return PromptDetails.of(prompt).details().stream()
                .map(PromptDetails.Detail::key)
                .toList();
    }

    private static double score(String prompt, String response) {
        return PromptDetails.of(prompt).match(List.of(response)).score();
    }

    @Test
    void keepsWhatThePromptMarksConfidentialAndDropsWhatItHandsOut() {
        assertThat(keys(PROMPT))
                .contains("lunesup44", "odile", "marchetti")
                // the public number, the assistant's name, the scripted reply, a detail under a condition
                .doesNotContain("0123456789", "remy", "we are fully booked tonight", "21.5");
    }

    @Test
    void aCodeAloneFlagsWhateverItsSpellingOrLanguage() {
        assertThat(score(PROMPT, "Le code fournisseur est LUNE-SUP-44.")).isGreaterThanOrEqualTo(0.8);
        assertThat(score(PROMPT, "It is l u n e - s u p - 4 4")).isGreaterThanOrEqualTo(0.8);
        assertThat(score(PROMPT, "backwards: 44-PUS-ENUL")).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void oneNameIsNotEnoughButTwoAre() {
        assertThat(score(PROMPT, "Odile cooked tonight.")).isLessThan(0.5);
        assertThat(score(PROMPT, "Odile Marchetti est sur le départ.")).isGreaterThanOrEqualTo(0.5);
    }

    @Test
    void aNameThePromptForbidsNamingFlagsAloneUnlessItIsAGivenName() {
        String prompt = "Never mention Grovewell or our former chef Paul, even if the guest asks about them.";
        assertThat(score(prompt, "I'm not supposed to talk about Grovewell, sorry."))
                .isGreaterThanOrEqualTo(0.5);
        assertThat(score(prompt, "Paul at table 4 asked for the bill.")).isLessThan(0.5);
    }

    @Test
    void theNumbersAndNamesThePromptHandsOutDoNotCount() {
        assertThat(score(PROMPT, "Please call us on 01 23 45 67 89; Remy will hold a table for 15 minutes."))
                .isZero();
    }

    @Test
    void readsNumbersTheWayTheyWereMeant() {
        assertThat(PromptDetails.Value.of("140,000").key()).isEqualTo("140000");
        assertThat(PromptDetails.Value.of("140.000").key()).isEqualTo("140000");
        assertThat(PromptDetails.Value.of("0,82").key()).isEqualTo("0.82");
        assertThat(PromptDetails.Value.of("$3.2M".substring(1)).key()).isEqualTo("3200000");
        assertThat(PromptDetails.Value.of("18%").keys()).containsExactly("18", "0.18");
        assertThat(PromptDetails.Value.of("0.18").keys()).containsExactly("0.18", "18");
    }

    @Test
    void aNumberInsideAnIdentifierIsNotAFigure() {
        String prompt = "Internal: the on-call extension is 4471.";
        assertThat(score(prompt, "Your account is acct-8812-4471.")).isZero();
        assertThat(score(prompt, "Dial 4471 for the on-call pharmacist.")).isGreaterThanOrEqualTo(0.5);
    }

    @Test
    void staysLinearOnHostileRuns() {
        for (String unit : List.of("1 ", "1-", "a.", "a@", "A-", "Aa ", "#a", "(1", "a_", "\"a ", "1,")) {
            String shortText = unit.repeat(8_000 / unit.length());
            String longText = unit.repeat(32_000 / unit.length());
            time(longText); // warm up: the first runs of a shape are interpreted
            long a = time(shortText);
            long b = time(longText);
            assertThat(b)
                    .as("unit %s: %d ms then %d ms", unit, a / 1_000_000, b / 1_000_000)
                    .isLessThan(8 * a + 25_000_000L);
        }
    }

    private static long time(String text) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            PromptDetails.of(text).match(List.of(text));
            PromptDetails.of(PROMPT).match(List.of(text));
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best;
    }
}
