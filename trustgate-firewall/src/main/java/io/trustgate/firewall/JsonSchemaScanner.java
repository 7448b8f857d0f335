package io.trustgate.firewall;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.trustgate.api.Category;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanContext;
import io.trustgate.api.ScanText;
import io.trustgate.api.Scanner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scanner that checks a model's answer is the JSON the client asked for: OWASP LLM05 (improper output handling),
 * where an application parses the answer and acts on it. When the exchange carries a schema
 * ({@link ScanContext#responseSchema()}, from the request's {@code response_format}), the answer must be valid JSON
 * and valid against it ({@link JsonSchemaValidator}: a draft 2020-12 subset); an empty schema {@code {}} (the
 * client asked for a JSON object only) requires a JSON object. With no schema the scanner does nothing unless the
 * option {@code require-json} is true, when the answer must be valid JSON of any kind.
 *
 * <p>Whole-text findings, never a piece of the answer: {@code NOT_JSON} (1.0), {@code SCHEMA_VIOLATION} (1.0),
 * {@code TOO_LARGE} (1.0: more than {@link #MAX_CHARS} chars are not parsed), {@code TOO_DEEP} (1.0: nesting over
 * {@link #MAX_NESTING}, refused by the parser before it can exhaust the stack), {@code TOO_COSTLY} (0.8: validation
 * ran out of its step budget, see the validator), {@code SCHEMA_UNUSABLE} (0.3: the client's schema could not be
 * applied, so only JSON validity was checked) and {@code FENCED_JSON} (0.3: the JSON came wrapped in a markdown
 * {@code ```json} fence; it is unwrapped and validated, and reported at a low score because most client libraries
 * strip fences but a strict parser would fail). An OpenAI {@code response_format} object
 * ({@code {"type":"json_schema","json_schema":{"schema":...}}}) or its inner {@code {"name":..,"schema":..}} is
 * unwrapped to the schema it carries.
 *
 * <p>Cost: one Jackson parse of the answer and one walk of it against the schema (7-10 µs at p50 for a 2 KB answer,
 * {@code JsonSchemaScannerTest});
 * schemas are parsed and checked once and kept in a small LRU cache (64 entries) keyed by their text. Limits: the
 * keywords listed in {@link JsonSchemaValidator}, no {@code format} checks, no remote refs; {@code pattern} uses Java
 * regex syntax, which differs from ECMA 262 at the edges; streaming answers are checked once complete.
 */
public final class JsonSchemaScanner implements Scanner {
    /** The name under which the scanner appears in configuration and findings. */
    public static final String NAME = "json-schema";

    /** Longest answer parsed, in chars. */
    public static final int MAX_CHARS = 1 << 20;

    /** Deepest nesting of arrays and objects accepted in answers and schemas. */
    public static final int MAX_NESTING = 256;

    private static final int CACHE_SIZE = 64;

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING)
                            .maxStringLength(MAX_CHARS)
                            .maxNumberLength(1000)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final Pattern FENCE =
            Pattern.compile("\\A```[ \\t]*(?:json|JSON|json5)?[ \\t]*\\r?\\n(.*?)\\r?\\n?```\\s*\\z", Pattern.DOTALL);

    /** Compiled schemas by their text; a failure to compile is cached too. */
    private static final Map<String, Object> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private static final Object UNUSABLE = new Object();

    private final boolean requireJson;

    /** @param requireJson whether an answer must be JSON even when the exchange carries no schema */
    public JsonSchemaScanner(boolean requireJson) {
        this.requireJson = requireJson;
    }

    /** Builds the scanner from a rule's options ({@code require-json}). */
    static JsonSchemaScanner fromOptions(ScannerOptions o) {
        o.allowOnly(Set.of("require-json"));
        return new JsonSchemaScanner(o.bool("require-json", false));
    }

    @Override
    public boolean wholeText() {
        return true; // a prefix of valid JSON is not valid JSON: on a stream, judge once at the end
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Finding> scan(ScanText text) {
        return scan(text, ScanContext.NONE);
    }

    @Override
    public List<Finding> scan(ScanText text, ScanContext context) {
        Optional<String> schemaText = context.responseSchema();
        if (schemaText.isEmpty() && !requireJson) {
            return List.of();
        }
        String body = text.original();
        if (body.length() > MAX_CHARS) {
            return List.of(finding("TOO_LARGE", 1.0));
        }
        List<Finding> findings = new java.util.ArrayList<>(2);
        String trimmed = body.strip();
        Matcher fence = FENCE.matcher(trimmed);
        if (trimmed.startsWith("```") && fence.matches()) {
            findings.add(finding("FENCED_JSON", 0.3));
            trimmed = fence.group(1);
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(trimmed);
        } catch (StreamConstraintsException e) {
            findings.add(finding(
                    e.getMessage() != null && e.getMessage().contains("nesting") ? "TOO_DEEP" : "TOO_LARGE", 1.0));
            return findings;
        } catch (JsonProcessingException e) {
            findings.add(finding("NOT_JSON", 1.0));
            return findings;
        }
        if (doc == null || doc.isMissingNode()) {
            findings.add(finding("NOT_JSON", 1.0));
            return findings;
        }
        if (schemaText.isEmpty()) {
            return findings;
        }
        Object compiled = compiled(schemaText.get());
        if (compiled == UNUSABLE) {
            findings.add(finding("SCHEMA_UNUSABLE", 0.3));
            return findings;
        }
        if (compiled == null) {
            // the empty schema: the client asked for a JSON object
            if (!doc.isObject()) {
                findings.add(finding("SCHEMA_VIOLATION", 1.0));
            }
            return findings;
        }
        try {
            if (!((JsonSchemaValidator) compiled).isValid(doc)) {
                findings.add(finding("SCHEMA_VIOLATION", 1.0));
            }
        } catch (JsonSchemaValidator.TooCostly e) {
            findings.add(finding("TOO_COSTLY", 0.8));
        } catch (StackOverflowError e) {
            findings.add(finding("TOO_COSTLY", 0.8)); // should not happen under the depth limits; never crash a worker
        }
        return findings;
    }

    private static Finding finding(String type, double score) {
        return new Finding(NAME, Category.INVALID_OUTPUT, type, score, 0, 0);
    }

    /** The validator for a schema text, {@code null} for the empty schema, or {@link #UNUSABLE}. */
    static Object compiled(String schemaText) {
        synchronized (CACHE) {
            if (CACHE.containsKey(schemaText)) {
                return CACHE.get(schemaText);
            }
        }
        Object value = compile(schemaText);
        synchronized (CACHE) {
            CACHE.put(schemaText, value);
        }
        return value;
    }

    static int cacheSize() {
        synchronized (CACHE) {
            return CACHE.size();
        }
    }

    private static Object compile(String schemaText) {
        if (schemaText.length() > MAX_CHARS) {
            return UNUSABLE;
        }
        try {
            JsonNode schema = JSON.readTree(schemaText);
            if (schema == null || schema.isMissingNode()) {
                return UNUSABLE;
            }
            schema = unwrap(schema);
            if (schema.isObject() && schema.isEmpty()) {
                return null;
            }
            return new JsonSchemaValidator(schema);
        } catch (JsonProcessingException | JsonSchemaValidator.Unusable e) {
            return UNUSABLE;
        }
    }

    /** The schema inside an OpenAI {@code response_format} object, or the node itself. */
    private static JsonNode unwrap(JsonNode n) {
        if (n.isObject() && n.path("json_schema").isObject()) {
            n = n.get("json_schema");
        }
        if (n.isObject() && n.path("schema").isObject() && (n.has("name") || n.has("strict"))) {
            n = n.get("schema");
        }
        if (n.isObject() && "json_object".equals(n.path("type").asText(null)) && n.size() == 1) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(); // any JSON object
        }
        return n;
    }
}
