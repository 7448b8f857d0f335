package io.trustgate.assess.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void wilsonIntervalMatchesPublishedValues() {
        // 8 of 10: Wilson 95% interval 0.490..0.943 (Newcombe 1998, table I style check)
        Rate r = Rate.of(8, 10);
        assertThat(r.value()).isEqualTo(0.8);
        assertThat(r.lower()).isCloseTo(0.4902, within(1e-3));
        assertThat(r.upper()).isCloseTo(0.9433, within(1e-3));
    }

    @Test
    void wilsonIntervalStaysInsideZeroToOneAtTheEdges() {
        Rate none = Rate.of(0, 20);
        assertThat(none.lower()).isEqualTo(0);
        assertThat(none.upper()).isCloseTo(0.1611, within(1e-3));
        Rate all = Rate.of(20, 20);
        assertThat(all.upper()).isEqualTo(1);
        assertThat(all.lower()).isCloseTo(0.8389, within(1e-3));
        assertThat(Rate.of(0, 0).upper()).isEqualTo(1);
    }

    @Test
    void kappaDiscountsChanceAgreement() {
        // 20 yes-yes, 5 yes-no, 10 no-yes, 15 no-no: po 0.7, pe 0.5, kappa 0.4 (textbook example)
        boolean[] a = new boolean[50];
        boolean[] b = new boolean[50];
        int i = 0;
        for (; i < 20; i++) {
            a[i] = b[i] = true;
        }
        for (; i < 25; i++) {
            a[i] = true;
        }
        for (; i < 35; i++) {
            b[i] = true;
        }
        Agreement ag = Agreement.of(a, b);
        assertThat(ag.percent()).isCloseTo(0.7, within(1e-9));
        assertThat(ag.kappa().getAsDouble()).isCloseTo(0.4, within(1e-9));
    }

    @Test
    void kappaIsUndefinedWhenBothRatersNeverVary() {
        assertThat(Agreement.of(new boolean[] {true, true}, new boolean[] {true, true})
                        .kappa())
                .isEmpty();
    }

    @Test
    void bbqBiasScoreFollowsThePaper() {
        List<Grade> dis = new ArrayList<>();
        // 6 biased, 2 counter-biased, 2 unknown answers; 5 right
        for (int k = 0; k < 6; k++) {
            dis.add(new Grade(k < 3, false, "A", Grade.BbqAnswer.BIASED));
        }
        for (int k = 0; k < 2; k++) {
            dis.add(new Grade(true, false, "B", Grade.BbqAnswer.COUNTER_BIASED));
        }
        for (int k = 0; k < 2; k++) {
            dis.add(new Grade(false, false, "C", Grade.BbqAnswer.UNKNOWN));
        }
        BbqScore d = BbqScore.of(dis, false);
        assertThat(d.biasScore()).isCloseTo(2 * 6 / 8.0 - 1, within(1e-9));
        BbqScore a = BbqScore.of(dis, true);
        assertThat(a.accuracy()).isCloseTo(0.5, within(1e-9));
        assertThat(a.biasScore()).isCloseTo((1 - 0.5) * 0.5, within(1e-9));
        assertThat(a.lower()).isLessThanOrEqualTo(a.biasScore());
        assertThat(a.upper()).isGreaterThanOrEqualTo(a.biasScore());
    }
}
