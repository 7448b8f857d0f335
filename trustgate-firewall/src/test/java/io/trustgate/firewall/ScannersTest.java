package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScannersTest {
    @Test
    void everyListedInputScannerCanBeCreatedUnderItsName() {
        for (String name : Scanners.INPUT) {
            assertThat(Scanners.create(name).name()).isEqualTo(name);
        }
    }

    @Test
    void anUnknownNameIsRefused() {
        assertThatThrownBy(() -> Scanners.create("nope")).hasMessageContaining("unknown scanner 'nope'");
    }
}
