package io.trustgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged application as a user does: separate processes for {@code serve} and for the other commands,
 * sharing one temporary data directory. The base of the ITs that need real processes.
 */
abstract class PackagedApp {
    static final Path JAR = Path.of("target", "trustgate.jar");
    static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/v1");

    @TempDir
    Path dir;

    Process server;
    final List<String> serverErr = new java.util.concurrent.CopyOnWriteArrayList<>();
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() throws Exception {
        if (server != null && server.isAlive()) {
            server.destroy();
            server.waitFor(20, TimeUnit.SECONDS);
        }
    }

    static List<String> cmd(String... args) {
        List<String> c = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-jar",
                JAR.toString()));
        c.addAll(List.of(args));
        return c;
    }

    record Run(int code, String out, String err) {}

    static Run run(String... args) throws Exception {
        Process p = new ProcessBuilder(cmd(args))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        assertThat(p.waitFor(60, TimeUnit.SECONDS))
                .as("command finished: " + String.join(" ", args))
                .isTrue();
        return new Run(p.exitValue(), out.get(), err.get());
    }

    static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    int serve(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("serve", "--port", "0", "--data-dir", dir.toString()));
        args.addAll(List.of(extra));
        server = new ProcessBuilder(cmd(args.toArray(String[]::new))).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8));
        long deadline = System.currentTimeMillis() + 60_000;
        String line;
        while (System.currentTimeMillis() < deadline && (line = err.readLine()) != null) {
            serverErr.add(line);
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread.ofVirtual().start(() -> {
                    try {
                        err.lines().forEach(serverErr::add);
                    } catch (java.io.UncheckedIOException closed) {
                        // the test stopped the server and closed its stream: nothing more to read
                    }
                });
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("server did not start: " + serverErr);
    }

    void awaitServerErr(String text) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (!String.join("\n", serverErr).contains(text) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }

    HttpResponse<String> chat(int port, String key, String text) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                        .header("authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"sandbox-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text
                                        + "\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
