package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustgate.api.ErrorKind;
import io.trustgate.api.TrustgateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorTableTest {
    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void everyKindRendersAnOpenAiStyleBody(ErrorKind kind) throws Exception {
        JsonNode n = Json.parse(ErrorTable.body(new TrustgateException(kind, "m \"quoted\"")));
        JsonNode e = n.path("error");
        assertThat(e.path("message").asText()).isEqualTo("m \"quoted\"");
        assertThat(e.path("type").asText()).isNotBlank();
        assertThat(e.has("param")).isTrue();
        assertThat(e.path("code").asText()).isNotBlank();
        assertThat(ErrorTable.status(kind)).isBetween(400, 599);
    }

    @Test
    void statusesFollowTheOpenAiConventions() {
        assertThat(ErrorTable.status(ErrorKind.INVALID_REQUEST)).isEqualTo(400);
        assertThat(ErrorTable.status(ErrorKind.AUTHENTICATION)).isEqualTo(401);
        assertThat(ErrorTable.status(ErrorKind.PERMISSION_DENIED)).isEqualTo(403);
        assertThat(ErrorTable.status(ErrorKind.NOT_FOUND)).isEqualTo(404);
        assertThat(ErrorTable.status(ErrorKind.PAYLOAD_TOO_LARGE)).isEqualTo(413);
        assertThat(ErrorTable.status(ErrorKind.RATE_LIMITED)).isEqualTo(429);
        assertThat(ErrorTable.status(ErrorKind.UPSTREAM_FAILED)).isEqualTo(502);
        assertThat(ErrorTable.status(ErrorKind.UPSTREAM_TIMEOUT)).isEqualTo(504);
    }

    @Test
    void unknownThrowablesBecomeInternalWithoutLeakingTheirMessage() {
        TrustgateException e = ErrorTable.from(new IllegalStateException("secret sk-abc in message"));
        assertThat(e.kind()).isEqualTo(ErrorKind.INTERNAL);
        assertThat(e.getMessage()).doesNotContain("sk-abc");
    }
}
