package io.trustgate.firewall;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A focused JSON Schema (draft 2020-12) validator for the {@code json-schema} scanner: answers valid or not, nothing
 * more (no error messages, so nothing of the document is echoed). Written here rather than taken from a library
 * because the schema comes from the client (a request's {@code response_format}) and is therefore untrusted: every
 * validation runs under a step budget (schema applications and regex char reads), so that a recursive {@code $ref},
 * nested {@code anyOf} or a catastrophic {@code pattern} end in {@link TooCostly} rather than a hung worker.
 *
 * <p>Keywords: {@code type} (with {@code integer}), {@code enum}, {@code const}, {@code properties},
 * {@code patternProperties}, {@code additionalProperties}, {@code required}, {@code minProperties},
 * {@code maxProperties}, {@code items}, {@code prefixItems}, {@code minItems}, {@code maxItems},
 * {@code uniqueItems}, {@code minimum}, {@code maximum}, {@code exclusiveMinimum}, {@code exclusiveMaximum},
 * {@code multipleOf}, {@code minLength}, {@code maxLength} (in code points), {@code pattern} (Java regex, unanchored
 * like ECMA's), {@code anyOf}, {@code oneOf}, {@code allOf}, {@code not}, {@code if}/{@code then}/{@code else},
 * boolean schemas and {@code $ref} to a JSON pointer in the same document ({@code #/$defs/x},
 * {@code #/definitions/x}, {@code #}). Ignored: {@code format}, {@code $id}-based and remote refs (the schema is
 * refused), {@code unevaluated*}, {@code dependent*}, {@code contains}, annotations.
 */
final class JsonSchemaValidator {
    /** Schema applications and regex char reads allowed per validation. */
    static final int MAX_STEPS = 2_000_000;

    static final int MAX_DEPTH = 400;

    private static final com.fasterxml.jackson.databind.node.JsonNodeFactory NODES =
            com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true);

    private final JsonNode root;
    private final Map<JsonNode, Pattern> patterns = new IdentityHashMap<>();

    /** A schema that cannot be used: a bad regex, a ref that points nowhere, a keyword of the wrong type. */
    static final class Unusable extends IllegalArgumentException {
        Unusable(String message) {
            super(message);
        }
    }

    /** Validation ran out of its budget. */
    static final class TooCostly extends RuntimeException {
        TooCostly() {
            super("validation exceeded its budget", null, false, false);
        }
    }

    /**
     * Compiles a schema: checks its refs and compiles its patterns once.
     *
     * @throws Unusable for a schema this validator cannot apply
     */
    JsonSchemaValidator(JsonNode root) {
        this.root = root;
        check(root, 0);
    }

    private void check(JsonNode schema, int depth) {
        if (depth > MAX_DEPTH) {
            throw new Unusable("schema nested too deeply");
        }
        if (schema.isBoolean()) {
            return;
        }
        if (!schema.isObject()) {
            throw new Unusable("a schema must be an object or a boolean");
        }
        JsonNode pattern = schema.get("pattern");
        if (pattern != null) {
            compile(pattern);
        }
        JsonNode ref = schema.get("$ref");
        if (ref != null) {
            if (!ref.isTextual() || resolve(ref.asText()) == null) {
                throw new Unusable("unresolvable $ref");
            }
        }
        JsonNode type = schema.get("type");
        if (type != null && !type.isTextual() && !type.isArray()) {
            throw new Unusable("type must be a string or an array");
        }
        for (String k : new String[] {"properties", "patternProperties", "$defs", "definitions"}) {
            JsonNode m = schema.get(k);
            if (m != null) {
                if (!m.isObject()) {
                    throw new Unusable(k + " must be an object");
                }
                Iterator<Map.Entry<String, JsonNode>> it = m.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (k.equals("patternProperties")) {
                        compileKey(e.getKey());
                    }
                    check(e.getValue(), depth + 1);
                }
            }
        }
        for (String k : new String[] {"additionalProperties", "items", "not", "if", "then", "else"}) {
            JsonNode s = schema.get(k);
            if (s != null) {
                check(s, depth + 1);
            }
        }
        for (String k : new String[] {"anyOf", "oneOf", "allOf", "prefixItems"}) {
            JsonNode list = schema.get(k);
            if (list != null) {
                if (!list.isArray()) {
                    throw new Unusable(k + " must be an array");
                }
                for (JsonNode s : list) {
                    check(s, depth + 1);
                }
            }
        }
        JsonNode req = schema.get("required");
        if (req != null && !req.isArray()) {
            throw new Unusable("required must be an array");
        }
    }

    private final Map<String, Pattern> keyPatterns = new java.util.HashMap<>();

    private void compileKey(String regex) {
        try {
            keyPatterns.put(regex, Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            throw new Unusable("bad patternProperties regex");
        }
    }

    private void compile(JsonNode pattern) {
        if (!pattern.isTextual()) {
            throw new Unusable("pattern must be a string");
        }
        try {
            patterns.put(pattern, Pattern.compile(pattern.asText()));
        } catch (PatternSyntaxException e) {
            throw new Unusable("bad pattern regex");
        }
    }

    private JsonNode resolve(String ref) {
        if (ref.equals("#")) {
            return root;
        }
        if (!ref.startsWith("#/")) {
            return null;
        }
        String pointer = ExfiltrationScanner.percentDecode(ref.substring(1), false); // a URI fragment: %-escapes only
        try {
            JsonNode n = root.at(pointer);
            return n.isMissingNode() ? null : n;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Whether {@code doc} is valid.
     *
     * @throws TooCostly when validation needs more than its budget
     */
    boolean isValid(JsonNode doc) {
        return new Run().valid(root, doc, 0);
    }

    /** One validation, with its budget. */
    private final class Run {
        private final ReadBudget budget = new ReadBudget(MAX_STEPS, TooCostly::new);

        private void spend(int n) {
            budget.spend(n);
        }

        boolean valid(JsonNode schema, JsonNode doc, int depth) {
            spend(1);
            if (depth > MAX_DEPTH) {
                throw new TooCostly();
            }
            if (schema.isBoolean()) {
                return schema.asBoolean();
            }
            JsonNode ref = schema.get("$ref");
            if (ref != null && !valid(resolve(ref.asText()), doc, depth + 1)) {
                return false;
            }
            JsonNode type = schema.get("type");
            if (type != null && !typeMatches(type, doc)) {
                return false;
            }
            JsonNode en = schema.get("enum");
            if (en != null && en.isArray()) {
                boolean any = false;
                for (JsonNode e : en) {
                    spend(1);
                    if (equal(e, doc)) {
                        any = true;
                        break;
                    }
                }
                if (!any) {
                    return false;
                }
            }
            JsonNode cn = schema.get("const");
            if (cn != null && !equal(cn, doc)) {
                return false;
            }
            if (doc.isNumber() && !numberValid(schema, doc.decimalValue())) {
                return false;
            }
            if (doc.isTextual() && !stringValid(schema, doc.asText())) {
                return false;
            }
            if (doc.isObject() && !objectValid(schema, doc, depth)) {
                return false;
            }
            if (doc.isArray() && !arrayValid(schema, doc, depth)) {
                return false;
            }
            return combinatorsValid(schema, doc, depth);
        }

        private boolean combinatorsValid(JsonNode schema, JsonNode doc, int depth) {
            JsonNode all = schema.get("allOf");
            if (all != null) {
                for (JsonNode s : all) {
                    if (!valid(s, doc, depth + 1)) {
                        return false;
                    }
                }
            }
            JsonNode any = schema.get("anyOf");
            if (any != null) {
                boolean ok = false;
                for (JsonNode s : any) {
                    if (valid(s, doc, depth + 1)) {
                        ok = true;
                        break;
                    }
                }
                if (!ok) {
                    return false;
                }
            }
            JsonNode one = schema.get("oneOf");
            if (one != null) {
                int count = 0;
                for (JsonNode s : one) {
                    if (valid(s, doc, depth + 1) && ++count > 1) {
                        return false;
                    }
                }
                if (count != 1) {
                    return false;
                }
            }
            JsonNode not = schema.get("not");
            if (not != null && valid(not, doc, depth + 1)) {
                return false;
            }
            JsonNode cond = schema.get("if");
            if (cond != null) {
                JsonNode branch = valid(cond, doc, depth + 1) ? schema.get("then") : schema.get("else");
                if (branch != null && !valid(branch, doc, depth + 1)) {
                    return false;
                }
            }
            return true;
        }

        private boolean objectValid(JsonNode schema, JsonNode doc, int depth) {
            JsonNode req = schema.get("required");
            if (req != null) {
                for (JsonNode r : req) {
                    spend(1);
                    if (!doc.has(r.asText())) {
                        return false;
                    }
                }
            }
            if (!count(schema, "minProperties", "maxProperties", doc.size())) {
                return false;
            }
            JsonNode props = schema.get("properties");
            JsonNode patternProps = schema.get("patternProperties");
            JsonNode additional = schema.get("additionalProperties");
            if (props == null && patternProps == null && additional == null) {
                return true;
            }
            Iterator<Map.Entry<String, JsonNode>> it = doc.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                boolean matched = false;
                if (props != null && props.has(e.getKey())) {
                    matched = true;
                    if (!valid(props.get(e.getKey()), e.getValue(), depth + 1)) {
                        return false;
                    }
                }
                if (patternProps != null) {
                    Iterator<Map.Entry<String, JsonNode>> pit = patternProps.fields();
                    while (pit.hasNext()) {
                        Map.Entry<String, JsonNode> p = pit.next();
                        if (find(keyPatterns.get(p.getKey()), e.getKey())) {
                            matched = true;
                            if (!valid(p.getValue(), e.getValue(), depth + 1)) {
                                return false;
                            }
                        }
                    }
                }
                if (!matched && additional != null && !valid(additional, e.getValue(), depth + 1)) {
                    return false;
                }
            }
            return true;
        }

        private boolean arrayValid(JsonNode schema, JsonNode doc, int depth) {
            if (!count(schema, "minItems", "maxItems", doc.size())) {
                return false;
            }
            JsonNode prefix = schema.get("prefixItems");
            int start = 0;
            if (prefix != null) {
                for (int i = 0; i < prefix.size() && i < doc.size(); i++) {
                    if (!valid(prefix.get(i), doc.get(i), depth + 1)) {
                        return false;
                    }
                }
                start = prefix.size();
            }
            JsonNode items = schema.get("items");
            if (items != null) {
                for (int i = start; i < doc.size(); i++) {
                    if (!valid(items, doc.get(i), depth + 1)) {
                        return false;
                    }
                }
            }
            JsonNode unique = schema.get("uniqueItems");
            if (unique != null && unique.asBoolean()) {
                Set<JsonNode> seen = new HashSet<>();
                for (JsonNode e : doc) {
                    spend(1);
                    if (!seen.add(
                            e.isNumber() ? NODES.numberNode(e.decimalValue().stripTrailingZeros()) : e)) {
                        return false;
                    }
                }
            }
            return true;
        }

        private boolean stringValid(JsonNode schema, String s) {
            JsonNode min = schema.get("minLength");
            JsonNode max = schema.get("maxLength");
            if (min != null || max != null) {
                int cps = s.codePointCount(0, s.length());
                if (!count(schema, "minLength", "maxLength", cps)) {
                    return false;
                }
            }
            JsonNode pattern = schema.get("pattern");
            return pattern == null || find(patterns.get(pattern), s);
        }

        private boolean find(Pattern p, String s) {
            spend(1);
            return p.matcher(budget.charged(s)).find();
        }

        private boolean numberValid(JsonNode schema, BigDecimal n) {
            JsonNode v;
            if ((v = schema.get("minimum")) != null && v.isNumber() && n.compareTo(v.decimalValue()) < 0) {
                return false;
            }
            if ((v = schema.get("maximum")) != null && v.isNumber() && n.compareTo(v.decimalValue()) > 0) {
                return false;
            }
            if ((v = schema.get("exclusiveMinimum")) != null && v.isNumber() && n.compareTo(v.decimalValue()) <= 0) {
                return false;
            }
            if ((v = schema.get("exclusiveMaximum")) != null && v.isNumber() && n.compareTo(v.decimalValue()) >= 0) {
                return false;
            }
            if ((v = schema.get("multipleOf")) != null
                    && v.isNumber()
                    && v.decimalValue().signum() > 0) {
                if (n.abs().compareTo(BigDecimal.TEN.pow(100)) > 0) {
                    return true; // out of range for an exact remainder; accepted
                }
                return n.remainder(v.decimalValue()).signum() == 0;
            }
            return true;
        }

        /** Checks a size against a pair of min/max keywords. */
        private boolean count(JsonNode schema, String minKey, String maxKey, int size) {
            JsonNode min = schema.get(minKey);
            JsonNode max = schema.get(maxKey);
            return (min == null || !min.isNumber() || size >= min.asDouble())
                    && (max == null || !max.isNumber() || size <= max.asDouble());
        }

        private boolean equal(JsonNode a, JsonNode b) {
            spend(1);
            if (a.isNumber() && b.isNumber()) {
                return a.decimalValue().compareTo(b.decimalValue()) == 0;
            }
            if (a.isArray() && b.isArray()) {
                if (a.size() != b.size()) {
                    return false;
                }
                for (int i = 0; i < a.size(); i++) {
                    if (!equal(a.get(i), b.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            if (a.isObject() && b.isObject()) {
                if (a.size() != b.size()) {
                    return false;
                }
                Iterator<Map.Entry<String, JsonNode>> it = a.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode other = b.get(e.getKey());
                    if (other == null || !equal(e.getValue(), other)) {
                        return false;
                    }
                }
                return true;
            }
            return a.equals(b);
        }

        private boolean typeMatches(JsonNode type, JsonNode doc) {
            if (type.isArray()) {
                for (JsonNode t : type) {
                    if (typeIs(t.asText(), doc)) {
                        return true;
                    }
                }
                return false;
            }
            return typeIs(type.asText(), doc);
        }

        private boolean typeIs(String t, JsonNode doc) {
            return switch (t) {
                case "object" -> doc.isObject();
                case "array" -> doc.isArray();
                case "string" -> doc.isTextual();
                case "number" -> doc.isNumber();
                case "integer" ->
                    doc.isIntegralNumber()
                            || (doc.isNumber()
                                    && doc.decimalValue().stripTrailingZeros().scale() <= 0);
                case "boolean" -> doc.isBoolean();
                case "null" -> doc.isNull();
                default -> false;
            };
        }
    }
}
