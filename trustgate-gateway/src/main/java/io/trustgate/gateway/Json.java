package io.trustgate.gateway;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.trustgate.api.Usage;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.Optional;

/** The gateway's one JSON mapper, with bounds that protect it from hostile bodies, and small helpers. */
public final class Json {
    /** Shared, thread-safe mapper. Nesting and string sizes are bounded so a crafted body cannot exhaust the JVM. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        MAPPER.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(256)
                        .maxNumberLength(200)
                        .maxStringLength(64 * 1024 * 1024)
                        .build());
    }

    private Json() {}

    /** Parses a buffer; throws IOException for anything that is not one JSON value. */
    public static JsonNode parse(Buffer b) throws IOException {
        return MAPPER.readTree(b.getBytes());
    }

    public static Buffer write(JsonNode node) {
        try {
            return Buffer.buffer(MAPPER.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }

    /** Reads an OpenAI-style {@code usage} object, if present and well-formed. */
    public static Optional<Usage> usage(JsonNode root) {
        JsonNode u = root.path("usage");
        if (!u.isObject()) {
            return Optional.empty();
        }
        long p = u.path("prompt_tokens").asLong(0);
        long c = u.path("completion_tokens").asLong(0);
        return Optional.of(new Usage(Math.max(0, p), Math.max(0, c)));
    }

    /** The {@code error.message} of an upstream error body, shortened; empty when absent. */
    public static String errorMessage(Buffer body) {
        try {
            JsonNode n = parse(body);
            String m = n.path("error").path("message").asText("");
            if (m.isEmpty()) {
                m = n.path("message").asText("");
            }
            return m.length() > 300 ? m.substring(0, 300) + "..." : m;
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** A key as shown in listings (CLI and admin API): never the key itself, only its prefix. */
    public static com.fasterxml.jackson.databind.node.ObjectNode key(io.trustgate.api.ApiKey k, java.time.Instant now) {
        com.fasterxml.jackson.databind.node.ObjectNode n = MAPPER.createObjectNode();
        n.put("id", k.id())
                .put("name", k.name())
                .put("tenant", k.tenant())
                .put("tier", k.tier())
                .put("prefix", k.prefix());
        n.put("created_at", k.createdAt().toString());
        if (k.expiresAt().equals(io.trustgate.api.ApiKey.NEVER)) {
            n.putNull("expires_at");
        } else {
            n.put("expires_at", k.expiresAt().toString());
        }
        if (k.revoked()) {
            n.put("revoked_at", k.revokedAt().toString());
        } else {
            n.putNull("revoked_at");
        }
        n.put("status", k.revoked() ? "revoked" : k.activeAt(now) ? "active" : "expired");
        return n;
    }
}
