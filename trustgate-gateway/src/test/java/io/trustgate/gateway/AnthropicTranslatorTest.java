package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.api.ErrorKind;
import io.trustgate.api.TrustgateException;
import io.trustgate.api.Usage;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AnthropicTranslatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static ChatCall call(String body) {
        return new ChatCall("req-1", (ObjectNode) json(body), false, false, Long.MAX_VALUE);
    }

    /** Translates and re-reads, so that numbers compare by value rather than by node class. */
    static ObjectNode translate(String body) {
        return (ObjectNode)
                json(AnthropicTranslator.toMessagesRequest(call(body)).toString());
    }

    static TrustgateException refusal(String body) {
        try {
            translate(body);
        } catch (TrustgateException e) {
            return e;
        }
        throw new AssertionError("request was not refused: " + body);
    }

    @Nested
    class Requests {
        @Test
        void movesSystemAndDeveloperMessagesToTopLevelSystem() {
            ObjectNode out = translate("""
                    {"model":"claude-x","messages":[
                      {"role":"system","content":"Be brief."},
                      {"role":"developer","content":[{"type":"text","text":"Answer in French."}]},
                      {"role":"user","content":"Hi"}]}""");
            assertThat(out).isEqualTo(json("""
                    {"model":"claude-x",
                     "messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}],
                     "system":"Be brief.\\n\\nAnswer in French.",
                     "max_tokens":4096}"""));
        }

        @Test
        void mergesConsecutiveSameRoleMessagesIntoOneTurn() {
            ObjectNode out = translate("""
                    {"model":"m","messages":[
                      {"role":"user","content":"a"},{"role":"user","content":"b"},
                      {"role":"assistant","content":"c"},{"role":"assistant","content":"d"},
                      {"role":"user","content":"e"}]}""");
            assertThat(out.get("messages")).isEqualTo(json("""
                    [{"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]},
                     {"role":"assistant","content":[{"type":"text","text":"c"},{"type":"text","text":"d"}]},
                     {"role":"user","content":[{"type":"text","text":"e"}]}]"""));
        }

        @Test
        void translatesToolsToolChoiceToolCallsAndToolResults() {
            ObjectNode out = translate("""
                    {"model":"m","tool_choice":"required","parallel_tool_calls":false,
                     "tools":[{"type":"function","function":{"name":"weather","description":"Weather now",
                        "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}},
                        {"type":"function","function":{"name":"noargs"}}],
                     "messages":[
                      {"role":"user","content":"Weather in Paris and Rome?"},
                      {"role":"assistant","content":null,"tool_calls":[
                        {"id":"toolu_1","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                        {"id":"toolu_2","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Rome\\"}"}}]},
                      {"role":"tool","tool_call_id":"toolu_1","content":"18C"},
                      {"role":"tool","tool_call_id":"toolu_2","content":[{"type":"text","text":"21C"}]},
                      {"role":"user","content":"Thanks"}]}""");
            assertThat(out.get("tools")).isEqualTo(json("""
                    [{"name":"weather","description":"Weather now",
                      "input_schema":{"type":"object","properties":{"city":{"type":"string"}}}},
                     {"name":"noargs","input_schema":{"type":"object","properties":{}}}]"""));
            assertThat(out.get("tool_choice")).isEqualTo(json("{\"type\":\"any\",\"disable_parallel_tool_use\":true}"));
            assertThat(out.get("messages")).isEqualTo(json("""
                    [{"role":"user","content":[{"type":"text","text":"Weather in Paris and Rome?"}]},
                     {"role":"assistant","content":[
                       {"type":"tool_use","id":"toolu_1","name":"weather","input":{"city":"Paris"}},
                       {"type":"tool_use","id":"toolu_2","name":"weather","input":{"city":"Rome"}}]},
                     {"role":"user","content":[
                       {"type":"tool_result","tool_use_id":"toolu_1","content":"18C"},
                       {"type":"tool_result","tool_use_id":"toolu_2","content":"21C"},
                       {"type":"text","text":"Thanks"}]}]"""));
        }

        @Test
        void mapsEachToolChoice() {
            String base = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                    + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],\"tool_choice\":";
            assertThat(translate(base + "\"auto\"}").get("tool_choice")).isEqualTo(json("{\"type\":\"auto\"}"));
            assertThat(translate(base + "\"none\"}").get("tool_choice")).isEqualTo(json("{\"type\":\"none\"}"));
            assertThat(translate(base + "\"required\"}").get("tool_choice")).isEqualTo(json("{\"type\":\"any\"}"));
            assertThat(translate(base + "{\"type\":\"function\",\"function\":{\"name\":\"f\"}}}")
                            .get("tool_choice"))
                    .isEqualTo(json("{\"type\":\"tool\",\"name\":\"f\"}"));
        }

        @Test
        void translatesDataUrlImagesToBase64AndHttpUrlsToUrlSources() {
            ObjectNode out = translate("""
                    {"model":"m","messages":[{"role":"user","content":[
                      {"type":"text","text":"What is this?"},
                      {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
                      {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg","detail":"high"}}]}]}""");
            assertThat(out.at("/messages/0/content")).isEqualTo(json("""
                    [{"type":"text","text":"What is this?"},
                     {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
                     {"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}}]"""));
        }

        @Test
        void refusesADataUrlThatIsNotBase64() {
            TrustgateException e = refusal("""
                    {"model":"m","messages":[{"role":"user","content":[
                      {"type":"image_url","image_url":{"url":"data:image/png,abc"}}]}]}""");
            assertThat(e.param()).contains("messages[0].content[0].image_url.url");
        }

        @Test
        void translatesStopAsStringOrArrayAndSamplingParameters() {
            ObjectNode one = translate("""
                    {"model":"m","messages":[{"role":"user","content":"x"}],"stop":"END",
                     "temperature":0.2,"top_p":0.9,"user":"u-7"}""");
            assertThat(one.get("stop_sequences")).isEqualTo(json("[\"END\"]"));
            assertThat(one.get("temperature").asDouble()).isEqualTo(0.2);
            assertThat(one.get("top_p").asDouble()).isEqualTo(0.9);
            assertThat(one.get("metadata")).isEqualTo(json("{\"user_id\":\"u-7\"}"));
            ObjectNode many = translate("""
                    {"model":"m","messages":[{"role":"user","content":"x"}],"stop":["a","b"]}""");
            assertThat(many.get("stop_sequences")).isEqualTo(json("[\"a\",\"b\"]"));
        }

        @Test
        void prefersMaxCompletionTokensAndLetsTheGatewayCapWin() {
            String body = """
                    {"model":"m","messages":[{"role":"user","content":"x"}],"max_tokens":100,"max_completion_tokens":200}""";
            assertThat(translate(body).get("max_tokens").asLong()).isEqualTo(200);
            ChatCall capped = new ChatCall("r", (ObjectNode) json(body), false, false, 50);
            assertThat(AnthropicTranslator.toMessagesRequest(capped)
                            .get("max_tokens")
                            .asLong())
                    .isEqualTo(50);
            ChatCall cappedNoRequest = new ChatCall(
                    "r",
                    (ObjectNode) json("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"),
                    false,
                    false,
                    300);
            assertThat(AnthropicTranslator.toMessagesRequest(cappedNoRequest)
                            .get("max_tokens")
                            .asLong())
                    .isEqualTo(300);
        }

        @Test
        void setsStreamFromTheCallAndLeavesTheClientBodyUnchanged() {
            ObjectNode body = (ObjectNode)
                    json("{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
            JsonNode before = body.deepCopy();
            ObjectNode out = AnthropicTranslator.toMessagesRequest(new ChatCall("r", body, true, true, Long.MAX_VALUE));
            assertThat(out.get("stream").asBoolean()).isTrue();
            assertThat(body).isEqualTo(before);
        }

        @Test
        void refusesMoreThanOneChoice() {
            TrustgateException e =
                    refusal("{\"model\":\"m\",\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
            assertThat(e.param()).contains("n");
        }

        @Test
        void refusesToolArgumentsThatAreNotJsonNamingTheParameter() {
            TrustgateException e = refusal("""
                    {"model":"m","messages":[{"role":"user","content":"x"},
                      {"role":"assistant","tool_calls":[{"id":"t","type":"function",
                        "function":{"name":"f","arguments":"{not json"}}]}]}""");
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
            assertThat(e.param()).contains("messages[1].tool_calls[0].function.arguments");
        }

        @Test
        void mapsJsonSchemaToStructuredOutputsAndRefusesJsonObject() {
            ObjectNode out = translate("""
                    {"model":"m","messages":[{"role":"user","content":"x"}],
                     "response_format":{"type":"json_schema","json_schema":{"name":"r","schema":{"type":"object"}}}}""");
            assertThat(out.get("output_config"))
                    .isEqualTo(json("{\"format\":{\"type\":\"json_schema\",\"schema\":{\"type\":\"object\"}}}"));
            TrustgateException e = refusal("""
                    {"model":"m","messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_object"}}""");
            assertThat(e.param()).contains("response_format.type");
        }

        @Test
        void refusesWhatAnthropicCannotDo() {
            String msgs = "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]";
            assertThat(refusal("{\"model\":\"m\",\"logprobs\":true," + msgs + "}")
                            .param())
                    .contains("logprobs");
            assertThat(refusal("{\"model\":\"m\",\"presence_penalty\":0.5," + msgs + "}")
                            .param())
                    .contains("presence_penalty");
            assertThat(refusal("{\"model\":\"m\",\"temperature\":1.5," + msgs + "}")
                            .param())
                    .contains("temperature");
            assertThat(refusal(
                                    "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\"}]}]}")
                            .param())
                    .contains("messages[0].content[0].type");
            assertThat(refusal("{\"model\":\"m\",\"tools\":[{\"type\":\"web_search\"}]," + msgs + "}")
                            .param())
                    .contains("tools[0].type");
            assertThat(refusal("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"},"
                                    + "{\"role\":\"assistant\",\"audio\":{\"id\":\"audio_abc\"}},"
                                    + "{\"role\":\"user\",\"content\":\"y\"}]}")
                            .param())
                    .as("a turn that only Anthropic would drop is refused, not dropped")
                    .contains("messages[1].audio");
        }
    }

    @Nested
    class Responses {
        static JsonNode reply(String anthropic) {
            JsonReply r = AnthropicTranslator.toChatCompletion(json(anthropic), 1700000000);
            return json(r.body().toString(StandardCharsets.UTF_8));
        }

        @Test
        void translatesATextAnswer() {
            JsonNode out = reply("""
                    {"id":"msg_1","type":"message","role":"assistant","model":"claude-x",
                     "content":[{"type":"text","text":"Hello"},{"type":"text","text":" there"}],
                     "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":3}}""");
            assertThat(out).isEqualTo(json("""
                    {"id":"chatcmpl-msg_1","object":"chat.completion","created":1700000000,"model":"claude-x",
                     "choices":[{"index":0,"message":{"role":"assistant","content":"Hello there","refusal":null},
                                 "logprobs":null,"finish_reason":"stop"}],
                     "usage":{"prompt_tokens":10,"completion_tokens":3,"total_tokens":13}}"""));
        }

        @Test
        void translatesToolUseBlocksToToolCallsWithJsonStringArguments() {
            JsonNode out = reply("""
                    {"id":"msg_2","model":"claude-x","content":[
                       {"type":"thinking","thinking":"hmm","signature":"s"},
                       {"type":"tool_use","id":"toolu_9","name":"weather","input":{"city":"Paris"}}],
                     "stop_reason":"tool_use","usage":{"input_tokens":5,"output_tokens":7}}""");
            assertThat(out.at("/choices/0/message")).isEqualTo(json("""
                    {"role":"assistant","content":null,"refusal":null,"tool_calls":[
                      {"id":"toolu_9","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]}"""));
            assertThat(out.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        }

        @Test
        void mapsEachStopReason() {
            assertThat(AnthropicTranslator.finishReason("end_turn")).isEqualTo("stop");
            assertThat(AnthropicTranslator.finishReason("stop_sequence")).isEqualTo("stop");
            assertThat(AnthropicTranslator.finishReason("max_tokens")).isEqualTo("length");
            assertThat(AnthropicTranslator.finishReason("tool_use")).isEqualTo("tool_calls");
            assertThat(AnthropicTranslator.finishReason("refusal")).isEqualTo("content_filter");
        }

        @Test
        void countsCacheTokensAsPromptTokens() {
            JsonReply r = AnthropicTranslator.toChatCompletion(json("""
                    {"id":"m","model":"c","content":[],"stop_reason":"max_tokens",
                     "usage":{"input_tokens":10,"cache_creation_input_tokens":100,"cache_read_input_tokens":1000,
                              "output_tokens":4}}"""), 1);
            assertThat(r.usage()).isEqualTo(new Usage(1110, 4));
            assertThat(json(r.body().toString()).get("usage")).isEqualTo(json("""
                    {"prompt_tokens":1110,"completion_tokens":4,"total_tokens":1114,
                     "prompt_tokens_details":{"cached_tokens":1000}}"""));
        }

        @Test
        void keepsOnlyAnthropicsErrorMessageCutTo300Characters() {
            String longMessage = "x".repeat(400);
            assertThat(AnthropicTranslator.errorMessage(
                            "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\""
                                    + longMessage + "\"}}"))
                    .hasSize(300);
            assertThat(AnthropicTranslator.errorMessage("<html>bad gateway</html>"))
                    .isEmpty();
        }

        @Test
        void readsRetryAfterSeconds() {
            assertThat(AnthropicProvider.retryAfter("7")).hasSeconds(7);
            assertThat(AnthropicProvider.retryAfter(null)).isZero();
            assertThat(AnthropicProvider.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"))
                    .isZero();
        }

        @Test
        void buildsTheMessagesUrlFromTheBaseUrl() {
            assertThat(AnthropicProvider.messagesUri("https://api.anthropic.com"))
                    .isEqualTo("https://api.anthropic.com/v1/messages");
            assertThat(AnthropicProvider.messagesUri("https://api.anthropic.com/"))
                    .isEqualTo("https://api.anthropic.com/v1/messages");
            assertThat(AnthropicProvider.messagesUri("https://api.anthropic.com/v1"))
                    .isEqualTo("https://api.anthropic.com/v1/messages");
        }
    }

    @Nested
    class Streaming {
        /** Runs events through a translator, returning the OpenAI SSE text produced. */
        static String run(boolean includeUsage, String... nameDataPairs) {
            AnthropicStreamTranslator t = new AnthropicStreamTranslator("claude", includeUsage, 1700000000);
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < nameDataPairs.length; i += 2) {
                Buffer b = t.onEvent(nameDataPairs[i], nameDataPairs[i + 1]);
                out.append(b.toString(StandardCharsets.UTF_8));
            }
            return out.toString();
        }

        static List<String> dataLines(String sse) {
            List<String> lines = new ArrayList<>();
            for (String event : sse.split("\n\n")) {
                assertThat(event).startsWith("data: ");
                lines.add(event.substring("data: ".length()));
            }
            return lines;
        }

        static final String START = """
                {"type":"message_start","message":{"id":"msg_s","type":"message","role":"assistant","model":"claude-x","content":[],"stop_reason":null,"usage":{"input_tokens":25,"output_tokens":1}}}""";
        static final String HEAD =
                "{\"id\":\"chatcmpl-msg_s\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"claude-x\",";

        @Test
        void translatesATextStreamToExactOpenAiChunks() {
            String sse = run(
                    false,
                    "message_start",
                    START,
                    "content_block_start",
                    "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                    "ping",
                    "{\"type\":\"ping\"}",
                    "content_block_delta",
                    "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel\"}}",
                    "content_block_delta",
                    "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"lo\"}}",
                    "content_block_stop",
                    "{\"type\":\"content_block_stop\",\"index\":0}",
                    "message_delta",
                    "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":15}}",
                    "message_stop",
                    "{\"type\":\"message_stop\"}");
            assertThat(sse)
                    .isEqualTo(""
                            + "data: " + HEAD
                            + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n"
                            + "data: " + HEAD
                            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n"
                            + "data: " + HEAD
                            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n"
                            + "data: " + HEAD
                            + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n"
                            + "data: [DONE]\n\n");
        }

        @Test
        void addsAUsageChunkOnlyWhenAskedAndReportsUsageEitherWay() {
            String[] events = {
                "message_start", START,
                "message_delta",
                        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\"},\"usage\":{\"output_tokens\":9}}",
                "message_stop", "{\"type\":\"message_stop\"}"
            };
            List<String> with = dataLines(run(true, events));
            assertThat(with).hasSize(4);
            assertThat(json(with.get(0)).get("usage").isNull()).isTrue();
            assertThat(json(with.get(1)).at("/choices/0/finish_reason").asText())
                    .isEqualTo("length");
            assertThat(json(with.get(2)))
                    .isEqualTo(
                            json(
                                    HEAD
                                            + "\"choices\":[],\"usage\":{\"prompt_tokens\":25,\"completion_tokens\":9,\"total_tokens\":34}}"));
            assertThat(with.get(3)).isEqualTo("[DONE]");

            List<String> without = dataLines(run(false, events));
            assertThat(without).hasSize(3);
            assertThat(without).noneMatch(l -> l.contains("\"usage\""));
        }

        @Test
        void translatesToolUseBlocksToIndexedToolCallDeltas() {
            String sse = run(
                    false,
                    "message_start",
                    START,
                    "content_block_start",
                    "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                    "content_block_delta",
                    "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Checking\"}}",
                    "content_block_stop",
                    "{\"type\":\"content_block_stop\",\"index\":0}",
                    "content_block_start",
                    "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"weather\",\"input\":{}}}",
                    "content_block_delta",
                    "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}",
                    "content_block_delta",
                    "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\":\"}}",
                    "content_block_delta",
                    "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"Paris\\\"}\"}}",
                    "content_block_stop",
                    "{\"type\":\"content_block_stop\",\"index\":1}",
                    "message_delta",
                    "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":30}}",
                    "message_stop",
                    "{\"type\":\"message_stop\"}");
            List<String> lines = dataLines(sse);
            assertThat(lines).hasSize(7);
            assertThat(json(lines.get(2)).at("/choices/0/delta")).isEqualTo(json("""
                    {"tool_calls":[{"index":0,"id":"toolu_1","type":"function","function":{"name":"weather","arguments":""}}]}"""));
            assertThat(json(lines.get(3)).at("/choices/0/delta")).isEqualTo(json("""
                    {"tool_calls":[{"index":0,"function":{"arguments":"{\\"city\\":"}}]}"""));
            assertThat(json(lines.get(4)).at("/choices/0/delta")).isEqualTo(json("""
                    {"tool_calls":[{"index":0,"function":{"arguments":"\\"Paris\\"}"}}]}"""));
            assertThat(json(lines.get(5)).at("/choices/0/finish_reason").asText())
                    .isEqualTo("tool_calls");
            assertThat(lines.get(6)).isEqualTo("[DONE]");
        }

        @Test
        void turnsAnErrorEventIntoARetryableUpstreamFailure() {
            AnthropicStreamTranslator t = new AnthropicStreamTranslator("claude", false, 1);
            t.onEvent("message_start", START);
            assertThatThrownBy(
                            () -> t.onEvent(
                                    "error",
                                    "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"))
                    .isInstanceOfSatisfying(TrustgateException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_FAILED);
                        assertThat(e.getMessage()).contains("529").contains("Overloaded");
                        assertThat(UpstreamFailure.retryable(e)).isTrue();
                    });
            assertThat(t.finished()).isFalse();
        }

        @Test
        void countsCacheTokensInStreamedUsage() {
            AnthropicStreamTranslator t = new AnthropicStreamTranslator("claude", false, 1);
            t.onEvent("message_start", """
                    {"type":"message_start","message":{"id":"m","model":"c","usage":{"input_tokens":3,"cache_read_input_tokens":40,"output_tokens":1}}}""");
            t.onEvent(
                    "message_delta",
                    "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":12}}");
            assertThat(t.usage()).isEqualTo(new Usage(43, 12));
        }
    }
}
