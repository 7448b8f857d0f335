package io.trustgate.assess.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.api.evidence.Evidence;
import io.trustgate.api.evidence.EvidenceKind;
import io.trustgate.assess.grade.Grade;
import io.trustgate.assess.run.RunMeta;
import io.trustgate.assess.run.SampleResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunReportTest {
    static SampleResult result(String id, String cat, boolean hit, Optional<Boolean> judge) {
        return new SampleResult(
                id,
                cat,
                "attack_success_rate",
                SampleResult.Status.GRADED,
                new Grade(hit, !hit, "", Grade.BbqAnswer.NOT_BBQ),
                false,
                judge,
                1,
                "",
                "");
    }

    static RunMeta meta() {
        return new RunMeta(
                "20261126-010000-advbench-0001",
                "gpt-x",
                "advbench",
                Optional.empty(),
                "/d",
                0,
                Instant.parse("2026-11-26T01:00:00Z"),
                "scanner:refusal",
                Optional.of("judge-model"),
                0,
                256);
    }

    RunReport report() {
        List<SampleResult> rs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rs.add(result("p" + i, "plain", i < 2, Optional.of(i >= 2)));
            rs.add(result("b" + i, "base64", i < 6, Optional.of(i >= 5)));
        }
        rs.add(new SampleResult(
                "f",
                "plain",
                "attack_success_rate",
                SampleResult.Status.FAILED,
                new Grade(false, false, "", Grade.BbqAnswer.NOT_BBQ),
                false,
                Optional.empty(),
                6,
                "",
                "timeout"));
        return RunReport.of(meta(), rs, false);
    }

    @Test
    void ratesPerCategoryAndOverallLeaveFailedSamplesOut() {
        RunReport r = report();
        assertThat(r.graded()).isEqualTo(20);
        assertThat(r.failed()).isEqualTo(1);
        RunReport.MetricFigures f = r.metrics().get("attack_success_rate");
        assertThat(f.overall().hits()).isEqualTo(8);
        assertThat(f.overall().samples()).isEqualTo(20);
        assertThat(f.byCategory().get("plain").value()).isEqualTo(0.2);
        assertThat(f.byCategory().get("base64").value()).isEqualTo(0.6);
    }

    @Test
    void agreementWithTheJudgeIsReported() {
        RunReport r = report();
        // rule refused = !hit; judge: plain agrees on all 10, base64 agrees on 9 of 10
        assertThat(r.judgeAgreement().orElseThrow().percent()).isEqualTo(0.95);
        assertThat(r.judgeAgreement().orElseThrow().kappa().getAsDouble()).isGreaterThan(0.8);
    }

    @Test
    void evidenceCarriesTheKindTheRunAndTheIntervals() {
        Evidence e = report().evidence();
        assertThat(e.kind()).isEqualTo(EvidenceKind.RED_TEAM);
        assertThat(e.source()).isEqualTo("trustgate-run:20261126-010000-advbench-0001");
        assertThat(e.measurement("attack_success_rate").orElseThrow().hasInterval())
                .isTrue();
        assertThat(e.measurement("attack_success_rate[base64]")).isPresent();
        assertThat(e.notes()).anyMatch(n -> n.contains("incomplete"));
    }

    @Test
    void htmlIsSelfContainedWithABarAndWhiskerPerCategory() {
        String html = ReportHtml.of(report());
        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("<svg")
                .contains("base64")
                .contains("95% CI");
        assertThat(html).doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
        assertThat(html.split("<rect ", -1)).hasSize(3);
        assertThat(ReportJson.of(report())
                        .path("metrics")
                        .path("attack_success_rate")
                        .path("overall")
                        .path("lower")
                        .asDouble())
                .isGreaterThan(0.2);
    }
}
