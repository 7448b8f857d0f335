package io.trustgate.registry.licence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpdxLicenceListTest {
    private static final SpdxLicenceList LIST = SpdxLicenceList.shipped();

    @Test
    void loadsAllSixHundredFiftyNineLicencesOfTheShippedList() {
        assertThat(LIST.size()).isEqualTo(659);
        assertThat(LIST.version()).isEqualTo("d8abdb0");
        assertThat(LIST.releaseDate()).isEqualTo("2024-05-21");
    }

    @Test
    void answersOsiFsfAndNameIgnoringCase() {
        assertThat(LIST.isKnown("apache-2.0")).isTrue();
        assertThat(LIST.isOsiApproved("Apache-2.0")).isTrue();
        assertThat(LIST.isFsfLibre("Apache-2.0")).isTrue();
        assertThat(LIST.name("MIT")).contains("MIT License");
        assertThat(LIST.isOsiApproved("CC-BY-NC-4.0")).isFalse();
        assertThat(LIST.isFsfLibre("CC-BY-NC-4.0")).isFalse();
    }

    @Test
    void flagsDeprecatedIdentifiers() {
        assertThat(LIST.isKnown("GPL-2.0")).isTrue();
        assertThat(LIST.isDeprecated("GPL-2.0")).isTrue();
        assertThat(LIST.isDeprecated("GPL-2.0-only")).isFalse();
    }

    @Test
    void modelLicencesAreNotSpdxIds() {
        assertThat(LIST.isKnown("LicenseRef-Llama-3.1-Community")).isFalse();
        assertThat(LIST.isKnown("llama3.1")).isFalse();
        assertThat(LIST.find("no-such-licence")).isEmpty();
    }
}
