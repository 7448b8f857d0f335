package io.trustgate.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.Map;

/**
 * The HTTP plumbing every network provider shares: a keep-alive connection pool towards one base URL, and a POST
 * whose future completes with the response headers (paused, so no body byte is lost before the caller sets its
 * handlers), enforcing the connect and first-byte timeouts.
 */
final class Upstream {
    private final String provider;
    private final Vertx vertx;
    private final long firstByteMillis;
    private final HttpClientOptions options;
    private final PoolOptions pool;
    // One client per event-loop thread: its connections live on that loop, so a request and its upstream
    // exchange never hop threads.
    private final ThreadLocal<HttpClient> client = new ThreadLocal<>();
    private final java.util.List<HttpClient> clients = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.concurrent.ConcurrentHashMap<String, Target> targets =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** A parsed upstream URL, so that URL parsing is not paid per request. */
    private record Target(String host, int port, boolean ssl, String uri) {
        static Target of(String absoluteUri) {
            java.net.URI u = java.net.URI.create(absoluteUri);
            boolean ssl = "https".equalsIgnoreCase(u.getScheme());
            int port = u.getPort() > 0 ? u.getPort() : ssl ? 443 : 80;
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            return new Target(u.getHost(), port, ssl, u.getRawQuery() == null ? path : path + "?" + u.getRawQuery());
        }
    }

    Upstream(Vertx vertx, ProviderConfig config) {
        this.vertx = vertx;
        this.provider = config.name();
        this.firstByteMillis = Math.max(1, config.firstByteTimeout().toMillis());
        boolean tls = "https".equals(config.baseUrl().getScheme());
        this.options = new HttpClientOptions()
                .setConnectTimeout((int)
                        Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setSsl(tls)
                .setVerifyHost(tls)
                .setDecompressionSupported(false)
                .setIdleTimeout(0);
        this.pool = new PoolOptions().setHttp1MaxSize(config.maxConnections());
    }

    private HttpClient client() {
        HttpClient c = client.get();
        if (c == null) {
            c = vertx.httpClientBuilder().with(options).with(pool).build();
            client.set(c);
            clients.add(c);
        }
        return c;
    }

    /**
     * An upstream exchange in progress: the request (to reset on cancel), its response, and the gateway's request id
     * (for the log lines about it).
     */
    record Exchange(HttpClientRequest request, HttpClientResponse response, String requestId) {}

    Future<Exchange> post(
            String absoluteUri, Map<String, String> headers, String requestId, Buffer body, Cancellation cancellation) {
        return post(absoluteUri, headers, Map.of(), requestId, body, cancellation);
    }

    /** As above, with per-call headers (the trace context); empty when tracing is off, and then not iterated. */
    Future<Exchange> post(
            String absoluteUri,
            Map<String, String> headers,
            Map<String, String> perCall,
            String requestId,
            Buffer body,
            Cancellation cancellation) {
        Promise<Exchange> promise = Promise.promise();
        Target target = targets.computeIfAbsent(absoluteUri, Target::of);
        RequestOptions ro = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.ssl())
                .setURI(target.uri());
        headers.forEach(ro::putHeader);
        if (!perCall.isEmpty()) {
            perCall.forEach(ro::putHeader);
        }
        ro.putHeader("x-request-id", requestId);
        ro.putHeader("content-type", "application/json");
        ro.putHeader("content-length", Integer.toString(body.length()));
        client().request(ro).onComplete(ar -> {
            if (ar.failed()) {
                promise.tryFail(
                        UpstreamFailure.connection(provider, describe(provider, requestId, ar.cause()), ar.cause()));
                return;
            }
            HttpClientRequest req = ar.result();
            cancellation.onCancel(() -> {
                if (promise.tryFail(UpstreamFailure.connection(provider, "cancelled", null))) {
                    req.reset();
                }
            });
            long timer = vertx.setTimer(firstByteMillis, id -> {
                if (promise.tryFail(UpstreamFailure.timeout(
                        provider, "no response within " + Duration.ofMillis(firstByteMillis)))) {
                    req.reset();
                }
            });
            req.exceptionHandler(t -> {
                vertx.cancelTimer(timer);
                // once failed (a timeout or cancel, then our own reset) or answered (the response's handlers report
                // a later break), the exception says nothing new: not logged, not reported
                if (!promise.future().isComplete()) {
                    promise.tryFail(UpstreamFailure.connection(provider, describe(provider, requestId, t), t));
                }
            });
            req.response().onComplete(rr -> {
                vertx.cancelTimer(timer);
                if (rr.failed()) {
                    if (!promise.future().isComplete()) {
                        promise.tryFail(UpstreamFailure.connection(
                                provider, describe(provider, requestId, rr.cause()), rr.cause()));
                    }
                    return;
                }
                HttpClientResponse resp = rr.result();
                resp.pause();
                if (!promise.tryComplete(new Exchange(req, resp, requestId))) {
                    req.reset(); // timed out meanwhile
                }
            });
            req.end(body);
        });
        return promise.future();
    }

    /** Reads a whole (error or non-streaming) body, bounded. */
    static Future<Buffer> body(Exchange ex, String provider, int maxBytes) {
        Promise<Buffer> p = Promise.promise();
        Buffer acc = Buffer.buffer();
        HttpClientResponse r = ex.response();
        r.handler(b -> {
            if (p.future().isComplete()) {
                return;
            }
            if (acc.length() + b.length() > maxBytes) {
                // failed before the reset, so that the reset's own exception cannot take the failure's place
                p.tryFail(UpstreamFailure.connection(provider, "response larger than " + maxBytes + " bytes", null));
                ex.request().reset();
            } else {
                acc.appendBuffer(b);
            }
        });
        r.exceptionHandler(t -> {
            if (!p.future().isComplete()) {
                p.tryFail(UpstreamFailure.connection(provider, describe(provider, ex.requestId(), t), t));
            }
        });
        r.endHandler(v -> p.tryComplete(acc));
        r.resume();
        return p.future();
    }

    /** Seconds of a Retry-After header (delta-seconds form), zero when absent or unreadable. */
    static Duration retryAfter(HttpClientResponse r) {
        String v = r.getHeader("retry-after");
        if (v == null) {
            return Duration.ZERO;
        }
        try {
            return Duration.ofMillis((long) (Double.parseDouble(v.strip()) * 1000));
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }

    /**
     * What went wrong with a connection, in words a client may see: the kind of failure, never the exception's
     * message, which names the upstream's internal address and the operating system's error (they stay in the
     * exception's cause, for the operator's logs).
     */
    static String describe(String provider, String requestId, Throwable t) {
        // the operator sees the whole cause (address, operating system's error); a connection error holds no prompt
        if (t instanceof io.vertx.core.http.HttpClosedException) {
            LOG.atDebug() // also how a cancel ends
                    .addKeyValue("request_id", requestId)
                    .log("upstream provider '{}' connection closed: {}", provider, t);
        } else {
            LOG.atWarn()
                    .addKeyValue("request_id", requestId)
                    .log("upstream provider '{}' connection failed: {}", provider, String.valueOf(t));
        }
        return describe(t);
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Upstream.class);

    static String describe(Throwable t) {
        return switch (t) {
            case null -> "error";
            case java.net.ConnectException c -> "connection refused or unreachable";
            case java.net.UnknownHostException u -> "host not found";
            case java.net.NoRouteToHostException n -> "no route to host";
            case javax.net.ssl.SSLException s -> "TLS failure";
            case io.vertx.core.http.HttpClosedException c -> "connection closed";
            case java.util.concurrent.TimeoutException te -> "timed out";
            default -> "connection failed (" + t.getClass().getSimpleName() + ")";
        };
    }

    Future<Void> close() {
        return Future.all(clients.stream().map(HttpClient::close).toList()).mapEmpty();
    }
}
