package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.trustgate.api.Category;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanContext;
import io.trustgate.api.ScanText;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Corpus (valid and invalid documents per schema keyword), limits and fuzzing of the json-schema scanner. */
class JsonSchemaScannerTest {
    static final JsonSchemaScanner SCANNER = new JsonSchemaScanner(false);
    static final JsonSchemaScanner REQUIRE = new JsonSchemaScanner(true);

    static final String PERSON = """
            {"$schema":"https://json-schema.org/draft/2020-12/schema",
             "type":"object",
             "properties":{
               "name":{"type":"string","minLength":1,"maxLength":20,"pattern":"^[A-Z]"},
               "age":{"type":"integer","minimum":0,"maximum":150},
               "email":{"type":["string","null"]},
               "role":{"enum":["admin","user"]},
               "kind":{"const":"person"},
               "tags":{"type":"array","items":{"type":"string"},"minItems":1,"maxItems":3,"uniqueItems":true},
               "address":{"$ref":"#/$defs/address"},
               "score":{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":1},
               "contact":{"oneOf":[{"$ref":"#/$defs/phone"},{"$ref":"#/$defs/mail"}]},
               "level":{"anyOf":[{"type":"integer","multipleOf":5},{"type":"string","maxLength":2}]},
               "flags":{"allOf":[{"type":"object"},{"required":["on"]}]}
             },
             "required":["name","age"],
             "additionalProperties":false,
             "$defs":{
               "address":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]},
               "phone":{"type":"object","properties":{"phone":{"type":"string"}},"required":["phone"]},
               "mail":{"type":"object","properties":{"mail":{"type":"string"}},"required":["mail"]}
             }}""";

    static List<Finding> scan(JsonSchemaScanner s, String answer, String schema) {
        var ctx = new ScanContext(Optional.empty(), List.of(), Optional.ofNullable(schema));
        return s.scan(ScanText.plain(answer, ScanText.Stage.OUTPUT), ctx);
    }

    static List<String> types(List<Finding> fs) {
        return fs.stream().map(Finding::type).toList();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"name":"Ann","age":30}
            {"name":"Ann","age":30.0,"email":null,"role":"admin","kind":"person"}
            {"name":"Bo","age":0,"tags":["a","b"],"address":{"city":"Oslo"},"score":0.5}
            {"name":"Cy","age":150,"contact":{"phone":"1"},"level":15,"flags":{"on":true}}
            {"name":"Di","age":1,"level":"ab"}
            """)
    void passesValidDocuments(String doc) {
        assertThat(scan(SCANNER, doc, PERSON)).as(doc).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"name":"Ann"}                                                  | required
            {"name":"ann","age":3}                                          | pattern
            {"name":"","age":3}                                             | minLength
            {"name":"Annnnnnnnnnnnnnnnnnnnnnnnnn","age":3}                  | maxLength
            {"name":"Ann","age":3.5}                                        | integer
            {"name":"Ann","age":-1}                                         | minimum
            {"name":"Ann","age":151}                                        | maximum
            {"name":"Ann","age":3,"email":5}                                | type list
            {"name":"Ann","age":3,"role":"root"}                            | enum
            {"name":"Ann","age":3,"kind":"robot"}                           | const
            {"name":"Ann","age":3,"tags":[]}                                | minItems
            {"name":"Ann","age":3,"tags":["a","b","c","d"]}                 | maxItems
            {"name":"Ann","age":3,"tags":["a","a"]}                         | uniqueItems
            {"name":"Ann","age":3,"tags":[1]}                               | items
            {"name":"Ann","age":3,"address":{}}                             | $ref to $defs
            {"name":"Ann","age":3,"score":1}                                | exclusiveMaximum
            {"name":"Ann","age":3,"contact":{"phone":"1","mail":"x"}}       | oneOf, both
            {"name":"Ann","age":3,"contact":{}}                             | oneOf, none
            {"name":"Ann","age":3,"level":7}                                | anyOf
            {"name":"Ann","age":3,"flags":{}}                               | allOf
            {"name":"Ann","age":3,"extra":1}                                | additionalProperties
            ["Ann",3]                                                       | type object
            """)
    void flagsSchemaViolations(String doc, String keyword) {
        assertThat(scan(SCANNER, doc, PERSON)).as(keyword).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("SCHEMA_VIOLATION");
            assertThat(f.category()).isEqualTo(Category.INVALID_OUTPUT);
            assertThat(f.start()).isZero();
            assertThat(f.end()).isZero();
        });
    }

    @Test
    void followsRecursiveRefsToTheRootAndToDefinitions() {
        String tree = "{\"type\":\"object\",\"required\":[\"v\"],\"properties\":{\"v\":{\"$ref\":"
                + "\"#/definitions/val\"},\"kids\":{\"type\":\"array\",\"items\":{\"$ref\":\"#\"}}},"
                + "\"definitions\":{\"val\":{\"type\":\"integer\"}}}";
        assertThat(scan(SCANNER, "{\"v\":1,\"kids\":[{\"v\":2,\"kids\":[{\"v\":3}]}]}", tree))
                .isEmpty();
        assertThat(types(scan(SCANNER, "{\"v\":1,\"kids\":[{\"v\":2,\"kids\":[{\"v\":\"x\"}]}]}", tree)))
                .containsExactly("SCHEMA_VIOLATION");
    }

    @Test
    void flagsTextThatIsNotJson() {
        assertThat(types(scan(SCANNER, "Sure! Here is the JSON: {\"a\":1}", PERSON)))
                .containsExactly("NOT_JSON");
        assertThat(types(scan(SCANNER, "{\"a\":1} trailing", "{}"))).containsExactly("NOT_JSON");
        assertThat(types(scan(SCANNER, "{\"a\":1,\"a\":2}", "{}"))).containsExactly("NOT_JSON");
        assertThat(types(scan(SCANNER, "", "{}"))).containsExactly("NOT_JSON");
    }

    @Test
    void anEmptySchemaAsksForAJsonObject() {
        assertThat(scan(SCANNER, " {\"any\":[1,2]} ", "{}")).isEmpty();
        assertThat(types(scan(SCANNER, "[1,2]", "{}"))).containsExactly("SCHEMA_VIOLATION");
    }

    @Test
    void isANoOpWithoutSchemaUnlessJsonIsRequired() {
        assertThat(scan(SCANNER, "plain prose", null)).isEmpty();
        assertThat(types(scan(REQUIRE, "plain prose", null))).containsExactly("NOT_JSON");
        assertThat(scan(REQUIRE, "[1, \"two\", null]", null)).isEmpty();
    }

    @Test
    void acceptsAFencedAnswerWithALowScoreFinding() {
        String fenced = "```json\n{\"name\":\"Ann\",\"age\":30}\n```";
        assertThat(scan(SCANNER, fenced, PERSON)).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("FENCED_JSON");
            assertThat(f.score()).isLessThan(0.5);
        });
        assertThat(types(scan(SCANNER, "```json\n{\"name\":\"Ann\"}\n```", PERSON)))
                .containsExactly("FENCED_JSON", "SCHEMA_VIOLATION");
    }

    @Test
    void unwrapsAnOpenAiResponseFormat() {
        String rf =
                "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"p\",\"strict\":true,\"schema\":" + PERSON + "}}";
        assertThat(scan(SCANNER, "{\"name\":\"Ann\",\"age\":30}", rf)).isEmpty();
        assertThat(types(scan(SCANNER, "{\"name\":\"Ann\"}", rf))).containsExactly("SCHEMA_VIOLATION");
    }

    @Test
    void reportsAnUnusableSchemaButStillChecksJson() {
        assertThat(types(scan(SCANNER, "{}", "{\"pattern\":\"(\"}"))).containsExactly("SCHEMA_UNUSABLE");
        assertThat(types(scan(SCANNER, "{}", "{\"$ref\":\"https://remote.example/s.json\"}")))
                .containsExactly("SCHEMA_UNUSABLE");
        assertThat(types(scan(SCANNER, "nope", "not a schema"))).containsExactly("NOT_JSON");
    }

    @Test
    void refusesOversizedAndDeeplyNestedAnswersWithoutOverflowingTheStack() {
        String big = "[" + "1,".repeat(JsonSchemaScanner.MAX_CHARS / 2) + "1]";
        assertThat(types(scan(SCANNER, big, "{}"))).containsExactly("TOO_LARGE");
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThat(types(scan(SCANNER, deep, "{}"))).containsExactly("TOO_DEEP");
        String deepObject = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
        assertThat(types(scan(REQUIRE, deepObject, null))).containsExactly("TOO_DEEP");
    }

    @Test
    void hostileSchemasRunOutOfBudgetInsteadOfHanging() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            String loop = "{\"$defs\":{\"a\":{\"$ref\":\"#/$defs/a\"}},\"$ref\":\"#/$defs/a\"}";
            assertThat(types(scan(SCANNER, "{}", loop))).containsExactly("TOO_COSTLY");
            String redos = "{\"type\":\"string\",\"pattern\":\"^(.*a){12}$\"}"; // about 5 s unbudgeted
            long t0 = System.nanoTime();
            assertThat(types(scan(SCANNER, "\"" + "a".repeat(28) + "!\"", redos)))
                    .containsExactly("TOO_COSTLY");
            System.out.printf(
                    "json-schema, catastrophic pattern: TOO_COSTLY after %d ms%n",
                    (System.nanoTime() - t0) / 1_000_000);
            // anyOf of anyOf over a deep array: exponential without the budget
            String blowup =
                    "{\"$defs\":{\"n\":{\"anyOf\":[{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/n\"},\"maxItems\":0},"
                            + "{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/n\"}}]}},\"$ref\":\"#/$defs/n\"}";
            String nested = "[".repeat(30) + "1" + "]".repeat(30);
            assertThat(types(scan(SCANNER, nested, blowup))).containsAnyOf("TOO_COSTLY", "SCHEMA_VIOLATION");
        });
    }

    @Test
    void parsesEachSchemaOnceAndBoundsTheCache() {
        for (int i = 0; i < 200; i++) {
            scan(SCANNER, "{}", "{\"type\":\"object\",\"maxProperties\":" + i + "}");
        }
        assertThat(JsonSchemaScanner.cacheSize()).isLessThanOrEqualTo(64);
        Object a = JsonSchemaScanner.compiled(PERSON);
        assertThat(JsonSchemaScanner.compiled(PERSON)).isSameAs(a);
    }

    @Test
    void randomAndMutatedDocumentsNeverThrow() {
        Random rnd = new Random(42);
        String[] seeds = {
            "{",
            "}",
            "[",
            "]",
            "\"",
            ":",
            ",",
            "1",
            "-",
            "e9",
            "null",
            "true",
            "\\u00",
            "\\",
            "\"name\"",
            "\"age\"",
            " ",
            "\n",
            "\uD800",
            "é",
            "1.5",
            "\"Ann\"",
            "```json\n",
            "```"
        };
        String valid = "{\"name\":\"Ann\",\"age\":30,\"tags\":[\"a\"],\"address\":{\"city\":\"Oslo\"}}";
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 5000; i++) {
                String doc;
                if (rnd.nextBoolean()) {
                    StringBuilder sb = new StringBuilder();
                    int n = rnd.nextInt(40);
                    for (int k = 0; k < n; k++) {
                        sb.append(seeds[rnd.nextInt(seeds.length)]);
                    }
                    doc = sb.toString();
                } else {
                    StringBuilder sb = new StringBuilder(valid);
                    for (int m = rnd.nextInt(4); m >= 0; m--) {
                        int at = rnd.nextInt(sb.length());
                        switch (rnd.nextInt(3)) {
                            case 0 -> sb.deleteCharAt(at);
                            case 1 -> sb.insert(at, seeds[rnd.nextInt(seeds.length)]);
                            default -> sb.setCharAt(at, (char) rnd.nextInt(128));
                        }
                    }
                    doc = sb.toString();
                }
                for (Finding f : scan(SCANNER, doc, PERSON)) {
                    assertThat(f.hasSpan()).isFalse();
                }
                scan(REQUIRE, doc, null);
                scan(SCANNER, "{}", doc); // the document as a schema: untrusted too
            }
        });
    }

    @Test
    void validatesATwoKilobyteAnswerInMicroseconds() {
        StringBuilder sb =
                new StringBuilder("{\"name\":\"Ann\",\"age\":30,\"tags\":[\"a\",\"b\"],\"address\":{\"city\":\"");
        sb.append("x".repeat(2048 - sb.length() - 4)).append("\"}}");
        String doc = sb.toString();
        var st = ScanText.plain(doc, ScanText.Stage.OUTPUT);
        var ctx = new ScanContext(Optional.empty(), List.of(), Optional.of(PERSON));
        assertThat(SCANNER.scan(st, ctx)).isEmpty();
        long[] ns = Timing.run(() -> SCANNER.scan(st, ctx));
        System.out.printf("json-schema, 2 KB answer: p50 %d us, p99 %d us%n", ns[0] / 1000, ns[1] / 1000);
        assertThat(ns[0] / 1000).isLessThan(2000);
    }
}
