package io.trustgate.firewall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The text of a tool definition (an entry of a chat request's {@code tools}, or a response schema) as the input
 * firewall reads it: its parts in document order, each the key or string it comes from, with where it sits so that a
 * masked form can be put back. One definition, one text, one part a line ({@link #join}): a poisoned definition
 * spreads its instruction over the description and the parameters, and a short parameter text alone says too little.
 * The same walk gives the gateway its parts and the corpus tests and {@code bench/tool-definitions} their texts.
 */
public final class ToolDefinitionText {
    private ToolDefinitionText() {}

    /**
     * One part: a key, a string, or a long number as plain digits ({@link #numberText}); {@code fixed} when it
     * cannot be changed (a key, a name the model calls the tool by, or a number, whose masked form would be a string
     * and break the schema), so that what would be masked there must block instead.
     */
    public record Part(JsonNode parent, String key, int index, String path, String text, boolean fixed) {
        /** Puts a masked form of the string back where it was. */
        public void set(String value) {
            if (parent instanceof ObjectNode o) {
                o.put(key, value);
            } else if (parent instanceof ArrayNode a) {
                a.set(index, value);
            }
        }
    }

    /** The parts of a definition found at {@code where} ({@code tools[0]}), read as schema (keywords left out). */
    public static List<Part> parts(JsonNode definition, String where) {
        List<Part> out = new ArrayList<>();
        walk(definition, where, out, true);
        return out;
    }

    /** The parts of a value that is data, not schema: every key, string and long number. */
    public static List<Part> data(JsonNode value, String where) {
        List<Part> out = new ArrayList<>();
        walk(value, where, out, false);
        return out;
    }

    /** A key that can follow a dot in a path and still be read back: letters, digits, {@code _}, {@code $}, {@code -}. */
    private static final java.util.regex.Pattern PLAIN_KEY = java.util.regex.Pattern.compile("[A-Za-z0-9_$-]+");

    /** A key that may be named in a path: a name, not a value (no spaces or quotes, at most 40 chars, at most 4 digits). */
    private static final java.util.regex.Pattern NAME_LIKE =
            java.util.regex.Pattern.compile("[A-Za-z0-9_$.\\[\\]-]{1,40}");

    /**
     * The path of member {@code key} of the object at {@code where} (empty: the request itself), as an error's
     * {@code param} names it: {@code where.key}, or {@code where["x.y"]} (the key as a JSON string) when the key holds
     * a dot. A key that does not look like a name (spaces, an {@code @}, more than 4 digits, more than 40 chars) is
     * written by its length only, {@code where[<20-char key>]}: such a key is what the firewall blocks (an access key,
     * an e-mail address, a card number), and a path goes into the client's error and the gateway's log, which must not
     * repeat it.
     */
    public static String member(String where, String key) {
        if (!nameLike(key)) {
            return where + "[<" + key.length() + "-char key>]";
        }
        if (PLAIN_KEY.matcher(key).matches()) {
            return where.isEmpty() ? key : where + "." + key;
        }
        return where + "[" + com.fasterxml.jackson.databind.node.TextNode.valueOf(key) + "]";
    }

    private static boolean nameLike(String key) {
        if (!NAME_LIKE.matcher(key).matches()) {
            return false;
        }
        int digits = 0;
        for (int i = 0; i < key.length(); i++) {
            if (Character.isDigit(key.charAt(i)) && ++digits > 4) {
                return false;
            }
        }
        return true;
    }

    /** The parts' texts, one a line. */
    public static String join(List<Part> parts) {
        StringBuilder b = new StringBuilder();
        for (Part p : parts) {
            if (!b.isEmpty()) {
                b.append('\n');
            }
            b.append(p.text());
        }
        return b.toString();
    }

    /**
     * Keys that JSON Schema and the tool formats define: as words they carry nothing an attacker chose, so they are
     * not part of the text (every other key is: a property named {@code content_of_id_rsa_do_not_tell_user} reaches
     * the model too). Inside data ({@link #DATA}) every key is text.
     */
    static final Set<String> KEYWORDS = Set.of(
            "type",
            "function",
            "custom",
            "name",
            "description",
            "parameters",
            "properties",
            "required",
            "items",
            "prefixItems",
            "enum",
            "default",
            "title",
            "examples",
            "example",
            "format",
            "pattern",
            "$ref",
            "$schema",
            "$id",
            "$defs",
            "$comment",
            "$anchor",
            "definitions",
            "anyOf",
            "oneOf",
            "allOf",
            "not",
            "if",
            "then",
            "else",
            "const",
            "additionalProperties",
            "patternProperties",
            "propertyNames",
            "unevaluatedProperties",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
            "minLength",
            "maxLength",
            "minItems",
            "maxItems",
            "uniqueItems",
            "contains",
            "minContains",
            "maxContains",
            "minProperties",
            "maxProperties",
            "dependentRequired",
            "dependentSchemas",
            "nullable",
            "readOnly",
            "writeOnly",
            "deprecated",
            "contentEncoding",
            "contentMediaType",
            "strict",
            "schema",
            "grammar",
            "syntax",
            "definition",
            "input_schema");

    /** Keys whose values are data (a default, an example), where no key is structure. */
    private static final Set<String> DATA = Set.of("default", "examples", "example", "const", "enum");

    /**
     * Keywords whose number is a bound of the schema, not a value: left out, since a bound next to a field's name
     * reads as the value it bounds ("phone" and a {@code maximum} of 9999999999 looks like a phone number).
     */
    private static final Set<String> BOUNDS = Set.of(
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
            "minLength",
            "maxLength",
            "minItems",
            "maxItems",
            "minContains",
            "maxContains",
            "minProperties",
            "maxProperties");

    /** Numbers with fewer digits hold no card, account or phone number: they are not read (most numbers). */
    public static final int NUMBER_MIN_DIGITS = 9;

    /**
     * A JSON number as the firewall reads it: in plain digits (a double's exponent written out), when it has at
     * least {@link #NUMBER_MIN_DIGITS} of them; empty for any other node. A card number written as a number
     * ({@code "default": 4111111111111111}) reaches the model as digits all the same.
     */
    public static java.util.Optional<String> numberText(JsonNode node) {
        if (!node.isNumber()) {
            return java.util.Optional.empty();
        }
        String text =
                node.isIntegralNumber() ? node.asText() : node.decimalValue().toPlainString();
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                digits++;
            }
        }
        return digits >= NUMBER_MIN_DIGITS ? java.util.Optional.of(text) : java.util.Optional.empty();
    }

    /** A {@code type} value that is a type name ({@code string}, {@code dict}): too short to carry anything. */
    private static final java.util.regex.Pattern TYPE_NAME = java.util.regex.Pattern.compile("[a-z]{1,12}");

    /** The names the model calls a tool or a schema by: they cannot be masked. */
    private static final java.util.regex.Pattern FIXED_NAME = java.util.regex.Pattern.compile(
            "(tools\\[\\d+]\\.(function|custom)|functions\\[\\d+]|response_format\\.json_schema)\\.name");

    /**
     * Collects the texts under {@code node}, in order, with where each sits: every string, every long number, and
     * every key that is not a keyword where keywords are structure ({@code schema}: outside data). Left out: a
     * {@code type} that is a type name, a {@code required} list that only names the sibling properties (their keys
     * are in already), and a bound's number ({@link #BOUNDS}).
     */
    private static void walk(JsonNode node, String where, List<Part> out, boolean schema) {
        if (node instanceof ObjectNode object) {
            for (var it = object.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                JsonNode child = object.get(key);
                String at = member(where, key);
                if (!schema || !KEYWORDS.contains(key)) {
                    out.add(new Part(object, key, -1, at + " (key)", key, true));
                }
                if (child.isTextual()) {
                    String text = child.asText();
                    if (schema && key.equals("type") && TYPE_NAME.matcher(text).matches()) {
                        continue;
                    }
                    out.add(new Part(
                            object, key, -1, at, text, FIXED_NAME.matcher(at).matches()));
                } else if (child.isNumber()) {
                    if (!(schema && BOUNDS.contains(key))) {
                        numberText(child).ifPresent(n -> out.add(new Part(object, key, -1, at, n, true)));
                    }
                } else if (schema && key.equals("required") && namesProperties(child, object.path("properties"))) {
                    continue;
                } else {
                    walk(child, at, out, schema && !DATA.contains(key));
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode child = array.get(i);
                String at = where + "[" + i + "]";
                if (child.isTextual()) {
                    out.add(new Part(array, null, i, at, child.asText(), false));
                } else if (child.isNumber()) {
                    int index = i;
                    numberText(child).ifPresent(n -> out.add(new Part(array, null, index, at, n, true)));
                } else {
                    walk(child, at, out, schema);
                }
            }
        }
    }

    /** Whether {@code list} is an array of strings each of which is a key of {@code properties}. */
    private static boolean namesProperties(JsonNode list, JsonNode properties) {
        if (!list.isArray()) {
            return false;
        }
        for (JsonNode n : list) {
            if (!n.isTextual() || !properties.has(n.asText())) {
                return false;
            }
        }
        return true;
    }
}
