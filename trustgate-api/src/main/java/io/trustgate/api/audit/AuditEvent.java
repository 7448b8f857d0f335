package io.trustgate.api.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One audited thing that happened: an API request, an admin action, or a firewall or policy decision. Absent values
 * are empty strings, empty lists or zero, never null. The event names the key by its id, never the key itself, and a
 * firewall finding by scanner, category, type and score, never the matched text.
 *
 * @param kind what happened
 * @param time when it happened
 * @param requestId the {@code x-request-id} the client saw
 * @param keyId the virtual key's id ({@code key_...})
 * @param tenant the key's tenant
 * @param context the tier or firewall context that applied
 * @param modelRequested the model the client asked for
 * @param modelServed the model that answered
 * @param provider the provider that answered
 * @param route the providers tried, in order (more than one when fallbacks were taken)
 * @param findings the firewall findings
 * @param promptTokens prompt tokens
 * @param completionTokens completion tokens
 * @param costMicros cost in millionths of the currency unit
 * @param latencyMs total latency in milliseconds
 * @param status the HTTP status answered (0 when not a request)
 * @param errorCode the error type answered (OpenAI-style {@code error.type}), empty on success
 * @param content the captured prompt and completion, as the capture mode allows
 * @param attributes a few free-form details (admin actions: what was done to what); at most 32 entries of 1 KiB
 */
public record AuditEvent(
        Kind kind,
        Instant time,
        String requestId,
        String keyId,
        String tenant,
        String context,
        String modelRequested,
        String modelServed,
        String provider,
        List<String> route,
        List<AuditFinding> findings,
        long promptTokens,
        long completionTokens,
        long costMicros,
        long latencyMs,
        int status,
        String errorCode,
        CapturedContent content,
        Map<String, String> attributes) {

    /** What kind of thing an event records. */
    public enum Kind {
        API_REQUEST,
        ADMIN_ACTION,
        FIREWALL_DECISION,
        POLICY_DECISION
    }

    public static final int MAX_ATTRIBUTES = 32;
    public static final int MAX_ATTRIBUTE_CHARS = 1024;

    public AuditEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(modelRequested, "modelRequested");
        Objects.requireNonNull(modelServed, "modelServed");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(content, "content");
        route = List.copyOf(route);
        findings = List.copyOf(findings);
        // Sorted, so equal events compare equal and encode identically.
        attributes = java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
        if (promptTokens < 0 || completionTokens < 0 || costMicros < 0 || latencyMs < 0) {
            throw new IllegalArgumentException("audit event tokens, cost and latency must be >= 0, were " + promptTokens
                    + ", " + completionTokens + ", " + costMicros + ", " + latencyMs);
        }
        if (status < 0 || status > 999) {
            throw new IllegalArgumentException("audit event status must be 0-999, was " + status);
        }
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw new IllegalArgumentException(
                    "audit event attributes: at most " + MAX_ATTRIBUTES + " entries, was " + attributes.size());
        }
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (e.getKey().isEmpty()
                    || e.getKey().length() > MAX_ATTRIBUTE_CHARS
                    || e.getValue().length() > MAX_ATTRIBUTE_CHARS) {
                throw new IllegalArgumentException("audit event attribute '" + e.getKey()
                        + "': key must be 1-" + MAX_ATTRIBUTE_CHARS + " characters and value at most "
                        + MAX_ATTRIBUTE_CHARS);
            }
        }
    }

    /** A builder with every field empty or zero. */
    public static Builder builder(Kind kind, Instant time) {
        return new Builder(kind, time);
    }

    /** Builds an {@link AuditEvent}; unset fields are empty or zero. */
    public static final class Builder {
        private final Kind kind;
        private final Instant time;
        private String requestId = "";
        private String keyId = "";
        private String tenant = "";
        private String context = "";
        private String modelRequested = "";
        private String modelServed = "";
        private String provider = "";
        private final List<String> route = new ArrayList<>();
        private final List<AuditFinding> findings = new ArrayList<>();
        private long promptTokens;
        private long completionTokens;
        private long costMicros;
        private long latencyMs;
        private int status;
        private String errorCode = "";
        private CapturedContent content = CapturedContent.NONE;
        private final Map<String, String> attributes = new TreeMap<>();

        private Builder(Kind kind, Instant time) {
            this.kind = Objects.requireNonNull(kind, "kind");
            this.time = Objects.requireNonNull(time, "time");
        }

        public Builder requestId(String v) {
            requestId = v;
            return this;
        }

        public Builder keyId(String v) {
            keyId = v;
            return this;
        }

        public Builder tenant(String v) {
            tenant = v;
            return this;
        }

        public Builder context(String v) {
            context = v;
            return this;
        }

        public Builder modelRequested(String v) {
            modelRequested = v;
            return this;
        }

        public Builder modelServed(String v) {
            modelServed = v;
            return this;
        }

        public Builder provider(String v) {
            provider = v;
            return this;
        }

        public Builder route(List<String> v) {
            route.clear();
            route.addAll(v);
            return this;
        }

        public Builder finding(AuditFinding f) {
            findings.add(f);
            return this;
        }

        public Builder tokens(long prompt, long completion) {
            promptTokens = prompt;
            completionTokens = completion;
            return this;
        }

        public Builder costMicros(long v) {
            costMicros = v;
            return this;
        }

        public Builder latencyMs(long v) {
            latencyMs = v;
            return this;
        }

        public Builder status(int v) {
            status = v;
            return this;
        }

        public Builder errorCode(String v) {
            errorCode = v;
            return this;
        }

        public Builder content(CapturedContent v) {
            content = v;
            return this;
        }

        public Builder attribute(String key, String value) {
            attributes.put(key, value);
            return this;
        }

        public AuditEvent build() {
            return new AuditEvent(
                    kind,
                    time,
                    requestId,
                    keyId,
                    tenant,
                    context,
                    modelRequested,
                    modelServed,
                    provider,
                    route,
                    findings,
                    promptTokens,
                    completionTokens,
                    costMicros,
                    latencyMs,
                    status,
                    errorCode,
                    content,
                    attributes);
        }
    }
}
