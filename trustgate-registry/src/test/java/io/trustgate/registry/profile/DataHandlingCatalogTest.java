package io.trustgate.registry.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataHandlingCatalogTest {
    @TempDir
    Path dir;

    @Test
    void everyShippedVendorFactCitesAnHttpsPageAndTheDateItWasSeen() {
        DataHandlingCatalog c = DataHandlingCatalog.shipped();
        assertThat(c.all())
                .extracting(DataHandling::provider)
                .containsExactlyInAnyOrder("OpenAI", "Anthropic", "Google", "Mistral AI", "DeepSeek");
        for (DataHandling d : c.all()) {
            for (Fact<?> f : List.of(
                    d.trainsOnCustomerData(),
                    d.retentionDays(),
                    d.zeroRetention(),
                    d.processingRegions(),
                    d.euDataResidency(),
                    d.dpa(),
                    d.hipaaBaa())) {
                f.citation()
                        .ifPresent(s -> assertThat(s)
                                .as(d.provider())
                                .startsWith("https://")
                                .matches(".* \\(seen \\d{4}-\\d{2}-\\d{2}\\)"));
            }
        }
        assertThat(c.forProvider("openai").trainsOnCustomerData().optional()).contains(false);
        assertThat(c.forProvider("Anthropic").euDataResidency().optional()).contains(false);
        // Not sourced: stays unknown.
        assertThat(c.forProvider("Google").hipaaBaa().known()).isFalse();
        assertThat(c.forProvider("DeepSeek").trainsOnCustomerData().known()).isFalse();
    }

    @Test
    void aProviderWithoutAFileHasEveryFactUnknown() {
        DataHandling d = DataHandlingCatalog.shipped().forProvider("Nobody Inc");
        assertThat(d.trainsOnCustomerData().known()).isFalse();
        assertThat(d.dpa().known()).isFalse();
        assertThat(d.origin()).contains("Nobody Inc");
    }

    @Test
    void aUserFileReplacesTheShippedOneForTheSameProvider() throws Exception {
        Files.createDirectories(dir.resolve("providers"));
        Files.writeString(dir.resolve("providers").resolve("openai.yaml"), """
                provider: openai
                hipaa-baa: {value: false, source: "https://example.org/contract", seen: 2026-11-01, note: our contract}
                """);
        DataHandling d = DataHandlingCatalog.load(List.of(dir)).forProvider("OpenAI");
        assertThat(d.hipaaBaa().optional()).contains(false);
        assertThat(d.hipaaBaa().citation()).contains("https://example.org/contract (seen 2026-11-01)");
        assertThat(d.trainsOnCustomerData().known()).isFalse();
    }

    @Test
    void aFactWithoutSourceOrDateIsRefusedNamingFileAndLine() {
        assertThatThrownBy(() -> DataHandlingCatalog.read(
                        "provider: X\ndpa: {value: true, source: \"https://x.example\"}\n", "x.yaml"))
                .hasMessageContaining("x.yaml:2")
                .hasMessageContaining("seen");
        assertThatThrownBy(() -> DataHandlingCatalog.read(
                        "provider: X\ndpa: {value: true, source: somewhere, seen: 2026-11-01}\n", "x.yaml"))
                .hasMessageContaining("https URL");
        assertThatThrownBy(() -> DataHandlingCatalog.read("provider: X\ntrains: no\n", "x.yaml"))
                .hasMessageContaining("unknown key");
    }
}
