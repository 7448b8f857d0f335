package io.trustgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.api.ApiKey;
import io.trustgate.api.ErrorKind;
import io.trustgate.api.KeyStore;
import io.trustgate.api.Secret;
import io.trustgate.api.Tier;
import io.trustgate.api.TrustgateException;
import io.trustgate.api.UsageStore;
import io.trustgate.api.UsageSummary;
import io.trustgate.policy.KeyIssuer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The admin API under {@code /admin/}: keys and usage over HTTP, for operators who cannot reach the data
 * directory. It takes only the admin credential ({@code server.admin-token}), never a virtual key, and is off
 * (404) when no admin token is configured. Store calls run on a worker thread, not on the event loop.
 */
final class AdminHandler {
    private final Vertx vertx;
    private final Secret token;
    private final KeyStore keys;
    private final UsageStore usage;
    private final Map<String, Tier> tiers;
    private final String defaultTier;
    private final Clock clock;
    private final KeyIssuer issuer = new KeyIssuer();
    private final ContextGate contexts;

    /** Records an admin action; completes once the event is durable (an action is answered only then). */
    private final java.util.function.Function<io.trustgate.api.audit.AuditEvent, io.vertx.core.Future<Void>> audit;

    AdminHandler(
            Vertx vertx,
            GatewayConfig config,
            KeyStore keys,
            UsageStore usage,
            Map<String, Tier> tiers,
            Clock clock,
            java.util.function.Function<io.trustgate.api.audit.AuditEvent, io.vertx.core.Future<Void>> audit,
            ContextGate contexts) {
        this.audit = audit;
        this.contexts = contexts;
        this.vertx = vertx;
        this.token = config.adminToken();
        this.keys = keys;
        this.usage = usage;
        this.tiers = Map.copyOf(tiers);
        this.defaultTier = config.defaultTier();
        this.clock = clock;
    }

    /** Reads a request's whole body within {@code server.max-request-bytes} (413 before reading a larger one). */
    interface BodyReader {
        void read(java.util.function.Consumer<Buffer> then);
    }

    void handle(HttpServerRequest req, BodyReader reader) {
        if (token.isEmpty()) {
            throw new TrustgateException(
                    ErrorKind.NOT_FOUND,
                    "The admin API is disabled; set server.admin-token to enable it.",
                    "",
                    "admin_disabled");
        }
        authorize(req.getHeader(HttpHeaders.AUTHORIZATION));
        String path = req.path();
        HttpMethod m = req.method();
        if (path.equals("/admin/reload") && m.equals(HttpMethod.POST)) {
            // Re-reads contexts, profiles and evidence and swaps the decisions table; a bad file keeps the old one.
            // An admin action: audited (a failed reload too) before it is answered.
            blocking(req, 200, requestId(req), "config.reload", () -> {
                ContextGate.Snapshot s;
                try {
                    s = contexts.reload();
                } catch (RuntimeException e) {
                    throw TrustgateException.invalid(
                            "Reload failed, the previous decisions stay: " + e.getMessage(), "");
                }
                ObjectNode n = Json.MAPPER.createObjectNode();
                n.put("contexts", s.table().refusals().size());
                n.put("allowed_pairs", s.table().allowedPairs());
                n.put("bound_tiers", s.tierContexts().size());
                return n;
            });
        } else if (path.equals("/admin/keys") && m.equals(HttpMethod.GET)) {
            blocking(req, 200, () -> {
                ArrayNode arr = Json.MAPPER.createArrayNode();
                Instant now = clock.instant();
                keys.list().forEach(k -> arr.add(Json.key(k, now)));
                return arr;
            });
        } else if (path.equals("/admin/keys") && m.equals(HttpMethod.POST)) {
            String requestId = requestId(req);
            reader.read(b -> blocking(req, 201, requestId, "key.create", () -> {
                // checked inside the audited action, so that a refused attempt is recorded like a taken name
                ObjectNode body = parseObject(b);
                for (var it = body.fieldNames(); it.hasNext(); ) {
                    String field = it.next();
                    if (!KEY_FIELDS.contains(field)) {
                        throw TrustgateException.invalid(
                                "Unknown parameter '" + field + "'; known: " + KEY_FIELDS + ".", field);
                    }
                }
                String name = ChatRequest.requiredString(body, "name");
                String tier = optionalString(body, "tier").orElse(defaultTier);
                if (!tiers.containsKey(tier)) {
                    throw TrustgateException.invalid("Unknown tier '" + tier + "'.", "tier");
                }
                String tenant = optionalString(body, "tenant").orElse("default");
                Instant expires = ApiKey.NEVER;
                Optional<String> at = optionalString(body, "expires_at");
                if (at.isPresent()) {
                    try {
                        expires = Instant.parse(at.get());
                    } catch (DateTimeParseException e) {
                        throw TrustgateException.invalid("'expires_at' must be an ISO-8601 instant.", "expires_at");
                    }
                    if (!expires.isAfter(clock.instant())) {
                        throw TrustgateException.invalid("'expires_at' must be in the future.", "expires_at");
                    }
                }
                KeyIssuer.Issued issued;
                try {
                    issued = issuer.issue(name, tenant, tier, clock.instant(), expires);
                    keys.insert(issued.key());
                } catch (IllegalArgumentException e) {
                    throw TrustgateException.invalid(e.getMessage(), "name");
                }
                ObjectNode n = Json.key(issued.key(), clock.instant());
                n.put("key", issued.secret());
                return n;
            }));
        } else if (path.startsWith("/admin/keys/") && m.equals(HttpMethod.DELETE)) {
            String id = java.net.URLDecoder.decode(path.substring("/admin/keys/".length()), StandardCharsets.UTF_8);
            String requestId = requestId(req);
            blocking(
                    req,
                    200,
                    requestId,
                    "key.revoke",
                    () -> Json.key(
                            keys.revoke(id, clock.instant())
                                    .orElseThrow(() -> new TrustgateException(
                                            ErrorKind.NOT_FOUND,
                                            "No key with id or name '" + id + "'.",
                                            "",
                                            "key_not_found")),
                            clock.instant()));
        } else if (path.equals("/admin/usage") && m.equals(HttpMethod.GET)) {
            String by = req.getParam("by", "key").toUpperCase(Locale.ROOT);
            UsageSummary.GroupBy g;
            try {
                g = UsageSummary.GroupBy.valueOf(by);
            } catch (IllegalArgumentException e) {
                throw TrustgateException.invalid("'by' must be key, tenant, model or status.", "by");
            }
            Instant since;
            try {
                since = Instant.parse(req.getParam("since", "1970-01-01T00:00:00Z"));
            } catch (DateTimeParseException e) {
                throw TrustgateException.invalid("'since' must be an ISO-8601 instant.", "since");
            }
            blocking(req, 200, () -> {
                ArrayNode arr = Json.MAPPER.createArrayNode();
                for (UsageSummary s : usage.summarize(g, since)) {
                    arr.addObject()
                            .put("group", s.group())
                            .put("requests", s.requests())
                            .put("errors", s.errors())
                            .put("prompt_tokens", s.promptTokens())
                            .put("completion_tokens", s.completionTokens())
                            .put("cost_micros", s.costMicros())
                            .put("avg_latency_us", s.avgLatencyMicros())
                            .put("max_latency_us", s.maxLatencyMicros());
                }
                return arr;
            });
        } else {
            throw Gateway.notFoundPath(m.name(), path);
        }
    }

    /** The parameters of a key to create. */
    private static final java.util.List<String> KEY_FIELDS = java.util.List.of("name", "tier", "tenant", "expires_at");

    /** A string parameter, absent when missing or null; a value of another type is refused, never defaulted. */
    private static Optional<String> optionalString(ObjectNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw TrustgateException.invalid("Invalid type for '" + field + "': expected a string.", field);
        }
        return Optional.of(v.asText());
    }

    private void authorize(String authorization) {
        String presented = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip()
                : "";
        if (!MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.UTF_8), token.reveal().getBytes(StandardCharsets.UTF_8))) {
            throw new TrustgateException(
                    ErrorKind.AUTHENTICATION,
                    "The admin API takes the admin token (server.admin-token), not a virtual API key.",
                    "",
                    "invalid_admin_token");
        }
    }

    private static ObjectNode parseObject(Buffer b) {
        try {
            JsonNode n = Json.parse(b);
            if (n instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException e) {
            // fall through
        }
        throw TrustgateException.invalid("The request body must be a JSON object.", "");
    }

    private static String requestId(HttpServerRequest req) {
        String id = req.response().headers().get(RequestHandler.REQUEST_ID);
        return id == null ? "-" : id;
    }

    /** The audit event of a key created or revoked: which key (its id, never the key), tier, tenant, by whom. */
    private io.trustgate.api.audit.AuditEvent adminEvent(
            String requestId, String action, JsonNode key, int status, String errorCode) {
        return io.trustgate.api.audit.AuditEvent.builder(
                        io.trustgate.api.audit.AuditEvent.Kind.ADMIN_ACTION, clock.instant())
                .requestId(requestId)
                .keyId(key.path("id").asText("-"))
                .tenant(key.path("tenant").asText("-"))
                .context(key.path("tier").asText("-"))
                .status(status)
                .errorCode(errorCode)
                .attribute("action", action)
                .attribute("actor", "admin-api")
                .attribute("key_name", key.path("name").asText(""))
                .build();
    }

    /** Does {@code work} off the event loop, records its audit event, then answers (503 if it cannot be recorded). */
    private void blocking(HttpServerRequest req, int status, String requestId, String action, Callable<JsonNode> work) {
        vertx.executeBlocking(work, false).onComplete(ar -> {
            if (ar.failed()) {
                // A refused action (no such key, a name taken) is recorded too: attempts matter to an auditor.
                TrustgateException e = ErrorTable.from(ar.cause());
                audit.apply(adminEvent(
                                requestId,
                                action,
                                Json.MAPPER.createObjectNode(),
                                ErrorTable.status(e.kind()),
                                ErrorTable.code(e)))
                        .onComplete(rec ->
                                RequestHandler.send(req.response(), rec.succeeded() ? e : Gateway.auditUnavailable()));
                return;
            }
            JsonNode result = ar.result();
            audit.apply(adminEvent(requestId, action, result, status, "")).onComplete(rec -> {
                if (rec.succeeded()) {
                    RequestHandler.json(req.response(), status, Json.write(result));
                } else {
                    RequestHandler.send(req.response(), Gateway.auditUnavailable());
                }
            });
        });
    }

    private void blocking(HttpServerRequest req, int status, Callable<JsonNode> work) {
        vertx.executeBlocking(work, false).onComplete(ar -> {
            if (ar.succeeded()) {
                RequestHandler.json(req.response(), status, Json.write(ar.result()));
            } else {
                RequestHandler.send(req.response(), ErrorTable.from(ar.cause()));
            }
        });
    }
}
