package io.trustgate.bench.stack;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Minimal reverse proxy on Vert.x 5 core: one verticle per core, each with its own HttpServer (sharing the port)
 * and its own keep-alive HttpClient pool, so a request never leaves the event loop it arrived on.
 *
 * <p>The request body is read in full (the gateway must parse it); the response is piped back with
 * backpressure, and the upstream request is reset if the client goes away.
 */
public final class VertxProxy extends VerticleBase {

    private final Args args;
    private HttpClient client;

    private VertxProxy(Args args) {
        this.args = args;
    }

    public static void main(String[] argv) {
        Args args = Args.parse(argv);
        Vertx vertx = Vertx.vertx();
        int instances = Runtime.getRuntime().availableProcessors();
        vertx.deployVerticle(() -> new VertxProxy(args), new DeploymentOptions().setInstances(instances))
                .onSuccess(id -> System.out.println("vertx proxy on " + args.listenPort() + ", " + instances + " event loops"))
                .onFailure(err -> {
                    err.printStackTrace();
                    System.exit(1);
                });
    }

    @Override
    public Future<?> start() {
        client = vertx.httpClientBuilder()
                .with(new HttpClientOptions().setKeepAlive(true).setPipelining(false))
                .with(new PoolOptions().setHttp1MaxSize(64))
                .build();
        return vertx.createHttpServer(new HttpServerOptions().setHost(Args.HOST).setPort(args.listenPort()))
                .requestHandler(this::handle)
                .listen();
    }

    private void handle(HttpServerRequest req) {
        if (req.method() != HttpMethod.POST || !Args.PATH.equals(req.path())) {
            req.response().setStatusCode(404).end();
            return;
        }
        req.body().compose(body -> client.request(new RequestOptions()
                        .setMethod(HttpMethod.POST)
                        .setHost(Args.HOST)
                        .setPort(args.upstreamPort())
                        .setURI(Args.PATH))
                .compose(upstreamReq -> {
                    upstreamReq.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
                    // Client gone: stop the upstream call instead of paying for tokens nobody reads.
                    req.response().closeHandler(v -> upstreamReq.reset());
                    return upstreamReq.send(body);
                }))
                .onSuccess(upstreamRes -> {
                    var res = req.response().setStatusCode(upstreamRes.statusCode());
                    String type = upstreamRes.getHeader(HttpHeaders.CONTENT_TYPE);
                    if (type != null) {
                        res.putHeader(HttpHeaders.CONTENT_TYPE, type);
                    }
                    String length = upstreamRes.getHeader(HttpHeaders.CONTENT_LENGTH);
                    if (length != null) {
                        res.putHeader(HttpHeaders.CONTENT_LENGTH, length);
                    } else {
                        res.setChunked(true);
                    }
                    upstreamRes.pipeTo(res);
                })
                .onFailure(err -> {
                    if (!req.response().headWritten()) {
                        req.response().setStatusCode(502).end();
                    } else {
                        req.response().reset();
                    }
                });
    }
}
