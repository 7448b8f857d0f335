package io.trustgate.bench.stack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Executors;

/**
 * Minimal reverse proxy on the JDK alone: com.sun.net.httpserver on a virtual-thread-per-request executor and
 * java.net.http.HttpClient (HTTP/1.1, pooled keep-alive connections), with no third-party code at all.
 */
public final class JdkProxy {

    private JdkProxy() {}

    public static void main(String[] argv) throws IOException {
        Args args = Args.parse(argv);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI upstream = URI.create("http://" + Args.HOST + ":" + args.upstreamPort() + Args.PATH);
        HttpServer server = HttpServer.create(new InetSocketAddress(Args.HOST, args.listenPort()), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext(Args.PATH, exchange -> proxy(client, upstream, exchange));
        server.start();
        System.out.println("jdk proxy on " + args.listenPort());
    }

    private static void proxy(HttpClient client, URI upstream, HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest request = HttpRequest.newBuilder(upstream)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            response.headers().firstValue("content-type")
                    .ifPresent(t -> exchange.getResponseHeaders().set("Content-Type", t));
            // sendResponseHeaders: 0 means chunked, -1 means no body.
            long length = response.headers().firstValueAsLong("content-length").orElse(0);
            exchange.sendResponseHeaders(response.statusCode(), length > 0 ? length : 0);
            try (InputStream in = response.body(); OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
        }
    }
}
