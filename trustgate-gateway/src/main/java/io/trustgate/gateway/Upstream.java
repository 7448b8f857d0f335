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
    private final HttpClient client;
    private final Vertx vertx;
    private final long firstByteMillis;

    Upstream(Vertx vertx, ProviderConfig config) {
        this.vertx = vertx;
        this.provider = config.name();
        this.firstByteMillis = Math.max(1, config.firstByteTimeout().toMillis());
        boolean tls = "https".equals(config.baseUrl().getScheme());
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int)
                        Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setSsl(tls)
                .setVerifyHost(tls)
                .setDecompressionSupported(false)
                .setIdleTimeout(0);
        this.client = vertx.httpClientBuilder()
                .with(options)
                .with(new PoolOptions().setHttp1MaxSize(config.maxConnections()))
                .build();
    }

    /** An upstream exchange in progress: the request (to reset on cancel) and its response. */
    record Exchange(HttpClientRequest request, HttpClientResponse response) {}

    Future<Exchange> post(String absoluteUri, Map<String, String> headers, Buffer body) {
        Promise<Exchange> promise = Promise.promise();
        RequestOptions ro = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(absoluteUri);
        headers.forEach(ro::putHeader);
        ro.putHeader("content-type", "application/json");
        ro.putHeader("content-length", Integer.toString(body.length()));
        client.request(ro).onComplete(ar -> {
            if (ar.failed()) {
                promise.tryFail(UpstreamFailure.connection(provider, describe(ar.cause()), ar.cause()));
                return;
            }
            HttpClientRequest req = ar.result();
            long timer = vertx.setTimer(firstByteMillis, id -> {
                if (promise.tryFail(UpstreamFailure.timeout(
                        provider, "no response within " + Duration.ofMillis(firstByteMillis)))) {
                    req.reset();
                }
            });
            req.exceptionHandler(t -> {
                vertx.cancelTimer(timer);
                promise.tryFail(UpstreamFailure.connection(provider, describe(t), t));
            });
            req.response().onComplete(rr -> {
                vertx.cancelTimer(timer);
                if (rr.failed()) {
                    promise.tryFail(UpstreamFailure.connection(provider, describe(rr.cause()), rr.cause()));
                    return;
                }
                HttpClientResponse resp = rr.result();
                resp.pause();
                if (!promise.tryComplete(new Exchange(req, resp))) {
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
            if (acc.length() + b.length() > maxBytes) {
                ex.request().reset();
                p.tryFail(UpstreamFailure.connection(provider, "response larger than " + maxBytes + " bytes", null));
            } else {
                acc.appendBuffer(b);
            }
        });
        r.exceptionHandler(t -> p.tryFail(UpstreamFailure.connection(provider, describe(t), t)));
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

    static String describe(Throwable t) {
        String m = t == null ? null : t.getMessage();
        String name = t == null ? "error" : t.getClass().getSimpleName();
        return m == null || m.isBlank() ? name : m.length() > 200 ? m.substring(0, 200) : m;
    }

    Future<Void> close() {
        return client.close();
    }
}
