package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PiiCorpusGeneratorTest {
    static final Path CORPUS = Path.of("src/test/resources/pii/pii-corpus.jsonl");

    @Test
    void committedCorpusIsWhatTheSeededGeneratorProduces() throws IOException {
        List<String> lines = new PiiCorpusGenerator().generate();
        if (Boolean.getBoolean("pii.corpus.write")) {
            Files.createDirectories(CORPUS.getParent());
            Files.write(CORPUS, lines, StandardCharsets.UTF_8);
        }
        assertThat(lines).hasSizeGreaterThanOrEqualTo(300);
        assertThat(Files.readAllLines(CORPUS, StandardCharsets.UTF_8)).isEqualTo(lines);
    }

    @Test
    void registryExampleIbansHaveValidCheckDigits() {
        assertThat(PiiScanner.mod97("DE89370400440532013000")).isEqualTo(1);
        assertThat(PiiScanner.mod97("GB29NWBK60161331926819")).isEqualTo(1);
        assertThat(PiiScanner.mod97(PiiCorpusGenerator.withCheckDigits("DE", "370400440532013000")))
                .isEqualTo(1);
        assertThat(PiiCorpusGenerator.withCheckDigits("DE", "370400440532013000"))
                .isEqualTo("DE89370400440532013000");
    }
}
