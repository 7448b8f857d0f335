package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustgate.api.ScanContext;
import io.trustgate.api.ScanContext.Source;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScanContextSourceTest {
    @Test
    void chatRolesMapToSources() {
        assertThat(Source.ofRole("system")).isEqualTo(Source.OPERATOR);
        assertThat(Source.ofRole("developer")).isEqualTo(Source.OPERATOR);
        assertThat(Source.ofRole("user")).isEqualTo(Source.USER);
        assertThat(Source.ofRole("assistant")).isEqualTo(Source.ASSISTANT);
        assertThat(Source.ofRole("tool")).isEqualTo(Source.TOOL);
        assertThat(Source.ofRole("function")).isEqualTo(Source.TOOL);
        assertThat(Source.ofRole("Tool")).isEqualTo(Source.UNSPECIFIED);
        assertThat(Source.ofRole("")).isEqualTo(Source.UNSPECIFIED);
    }

    @Test
    void theSourceIsKeptApartFromTheRestOfTheContext() {
        ScanContext withPrompt = ScanContext.ofSystemPrompt("be brief");
        ScanContext tool = withPrompt.withSource(Source.TOOL);
        assertThat(tool.source()).isEqualTo(Source.TOOL);
        assertThat(tool.systemPrompt()).contains("be brief");
        assertThat(withPrompt.source()).isEqualTo(Source.UNSPECIFIED);
        assertThat(ScanContext.of(Source.UNSPECIFIED)).isSameAs(ScanContext.NONE);
        assertThat(new ScanContext(Optional.empty(), List.of(), Optional.empty()).source())
                .isEqualTo(Source.UNSPECIFIED);
        assertThat(tool.toString()).contains("source=TOOL").doesNotContain("be brief");
        assertThatThrownBy(() -> ScanContext.NONE.withSource(null)).isInstanceOf(NullPointerException.class);
    }
}
