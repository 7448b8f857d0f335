package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolDefinitionTextTest {
    static final ObjectMapper M = new ObjectMapper();

    private static List<ToolDefinitionText.Part> parts(String json) throws Exception {
        return ToolDefinitionText.parts(M.readTree(json), "tools[0].function");
    }

    @Test
    void aLongNumberIsAFixedPartInPlainDigits() throws Exception {
        List<ToolDefinitionText.Part> parts =
                parts("{\"name\":\"f\",\"parameters\":{\"type\":\"object\",\"properties\":"
                        + "{\"a\":{\"type\":\"integer\",\"default\":4111111111111111,\"enum\":[1,5555555555554444]},"
                        + "\"b\":{\"type\":\"number\",\"examples\":[4.111111111111111E15]}}}}");
        assertThat(parts)
                .filteredOn(p -> p.text().chars().allMatch(Character::isDigit))
                .extracting(
                        ToolDefinitionText.Part::path, ToolDefinitionText.Part::text, ToolDefinitionText.Part::fixed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "tools[0].function.parameters.properties.a.default", "4111111111111111", true),
                        org.assertj.core.groups.Tuple.tuple(
                                "tools[0].function.parameters.properties.a.enum[1]", "5555555555554444", true),
                        org.assertj.core.groups.Tuple.tuple(
                                "tools[0].function.parameters.properties.b.examples[0]", "4111111111111111", true));
    }

    @Test
    void shortNumbersAndTheBoundsOfASchemaAreNotText() throws Exception {
        String text =
                ToolDefinitionText.join(parts("{\"name\":\"f\",\"parameters\":{\"type\":\"object\",\"properties\":"
                        + "{\"phone\":{\"type\":\"integer\",\"minimum\":1000000000,\"maximum\":9999999999,"
                        + "\"default\":12345678}}}}"));
        assertThat(text).isEqualTo("f\nphone");
    }

    @Test
    void inDataABoundIsAValueLikeAnyOther() throws Exception {
        JsonNode data = M.readTree("{\"maximum\":4111111111111111,\"n\":-123456789}");
        assertThat(ToolDefinitionText.join(ToolDefinitionText.data(data, "x")))
                .isEqualTo("maximum\n4111111111111111\nn\n-123456789");
        assertThat(ToolDefinitionText.numberText(M.readTree("12345678"))).isEmpty();
        assertThat(ToolDefinitionText.numberText(M.readTree("\"4111111111111111\"")))
                .isEmpty();
    }

    @Test
    void aKeyThatWouldMakeThePathAmbiguousIsQuoted() {
        assertThat(ToolDefinitionText.member("tools[0].function", "x-note_$1"))
                .isEqualTo("tools[0].function.x-note_$1");
        assertThat(ToolDefinitionText.member("properties", "x.y")).isEqualTo("properties[\"x.y\"]");
        assertThat(ToolDefinitionText.member("properties", "a[0]")).isEqualTo("properties[\"a[0]\"]");
        // not a name: written by its length, since a path goes into the client's error and the gateway's log
        assertThat(ToolDefinitionText.member("properties", "say \"hi\"")).isEqualTo("properties[<8-char key>]");
        assertThat(ToolDefinitionText.member("properties", "AKIAZ7QK3M5T2XW4PL9R"))
                .isEqualTo("properties[<20-char key>]");
        assertThat(ToolDefinitionText.member("metadata", "jane.doe@example.com"))
                .isEqualTo("metadata[<20-char key>]");
        assertThat(ToolDefinitionText.member("properties", "4111111111111111")).isEqualTo("properties[<16-char key>]");
        assertThat(ToolDefinitionText.member("", "stop")).isEqualTo("stop");
        assertThat(ToolDefinitionText.member("", "a.b")).isEqualTo("[\"a.b\"]");
    }
}
