package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamingRestorerTest {
    private static final Map<String, String> MAPPING = new LinkedHashMap<>();

    static {
        MAPPING.put("[EMAIL_ADDRESS_1]", "alice@example.com");
        MAPPING.put("[EMAIL_ADDRESS_12]", "bob@example.com");
        MAPPING.put("[PHONE_NUMBER_1]", "+1 201 555 0123");
    }

    private static final String MASKED =
            "Hi [EMAIL_ADDRESS_1], [[EMAIL_ADDRESS_12]] and [PHONE_NUMBER_1][EMAIL_ADDRESS_1] [EMAIL_ADDRESS_ [x] [";
    private static final String RESTORED =
            "Hi alice@example.com, [bob@example.com] and +1 201 555 0123alice@example.com [EMAIL_ADDRESS_ [x] [";

    @Test
    void restoresPlaceholdersSplitAcrossTwoChunksAtEveryPosition() {
        for (int cut = 0; cut <= MASKED.length(); cut++) {
            StreamingRestorer r = new StreamingRestorer(MAPPING);
            String out = r.push(MASKED.substring(0, cut)) + r.push(MASKED.substring(cut)) + r.finish();
            assertThat(out).as("cut at " + cut).isEqualTo(RESTORED);
        }
    }

    @Test
    void restoresWhenEveryCharArrivesAlone() {
        StreamingRestorer r = new StreamingRestorer(MAPPING);
        StringBuilder out = new StringBuilder();
        for (char c : MASKED.toCharArray()) {
            out.append(r.push(String.valueOf(c)));
        }
        assertThat(out.append(r.finish()).toString()).isEqualTo(RESTORED);
    }

    @Test
    void restoresUnderRandomChunking() {
        Random rnd = new Random(7);
        for (int run = 0; run < 500; run++) {
            StreamingRestorer r = new StreamingRestorer(MAPPING);
            StringBuilder out = new StringBuilder();
            int i = 0;
            while (i < MASKED.length()) {
                int j = Math.min(MASKED.length(), i + rnd.nextInt(6));
                out.append(r.push(MASKED.substring(i, j)));
                i = j;
            }
            assertThat(out.append(r.finish()).toString()).isEqualTo(RESTORED);
        }
    }

    @Test
    void holdsBackOnlyAPossiblePlaceholderPrefix() {
        StreamingRestorer r = new StreamingRestorer(MAPPING);
        assertThat(r.push("plain text, no brackets")).isEqualTo("plain text, no brackets");
        assertThat(r.push("see [EMAIL_AD")).isEqualTo("see ");
        assertThat(r.push("X and [")).isEqualTo("[EMAIL_ADX and ");
        assertThat(r.push("P")).isEqualTo("");
        assertThat(r.push("x")).isEqualTo("[Px");
        assertThat(r.finish()).isEmpty();
    }

    @Test
    void releasesAnUnfinishedPlaceholderAtTheEnd() {
        StreamingRestorer r = new StreamingRestorer(MAPPING);
        assertThat(r.push("cut [PHONE_NUM")).isEqualTo("cut ");
        assertThat(r.finish()).isEqualTo("[PHONE_NUM");
    }
}
