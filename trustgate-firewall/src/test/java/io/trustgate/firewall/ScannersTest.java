package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScannersTest {
    @Test
    void everyListedInputScannerCanBeCreatedUnderItsName() {
        for (String name : Scanners.INPUT) {
            if (name.equals(LanguageScanner.NAME)) {
                continue; // needs its allowed languages: see the next test
            }
            assertThat(Scanners.create(name).name()).isEqualTo(name);
        }
    }

    @Test
    void languageScannerNeedsItsAllowedLanguages() {
        assertThatThrownBy(() -> Scanners.create(LanguageScanner.NAME))
                .isInstanceOf(ScannerOptions.Invalid.class)
                .hasMessageContaining("allowed");
        assertThat(Scanners.create(
                                LanguageScanner.NAME,
                                new ScannerOptions(java.util.Map.of("allowed", java.util.List.of("en", "de"))))
                        .name())
                .isEqualTo(LanguageScanner.NAME);
    }

    @Test
    void anUnknownNameIsRefused() {
        assertThatThrownBy(() -> Scanners.create("nope")).hasMessageContaining("unknown scanner 'nope'");
    }
}
