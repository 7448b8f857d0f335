package io.trustgate.gateway;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.trustgate.api.UsageRecord;
import io.trustgate.registry.ModelEntry;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.Objects;

/**
 * OpenTelemetry traces of the gateway: a SERVER span per API request (continuing the caller's W3C
 * {@code traceparent}) and a CLIENT span per upstream attempt, whose context goes upstream in {@code traceparent}.
 * The gateway sees only the OpenTelemetry API; the app builds the SDK and its exporter.
 *
 * <p>Off (the default) every method returns at its first line on a final boolean: no span, no attribute, no map,
 * no lambda is made, and the request's span is the shared {@link Span#getInvalid()} instance.
 *
 * <p>Attributes carry no prompt or completion text and no key (not even its id): method, path, request id, models,
 * token counts, tier, the number of firewall findings, provider, address and outcome.
 */
public final class Tracing {
    static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
    static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("trustgate.request_id");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("gen_ai.system");
    static final AttributeKey<String> TIER = AttributeKey.stringKey("trustgate.tier");
    static final AttributeKey<Long> FINDINGS = AttributeKey.longKey("trustgate.firewall.findings");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("trustgate.provider");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("trustgate.attempt");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("trustgate.outcome");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private static final Tracing OFF = new Tracing(OpenTelemetry.noop(), false);

    private static final TextMapGetter<HttpServerRequest> REQUEST_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpServerRequest carrier) {
            return carrier.headers().names();
        }

        @Override
        public String get(HttpServerRequest carrier, String key) {
            return carrier == null ? null : carrier.getHeader(key);
        }
    };

    /** Whether spans are made at all: the one check on the hot path. */
    final boolean on;

    private final Tracer tracer;
    private final TextMapPropagator propagator = W3CTraceContextPropagator.getInstance();

    private Tracing(OpenTelemetry otel, boolean on) {
        this.tracer = otel.getTracer("io.trustgate.gateway");
        this.on = on;
    }

    /** No tracing: nothing is made per request. */
    public static Tracing off() {
        return OFF;
    }

    /** Spans through this OpenTelemetry (the app's SDK, or a test's in-memory one). */
    public static Tracing of(OpenTelemetry otel) {
        return new Tracing(Objects.requireNonNull(otel, "otel"), true);
    }

    public boolean enabled() {
        return on;
    }

    /**
     * The SERVER span of an API request, child of the caller's {@code traceparent} when it sent a valid one. It ends
     * when the response ends (a stream: after its last event), or with {@link #clientGone}.
     */
    Span request(HttpServerRequest req, String requestId) {
        if (!on) {
            return Span.getInvalid();
        }
        String path = req.path();
        String method = req.method().name();
        Context parent = propagator.extract(Context.root(), req, REQUEST_HEADERS);
        Span span = tracer.spanBuilder(method + " " + route(path))
                .setSpanKind(SpanKind.SERVER)
                .setParent(parent)
                .setAttribute(HTTP_METHOD, method)
                .setAttribute(URL_PATH, path)
                .setAttribute(REQUEST_ID, requestId)
                .startSpan();
        req.response().endHandler(v -> {
            int status = req.response().getStatusCode();
            span.setAttribute(HTTP_STATUS, (long) status);
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        });
        return span;
    }

    /** Routes with a variable part are named by their template, so that span names stay few. */
    private static String route(String path) {
        return path.startsWith("/v1/models/") ? "/v1/models/{model}" : path;
    }

    /** What the request's record says: models, tokens, tier, findings and, on failure, the error code. */
    void recorded(Span span, UsageRecord r, int findings) {
        if (!on || !span.isRecording()) {
            return;
        }
        if (!"-".equals(r.modelRequested())) {
            span.setAttribute(REQUEST_MODEL, r.modelRequested());
        }
        if (!"-".equals(r.modelServed())) {
            span.setAttribute(RESPONSE_MODEL, r.modelServed());
            span.setAttribute(PROVIDER, r.provider());
        }
        if (!"-".equals(r.tier())) {
            span.setAttribute(TIER, r.tier());
        }
        span.setAttribute(INPUT_TOKENS, r.usage().promptTokens());
        span.setAttribute(OUTPUT_TOKENS, r.usage().completionTokens());
        span.setAttribute(FINDINGS, (long) findings);
        if (!r.errorCode().isEmpty()) {
            span.setAttribute(ERROR_TYPE, r.errorCode());
        }
    }

    /** A request refused before an exchange took it over: only the error code is known. */
    void failed(Span span, String errorType) {
        if (!on) {
            return;
        }
        span.setAttribute(ERROR_TYPE, errorType);
    }

    /** The client went away: no response will end, so the span ends here. */
    void clientGone(Span span) {
        if (!on) {
            return;
        }
        span.setAttribute(HTTP_STATUS, 499L);
        span.setAttribute(ERROR_TYPE, "client_closed");
        span.end();
    }

    /** The CLIENT span of one upstream attempt (every retry and fallback has its own). */
    Span attempt(Span request, ModelEntry model, ProviderConfig pc, int attempt, String operation) {
        if (!on) {
            return Span.getInvalid();
        }
        java.net.URI base = pc.baseUrl();
        int port = base.getPort() > 0 ? base.getPort() : "https".equalsIgnoreCase(base.getScheme()) ? 443 : 80;
        var b = tracer.spanBuilder(operation + " " + model.upstreamModel())
                .setSpanKind(SpanKind.CLIENT)
                .setParent(Context.root().with(request))
                .setAttribute(OPERATION, operation)
                .setAttribute(SYSTEM, system(pc.kind()))
                .setAttribute(PROVIDER, pc.name())
                .setAttribute(REQUEST_MODEL, model.upstreamModel())
                .setAttribute(ATTEMPT, (long) attempt);
        if (base.getHost() != null) {
            b.setAttribute(SERVER_ADDRESS, base.getHost()).setAttribute(SERVER_PORT, (long) port);
        }
        return b.startSpan();
    }

    private static String system(ProviderConfig.Kind kind) {
        return switch (kind) {
            case OPENAI -> "openai";
            case AZURE_OPENAI -> "az.ai.openai";
            case ANTHROPIC -> "anthropic";
            case SANDBOX -> "trustgate.sandbox";
        };
    }

    /** Ends an attempt's span with its outcome ({@code ok}, {@code retry}, {@code fallback}, ...). */
    void endAttempt(Span attempt, String outcome, String errorType) {
        if (!on) {
            return;
        }
        attempt.setAttribute(OUTCOME, outcome);
        if (!errorType.isEmpty()) {
            attempt.setAttribute(ERROR_TYPE, errorType);
            attempt.setStatus(StatusCode.ERROR);
        }
        attempt.end();
    }

    /** The headers that carry an attempt's context upstream ({@code traceparent}, maybe {@code tracestate}). */
    Map<String, String> headers(Span attempt) {
        if (!on || !attempt.getSpanContext().isValid()) {
            return Map.of();
        }
        Map<String, String> h = new java.util.HashMap<>(4);
        propagator.inject(Context.root().with(attempt), h, (carrier, k, v) -> carrier.put(k, v));
        return Map.copyOf(h);
    }
}
