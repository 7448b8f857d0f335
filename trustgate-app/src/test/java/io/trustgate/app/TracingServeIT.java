package io.trustgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code serve} with tracing on exports its spans over OTLP/HTTP: a tiny collector on loopback (the JDK's HTTP
 * server) receives a protobuf body on {@code POST /v1/traces}, with the configured export header.
 */
class TracingServeIT extends PackagedApp {
    record Received(String method, String path, String contentType, String auth, byte[] body) {}

    @Test
    void servePostsProtobufSpansToTheConfiguredCollector() throws Exception {
        LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            received.add(new Received(
                    ex.getRequestMethod(),
                    ex.getRequestURI().getPath(),
                    ex.getRequestHeaders().getFirst("content-type"),
                    ex.getRequestHeaders().getFirst("authorization"),
                    body));
            ex.getResponseHeaders().add("content-type", "application/x-protobuf");
            ex.sendResponseHeaders(200, -1); // an empty ExportTraceServiceResponse
            ex.close();
        });
        collector.start();
        try {
            Path config = dir.resolve("trustgate.yaml");
            Files.writeString(
                    config,
                    "tracing:\n  enabled: true\n  otlp-endpoint: http://127.0.0.1:"
                            + collector.getAddress().getPort() + "/v1/traces\n  service-name: trustgate-it\n"
                            + "  headers:\n    authorization: Bearer collector-token-42\n");
            int port = serve("--config", config.toString());
            awaitServerErr("tracing:");
            assertThat(String.join("\n", serverErr)).contains("tracing: OTLP/HTTP to http://127.0.0.1:");
            Run created = run("keys", "create", "--name", "otel", "--data-dir", dir.toString());
            assertThat(created.code()).isZero();
            HttpResponse<String> r = chat(port, created.out().strip(), "traced hello");
            assertThat(r.statusCode()).isEqualTo(200);

            // The batch processor exports within its 5 s schedule.
            Received export = received.poll(30, TimeUnit.SECONDS);
            assertThat(export).as("an OTLP export arrived").isNotNull();
            assertThat(export.method()).isEqualTo("POST");
            assertThat(export.path()).isEqualTo("/v1/traces");
            assertThat(export.contentType()).isEqualTo("application/x-protobuf");
            assertThat(export.auth()).isEqualTo("Bearer collector-token-42");
            assertThat(export.body().length).isPositive();
            String text = new String(export.body(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(text)
                    .contains("trustgate-it", "POST /v1/chat/completions")
                    .doesNotContain("traced hello");

            server.destroy();
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(String.join("\n", serverErr)).doesNotContain("collector-token-42");
        } finally {
            collector.stop(0);
        }
    }
}
