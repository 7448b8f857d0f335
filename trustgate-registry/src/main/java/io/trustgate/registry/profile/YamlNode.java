package io.trustgate.registry.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * A YAML node of untrusted input with its file and line, for parsers that must name where bad input is. Parsing is
 * bounded (size, nesting depth, aliases) and every problem, from the YAML parser or from a reader of the tree, is a
 * {@link Problem} carrying {@code file:line}.
 */
public final class YamlNode {
    /** Deeper documents are refused before the composer (which recurses per level) sees them. */
    public static final int MAX_DEPTH = 64;

    private final Node node;
    private final String file;
    private final String path;

    private YamlNode(Node node, String file, String path) {
        this.node = node;
        this.file = file;
        this.path = path;
    }

    /** Bad YAML input; the message starts with {@code file:line}. */
    public static final class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Problem(String message) {
            super(message);
        }
    }

    /**
     * Parses one document; an empty document (no text, or only comments) is an empty mapping, whose problems say
     * {@code file: empty document: ...} rather than naming a line.
     */
    public static YamlNode parse(String text, String file, int maxChars) {
        if (text.length() > maxChars) {
            throw new Problem(file + ": larger than " + maxChars + " characters");
        }
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(20)
                .setCodePointLimit(maxChars + 1)
                .build();
        try {
            int depth = 0;
            for (Event e : new Parse(settings).parseString(text)) {
                if (e instanceof CollectionStartEvent) {
                    if (++depth > MAX_DEPTH) {
                        throw new Problem(file + ":" + line(e.getStartMark()) + ": nested deeper than " + MAX_DEPTH);
                    }
                } else if (e instanceof CollectionEndEvent) {
                    depth--;
                }
            }
            Optional<Node> root = new Compose(settings).composeString(text);
            root.ifPresent(r -> refuseDuplicateKeys(
                    r, file, "", java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>())));
            return new YamlNode(
                    root.orElseGet(
                            () -> new MappingNode(Tag.MAP, List.of(), org.snakeyaml.engine.v2.common.FlowStyle.AUTO)),
                    file,
                    "");
        } catch (YamlEngineException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new Problem(
                    file + ": invalid YAML: " + msg.replaceAll("\\s+", " ").trim());
        }
    }

    /**
     * Refuses a key written twice in one mapping, anywhere in the tree. setAllowDuplicateKeys only acts in
     * snakeyaml's constructor, which the node API never runs; without this the last value won silently, so a second
     * {@code data-sensitivity: public} could downgrade a health context. Each node is walked once (aliases share).
     */
    private static void refuseDuplicateKeys(Node node, String file, String path, java.util.Set<Node> seen) {
        if (!seen.add(node)) {
            return;
        }
        if (node instanceof MappingNode m) {
            Map<String, Integer> first = new java.util.HashMap<>();
            for (NodeTuple t : m.getValue()) {
                String childPath = path;
                if (t.getKeyNode() instanceof ScalarNode k) {
                    String key = k.getValue();
                    childPath = path.isEmpty() ? key : path + "." + key;
                    int keyLine = line(k.getStartMark());
                    Integer before = first.putIfAbsent(key, keyLine);
                    if (before != null) {
                        throw new Problem(file + ":" + keyLine + ": " + childPath + ": duplicate key '"
                                + abbreviate(key) + "', first at line " + before);
                    }
                }
                refuseDuplicateKeys(t.getValueNode(), file, childPath, seen);
            }
        } else if (node instanceof SequenceNode s) {
            int i = 0;
            for (Node n : s.getValue()) {
                refuseDuplicateKeys(n, file, path + "[" + i++ + "]", seen);
            }
        }
    }

    private static int line(Optional<org.snakeyaml.engine.v2.exceptions.Mark> m) {
        return m.map(x -> x.getLine() + 1).orElse(0);
    }

    /** {@code file:line}; only {@code file} for the empty mapping that stands for an empty document. */
    public String where() {
        return node.getStartMark().map(m -> file + ":" + (m.getLine() + 1)).orElse(file);
    }

    /** A problem at this node, naming the key path. */
    public Problem problem(String message) {
        String empty = node.getStartMark().isEmpty() ? "empty document: " : "";
        return new Problem(where() + ": " + empty + (path.isEmpty() ? "" : path + ": ") + message);
    }

    public String path() {
        return path;
    }

    public boolean isMap() {
        return node instanceof MappingNode;
    }

    public boolean isList() {
        return node instanceof SequenceNode;
    }

    public boolean isNull() {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    /** A scalar whose text is {@code unknown} (the catalog's spelling of an unknown fact) or null. */
    public boolean isUnknown() {
        return isNull() || (node instanceof ScalarNode s && s.getValue().equals("unknown"));
    }

    /** The entries of a mapping, keys as text, in order. */
    public Map<String, YamlNode> entries() {
        if (!(node instanceof MappingNode m)) {
            throw problem("expected a mapping");
        }
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw new YamlNode(t.getKeyNode(), file, path).problem("keys must be plain text");
            }
            String key = k.getValue();
            out.put(key, new YamlNode(t.getValueNode(), file, path.isEmpty() ? key : path + "." + key));
        }
        return out;
    }

    /** The value at a key of a mapping, if present and not null. */
    public Optional<YamlNode> get(String key) {
        YamlNode v = entries().get(key);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    public YamlNode require(String key) {
        return get(key).orElseThrow(() -> problem("missing required key '" + key + "'"));
    }

    /** The items of a sequence; a single scalar reads as a one-item list. */
    public List<YamlNode> items() {
        if (node instanceof SequenceNode s) {
            List<YamlNode> out = new ArrayList<>();
            int i = 0;
            for (Node n : s.getValue()) {
                out.add(new YamlNode(n, file, path + "[" + i++ + "]"));
            }
            return out;
        }
        if (node instanceof ScalarNode && !isNull()) {
            return List.of(this);
        }
        if (isNull()) {
            return List.of();
        }
        throw problem("expected a list");
    }

    /** A scalar's text (numbers and booleans as written). */
    public String text() {
        if (!(node instanceof ScalarNode s)) {
            throw problem("expected a single value, found a " + (isMap() ? "mapping" : "list"));
        }
        return s.getValue();
    }

    public String textOr(String key, String fallback) {
        return get(key).map(YamlNode::text).orElse(fallback);
    }

    public double number() {
        String t = text().trim().replace("_", "");
        try {
            double d = Double.parseDouble(t);
            if (!Double.isFinite(d)) {
                throw problem("expected a finite number, was '" + t + "'");
            }
            return d;
        } catch (NumberFormatException e) {
            throw problem("expected a number, was '" + abbreviate(t) + "'");
        }
    }

    public boolean bool() {
        return switch (text().trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw problem("expected true or false, was '" + abbreviate(text()) + "'");
        };
    }

    static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
