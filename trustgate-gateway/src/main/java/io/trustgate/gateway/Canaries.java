package io.trustgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.firewall.Canary;

/**
 * Adds a canary token to the system prompt of a request: a random marker that no answer has any reason to repeat,
 * so an answer containing it shows that the system prompt leaked (caught by the {@code system-prompt-leak} output
 * scanner). A new token per request ({@link Canary}), so a leak cannot be replayed to learn it.
 */
final class Canaries {
    private Canaries() {}

    /**
     * Appends the canary sentence to the first system (or developer) message with text, or puts a system message
     * first when there is none; returns the token.
     */
    static String add(ObjectNode body) {
        String token = Canary.newToken();
        String sentence = Canary.instruction(token);
        JsonNode messages = body.path("messages");
        for (JsonNode m : messages) {
            String role = m.path("role").asText("");
            if ((role.equals("system") || role.equals("developer"))
                    && m.path("content").isTextual()) {
                ((ObjectNode) m).put("content", m.path("content").asText() + "\n\n" + sentence);
                return token;
            }
        }
        if (messages instanceof ArrayNode list) {
            ObjectNode system = Json.MAPPER.createObjectNode();
            system.put("role", "system").put("content", sentence);
            list.insert(0, system);
        }
        return token;
    }
}
