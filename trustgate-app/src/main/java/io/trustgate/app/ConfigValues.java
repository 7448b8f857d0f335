package io.trustgate.app;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value syntaxes of {@code trustgate.yaml}: whole numbers, durations, sizes, money, URLs and enum names. Each
 * parser throws {@link IllegalArgumentException} with a message that says what was expected; the loader adds the
 * bad value and where it was.
 */
final class ConfigValues {
    /** Longest accepted duration: far beyond any sane timeout, and safe from overflow in millisecond arithmetic. */
    static final Duration MAX_DURATION = Duration.ofHours(24);

    private static final Pattern WHOLE = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,18})(ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,19})(KiB|MiB|GiB)?");
    private static final Pattern MONEY = Pattern.compile("[0-9]{1,15}(\\.[0-9]{1,12})?");

    private ConfigValues() {}

    static long whole(String text) {
        if (!WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException("expected a whole number");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is out of range");
        }
    }

    static int integer(String text) {
        long value = whole(text);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("is out of range");
        }
        return (int) value;
    }

    /** {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}. */
    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration like 250ms, 5s, 2m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        long limit = switch (m.group(2)) {
            case "ms" -> MAX_DURATION.toMillis();
            case "s" -> MAX_DURATION.toSeconds();
            case "m" -> MAX_DURATION.toMinutes();
            default -> MAX_DURATION.toHours();
        };
        if (n > limit) {
            throw new IllegalArgumentException("must be at most 24h");
        }
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    /** Plain bytes, or {@code 512KiB}, {@code 4MiB}, {@code 1GiB}. */
    static boolean bool(String text) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    static long size(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a size in bytes, or like 512KiB, 4MiB or 1GiB");
        }
        int shift = m.group(2) == null
                ? 0
                : switch (m.group(2)) {
                    case "KiB" -> 10;
                    case "MiB" -> 20;
                    default -> 30;
                };
        try {
            long n = Long.parseLong(m.group(1));
            if (n > Long.MAX_VALUE >> shift) {
                throw new IllegalArgumentException("is out of range");
            }
            return n << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is out of range");
        }
    }

    /** A non-negative decimal amount of currency, e.g. {@code 2.50}. */
    static BigDecimal money(String text) {
        if (text.startsWith("-")) {
            throw new IllegalArgumentException("must be >= 0");
        }
        if (!MONEY.matcher(text).matches()) {
            throw new IllegalArgumentException("expected a decimal amount like 2.50");
        }
        return new BigDecimal(text);
    }

    /** A score threshold in [0, 1], e.g. {@code 0.8}. */
    static double fraction(String text) {
        if (!MONEY.matcher(text).matches()) {
            throw new IllegalArgumentException("expected a number between 0 and 1, like 0.8");
        }
        double d = Double.parseDouble(text);
        if (d > 1) {
            throw new IllegalArgumentException("must be between 0 and 1");
        }
        return d;
    }

    /** Money converted exactly to whole micro-units (1e-6 of the currency). */
    static long micros(String text) {
        BigDecimal micros = money(text).movePointRight(6);
        if (micros.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("must have at most 6 decimal places");
        }
        try {
            return micros.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("is out of range");
        }
    }

    static URI uri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URL");
        }
    }

    /** The YAML spelling of an enum constant: lower case, dashes for underscores. */
    static String yamlName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static <E extends Enum<E>> E enumValue(String text, Class<E> type) {
        for (E e : type.getEnumConstants()) {
            if (yamlName(e).equals(text)) {
                return e;
            }
        }
        List<String> names = Arrays.stream(type.getEnumConstants())
                .map(ConfigValues::yamlName)
                .toList();
        throw new IllegalArgumentException("expected one of " + String.join(", ", names) + suggestion(text, names));
    }

    /** {@code " (did you mean 'x'?)"} for the closest candidate within edit distance 2, or empty. */
    static String suggestion(String wrong, Collection<String> candidates) {
        String best = null;
        int bestDistance = 3;
        for (String c : candidates) {
            int d = distance(wrong, c, bestDistance);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    /** Levenshtein distance, or {@code limit} when it is at least {@code limit} (cheap for long junk). */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) >= limit || a.length() > 256 || b.length() > 256) {
            return limit;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return Math.min(prev[b.length()], limit);
    }

    /** A value quoted for a message: at most 60 characters, control characters escaped. */
    static String show(String value) {
        StringBuilder sb = new StringBuilder("'");
        int n = Math.min(value.length(), 60);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append(value.length() > n ? "...'" : "'").toString();
    }

    /** Limits counted in tokens: their names say "token", but their values are numbers anyone may see. */
    private static final java.util.Set<String> TOKEN_COUNTS =
            java.util.Set.of("tokens-per-minute", "monthly-token-budget", "max-tokens-per-request");

    /** Whether a key or variable name suggests a credential, whose value must never be shown. */
    static boolean looksSecret(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (TOKEN_COUNTS.contains(n)) {
            return false;
        }
        return n.contains("key")
                || n.contains("token")
                || n.contains("secret")
                || n.contains("password")
                || n.contains("authorization")
                || n.contains("credential");
    }
}
