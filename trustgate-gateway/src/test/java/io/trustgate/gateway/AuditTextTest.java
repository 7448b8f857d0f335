package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustgate.api.audit.CaptureMode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditTextTest {
    static final ObjectMapper M = new ObjectMapper();

    @Test
    void contentPartsAreKeptApartSoThatTheRedactionFindsAValueAtTheStartOfAPart() throws Exception {
        var body = M.readTree("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hello\"},"
                + "{\"type\":\"text\",\"text\":\"AKIAQ2W3E4R5T6Y7U8I9\"},{\"type\":\"image_url\",\"image_url\":{}},"
                + "{\"type\":\"refusal\",\"refusal\":\"no\"}]}]}");
        String prompt = AuditText.prompt(body, 1_000);
        assertThat(prompt).isEqualTo("user: Hello AKIAQ2W3E4R5T6Y7U8I9 [image_url] no");
        String kept = AuditCapture.of(CaptureMode.REDACTED, Map.of(), 1_000)
                .content(CaptureMode.REDACTED, prompt, "")
                .prompt();
        assertThat(kept).doesNotContain("AKIAQ2W3E4R5T6Y7U8I9").startsWith("user: Hello [");
    }

    @Test
    void aStreamedAnswerKeepsItsRefusalAndCallArguments() {
        AuditText t = new AuditText(1_000);
        t.chunk("{\"choices\":[{\"index\":0,\"delta\":{\"refusal\":\"I cannot \"}}]}");
        t.chunk("{\"choices\":[{\"index\":0,\"delta\":{\"refusal\":\"help.\"}}]}");
        t.chunk("{\"choices\":[{\"index\":0,\"delta\":{\"function_call\":{\"arguments\":\"{}\"}}}]}");
        assertThat(t.toString()).isEqualTo("I cannot help.{}");
    }
}
