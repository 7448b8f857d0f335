package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.api.ErrorKind;
import io.trustgate.api.TrustgateException;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded mutation fuzzing of the chat-request path the gateway runs on every body: {@link Json#parse} then
 * {@link ChatRequest#parse}. The contract under test is what {@code RequestHandler} relies on: the JSON parser fails
 * only with {@link IOException} (turned into a 400), and validation fails only with a {@link TrustgateException} of
 * kind {@link ErrorKind#INVALID_REQUEST}; anything else would reach the client as a 500. Seeded
 * {@link java.util.Random} rather than Jazzer (not available from the registry here), so every run is the same and
 * a failure prints the seed and input that reproduce it.
 */
@Timeout(10)
class ChatRequestFuzzTest {
    static final long SEED = 0x7457_6761_7465L;
    static final int BYTE_MUTATIONS = 15_000;
    static final int TREE_MUTATIONS = 15_000;

    static final List<String> CORPUS = List.of(
            "{\"model\":\"sandbox-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}",
            "{\"model\":\"gpt-4o\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"temperature\":0.7,"
                    + "\"top_p\":1,\"n\":1,\"max_tokens\":256,\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                    + "{\"role\":\"user\",\"content\":\"Hi\"}]}",
            "{\"model\":\"m\",\"max_completion_tokens\":100,\"seed\":42,\"user\":\"u-1\",\"stop\":[\"\\n\",\"END\"],"
                    + "\"frequency_penalty\":-1.5,\"presence_penalty\":0.5,\"logprobs\":false,\"metadata\":{\"a\":\"b\"},"
                    + "\"messages\":[{\"role\":\"developer\",\"content\":\"rules\"},{\"role\":\"user\",\"content\":\"q\"}]}",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"look\"},"
                    + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AAAA\"}}]}]}",
            "{\"model\":\"m\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":"
                    + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}],\"tool_choice\":\"auto\","
                    + "\"parallel_tool_calls\":true,\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"},"
                    + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
                    + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}}]},"
                    + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"12C\"}]}",
            "{\"model\":\"m\",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":{}}},"
                    + "\"messages\":[{\"role\":\"assistant\",\"content\":\"prev\",\"refusal\":null},"
                    + "{\"role\":\"user\",\"content\":\"\\u00e9\\u4e2d\\ud83d\\ude00 unicode\"}],\"x_future\":[1,{\"y\":null}]}");

    /** The only outcomes allowed: parse error, validation error of kind INVALID_REQUEST, or a valid request. */
    static void check(byte[] input, long seed, int iteration) {
        JsonNode root;
        try {
            root = Json.parse(Buffer.buffer(input));
        } catch (IOException expected) {
            return;
        } catch (Throwable t) {
            throw failure("Json.parse", t, input, seed, iteration);
        }
        check(root, input, seed, iteration);
    }

    static void check(JsonNode root, byte[] input, long seed, int iteration) {
        try {
            ChatRequest r = ChatRequest.parse(root);
            assertThat(r.model()).isNotBlank();
            assertThat(r.texts().size())
                    .isGreaterThanOrEqualTo(r.body().path("messages").size());
            assertThat(r.maxTokens()).isNotNegative();
            assertThat(!r.includeUsage() || r.stream()).isTrue();
        } catch (TrustgateException e) {
            if (e.kind() != ErrorKind.INVALID_REQUEST) {
                throw failure("ChatRequest.parse gave kind " + e.kind(), e, input, seed, iteration);
            }
            assertThat(e.getMessage()).isNotBlank();
        } catch (Throwable t) {
            throw failure("ChatRequest.parse", t, input, seed, iteration);
        }
    }

    static AssertionError failure(String where, Throwable t, byte[] input, long seed, int iteration) {
        String shown = new String(input, StandardCharsets.UTF_8);
        if (shown.length() > 2000) {
            shown = shown.substring(0, 2000) + "...";
        }
        return new AssertionError(
                where + " threw " + t + " (seed " + seed + ", iteration " + iteration + ") on input: " + shown, t);
    }

    @Test
    void corpusIsValid() throws IOException {
        for (String s : CORPUS) {
            ChatRequest.parse(Json.parse(Buffer.buffer(s)));
        }
    }

    @Test
    void byteLevelMutationsOnlyEverGiveInvalidRequest() {
        Random rnd = new Random(SEED);
        for (int i = 0; i < BYTE_MUTATIONS; i++) {
            byte[] b = CORPUS.get(rnd.nextInt(CORPUS.size())).getBytes(StandardCharsets.UTF_8);
            int rounds = 1 + rnd.nextInt(4);
            for (int k = 0; k < rounds && b.length > 0; k++) {
                b = mutateBytes(b, rnd);
            }
            check(b, SEED, i);
        }
    }

    @Test
    void typeSwapsAndStructuralMutationsOnlyEverGiveInvalidRequest() throws IOException {
        Random rnd = new Random(SEED + 1);
        List<JsonNode> corpus = new ArrayList<>();
        for (String s : CORPUS) {
            corpus.add(Json.parse(Buffer.buffer(s)));
        }
        for (int i = 0; i < TREE_MUTATIONS; i++) {
            JsonNode root = corpus.get(rnd.nextInt(corpus.size())).deepCopy();
            int rounds = 1 + rnd.nextInt(3);
            for (int k = 0; k < rounds; k++) {
                root = mutateTree(root, rnd);
            }
            byte[] text = root.toString().getBytes(StandardCharsets.UTF_8);
            check(root, text, SEED + 1, i); // the tree as built
            check(text, SEED + 1, i); // and as it would arrive on the wire
        }
    }

    @Test
    void pathologicalBodiesGiveInvalidRequest() {
        List<String> bodies = List.of(
                "[".repeat(100_000),
                "{\"a\":".repeat(50_000),
                "[".repeat(300) + "]".repeat(300),
                "{\"model\":\"m\",\"messages\":" + "[".repeat(1000) + "]".repeat(1000) + "}",
                "{\"model\":\"m\",\"max_tokens\":" + "9".repeat(100_000) + ",\"messages\":[]}",
                "{\"model\":\"m\",\"temperature\":1e999999999,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "{\"model\":\"m\",\"temperature\":NaN,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "{\"model\":\"m\",\"temperature\":-0.0e-99999,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "{\"model\":\"m\",\"model\":\"n\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "{\"model\":\"\\ud800\",\"messages\":[{\"role\":\"user\",\"content\":\"\\udfff\"}]}",
                "{\"model\":\"m\u0000\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "\uFEFF{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}\u0000",
                "/* c */{\"model\":\"m\"}",
                "");
        for (int i = 0; i < bodies.size(); i++) {
            check(bodies.get(i).getBytes(StandardCharsets.UTF_8), 0, i);
        }
    }

    static byte[] mutateBytes(byte[] b, Random rnd) {
        int n = b.length;
        return switch (rnd.nextInt(8)) {
            case 0 -> { // flip a bit
                byte[] c = b.clone();
                c[rnd.nextInt(n)] ^= (byte) (1 << rnd.nextInt(8));
                yield c;
            }
            case 1 -> { // set a random byte (any value, invalid UTF-8 included)
                byte[] c = b.clone();
                c[rnd.nextInt(n)] = (byte) rnd.nextInt(256);
                yield c;
            }
            case 2 -> Arrays.copyOf(b, rnd.nextInt(n)); // truncate
            case 3 -> { // delete a span
                int from = rnd.nextInt(n);
                int to = Math.min(n, from + 1 + rnd.nextInt(16));
                byte[] c = new byte[n - (to - from)];
                System.arraycopy(b, 0, c, 0, from);
                System.arraycopy(b, to, c, from, n - to);
                yield c;
            }
            case 4 -> { // duplicate a span in place
                int from = rnd.nextInt(n);
                int to = Math.min(n, from + 1 + rnd.nextInt(32));
                byte[] c = new byte[n + (to - from)];
                System.arraycopy(b, 0, c, 0, to);
                System.arraycopy(b, from, c, to, n - from);
                yield c;
            }
            case 5 -> { // copy a span elsewhere
                int from = rnd.nextInt(n);
                int len = Math.min(n - from, 1 + rnd.nextInt(32));
                int at = rnd.nextInt(n + 1);
                byte[] c = new byte[n + len];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, from, c, at, len);
                System.arraycopy(b, at, c, at + len, n - at);
                yield c;
            }
            case 6 ->
                insert(b, rnd.nextInt(n + 1), TOKENS[rnd.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
            default -> { // swap a JSON-significant character for another
                byte[] c = b.clone();
                int i = rnd.nextInt(n);
                String significant = "{}[]\":,\\ 0-e.tfn";
                c[i] = (byte) significant.charAt(rnd.nextInt(significant.length()));
                yield c;
            }
        };
    }

    static final String[] TOKENS = {
        "null",
        "true",
        "false",
        "-1",
        "0",
        "1e309",
        "-1e309",
        "1.5",
        "\"\"",
        "[]",
        "{}",
        "99999999999999999999999",
        "\"\\u0000\"",
        "\"\\ud800\"",
        ",",
        ":",
        "\"",
        "\\",
        "{\"role\":\"user\"}",
        "[[[[",
        "]]]]",
        "\u00ff",
        "\ud83d\ude00"
    };

    static byte[] insert(byte[] b, int at, byte[] what) {
        byte[] c = new byte[b.length + what.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(what, 0, c, at, what.length);
        System.arraycopy(b, at, c, at + what.length, b.length - at);
        return c;
    }

    /** Replaces a random node of the tree (or the root) with a value of another type, or removes or duplicates it. */
    static JsonNode mutateTree(JsonNode root, Random rnd) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty() || rnd.nextInt(50) == 0) {
            return randomValue(rnd, 0);
        }
        JsonNode parent = containers.get(rnd.nextInt(containers.size()));
        if (parent instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            int op = rnd.nextInt(6);
            if (names.isEmpty() || op == 0) {
                o.set(FIELDS[rnd.nextInt(FIELDS.length)], randomValue(rnd, 0));
            } else {
                String f = names.get(rnd.nextInt(names.size()));
                switch (op) {
                    case 1 -> o.remove(f);
                    case 2 -> o.putNull(f);
                    default -> o.set(f, randomValue(rnd, 0));
                }
            }
        } else if (parent instanceof ArrayNode a) {
            int op = rnd.nextInt(5);
            if (a.isEmpty() || op == 0) {
                a.add(randomValue(rnd, 0));
            } else {
                int i = rnd.nextInt(a.size());
                switch (op) {
                    case 1 -> a.remove(i);
                    case 2 -> a.add(a.get(i).deepCopy());
                    default -> a.set(i, randomValue(rnd, 0));
                }
            }
        }
        return root;
    }

    static final String[] FIELDS = {
        "model",
        "messages",
        "stream",
        "stream_options",
        "include_usage",
        "max_tokens",
        "max_completion_tokens",
        "n",
        "temperature",
        "top_p",
        "tools",
        "tool_choice",
        "response_format",
        "stop",
        "seed",
        "user",
        "role",
        "content",
        "type",
        "text",
        "function",
        "name",
        "tool_calls",
        "tool_call_id",
        "arguments",
        "logprobs",
        "metadata",
        "refusal",
        "function_call"
    };

    static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            n.forEach(c -> collect(c, out));
        }
    }

    static JsonNode randomValue(Random rnd, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        int pick = rnd.nextInt(depth > 3 ? 13 : 16);
        return switch (pick) {
            case 0 -> f.nullNode();
            case 1 -> f.booleanNode(rnd.nextBoolean());
            case 2 -> f.numberNode(rnd.nextInt(7) - 3);
            case 3 -> f.numberNode(rnd.nextLong());
            case 4 -> f.numberNode(rnd.nextDouble() * 6 - 3);
            case 5 -> f.numberNode(new BigInteger(200, rnd));
            case 6 -> f.numberNode(new java.math.BigDecimal("1e" + (rnd.nextInt(800) - 400)));
            case 7 -> f.numberNode(rnd.nextBoolean() ? Double.NaN : Double.POSITIVE_INFINITY);
            case 8 -> f.textNode("");
            case 9 -> f.textNode(ROLES[rnd.nextInt(ROLES.length)]);
            case 10 -> f.textNode("sandbox-echo");
            case 11 -> f.textNode(new String(new char[] {(char) rnd.nextInt(0x10000)}));
            case 12 -> f.textNode("x".repeat(rnd.nextInt(100)));
            case 13 -> {
                ArrayNode a = f.arrayNode();
                for (int i = rnd.nextInt(3); i > 0; i--) {
                    a.add(randomValue(rnd, depth + 1));
                }
                yield a;
            }
            case 14 -> {
                ObjectNode o = f.objectNode();
                for (int i = rnd.nextInt(3); i > 0; i--) {
                    o.set(FIELDS[rnd.nextInt(FIELDS.length)], randomValue(rnd, depth + 1));
                }
                yield o;
            }
            default -> {
                ObjectNode m = f.objectNode();
                m.put("role", ROLES[rnd.nextInt(ROLES.length)]);
                m.set("content", rnd.nextBoolean() ? f.textNode("hi") : randomValue(rnd, depth + 1));
                yield m;
            }
        };
    }

    static final String[] ROLES = {"user", "system", "assistant", "tool", "developer", "function", "USER", "", "admin"};
}
