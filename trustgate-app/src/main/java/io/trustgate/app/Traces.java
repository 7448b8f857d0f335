package io.trustgate.app;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.trustgate.gateway.Tracing;
import java.util.concurrent.TimeUnit;

/**
 * The OpenTelemetry SDK of a running gateway, built from the {@code tracing} section: OTLP over HTTP (protobuf)
 * through the JDK's HTTP client, spans batched off the event loops, parent-based ratio sampling, W3C trace context.
 * Off, nothing is built and the gateway gets {@link Tracing#off()}.
 */
final class Traces implements AutoCloseable {
    private final OpenTelemetrySdk sdk;
    private final Tracing tracing;

    private Traces(OpenTelemetrySdk sdk, Tracing tracing) {
        this.sdk = sdk;
        this.tracing = tracing;
    }

    static Traces of(TrustgateConfig.TracingSettings s) {
        if (!s.enabled()) {
            return new Traces(null, Tracing.off());
        }
        OtlpHttpSpanExporterBuilder exporter =
                OtlpHttpSpanExporter.builder().setEndpoint(s.otlpEndpoint().toString());
        s.headers().forEach((name, value) -> exporter.addHeader(name, value.reveal()));
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault()
                        .merge(Resource.create(Attributes.of(
                                io.opentelemetry.api.common.AttributeKey.stringKey("service.name"), s.serviceName()))))
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(s.sampleRatio())))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter.build()).build())
                .build();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(provider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        return new Traces(sdk, Tracing.of(sdk));
    }

    Tracing tracing() {
        return tracing;
    }

    /** Exports the spans still queued (bounded wait), then stops the exporter. */
    @Override
    public void close() {
        if (sdk != null) {
            sdk.getSdkTracerProvider().shutdown().join(5, TimeUnit.SECONDS);
        }
    }
}
