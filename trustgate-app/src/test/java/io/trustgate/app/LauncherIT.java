package io.trustgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The {@code ./trustgate} launcher picks a JDK 21+ by itself, or says in one line what to install. */
class LauncherIT {
    static final Path SCRIPT = Path.of("..", "trustgate").toAbsolutePath().normalize();

    record Run(int code, String out, String err) {}

    static Run launch(Map<String, String> env, String... args) throws Exception {
        var cmd = new java.util.ArrayList<String>();
        cmd.add(SCRIPT.toString());
        cmd.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("JAVA_HOME");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(
                p.exitValue(),
                new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void skipsAJavaHomeOlderThan21AndFindsANewerJdk() throws Exception {
        Path java17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
        Map<String, String> env = Files.isDirectory(java17) ? Map.of("JAVA_HOME", java17.toString()) : Map.of();
        Run r = launch(env, "version");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("trustgate ");
        assertThat(Runtime.version().feature()).isGreaterThanOrEqualTo(21);
    }

    @Test
    void failsWithOneClearLineWhenNoSuitableJdkExists() throws Exception {
        Run r = launch(Map.of("TRUSTGATE_JVM_DIR", "/nonexistent", "PATH", "/usr/bin:/bin"), "version");
        // /usr/bin/java on these machines is 17: it must be skipped, and nothing else is left.
        org.junit.jupiter.api.Assumptions.assumeTrue(
                r.code() != 0, "this machine's /usr/bin/java is already 21+, so there is nothing to refuse");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("needs a JDK 21 or newer").contains("install");
    }
}
