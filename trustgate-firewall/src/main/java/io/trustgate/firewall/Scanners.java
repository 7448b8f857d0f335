package io.trustgate.firewall;

import io.trustgate.api.Scanner;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The scanners a configuration can name, and the chain built from them with the shared normaliser and the
 * redactor. Scanners are created once per name and shared: they are immutable and thread-safe, and some are costly
 * to build (the PII scanner loads libphonenumber's metadata).
 */
public final class Scanners {
    private static final Map<String, Supplier<Scanner>> INPUT_FACTORIES = Map.of(
            InvisibleTextScanner.NAME,
            InvisibleTextScanner::new,
            "injection-heuristics",
            InjectionHeuristicsScanner::new,
            "secrets",
            SecretsScanner::new,
            "pii",
            PiiScanner::new);

    /** Names of the input scanners, in the order of the default chain. */
    public static final List<String> INPUT =
            List.of(InvisibleTextScanner.NAME, "injection-heuristics", "secrets", "pii");

    private static final Normalizer NORMALIZER = new Normalizer();

    private Scanners() {}

    /** A new scanner of this name; unknown names are a configuration error caught before this is called. */
    public static Scanner create(String name) {
        Supplier<Scanner> f = INPUT_FACTORIES.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown scanner '" + name + "', known: " + INPUT);
        }
        return f.get();
    }

    /** A chain over these rules with the shared normaliser, masking redacted spans with numbered placeholders. */
    public static FirewallChain chain(List<FirewallChain.Rule> rules) {
        return new FirewallChain(rules, NORMALIZER::normalize, Redactor::mask);
    }
}
