package io.trustgate.bench.stack;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Minimal reverse proxy on Helidon SE 4 (webserver and webclient, one virtual thread per request): blocking code
 * that reads the body in full, calls the upstream over a pooled keep-alive connection and copies the response
 * stream back.
 */
public final class HelidonProxy {

    private HelidonProxy() {}

    public static void main(String[] argv) {
        Args args = Args.parse(argv);
        WebClient client = WebClient.builder()
                .baseUri("http://" + Args.HOST + ":" + args.upstreamPort())
                .shareConnectionCache(true)
                .build();
        WebServer server = WebServer.builder()
                .host(Args.HOST)
                .port(args.listenPort())
                .routing(r -> r.post(Args.PATH, (req, res) -> proxy(client, req, res)))
                .build()
                .start();
        System.out.println("helidon proxy on " + server.port());
    }

    private static void proxy(WebClient client, ServerRequest req, ServerResponse res) throws Exception {
        byte[] body = req.content().as(byte[].class);
        try (HttpClientResponse upstream = client.post(Args.PATH)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit(body)) {
            res.status(upstream.status());
            upstream.headers().first(HeaderNames.CONTENT_TYPE).ifPresent(t -> res.header(HeaderNames.CONTENT_TYPE, t));
            upstream.headers().first(HeaderNames.CONTENT_LENGTH).ifPresent(l -> res.header(HeaderNames.CONTENT_LENGTH, l));
            try (InputStream in = upstream.inputStream(); OutputStream out = res.outputStream()) {
                in.transferTo(out);
            }
        }
    }
}
