package io.trustgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.api.trace.Span;
import io.trustgate.api.ErrorKind;
import io.trustgate.api.TrustgateException;
import io.trustgate.api.Usage;
import io.trustgate.api.UsageRecord;
import io.trustgate.registry.ModelEntry;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front of the gateway: gives every request an id, routes by method and path, authenticates, reads the
 * body within the size limit, and turns every failure into an OpenAI-style error through {@link ErrorTable}.
 * Runs on the event loops; nothing here blocks except the key lookup, a local point query of microseconds.
 */
final class RequestHandler implements Handler<HttpServerRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);
    static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("x-request-id");
    static final CharSequence JSON_TYPE = HttpHeaders.createOptimized("application/json");
    static final CharSequence PROMETHEUS_TYPE = HttpHeaders.createOptimized("text/plain; version=0.0.4; charset=utf-8");

    private final Gateway gw;
    private final AdminHandler admin;

    RequestHandler(Gateway gw, AdminHandler admin) {
        this.gw = gw;
        this.admin = admin;
    }

    static String newRequestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "req_" + Long.toHexString(r.nextLong() | Long.MIN_VALUE)
                + Long.toHexString(r.nextLong() | Long.MIN_VALUE);
    }

    @Override
    public void handle(HttpServerRequest req) {
        String id = newRequestId();
        long start = System.nanoTime();
        req.response().putHeader(REQUEST_ID, id);
        // API requests only: health, metrics and admin calls would drown the traces that matter.
        Span span = gw.tracing.on && req.path().startsWith("/v1/") ? gw.tracing.request(req, id) : Span.getInvalid();
        try {
            route(req, id, start, span);
        } catch (RuntimeException e) {
            fail(req, id, start, span, e);
        }
    }

    /**
     * Requests the HTTP decoder refused (request line or headers too long, malformed framing) still get an
     * OpenAI-style error and a request id, then the connection is closed since its framing cannot be trusted.
     */
    static void invalid(HttpServerRequest req) {
        Throwable cause = req.decoderResult().cause();
        TrustgateException e = switch (cause) {
            case io.netty.handler.codec.http.TooLongHttpLineException l ->
                new TrustgateException(
                        ErrorKind.URI_TOO_LONG, "The request line is longer than this gateway accepts (8 KiB).");
            case io.netty.handler.codec.http.TooLongHttpHeaderException h ->
                new TrustgateException(
                        ErrorKind.HEADERS_TOO_LARGE,
                        "The request headers are larger than this gateway accepts (32 KiB).");
            case null, default -> TrustgateException.invalid("Malformed HTTP request: not valid HTTP/1.1.", "");
        };
        HttpServerResponse resp = req.response();
        resp.putHeader(REQUEST_ID, newRequestId()).putHeader(HttpHeaders.CONNECTION, "close");
        send(resp, e);
        req.connection().close();
    }

    private void route(HttpServerRequest req, String id, long start, Span span) {
        String path = req.path();
        HttpMethod m = req.method();
        switch (path) {
            case "/healthz" -> {
                expectRead(req);
                int status = gw.ready() ? 200 : 503;
                reply(
                        req,
                        status,
                        JSON_TYPE,
                        Buffer.buffer(status == 200 ? "{\"status\":\"ok\"}" : "{\"status\":\"starting\"}"));
            }
            case "/readyz" -> {
                expectRead(req);
                gw.readiness().check().onComplete(ar -> {
                    if (ar.failed()) {
                        send(req.response(), ErrorTable.from(ar.cause()));
                        return;
                    }
                    reply(
                            req,
                            ar.result().ready() ? 200 : 503,
                            JSON_TYPE,
                            Json.write(ar.result().body()));
                });
            }
            case "/metrics" -> {
                expectRead(req);
                gw.vertx()
                        .executeBlocking(() -> gw.telemetry.prometheus().get(), false)
                        .onComplete(ar -> {
                            if (ar.failed()) {
                                send(req.response(), ErrorTable.from(ar.cause()));
                                return;
                            }
                            reply(req, 200, PROMETHEUS_TYPE, Buffer.buffer(ar.result()));
                        });
            }
            case "/v1/chat/completions" -> {
                expect(req, HttpMethod.POST);
                Authenticator.Caller caller = gw.auth.authenticate(req.getHeader(HttpHeaders.AUTHORIZATION));
                readBody(
                        req,
                        id,
                        start,
                        span,
                        body -> new ChatExchange(gw, req, id, caller, start, gw.clock.instant(), span)
                                .run(parse(body)));
            }
            case "/v1/embeddings" -> {
                expect(req, HttpMethod.POST);
                Authenticator.Caller caller = gw.auth.authenticate(req.getHeader(HttpHeaders.AUTHORIZATION));
                Instant at = gw.clock.instant();
                readBody(req, id, start, span, body -> embeddings(req, id, caller, parse(body), start, at, span));
            }
            case "/v1/trustgate/votes" -> {
                expect(req, HttpMethod.POST);
                Authenticator.Caller caller = gw.auth.authenticate(req.getHeader(HttpHeaders.AUTHORIZATION));
                Instant at = gw.clock.instant();
                readBody(req, id, start, span, body -> vote(req, id, caller, parse(body), start, at));
            }
            case "/v1/models" -> {
                expect(req, HttpMethod.GET);
                Authenticator.Caller caller = gw.auth.authenticate(req.getHeader(HttpHeaders.AUTHORIZATION));
                // Only what this caller may use: its tier's models, and when the tier is bound to contexts, those the
                // request's context (header, else the tier's default) allows.
                Optional<String> context = gw.contexts.contextOf(
                        caller.tier().name(), Optional.ofNullable(req.getHeader(ContextGate.HEADER)));
                ObjectNode root = Json.MAPPER.createObjectNode().put("object", "list");
                ArrayNode data = root.putArray("data");
                for (ModelEntry e : gw.catalog.all()) {
                    if (caller.tier().allows(e.name()) && gw.contexts.allows(context, e.name())) {
                        data.add(model(e));
                    }
                }
                json(req.response(), 200, Json.write(root));
            }
            default -> {
                if (path.startsWith("/admin/")) {
                    // counted when answered: admin answers come from the handler, from fail() and from the audit log
                    HttpServerResponse resp = req.response();
                    Instant at = gw.clock.instant();
                    resp.bodyEndHandler(v -> gw.adminAnswered(id, at, start, resp.getStatusCode()));
                    // the admin API reads its bodies through the same size check as the /v1 routes
                    admin.handle(req, then -> readBody(req, id, start, span, then));
                } else if (path.startsWith("/v1/models/")) {
                    expect(req, HttpMethod.GET);
                    Authenticator.Caller caller = gw.auth.authenticate(req.getHeader(HttpHeaders.AUTHORIZATION));
                    String raw = path.substring("/v1/models/".length());
                    String name;
                    try {
                        name = java.net.URLDecoder.decode(raw, java.nio.charset.StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException badEscape) { // e.g. %ZZ: a name no model has, not a 500
                        throw unknownModel(raw);
                    }
                    ModelEntry e = gw.catalog
                            .find(name)
                            .filter(x -> caller.tier().allows(x.name()))
                            .orElseThrow(() -> unknownModel(name));
                    json(req.response(), 200, Json.write(model(e)));
                } else {
                    throw Gateway.notFoundPath(m.name(), path);
                }
            }
        }
    }

    private ObjectNode model(ModelEntry e) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", e.name()).put("object", "model").put("created", 0);
        ProviderConfig pc = gw.providerConfigs.get(e.provider());
        boolean sandbox = pc != null && pc.kind() == ProviderConfig.Kind.SANDBOX;
        n.put("owned_by", sandbox ? "trustgate-sandbox (for trying and testing; answers mean nothing)" : e.provider());
        return n;
    }

    static TrustgateException unknownModel(String name) {
        return new TrustgateException(
                ErrorKind.NOT_FOUND,
                "The model '" + name + "' does not exist or you do not have access to it.",
                "model",
                "model_not_found");
    }

    /** Health and metrics: GET, or HEAD for the same headers without the body (what uptime probes often send). */
    private static void expectRead(HttpServerRequest req) {
        if (!req.method().equals(HttpMethod.HEAD) && !req.method().equals(HttpMethod.GET)) {
            throw wrongMethod(req, HttpMethod.GET, "GET, HEAD");
        }
    }

    /** Answers a GET with its body; a HEAD with the same status and headers and no body, as HTTP asks. */
    private static void reply(HttpServerRequest req, int status, CharSequence type, Buffer body) {
        HttpServerResponse resp = req.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, type);
        if (req.method().equals(HttpMethod.HEAD)) {
            resp.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length()))
                    .end();
        } else {
            resp.end(body);
        }
    }

    private static void expect(HttpServerRequest req, HttpMethod method) {
        if (!req.method().equals(method)) {
            throw wrongMethod(req, method, method.name());
        }
    }

    private static TrustgateException wrongMethod(HttpServerRequest req, HttpMethod use, String allow) {
        req.response().putHeader(HttpHeaders.ALLOW, allow); // HTTP asks a 405 to say what is allowed
        return new TrustgateException(
                ErrorKind.METHOD_NOT_ALLOWED,
                req.method().name() + " is not allowed on " + req.path() + ". Use " + use.name() + ".",
                "",
                "method_not_allowed");
    }

    private static final java.util.Set<String> WINNERS = java.util.Set.of("model_a", "model_b", "tie", "tie (bothbad)");

    /**
     * A person's vote between two answers: both models must be ones the caller's tier may use. Stored (off the event
     * loop), then its audit event, then 201 with the vote's id.
     */
    private void vote(
            HttpServerRequest req, String id, Authenticator.Caller caller, JsonNode body, long start, Instant at) {
        if (gw.votes == VoteSink.NONE) {
            throw Gateway.notFoundPath("POST", "/v1/trustgate/votes");
        }
        if (!(body instanceof ObjectNode o)) {
            throw TrustgateException.invalid("The body must be a JSON object.", "");
        }
        String a = ChatRequest.requiredString(o, "model_a");
        String b = ChatRequest.requiredString(o, "model_b");
        String winner = ChatRequest.requiredString(o, "winner");
        for (String m : List.of(a, b)) {
            if (gw.catalog.find(m).isEmpty() || !caller.tier().allows(m)) {
                throw unknownModel(m);
            }
        }
        if (a.equals(b)) {
            throw TrustgateException.invalid("model_a and model_b must differ.", "model_b");
        }
        if (!WINNERS.contains(winner)) {
            throw TrustgateException.invalid("winner must be model_a, model_b, tie or \"tie (bothbad)\".", "winner");
        }
        VoteSink.Vote v = new VoteSink.Vote(
                "vote_" + id.substring("req_".length()), at, id, caller.key().id(), a, b, winner);
        HttpServerResponse resp = req.response();
        gw.vertx()
                .executeBlocking(
                        () -> {
                            gw.votes.record(v);
                            return v;
                        },
                        false)
                .compose(stored -> gw.audit(io.trustgate.api.audit.AuditEvent.builder(
                                io.trustgate.api.audit.AuditEvent.Kind.API_REQUEST, at)
                        .requestId(id)
                        .keyId(caller.key().id())
                        .tenant(caller.key().tenant())
                        .context(caller.tier().name())
                        .latencyMs((System.nanoTime() - start) / 1_000_000)
                        .status(201)
                        .attribute("action", "vote")
                        .attribute("vote_id", v.id())
                        .attribute("model_a", a)
                        .attribute("model_b", b)
                        .attribute("winner", winner)
                        .build()))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        LOG.atWarn()
                                .addKeyValue("request_id", id)
                                .log("vote not recorded: {}", ar.cause().toString());
                        send(resp, Gateway.auditUnavailable());
                        return;
                    }
                    json(
                            resp,
                            201,
                            Json.write(Json.MAPPER
                                    .createObjectNode()
                                    .put("id", v.id())
                                    .put("object", "trustgate.vote")
                                    .put("model_a", a)
                                    .put("model_b", b)
                                    .put("winner", winner)));
                });
    }

    private static JsonNode parse(Buffer body) {
        if (body.length() == 0) {
            throw TrustgateException.invalid("The request body is empty; send a JSON object.", "");
        }
        try {
            return Json.parse(body);
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            // valid JSON, but deeper (or longer) than this gateway reads: say so, not that it is malformed
            throw TrustgateException.invalid(
                    "The JSON body is valid but exceeds what this gateway reads (nesting at most 256 levels deep).",
                    "");
        } catch (IOException e) {
            throw TrustgateException.invalid(
                    "We could not parse the JSON body of your request. The OpenAI API expects a JSON payload.", "");
        }
    }

    /** Reads the whole body within {@code max-request-bytes}; 413 as soon as it is known to be larger. */
    private void readBody(HttpServerRequest req, String id, long start, Span span, Consumer<Buffer> then) {
        long max = gw.config.maxRequestBytes();
        String cl = req.getHeader(HttpHeaders.CONTENT_LENGTH);
        int initial = 1024;
        if (cl != null) {
            long len;
            try {
                len = Long.parseLong(cl.strip());
            } catch (NumberFormatException e) {
                throw TrustgateException.invalid("Invalid Content-Length header.", "");
            }
            if (len > max) {
                throw tooLarge(max);
            }
            initial = (int) Math.max(0, len);
        }
        Buffer body = Buffer.buffer(initial);
        boolean[] failed = {false};
        req.handler(chunk -> {
            if (failed[0]) {
                return;
            }
            if (body.length() + chunk.length() > max) {
                failed[0] = true;
                req.response().putHeader(HttpHeaders.CONNECTION, "close");
                fail(req, id, start, span, tooLarge(max));
                // The client may still be sending. Closing with its bytes unread makes TCP reset the connection,
                // which can drop the 413 before the client reads it: what still comes is read and dropped for a
                // moment (the handler returns at once), then the connection is closed.
                gw.vertx().setTimer(LINGER_MILLIS, t -> req.connection().close());
                return;
            }
            body.appendBuffer(chunk);
        });
        req.exceptionHandler(t -> failed[0] = true);
        req.endHandler(v -> {
            if (failed[0]) {
                return;
            }
            try {
                then.accept(body);
            } catch (RuntimeException e) {
                fail(req, id, start, span, e);
            }
        });
    }

    /** How long an over-large body is read and dropped after its 413, before the connection is closed. */
    static final long LINGER_MILLIS = 1000;

    private static TrustgateException tooLarge(long max) {
        return new TrustgateException(
                ErrorKind.PAYLOAD_TOO_LARGE,
                "The request body is larger than this gateway accepts (" + max + " bytes).",
                "",
                "request_too_large");
    }

    private void embeddings(
            HttpServerRequest req,
            String id,
            Authenticator.Caller caller,
            JsonNode root,
            long start,
            Instant at,
            Span span) {
        if (!(root instanceof ObjectNode body)) {
            throw TrustgateException.invalid("The request body must be a JSON object.", "");
        }
        String model = ChatRequest.requiredString(body, "model");
        JsonNode input = body.get("input");
        if (input == null || input.isNull()) {
            throw TrustgateException.invalid("Missing required parameter: 'input'.", "input");
        }
        if (!(input.isTextual() || input.isArray())) {
            throw TrustgateException.invalid("Invalid type for 'input': expected a string or an array.", "input");
        }
        if (input.isArray() && input.isEmpty()) {
            throw TrustgateException.invalid("'input' must not be empty.", "input");
        }
        if (input.isArray()) {
            checkEmbeddingItems(input);
        }
        ChatRequest.positiveInt(body, "dimensions", 65_536);
        JsonNode ef = body.get("encoding_format");
        if (ef != null
                && !ef.isNull()
                && !(ef.isTextual()
                        && (ef.asText().equals("float") || ef.asText().equals("base64")))) {
            throw TrustgateException.invalid(
                    "Invalid value for 'encoding_format': expected 'float' or 'base64'.", "encoding_format");
        }
        ModelEntry entry = gw.catalog.find(model).orElseThrow(() -> unknownModel(model));
        if (!caller.tier().allows(model)) {
            throw ChatExchange.notAllowed(caller, model);
        }
        java.util.Optional<String> context = gw.contexts.contextOf(
                caller.tier().name(), java.util.Optional.ofNullable(req.getHeader(ContextGate.HEADER)));
        gw.contexts.check(context, model);
        if (entry.kind() != ModelEntry.Kind.EMBEDDING) {
            throw TrustgateException.invalid(
                    "Model '" + model + "' is a chat model; it does not serve embeddings.", "model");
        }
        Firewalls.Policy firewall = gw.firewalls.forTier(
                gw.contexts.firewallTier(context).orElse(caller.tier().name()));
        ObjectNode upstreamBody = body.deepCopy();
        upstreamBody.put("model", entry.upstreamModel());
        Screened findings = new Screened();
        Embedding e = new Embedding(req, id, caller, start, at, span, entry, model, upstreamBody, findings, context);
        // the texts go to a provider as they are: the input firewall's data rules apply as to a chat message
        java.util.function.Supplier<Long> screenAndCount = () -> {
            InputScreen.embeddings(firewall.input(), upstreamBody, findings);
            long counted = 0;
            for (String t : embeddingTexts(upstreamBody.get("input"))) {
                counted += gw.tokens.count(entry.upstreamModel(), t);
            }
            return counted;
        };
        long chars = 0;
        for (String t : embeddingTexts(input)) {
            chars += t.length();
        }
        if (chars <= ChatExchange.COUNT_OFF_LOOP_CHARS) {
            long tokens;
            try {
                tokens = screenAndCount.get();
            } catch (TrustgateException blocked) {
                refuseEmbedding(e, blocked);
                return;
            }
            embeddingUpstream(e, tokens);
            return;
        }
        // long texts are scanned and counted on the scan workers, as a long chat prompt is
        if (!gw.scanGate.tryEnter()) {
            throw new TrustgateException(
                    ErrorKind.OVERLOADED,
                    "The gateway is busy screening other long requests; retry shortly.",
                    "",
                    "server_overloaded",
                    java.time.Duration.ofSeconds(1),
                    null);
        }
        gw.scanWorkers.executeBlocking(screenAndCount::get, false).onComplete(ar -> {
            gw.scanGate.exit();
            try {
                if (ar.failed()) {
                    refuseEmbedding(e, ErrorTable.from(ar.cause()));
                } else {
                    embeddingUpstream(e, ar.result());
                }
            } catch (RuntimeException ex) {
                fail(req, id, start, span, ex);
            }
        });
    }

    /**
     * The list forms OpenAI defines, and only they: strings, token ids, or lists of token ids (ids are non-negative
     * integers). Anything else would go to the provider without the firewall reading it (a string inside a nested
     * list, an object), so it is refused as OpenAI would refuse it.
     */
    private static void checkEmbeddingItems(JsonNode input) {
        JsonNode first = input.get(0);
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            boolean ok = first.isTextual() ? item.isTextual() : first.isArray() ? tokenList(item) : tokenId(item);
            if (!ok) {
                throw TrustgateException.invalid(
                        "Invalid type for 'input[" + i + "]': 'input' must be a string, a list of strings, a list of"
                                + " token ids (non-negative integers) or a list of such lists, not mixed.",
                        "input[" + i + "]");
            }
        }
    }

    private static boolean tokenId(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToLong() && n.asLong() >= 0;
    }

    private static boolean tokenList(JsonNode n) {
        if (!n.isArray() || n.isEmpty()) {
            return false;
        }
        for (JsonNode t : n) {
            if (!tokenId(t)) {
                return false;
            }
        }
        return true;
    }

    /** One embeddings request once validated: what its upstream call and its record need. */
    private record Embedding(
            HttpServerRequest req,
            String id,
            Authenticator.Caller caller,
            long start,
            Instant at,
            Span span,
            ModelEntry entry,
            String model,
            ObjectNode upstreamBody,
            Screened findings,
            java.util.Optional<String> context) {}

    /** The texts of an embeddings input: a string, or each string of a list (token lists as their JSON). */
    private static List<String> embeddingTexts(JsonNode input) {
        List<String> texts = new java.util.ArrayList<>();
        if (input.isTextual()) {
            texts.add(input.asText());
        } else {
            for (JsonNode i : input) {
                texts.add(i.isTextual() ? i.asText() : i.toString());
            }
        }
        return texts;
    }

    /** An embeddings request refused before any upstream call (the firewall blocked it): its record, then the error. */
    private void refuseEmbedding(Embedding e, TrustgateException refusal) {
        traced(
                        e.span(),
                        "embeddings",
                        record(
                                e.id(),
                                e.caller(),
                                e.at(),
                                e.model(),
                                "-",
                                "-",
                                Usage.ZERO,
                                0,
                                e.start(),
                                ErrorTable.status(refusal.kind()),
                                ErrorTable.code(refusal),
                                0),
                        List.of(),
                        e.findings(),
                        e.context())
                .onComplete(rec -> send(e.req().response(), rec.succeeded() ? refusal : Gateway.auditUnavailable()));
    }

    private void embeddingUpstream(Embedding emb, long prompt) {
        HttpServerRequest req = emb.req();
        String id = emb.id();
        Authenticator.Caller caller = emb.caller();
        long start = emb.start();
        Instant at = emb.at();
        Span span = emb.span();
        ModelEntry entry = emb.entry();
        String model = emb.model();
        ObjectNode upstreamBody = emb.upstreamBody();
        var admission = gw.limits.admitInput(caller.key(), caller.tier(), prompt, entry.price());
        Provider p = gw.providers.get(entry.provider());
        Span attempt = gw.tracing.on
                ? gw.tracing.attempt(span, entry, gw.providerConfigs.get(entry.provider()), 1, "embeddings")
                : Span.getInvalid();
        EmbeddingsCall call = new EmbeddingsCall(id, upstreamBody, gw.tracing.headers(attempt));
        p.embeddings(call).onComplete(ar -> {
            HttpServerResponse resp = req.response();
            if (gw.tracing.on) {
                String error = ar.succeeded() ? "" : ErrorTable.code(ErrorTable.from(ar.cause()));
                gw.tracing.endAttempt(attempt, error.isEmpty() ? "ok" : "error", error);
            }
            if (ar.succeeded()) {
                Usage u = ar.result().usage().promptTokens() == 0
                        ? new Usage(prompt, 0)
                        : ar.result().usage();
                long cost = entry.price().costMicros(u);
                gw.limits.settle(admission, u, cost);
                traced(
                                span,
                                "embeddings",
                                record(
                                        id,
                                        caller,
                                        at,
                                        model,
                                        entry.name(),
                                        entry.provider(),
                                        u,
                                        cost,
                                        start,
                                        200,
                                        "",
                                        1),
                                List.of(entry.provider()),
                                emb.findings(),
                                emb.context())
                        .onComplete(rec -> {
                            if (rec.failed()) {
                                send(resp, Gateway.auditUnavailable());
                            } else {
                                // as on chat answers: which model and provider served it (README, API)
                                resp.putHeader(ChatExchange.SERVED_MODEL, entry.name())
                                        .putHeader(ChatExchange.SERVED_PROVIDER, entry.provider());
                                json(resp, 200, ar.result().body());
                            }
                        });
            } else {
                gw.limits.release(admission);
                TrustgateException e = ErrorTable.from(ar.cause());
                if (!(ar.cause() instanceof ProviderRefusal)) { // counted as a chat attempt's failure is
                    gw.metrics.upstreamError(entry.provider(), ErrorTable.code(e));
                }
                traced(
                                span,
                                "embeddings",
                                record(
                                        id,
                                        caller,
                                        at,
                                        model,
                                        "-",
                                        "-",
                                        Usage.ZERO,
                                        0,
                                        start,
                                        ErrorTable.status(e.kind()),
                                        ErrorTable.code(e),
                                        1),
                                List.of(entry.provider()),
                                emb.findings(),
                                emb.context())
                        .onComplete(rec -> send(resp, rec.succeeded() ? e : Gateway.auditUnavailable()));
            }
        });
    }

    /** Records the request, and tells its span what the record says. */
    private io.vertx.core.Future<Void> traced(Span span, String endpoint, UsageRecord r, List<String> route) {
        return traced(span, endpoint, r, route, new Screened());
    }

    private io.vertx.core.Future<Void> traced(
            Span span, String endpoint, UsageRecord r, List<String> route, Screened findings) {
        return traced(span, endpoint, r, route, findings, java.util.Optional.empty());
    }

    private io.vertx.core.Future<Void> traced(
            Span span,
            String endpoint,
            UsageRecord r,
            List<String> route,
            Screened findings,
            java.util.Optional<String> context) {
        gw.tracing.recorded(span, r, findings.size());
        return gw.record(endpoint, r, findings, route, io.trustgate.api.audit.CapturedContent.NONE, 0, context);
    }

    static UsageRecord record(
            String id,
            Authenticator.Caller caller,
            Instant at,
            String requested,
            String served,
            String provider,
            Usage usage,
            long cost,
            long startNanos,
            int status,
            String code,
            int attempts) {
        return new UsageRecord(
                at,
                id,
                caller.key().id(),
                caller.key().tenant(),
                caller.tier().name(),
                requested,
                served,
                provider,
                usage,
                cost,
                (System.nanoTime() - startNanos) / 1000,
                status,
                code,
                attempts);
    }

    static void json(HttpServerResponse resp, int status, Buffer body) {
        resp.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON_TYPE)
                .end(body);
    }

    /** Sends an error response, if the response has not started. */
    static void send(HttpServerResponse resp, TrustgateException e) {
        if (resp.headWritten() || resp.ended() || resp.closed()) {
            return;
        }
        resp.setStatusCode(ErrorTable.status(e.kind())).putHeader(HttpHeaders.CONTENT_TYPE, JSON_TYPE);
        if (e.kind() == ErrorKind.RATE_LIMITED
                || (e.kind().retryable() && !e.retryAfter().isZero())) {
            long secs = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
            resp.putHeader("retry-after", Long.toString(secs));
        }
        resp.end(ErrorTable.body(e));
    }

    /**
     * Answers a request refused before a chat or embeddings exchange took it over (authentication, parsing, unknown
     * URL, size): its audit event first, then the error.
     */
    /** The endpoint label of a path: a fixed set, so that odd paths cannot grow the metrics without bound. */
    static String endpointOf(String path) {
        return switch (path) {
            case "/v1/chat/completions" -> "chat";
            case "/v1/embeddings" -> "embeddings";
            case "/v1/models" -> "models";
            default -> path.startsWith("/v1/models/") ? "models" : path.startsWith("/admin/") ? "admin" : "other";
        };
    }

    private void fail(HttpServerRequest req, String id, long start, Span span, Throwable t) {
        TrustgateException e = ErrorTable.from(t);
        gw.tracing.failed(span, ErrorTable.code(e));
        if (e.kind() == ErrorKind.INTERNAL) {
            LOG.atError().addKeyValue("request_id", id).setCause(t).log("request failed: {}", t.toString());
        }
        HttpServerResponse resp = req.response();
        if (resp.headWritten() || resp.ended() || resp.closed()) {
            return;
        }
        gw.auditRefusal(
                        endpointOf(req.path()),
                        id,
                        gw.clock.instant(),
                        start,
                        ErrorTable.status(e.kind()),
                        ErrorTable.code(e))
                .onComplete(ar -> send(resp, ar.succeeded() ? e : Gateway.auditUnavailable()));
    }
}
