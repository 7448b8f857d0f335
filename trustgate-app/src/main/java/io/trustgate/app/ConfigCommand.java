package io.trustgate.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code trustgate config check FILE}: validates a configuration file and reports every problem. */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = "Work with configuration files.",
        subcommands = {ConfigCommand.Check.class})
final class ConfigCommand extends GroupCommand {

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description =
                    "Check a configuration file; prints every problem as FILE:LINE: KEY: MESSAGE. Exit 0 when valid, 2 otherwise.")
    static final class Check implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The configuration file (trustgate.yaml).")
        Path file;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(file)) {
                throw new CliException("configuration file not found: " + file, 2);
            }
            TrustgateConfig c = ConfigLoader.load(file, System.getenv());
            spec.commandLine()
                    .getOut()
                    .println(file + ": OK (" + c.providers().size() + " providers, "
                            + c.models().size() + " models, " + c.tiers().size() + " tiers)");
            return 0;
        }
    }
}
