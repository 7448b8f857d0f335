package io.trustgate.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code trustgate} command. Exit codes: 0 success, 1 the operation failed (message on stderr), 2 bad usage
 * or configuration.
 */
@Command(
        name = "trustgate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description =
                "Trustgate: an AI trust platform. Know, test, decide, enforce and prove which models may be used where.",
        subcommands = {
            ServeCommand.class,
            KeysCommand.class,
            UsageCommand.class,
            AuditCommand.class,
            AssessCommand.class,
            ModelsCommand.class,
            ContextsCommand.class,
            TrustCommand.class,
            CompareCommand.class,
            ScanCommand.class,
            ConfigCommand.class,
            FirewallCommand.class,
            TrainCommand.class,
            VersionCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main extends GroupCommand {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        // every command offers --version through the standard options; it prints the one version of the whole tool
        giveVersion(cl, cl.getCommandSpec().versionProvider());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof ConfigException ce) {
                ce.problems().forEach(p -> cmd.getErr().println(p));
                cmd.getErr().println(ce.problems().size() + " problem(s) in the configuration.");
                return 2;
            }
            if (ex instanceof CliException ce) {
                cmd.getErr().println("trustgate: " + ce.getMessage());
                return ce.exitCode();
            }
            cmd.getErr().println("trustgate: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return 1;
        });
        return cl.execute(args);
    }

    private static void giveVersion(CommandLine command, CommandLine.IVersionProvider version) {
        for (CommandLine sub : command.getSubcommands().values()) {
            if (sub.getCommandSpec().versionProvider() == null) {
                sub.getCommandSpec().versionProvider(version);
            }
            giveVersion(sub, version);
        }
    }
}
