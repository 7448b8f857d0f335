package io.trustgate.firewall;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The options of one scanner in a chain, as configured: the keys of a rule other than {@code scanner},
 * {@code action} and {@code threshold} (one YAML key per option). Values are what a YAML or JSON parser gives:
 * strings, numbers, booleans, lists and maps. A scanner factory reads what it knows through the typed getters, which
 * throw {@link Invalid} naming the key, and calls {@link #allowOnly} so that a misspelt option is an error rather
 * than silently ignored.
 *
 * @param values option name to value
 */
public record ScannerOptions(Map<String, Object> values) {
    /** No options. */
    public static final ScannerOptions NONE = new ScannerOptions(Map.of());

    public ScannerOptions {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Fails on any key not in {@code known}. */
    public ScannerOptions allowOnly(Set<String> known) {
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new Invalid(
                        key,
                        known.isEmpty()
                                ? "this scanner takes no options"
                                : "unknown option, known: " + String.join(", ", new TreeSet<>(known)));
            }
        }
        return this;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public String string(String key, String defaultValue) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        throw new Invalid(key, "must be a string");
    }

    /** A list of strings; a single string is a list of one. */
    public List<String> strings(String key) {
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof String s) {
            return List.of(s);
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            for (Object o : list) {
                if (!(o instanceof String || o instanceof Number || o instanceof Boolean)) {
                    throw new Invalid(key, "must be a list of strings");
                }
                out.add(o.toString());
            }
            return List.copyOf(out);
        }
        throw new Invalid(key, "must be a list of strings");
    }

    public long integer(String key, long defaultValue, long min, long max) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        long n;
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof java.math.BigInteger) {
            try {
                n = new java.math.BigInteger(v.toString()).longValueExact();
            } catch (ArithmeticException e) {
                throw new Invalid(key, "must be an integer in [" + min + ", " + max + "]");
            }
        } else if (v instanceof String s && s.matches("-?\\d{1,18}")) {
            n = Long.parseLong(s);
        } else {
            throw new Invalid(key, "must be an integer in [" + min + ", " + max + "]");
        }
        if (n < min || n > max) {
            throw new Invalid(key, "must be an integer in [" + min + ", " + max + "], was " + n);
        }
        return n;
    }

    public double decimal(String key, double defaultValue, double min, double max) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        double d;
        if (v instanceof Number num) {
            d = num.doubleValue();
        } else if (v instanceof String s) {
            try {
                d = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw new Invalid(key, "must be a number in [" + min + ", " + max + "]");
            }
        } else {
            throw new Invalid(key, "must be a number in [" + min + ", " + max + "]");
        }
        if (!(d >= min && d <= max)) {
            throw new Invalid(key, "must be a number in [" + min + ", " + max + "], was " + v);
        }
        return d;
    }

    public boolean bool(String key, boolean defaultValue) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if ("true".equals(v) || "false".equals(v)) {
            return Boolean.parseBoolean((String) v);
        }
        throw new Invalid(key, "must be true or false");
    }

    /** A map of string to string (for example topic name to description). */
    public Map<String, String> stringMap(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Map.of();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String k) || !(e.getValue() instanceof String val)) {
                    throw new Invalid(key, "must map names to strings");
                }
                out.put(k, val);
            }
            return Collections.unmodifiableMap(out);
        }
        throw new Invalid(key, "must map names to strings");
    }

    /** An option that is missing, of the wrong type or out of range. */
    public static final class Invalid extends IllegalArgumentException {
        private final String key;

        public Invalid(String key, String message) {
            super("option '" + key + "': " + message);
            this.key = Objects.requireNonNull(key, "key");
        }

        /** The option's key, so that a configuration loader can point at its line. */
        public String key() {
            return key;
        }
    }
}
