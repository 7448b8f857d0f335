package io.trustgate.app;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code trustgate version}. */
@Command(
        name = "version",
        mixinStandardHelpOptions = true,
        description = "Print the version of Trustgate and of the Java runtime.")
final class VersionCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public Integer call() {
        spec.commandLine().getOut().println("trustgate " + version() + " (Java " + Runtime.version() + ")");
        return 0;
    }

    /** For {@code trustgate --version}. */
    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"trustgate " + version() + " (Java " + Runtime.version() + ")"};
        }
    }
}
