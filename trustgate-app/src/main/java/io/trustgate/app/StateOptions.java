package io.trustgate.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options of every command that reads or writes state: where the data lives and which configuration applies.
 * Without {@code --config}, {@code $TRUSTGATE_CONFIG} is used, then {@code ./trustgate.yaml} if it exists, then
 * the built-in defaults (the sandbox provider and a default tier).
 */
final class StateOptions {
    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Data directory (store, keys, usage). Default: $TRUSTGATE_DATA_DIR or ./trustgate-data.")
    Path dataDir;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "Configuration file. Default: $TRUSTGATE_CONFIG, else ./trustgate.yaml if present, else built-in defaults.")
    Path config;

    Path dataDir() {
        if (dataDir != null) {
            return dataDir;
        }
        String env = System.getenv("TRUSTGATE_DATA_DIR");
        return Path.of(env != null && !env.isBlank() ? env : "trustgate-data");
    }

    Optional<Path> configFile() {
        if (config != null) {
            if (!Files.isRegularFile(config)) {
                throw new CliException("configuration file not found: " + config, 2);
            }
            return Optional.of(config);
        }
        String env = System.getenv("TRUSTGATE_CONFIG");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            if (!Files.isRegularFile(p)) {
                throw new CliException("configuration file not found: " + p + " (from $TRUSTGATE_CONFIG)", 2);
            }
            return Optional.of(p);
        }
        Path local = Path.of("trustgate.yaml");
        return Files.isRegularFile(local) ? Optional.of(local) : Optional.empty();
    }

    TrustgateConfig loadConfig() {
        return configFile().map(p -> ConfigLoader.load(p, System.getenv())).orElseGet(TrustgateConfig::defaults);
    }
}
