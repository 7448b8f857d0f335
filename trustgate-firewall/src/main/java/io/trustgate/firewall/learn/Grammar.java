package io.trustgate.firewall.learn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A small generative grammar for labelled training text: families of templates whose {@code {slot}} references expand
 * to one of the slot's alternatives, recursively. It writes a training corpus from descriptions of techniques rather
 * than from copies of any benchmark, so that a classifier can be measured on every public source as unseen data.
 *
 * <p>Format (UTF-8 text, one item per line; blank lines and lines starting with {@code #} are ignored):
 *
 * <pre>
 * &#64;slot NAME                          alternatives follow, one per line
 * &#64;family NAME positive|negative COUNT [GENRE]
 *                                        templates follow, one per line
 * </pre>
 *
 * In an alternative or a template, {@code {name}} expands the slot {@code name}, {@code {name?}} expands it or
 * nothing (even odds); any other brace is text (JSON, code); and the two characters {@code \n} stand for a line break. Generation is deterministic for a
 * seed: each family draws from its own generator seeded by the seed and the family's name, so that adding a family
 * does not change the others' samples.
 *
 * <p>Limits: alternatives are drawn uniformly (list one twice to weigh it double); expansion stops at depth
 * {@value #MAX_DEPTH} with an error, to catch a slot that refers to itself.
 */
public final class Grammar {
    static final int MAX_DEPTH = 12;

    /**
     * A family of samples.
     *
     * @param name its name (the source name of its samples is {@code synthetic-NAME})
     * @param positive its label
     * @param count how many distinct samples to write
     * @param genre the document genre its samples are built on, or {@code ""}
     * @param templates its templates
     */
    public record Family(String name, boolean positive, int count, String genre, List<String> templates) {
        public Family {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(genre, "genre");
            templates = List.copyOf(templates);
            if (count < 1 || templates.isEmpty()) {
                throw new IllegalArgumentException("family " + name + ": needs a count >= 1 and a template");
            }
        }
    }

    /**
     * One generated text.
     *
     * @param family the family's name
     * @param text the text
     * @param positive its label
     * @param genre the family's genre
     */
    public record Generated(String family, String text, boolean positive, String genre) {}

    private final Map<String, List<String>> slots;
    private final List<Family> families;

    private Grammar(Map<String, List<String>> slots, List<Family> families) {
        this.slots = slots;
        this.families = families;
    }

    /**
     * Parses a grammar.
     *
     * @throws IllegalArgumentException naming the line, for a malformed line, an empty slot or family, an unknown slot
     */
    public static Grammar parse(String text) {
        Map<String, List<String>> slots = new LinkedHashMap<>();
        List<Family> families = new ArrayList<>();
        List<String> current = null;
        String[] family = null;
        List<String> templates = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("@slot ")) {
                if (family != null) {
                    families.add(family(family, templates));
                    family = null;
                }
                String name = line.substring(6).strip();
                if (!name.matches("[a-z0-9_]+") || slots.containsKey(name)) {
                    throw new IllegalArgumentException(
                            "line " + (i + 1) + ": bad or repeated slot name '" + name + "'");
                }
                current = new ArrayList<>();
                slots.put(name, current);
            } else if (line.startsWith("@family ")) {
                if (family != null) {
                    families.add(family(family, templates));
                }
                String[] f = line.substring(8).strip().split("\\s+");
                if (f.length < 3 || f.length > 4 || !(f[1].equals("positive") || f[1].equals("negative"))) {
                    throw new IllegalArgumentException(
                            "line " + (i + 1) + ": expected @family NAME positive|negative COUNT [GENRE]");
                }
                family = f;
                templates = new ArrayList<>();
                current = templates;
            } else if (line.startsWith("@")) {
                throw new IllegalArgumentException("line " + (i + 1) + ": unknown directive " + line);
            } else if (current == null) {
                throw new IllegalArgumentException("line " + (i + 1) + ": text before any @slot or @family");
            } else {
                current.add(line.replace("\\n", "\n"));
            }
        }
        if (family != null) {
            families.add(family(family, templates));
        }
        for (Map.Entry<String, List<String>> e : slots.entrySet()) {
            if (e.getValue().isEmpty()) {
                throw new IllegalArgumentException("slot " + e.getKey() + " has no alternative");
            }
        }
        Grammar g = new Grammar(slots, List.copyOf(families));
        g.checkReferences();
        return g;
    }

    private static Family family(String[] f, List<String> templates) {
        int count;
        try {
            count = Integer.parseInt(f[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("family " + f[0] + ": count '" + f[2] + "' is not a number");
        }
        return new Family(f[0], f[1].equals("positive"), count, f.length == 4 ? f[3] : "", templates);
    }

    private void checkReferences() {
        List<String> all = new ArrayList<>();
        slots.values().forEach(all::addAll);
        families.forEach(f -> all.addAll(f.templates()));
        for (String s : all) {
            for (int at = s.indexOf('{'); at >= 0; at = s.indexOf('{', at + 1)) {
                int end = referenceEnd(s, at);
                if (end > 0) {
                    String name = name(s, at, end);
                    if (!slots.containsKey(name)) {
                        throw new IllegalArgumentException("unknown slot {" + name + "} in: " + s);
                    }
                }
            }
        }
    }

    /**
     * The index of the {@code '}'} closing a slot reference opened at {@code open}, or -1 when the brace is literal
     * text (JSON, code): a reference is lower-case letters, digits and underscores, optionally ending in {@code ?}.
     */
    static int referenceEnd(String s, int open) {
        int i = open + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
                i++;
            } else {
                break;
            }
        }
        if (i == open + 1 || i >= s.length()) {
            return -1;
        }
        if (s.charAt(i) == '?' && i + 1 < s.length() && s.charAt(i + 1) == '}') {
            return i + 1;
        }
        return s.charAt(i) == '}' ? i : -1;
    }

    private static String name(String s, int open, int close) {
        String n = s.substring(open + 1, close);
        return n.endsWith("?") ? n.substring(0, n.length() - 1) : n;
    }

    /** The families, in file order. */
    public List<Family> families() {
        return families;
    }

    /**
     * Every family's samples: {@code count} distinct texts each (fewer when the family cannot make that many: at
     * most {@code 30 * count} draws are tried), deterministic for {@code seed}.
     */
    public List<Generated> generate(long seed) {
        List<Generated> out = new ArrayList<>();
        for (Family f : families) {
            SplittableRandom r = new SplittableRandom(seed * 31 + f.name().hashCode());
            Set<String> seen = new LinkedHashSet<>();
            for (int tries = 0; seen.size() < f.count() && tries < 30 * f.count(); tries++) {
                String t = f.templates().get(r.nextInt(f.templates().size()));
                String text = tidy(expand(t, r, 0));
                if (!text.isBlank()) {
                    seen.add(text);
                }
            }
            seen.forEach(t -> out.add(new Generated(f.name(), t, f.positive(), f.genre())));
        }
        return out;
    }

    private String expand(String s, SplittableRandom r, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("expansion deeper than " + MAX_DEPTH + ": a slot refers to itself");
        }
        StringBuilder b = new StringBuilder(s.length() + 32);
        int at = 0;
        int open = s.indexOf('{');
        while (open >= 0) {
            int close = referenceEnd(s, open);
            if (close < 0) {
                open = s.indexOf('{', open + 1);
                continue;
            }
            b.append(s, at, open);
            boolean optional = s.charAt(close - 1) == '?';
            if (!optional || r.nextBoolean()) {
                List<String> alts = slots.get(name(s, open, close));
                b.append(expand(alts.get(r.nextInt(alts.size())), r, depth + 1));
            }
            at = close + 1;
            open = s.indexOf('{', at);
        }
        b.append(s, at, s.length());
        return b.toString();
    }

    /** Collapses runs of spaces left by empty optional slots, and spaces before punctuation. */
    static String tidy(String s) {
        String t = s.replaceAll("[ \\t]{2,}", " ").replaceAll(" ([,.;:!?])", "$1");
        return t.lines()
                .map(String::strip)
                .reduce((a, c) -> a + "\n" + c)
                .orElse("")
                .strip();
    }
}
