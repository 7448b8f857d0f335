package io.trustgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.api.trace.Span;
import io.trustgate.api.ErrorKind;
import io.trustgate.api.Price;
import io.trustgate.api.TrustgateException;
import io.trustgate.api.Usage;
import io.trustgate.policy.Admission;
import io.trustgate.registry.ModelEntry;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One chat completion through the gateway: validation, model and tier checks, admission (limits and budget
 * reservation), then the route: the requested model and its fallbacks, each tried with retries and jittered
 * backoff while its circuit breaker allows, until one starts answering. Fallback is possible only until the first
 * byte reaches the client; after that a failure ends the stream with an error event. A stream's opening events
 * that carry no content (the role chunk) are held back until the first content, at most
 * {@link StreamOpening#HOLD_MILLIS}, so that a failure right after them can still fall back. A client that goes away
 * cancels the upstream call. One deadline ({@code server.request-timeout}) runs from admission over every attempt,
 * backoff and fallback: when it passes, the call in flight is cancelled and the client gets 504
 * {@code request_timeout}, or an open stream ends with that error event. Whatever happens, the reservation is
 * settled exactly once and one usage record is written. Confined to one event loop: no locking.
 */
final class ChatExchange {
    private static final CharSequence SSE_TYPE = HttpHeaders.createOptimized("text/event-stream");
    private static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");
    static final CharSequence SERVED_MODEL = HttpHeaders.createOptimized("x-trustgate-model");
    static final CharSequence SERVED_PROVIDER = HttpHeaders.createOptimized("x-trustgate-provider");

    private final Gateway gw;
    private final HttpServerRequest req;
    private final HttpServerResponse resp;
    private final String id;
    private final Authenticator.Caller caller;
    private final long startNanos;
    private final Instant at;
    /** The request's SERVER span ({@link Span#getInvalid()} when tracing is off). */
    private final Span span;
    /** The CLIENT span of the upstream attempt in flight, if any. */
    private Span attemptSpan = Span.getInvalid();

    private ChatRequest chat;
    private Admission admission;
    private List<ModelEntry> route;
    /** The request's context, when its tier is bound to contexts. */
    private Optional<String> context = Optional.empty();

    private int routeIndex;
    private int attemptOfModel;
    private int attempts;
    private TrustgateException lastFailure;
    private ChatStream activeStream;
    private Cancellation activeCall = new Cancellation();
    private long totalTimer = -1;
    /** When the request's deadline passes ({@link System#nanoTime} terms), its timer, and whether it has passed. */
    private long deadlineNanos;

    private long deadlineTimer = -1;
    private boolean deadlinePassed;
    private boolean clientGone;
    private boolean finished;
    private ModelEntry serving;
    /** Every firewall finding of the request and its answer, for the audit event. */
    private final Screened findings = new Screened();
    /** The providers called, in order (more than one when retries or fallbacks happened). */
    private final List<String> tried = new ArrayList<>();
    /** A stream's closing [DONE], written only once the request's audit event is durable. */
    private boolean heldDone;
    /** The stream's opening events held back until its first content (see {@link StreamOpening}). */
    private io.vertx.core.buffer.Buffer opening = io.vertx.core.buffer.Buffer.buffer();

    private Firewalls.Policy firewall = Firewalls.Policy.NONE;
    /** What the audit event keeps of the prompt and answer (per tier); the texts gathered for it. */
    private io.trustgate.api.audit.CaptureMode capture = io.trustgate.api.audit.CaptureMode.NONE;

    private String promptText = "";
    private AuditText completionText;
    private SseParser completionEvents;
    private final io.trustgate.firewall.RedactionSession redactions = new io.trustgate.firewall.RedactionSession();
    private io.trustgate.api.ScanContext outputContext = io.trustgate.api.ScanContext.NONE;

    ChatExchange(
            Gateway gw,
            HttpServerRequest req,
            String id,
            Authenticator.Caller caller,
            long startNanos,
            Instant at,
            Span span) {
        this.gw = gw;
        this.span = span;
        this.req = req;
        this.resp = req.response();
        this.id = id;
        this.caller = caller;
        this.startNanos = startNanos;
        this.at = at;
    }

    static TrustgateException notAllowed(Authenticator.Caller caller, String model) {
        return new TrustgateException(
                ErrorKind.PERMISSION_DENIED,
                "Model '" + model + "' is not allowed for keys of tier '"
                        + caller.tier().name() + "'.",
                "model",
                "model_not_allowed");
    }

    /** Prompts longer than this (in characters) are counted on a worker thread, not on the event loop. */
    static final int COUNT_OFF_LOOP_CHARS = 8 * 1024;

    void run(JsonNode root) {
        Price worst;
        try {
            worst = resolve(root);
        } catch (TrustgateException e) {
            refuse(e);
            return;
        }
        String encodingModel = route.get(0).upstreamModel();
        long chars = 0;
        for (String t : chat.texts()) {
            chars += t.length();
        }
        chars += chat.body().path("user").asText("").length(); // screened too, though no prompt
        if (chars <= COUNT_OFF_LOOP_CHARS) {
            Prompt tokens;
            try {
                tokens = screenAndCount(encodingModel);
            } catch (TrustgateException e) {
                refuse(e);
                return;
            }
            admit(tokens, worst);
            return;
        }
        // A long prompt takes milliseconds to scan and tokenize: do it off the event loop so other requests are not
        // held, on the scan workers, and only while they have room (ScanGate).
        if (!gw.scanGate.tryEnter()) {
            refuse(new TrustgateException(
                    ErrorKind.OVERLOADED,
                    "The gateway is busy screening other long requests; retry shortly.",
                    "",
                    "server_overloaded",
                    java.time.Duration.ofSeconds(1),
                    null));
            return;
        }
        resp.closeHandler(v -> clientGone = true);
        gw.scanWorkers
                .executeBlocking(() -> screenAndCount(encodingModel), false)
                .onComplete(ar -> {
                    gw.scanGate.exit();
                    if (clientGone) {
                        refused(new TrustgateException(
                                ErrorKind.INVALID_REQUEST, "client closed", "", "client_closed"));
                        return;
                    }
                    if (ar.failed()) {
                        refuse(ErrorTable.from(ar.cause()));
                        return;
                    }
                    try {
                        admit(ar.result(), worst);
                    } catch (RuntimeException e) {
                        RequestHandler.send(resp, ErrorTable.from(e));
                    }
                });
    }

    /**
     * A prompt's token count, and the request field that holds the most of them ({@code messages}, {@code tools},
     * ...): a refusal for the prompt's size names that field, where the client has to cut.
     */
    record Prompt(long tokens, String param) {}

    /**
     * The tier's input firewall (which may redact or anonymise the body), the canary, what the output firewall will
     * need to know, then the prompt's token count (of what goes upstream).
     */
    private Prompt screenAndCount(String encodingModel) {
        firewall = gw.firewalls.forTier(
                gw.contexts.firewallTier(context).orElse(caller.tier().name()));
        boolean found = InputScreen.screen(firewall.input(), chat.body(), redactions, findings);
        if (capture == io.trustgate.api.audit.CaptureMode.REDACTED) {
            promptText = AuditText.prompt(chat.body(), captureCap()); // as it goes upstream: firewall-redacted
        }
        List<String> canaries = List.of();
        if (firewall.canary()) {
            canaries = List.of(Canaries.add(chat.body()));
        }
        if (!firewall.output().isEmpty()) {
            outputContext = OutputScreen.context(chat.body(), canaries);
        }
        ChatRequest sent = !found && canaries.isEmpty() ? chat : ChatRequest.parse(chat.body());
        java.util.Iterator<String> params = sent.params().iterator();
        Map<String, Long> byParam = new java.util.LinkedHashMap<>(); // messages first: it wins a tie
        long tokens = gw.tokens.countChat(
                encodingModel, sent.texts(), n -> byParam.merge(params.next(), (long) n, Long::sum));
        String param = "messages";
        for (Map.Entry<String, Long> e : byParam.entrySet()) {
            if (e.getValue() > byParam.getOrDefault(param, 0L)) {
                param = e.getKey();
            }
        }
        return new Prompt(tokens, param);
    }

    private void admit(Prompt prompt, Price worst) {
        try {
            admission = gw.limits.admit(
                    caller.key(), caller.tier(), prompt.tokens(), prompt.param(), chat.maxTokens(), worst);
        } catch (TrustgateException e) {
            refuse(e);
            return;
        }
        resp.closeHandler(v -> onClientGone());
        startDeadline();
        attempt();
    }

    /** Starts the request's one deadline, from admission: queueing for a scan thread is not counted. */
    private void startDeadline() {
        long millis = Math.max(1, gw.config.requestTimeout().toMillis());
        deadlineNanos = System.nanoTime() + millis * 1_000_000L;
        deadlineTimer = gw.vertx().setTimer(millis, t -> {
            deadlineTimer = -1;
            onDeadline(Optional.empty());
        });
    }

    /** Milliseconds left before the request's deadline (0 or less: passed). */
    private long remainingMillis() {
        return (deadlineNanos - System.nanoTime()) / 1_000_000L;
    }

    private void cancelDeadline() {
        if (deadlineTimer >= 0) {
            gw.vertx().cancelTimer(deadlineTimer);
            deadlineTimer = -1;
        }
    }

    /** Refuses the request with {@code e} once its record is durable. */
    private void refuse(TrustgateException e) {
        refused(e).onComplete(ar -> RequestHandler.send(resp, ar.succeeded() ? e : Gateway.auditUnavailable()));
    }

    /** Refused before any upstream call: still one usage record, so that refusals show per key. */
    private Future<Void> refused(TrustgateException e) {
        finished = true;
        int status = ErrorTable.status(e.kind());
        String code = ErrorTable.code(e);
        if ("client_closed".equals(code)) {
            status = 499;
        }
        return audit(RequestHandler.record(
                id,
                caller,
                at,
                chat == null ? "-" : chat.model(),
                "-",
                "-",
                Usage.ZERO,
                0,
                startNanos,
                status,
                code,
                0));
    }

    /** Validates the request, resolves the model and its route; returns the dearest price on the route. */
    private Price resolve(JsonNode root) {
        chat = ChatRequest.parse(root);
        capture = gw.capture.forTier(caller.tier().name());
        if (AuditCapture.needsOriginal(capture)) {
            promptText = AuditText.prompt(chat.body(), captureCap());
        }
        ModelEntry entry = gw.catalog.find(chat.model()).orElseThrow(() -> RequestHandler.unknownModel(chat.model()));
        if (!caller.tier().allows(entry.name())) {
            throw notAllowed(caller, entry.name());
        }
        context = gw.contexts.contextOf(caller.tier().name(), Optional.ofNullable(req.getHeader(ContextGate.HEADER)));
        gw.contexts.check(context, entry.name());
        if (entry.kind() != ModelEntry.Kind.CHAT) {
            throw TrustgateException.invalid(
                    "Model '" + entry.name() + "' is an embedding model; use /v1/embeddings.", "model");
        }
        route = new ArrayList<>();
        for (ModelEntry m : gw.catalog.route(entry.name())) {
            if (caller.tier().allows(m.name()) && gw.contexts.allows(context, m.name())) {
                route.add(m); // a fallback the tier or context forbids is skipped, never used behind the caller's back
            }
        }
        Price worst = route.get(0).price();
        for (ModelEntry m : route) {
            if (m.price().inputPerMillion().compareTo(worst.inputPerMillion()) > 0
                    || m.price().outputPerMillion().compareTo(worst.outputPerMillion()) > 0) {
                worst = new Price(
                        m.price().inputPerMillion().max(worst.inputPerMillion()),
                        m.price().outputPerMillion().max(worst.outputPerMillion()));
            }
        }
        return worst;
    }

    private void attempt() {
        if (clientGone || finished) {
            return;
        }
        if (remainingMillis() <= 0) {
            onDeadline(Optional.empty()); // a fallback (or retry) that cannot start in time ends the request
            return;
        }
        while (routeIndex < route.size()) {
            ModelEntry m = route.get(routeIndex);
            CircuitBreaker breaker = gw.breakers.get(m.provider());
            if (breaker.tryAcquire()) {
                call(m, breaker);
                return;
            }
            lastFailure = new TrustgateException(
                    ErrorKind.UNAVAILABLE,
                    "Provider '" + m.provider() + "' is unavailable (circuit open after repeated failures).",
                    "",
                    "provider_unavailable");
            nextModel();
        }
        finishWithError(
                lastFailure != null
                        ? lastFailure
                        : new TrustgateException(ErrorKind.UNAVAILABLE, "No provider could serve the request."));
    }

    private void nextModel() {
        routeIndex++;
        attemptOfModel = 0;
    }

    /** Time spent waiting for upstreams, over all attempts; and when the current one started (0: none). */
    private long upstreamNanos;

    private long callStarted;

    private void upstreamDone() {
        if (callStarted != 0) {
            upstreamNanos += System.nanoTime() - callStarted;
            callStarted = 0;
        }
    }

    private void call(ModelEntry m, CircuitBreaker breaker) {
        attempts++;
        callStarted = System.nanoTime();
        serving = m;
        tried.add(m.provider());
        ProviderConfig pc = gw.providerConfigs.get(m.provider());
        Provider p = gw.providers.get(m.provider());
        ObjectNode body = chat.body();
        body.put("model", m.upstreamModel());
        long cap = admission.capImposed() ? admission.maxCompletionTokens() : Long.MAX_VALUE;
        Cancellation cancellation = new Cancellation();
        activeCall = cancellation;
        java.util.Map<String, String> traceHeaders = java.util.Map.of();
        if (gw.tracing.on) {
            attemptSpan = gw.tracing.attempt(span, m, pc, attempts, "chat");
            traceHeaders = gw.tracing.headers(attemptSpan);
        }
        ChatCall call = new ChatCall(id, body, chat.stream(), chat.includeUsage(), cap, cancellation, traceHeaders);
        boolean[] timedOut = {false};
        // The attempt's total-timeout, capped at the time the request has left: when the deadline comes first, its
        // own timer ends the attempt (and the request), so no second timer races it.
        if (pc.totalTimeout().toMillis() < remainingMillis()) {
            totalTimer = gw.vertx().setTimer(pc.totalTimeout().toMillis(), t -> {
                timedOut[0] = true;
                onTotalTimeout(m);
            });
        }
        p.chat(call).onComplete(ar -> {
            if (timedOut[0] || deadlinePassed) {
                if (ar.succeeded() && ar.result() instanceof ChatResponse.Streaming s) {
                    s.stream().cancel();
                }
                return;
            }
            if (clientGone) {
                cancelTimer();
                endAttempt("cancelled", "client_closed");
                breaker.onIgnored();
                if (ar.succeeded() && ar.result() instanceof ChatResponse.Streaming s) {
                    s.stream().cancel();
                }
                settle(Usage.ZERO, 499, "client_closed");
                return;
            }
            if (ar.failed() && ar.cause() instanceof ProviderRefusal refusal) {
                cancelTimer();
                onRefused(refusal, breaker);
                return;
            }
            if (ar.failed()) {
                cancelTimer();
                onAttemptFailed(m, pc, breaker, ErrorTable.from(ar.cause()));
                return;
            }
            switch (ar.result()) {
                case ChatResponse.Complete c -> {
                    upstreamDone();
                    cancelTimer();
                    cancelDeadline(); // answered and paid for: screening it may take what time it needs
                    endAttempt("ok", "");
                    breaker.onSuccess();
                    deliver(c.reply());
                }
                case ChatResponse.Streaming s -> stream(m, pc, breaker, s.stream());
            }
        });
    }

    /** A whole answer: through the output firewall (off the event loop when long), then to the client. */
    private void deliver(JsonReply reply) {
        if (!StreamRewriter.needed(firewall, redactions)) {
            answer(reply, reply.body());
            return;
        }
        Screened found = findings;
        if (reply.body().length() <= COUNT_OFF_LOOP_CHARS) {
            io.vertx.core.buffer.Buffer screened;
            try {
                screened = OutputScreen.screen(firewall.output(), outputContext, redactions, reply.body(), found);
            } catch (RuntimeException e) {
                answerRefused(reply, ErrorTable.from(e));
                return;
            }
            answer(reply, screened);
            return;
        }
        // the upstream has answered (and been paid): no admission here, the answer waits for a worker
        gw.scanWorkers
                .executeBlocking(
                        () -> OutputScreen.screen(firewall.output(), outputContext, redactions, reply.body(), found),
                        false)
                .onComplete(ar -> {
                    if (clientGone || finished) {
                        settle(reply.usage(), 499, "client_closed");
                        return;
                    }
                    if (ar.failed()) {
                        answerRefused(reply, ErrorTable.from(ar.cause()));
                    } else {
                        answer(reply, ar.result());
                    }
                });
    }

    /** The answer, once its record is durable (so a crash cannot lose the record of an answered request). */
    private void answer(JsonReply reply, io.vertx.core.buffer.Buffer body) {
        if (capture != io.trustgate.api.audit.CaptureMode.NONE) {
            completionText = new AuditText(captureCap()).append(AuditText.completion(body, captureCap()));
        }
        settle(reply.usage(), 200, "").onComplete(ar -> {
            servedHeaders();
            if (ar.failed()) {
                RequestHandler.send(resp, Gateway.auditUnavailable());
            } else {
                RequestHandler.json(resp, 200, body);
            }
        });
    }

    /** The upstream answered but the answer may not be given: the tokens were spent, so they are still counted. */
    private void answerRefused(JsonReply reply, TrustgateException e) {
        settle(reply.usage(), ErrorTable.status(e.kind()), ErrorTable.code(e)).onComplete(ar -> {
            servedHeaders();
            RequestHandler.send(resp, ar.succeeded() ? e : Gateway.auditUnavailable());
        });
    }

    /** Ends a stream the output firewall stopped: the upstream call is cancelled, the client gets an error event. */
    private void stopStream(ChatStream s, boolean started, StreamRewriter.Out.Stop stop) {
        cancelTimer();
        endAttempt("stopped", "");
        activeStream = null;
        s.cancel();
        TrustgateException e = OutputScreen.blocked(stop.cause(), stop.where());
        if (!started) {
            // Nothing was sent yet: a plain error answer, like a blocked request.
            settle(s.usageSoFar(), ErrorTable.status(e.kind()), ErrorTable.code(e))
                    .onComplete(ar -> {
                        servedHeaders();
                        RequestHandler.send(resp, ar.succeeded() ? e : Gateway.auditUnavailable());
                    });
            return;
        }
        if (stop.before().length() > 0) {
            resp.write(stop.before());
        }
        endStream(settle(s.usageSoFar(), 200, ErrorTable.code(e)), ErrorTable.sseEvent(e));
    }

    /**
     * Ends a stream once its record is durable: with {@code last} (an error event), or with the held-back [DONE];
     * when the record could not be made, with an error event saying so instead of [DONE].
     */
    private void endStream(Future<Void> recorded, io.vertx.core.buffer.Buffer last) {
        recorded.onComplete(ar -> {
            if (resp.ended() || resp.closed()) {
                return;
            }
            if (ar.failed()) {
                resp.write(ErrorTable.sseEvent(Gateway.auditUnavailable()));
            } else if (last != null) {
                resp.write(last);
            } else if (heldDone) {
                resp.write(DONE);
            }
            resp.end();
        });
    }

    private static final io.vertx.core.buffer.Buffer DONE = io.vertx.core.buffer.Buffer.buffer("data: [DONE]\n\n");
    private static final byte[] DONE_BYTES = "data: [DONE]".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** The buffer without a final [DONE] event (remembered in {@link #heldDone}), which waits for the record. */
    private io.vertx.core.buffer.Buffer holdDone(io.vertx.core.buffer.Buffer buf) {
        int n = buf.length();
        int end = n;
        while (end > 0 && (buf.getByte(end - 1) == '\n' || buf.getByte(end - 1) == '\r')) {
            end--;
        }
        int start = end - DONE_BYTES.length;
        if (start < 0 || (start > 0 && buf.getByte(start - 1) != '\n')) {
            return buf;
        }
        for (int i = 0; i < DONE_BYTES.length; i++) {
            if (buf.getByte(start + i) != DONE_BYTES[i]) {
                return buf;
            }
        }
        heldDone = true;
        return buf.getBuffer(0, start);
    }

    private void stream(ModelEntry m, ProviderConfig pc, CircuitBreaker breaker, ChatStream s) {
        activeStream = s;
        boolean[] started = {false};
        opening = io.vertx.core.buffer.Buffer.buffer(); // what an earlier attempt held back is dropped
        long[] holdTimer = {-1};
        StreamRewriter rewriter = StreamRewriter.needed(firewall, redactions)
                ? new StreamRewriter(firewall, outputContext, redactions)
                : null;
        s.exceptionHandler(t -> {
            activeStream = null;
            TrustgateException e = ErrorTable.from(t);
            if (!started[0]) {
                cancelTimer();
                gw.vertx().cancelTimer(holdTimer[0]);
                onAttemptFailed(m, pc, breaker, e);
            } else {
                cancelTimer();
                endAttempt("broken", e.kind() == ErrorKind.INTERNAL ? "internal" : ErrorTable.code(e));
                // the client saw 200, but the attempt failed: counted like any other failed attempt
                gw.metrics.upstreamError(m.provider(), ErrorTable.code(e));
                breaker.onFailure();
                if (rewriter != null) {
                    findings.addAll(rewriter.findings());
                }
                endStream(settle(s.usageSoFar(), 200, ErrorTable.code(e)), ErrorTable.sseEvent(e));
            }
        });
        s.endHandler(u -> {
            upstreamDone();
            cancelTimer();
            endAttempt("ok", "");
            activeStream = null;
            breaker.onSuccess();
            io.vertx.core.buffer.Buffer last = null;
            if (rewriter != null) {
                switch (rewriter.finish()) {
                    case StreamRewriter.Out.Send send -> last = send.bytes();
                    case StreamRewriter.Out.Stop stop -> {
                        findings.addAll(rewriter.findings());
                        stopStream(s, started[0], stop);
                        return;
                    }
                }
            }
            if (!started[0]) {
                gw.vertx().cancelTimer(holdTimer[0]);
                startStream();
                if (opening.length() > 0) {
                    last = last == null ? opening : opening.copy().appendBuffer(last);
                }
            }
            if (rewriter != null) {
                findings.addAll(rewriter.findings());
            }
            if (last != null && last.length() > 0) {
                last = holdDone(last);
                captureStreamed(last);
            }
            Future<Void> recorded = settle(u, 200, "");
            if (last != null && last.length() > 0) {
                resp.write(last);
            }
            endStream(recorded, null);
        });
        s.handler(raw -> {
            io.vertx.core.buffer.Buffer buf = raw;
            if (rewriter != null) {
                switch (rewriter.rewrite(raw)) {
                    case StreamRewriter.Out.Send send -> buf = send.bytes();
                    case StreamRewriter.Out.Stop stop -> {
                        breaker.onSuccess();
                        findings.addAll(rewriter.findings());
                        stopStream(s, started[0], stop);
                        return;
                    }
                }
            }
            if (!started[0]) {
                opening.appendBuffer(buf);
                if (StreamOpening.contentless(buf)) {
                    if (holdTimer[0] < 0) {
                        holdTimer[0] = gw.vertx().setTimer(StreamOpening.HOLD_MILLIS, t -> {
                            // no content yet, but the client should not wait without headers any longer
                            if (!started[0] && activeStream == s && !clientGone && !resp.ended()) {
                                started[0] = true;
                                breaker.onSuccess();
                                startStream();
                                send(s, opening);
                            }
                        });
                    }
                    return;
                }
                gw.vertx().cancelTimer(holdTimer[0]);
                buf = opening;
                started[0] = true;
                breaker.onSuccess();
                startStream();
            }
            send(s, buf);
        });
    }

    /** Sends stream bytes to the client (but a final [DONE], which waits for the record), pausing when it lags. */
    private void send(ChatStream s, io.vertx.core.buffer.Buffer bytes) {
        io.vertx.core.buffer.Buffer buf = holdDone(bytes);
        if (buf.length() == 0) {
            return;
        }
        captureStreamed(buf);
        resp.write(buf);
        if (resp.writeQueueFull()) {
            s.pause();
            resp.drainHandler(v -> s.resume());
        }
    }

    /** The longest text kept for the audit event: whole (to a bound) when it is to be hashed. */
    private int captureCap() {
        return capture == io.trustgate.api.audit.CaptureMode.HASHED ? HASHED_TEXT_MAX : gw.capture.maxChars();
    }

    /** Text past this is left out of a hashed prompt or answer (a request body is far smaller by default). */
    static final int HASHED_TEXT_MAX = 8 * 1024 * 1024;

    /** Gathers the answer text of what the client is sent, when the audit event keeps it. */
    private void captureStreamed(io.vertx.core.buffer.Buffer sent) {
        if (capture == io.trustgate.api.audit.CaptureMode.NONE) {
            return;
        }
        if (completionEvents == null) {
            completionText = new AuditText(captureCap());
            AuditText into = completionText;
            completionEvents = new SseParser(1 << 20, e -> {
                if (!e.data().equals("[DONE]")) {
                    into.chunk(e.data());
                }
            });
        }
        try {
            completionEvents.feed(sent);
        } catch (RuntimeException e) {
            capture = io.trustgate.api.audit.CaptureMode.NONE; // an odd event: keep no text rather than fail the answer
        }
    }

    /** Records the request with its audit event; long texts are redacted for the event off the event loop. */
    private Future<Void> audit(io.trustgate.api.UsageRecord r) {
        upstreamDone();
        if (gw.tracing.on) {
            endAttempt("ended", "");
            gw.tracing.recorded(span, r, findings.size());
            if (r.status() == 499) {
                gw.tracing.clientGone(span);
            }
        }
        if (capture == io.trustgate.api.audit.CaptureMode.REDACTED
                && promptText.length() + (completionText == null ? 0 : completionText.length())
                        > COUNT_OFF_LOOP_CHARS) {
            return gw.vertx()
                    .executeBlocking(this::captured, false)
                    .recover(e -> Future.succeededFuture(io.trustgate.api.audit.CapturedContent.NONE))
                    .compose(c -> gw.record("chat", r, findings, tried, c, upstreamNanos, context));
        }
        return gw.record("chat", r, findings, tried, captured(), upstreamNanos, context);
    }

    /** The content of this request's audit event, in its tier's mode. */
    private io.trustgate.api.audit.CapturedContent captured() {
        if (capture == io.trustgate.api.audit.CaptureMode.NONE || chat == null) {
            return io.trustgate.api.audit.CapturedContent.NONE;
        }
        String prompt = promptText.isEmpty() ? AuditText.prompt(chat.body(), captureCap()) : promptText;
        String completion = completionText == null ? "" : completionText.toString();
        // The prompt text is what went upstream (after the input firewall) only under REDACTED; the firewall's own
        // redactions then need not run again, nor the output firewall's on the answer the client got.
        return gw.capture.content(capture, prompt, completion, promptText.isEmpty() ? Firewalls.Policy.NONE : firewall);
    }

    /** Which model and provider answered (after fallbacks), for clients and for tracing a route. */
    private void servedHeaders() {
        resp.putHeader(SERVED_MODEL, serving.name()).putHeader(SERVED_PROVIDER, serving.provider());
    }

    private void startStream() {
        servedHeaders();
        resp.setStatusCode(200)
                .setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, SSE_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, NO_CACHE)
                .putHeader("x-accel-buffering", "no");
    }

    /**
     * The provider refused the request before calling its upstream: not an attempt, nor an upstream error. On the
     * requested model the client gets the refusal; on a fallback, the model is skipped and the earlier failure stands.
     */
    private void onRefused(ProviderRefusal refusal, CircuitBreaker breaker) {
        callStarted = 0;
        attempts--;
        tried.removeLast();
        endAttempt("refused", ErrorTable.code(refusal));
        breaker.onIgnored();
        if (lastFailure == null) {
            finishWithError(refusal);
        } else {
            nextModel();
            attempt();
        }
    }

    private void onAttemptFailed(ModelEntry m, ProviderConfig pc, CircuitBreaker breaker, TrustgateException e) {
        upstreamDone();
        gw.metrics.upstreamError(m.provider(), ErrorTable.code(e));
        lastFailure = e;
        if (!UpstreamFailure.retryable(e)) {
            endAttempt("error", ErrorTable.code(e));
            breaker.onSuccess(); // the provider answered; the request was at fault
            finishWithError(e);
            return;
        }
        breaker.onFailure();
        if (attemptOfModel < pc.maxRetries() && !clientGone && UpstreamFailure.retrySameProvider(e)) {
            endAttempt("retry", ErrorTable.code(e));
            attemptOfModel++;
            long delay = Math.max(1, backoff(pc, attemptOfModel, e.retryAfter()));
            if (delay >= remainingMillis()) {
                onDeadline(Optional.of(e)); // the retry could not start before the deadline: no point waiting
                return;
            }
            gw.vertx().setTimer(delay, t -> attempt());
            return;
        }
        endAttempt(routeIndex + 1 < route.size() ? "fallback" : "exhausted", ErrorTable.code(e));
        nextModel();
        attempt();
    }

    /** Ends the span of the attempt in flight (once; nothing when tracing is off). */
    private void endAttempt(String outcome, String errorType) {
        if (gw.tracing.on && attemptSpan != Span.getInvalid()) {
            gw.tracing.endAttempt(attemptSpan, outcome, errorType);
            attemptSpan = Span.getInvalid();
        }
    }

    /** Full-jitter exponential backoff, or the upstream's Retry-After when it asks for longer; capped. */
    static long backoff(ProviderConfig pc, int retry, Duration retryAfter) {
        long base = pc.retryBaseDelay().toMillis();
        long cap = pc.retryMaxDelay().toMillis();
        long exp = Math.min(cap, base << Math.min(20, retry - 1));
        long jittered = ThreadLocalRandom.current().nextLong(exp / 2, exp + 1);
        long asked = retryAfter.toMillis();
        return Math.min(cap, Math.max(jittered, asked));
    }

    private void onTotalTimeout(ModelEntry m) {
        TrustgateException e = UpstreamFailure.timeout(m.provider(), "total-timeout");
        ChatStream s = activeStream;
        totalTimer = -1;
        if (s != null && resp.headWritten()) {
            s.cancel();
            endAttempt("timeout", ErrorTable.code(e));
            gw.metrics.upstreamError(m.provider(), ErrorTable.code(e));
            activeStream = null;
            gw.breakers.get(m.provider()).onFailure();
            endStream(settle(s.usageSoFar(), 200, ErrorTable.code(e)), ErrorTable.sseEvent(e));
            return;
        }
        if (s != null) {
            s.cancel();
            activeStream = null;
        }
        activeCall.cancel();
        onAttemptFailed(m, gw.providerConfigs.get(m.provider()), gw.breakers.get(m.provider()), e);
    }

    /**
     * The request's deadline passed (or would before its next retry, {@code last} being the failure that retry was
     * for). An open stream ends with an error event; otherwise the call in flight, if any, is cancelled and the
     * client gets 504. The attempt cut short is not held against its provider's breaker: the request ran out of
     * time, which does not show that the provider failed (its own timeouts judge that).
     */
    private void onDeadline(Optional<TrustgateException> last) {
        if (finished || clientGone || deadlinePassed) {
            return;
        }
        deadlinePassed = true;
        cancelDeadline();
        cancelTimer();
        TrustgateException e = deadlineError(last);
        String code = ErrorTable.code(e);
        ChatStream s = activeStream;
        activeStream = null;
        if (s != null) {
            s.cancel();
        }
        if (callStarted != 0 && serving != null) { // an attempt in flight (not between attempts)
            endAttempt("timeout", code);
            gw.breakers.get(serving.provider()).onIgnored();
        }
        if (s != null && resp.headWritten()) {
            endStream(settle(s.usageSoFar(), 200, code), ErrorTable.sseEvent(e));
            return;
        }
        activeCall.cancel();
        finishWithError(e);
    }

    /** The error of a request whose deadline passed; {@code request_timeout}, so it is told apart from one attempt's. */
    private TrustgateException deadlineError(Optional<TrustgateException> last) {
        String limit = gw.config.requestTimeout().toString().substring(2).toLowerCase(java.util.Locale.ROOT);
        String message = last.map(f -> "The request deadline (server.request-timeout, " + limit
                        + ") would pass before the next retry; last upstream failure: " + f.getMessage())
                .orElse("The request deadline (server.request-timeout, " + limit + ") passed before the answer was"
                        + " complete.");
        return new TrustgateException(ErrorKind.UPSTREAM_TIMEOUT, message, "", REQUEST_TIMEOUT);
    }

    /** The error code of a request that ran out of its {@code server.request-timeout}. */
    static final String REQUEST_TIMEOUT = "request_timeout";

    private void cancelTimer() {
        if (totalTimer >= 0) {
            gw.vertx().cancelTimer(totalTimer);
            totalTimer = -1;
        }
    }

    private void onClientGone() {
        if (finished) {
            return;
        }
        clientGone = true;
        cancelTimer();
        cancelDeadline();
        endAttempt("cancelled", "client_closed");
        activeCall.cancel(); // an upstream exchange still waiting for its answer stops now
        ChatStream s = activeStream;
        if (s != null) {
            activeStream = null;
            s.cancel();
            if (serving != null) {
                gw.breakers.get(serving.provider()).onIgnored();
            }
            settle(s.usageSoFar(), 499, "client_closed");
        }
    }

    private void finishWithError(TrustgateException e) {
        settleFailure(ErrorTable.status(e.kind()), ErrorTable.code(e))
                .onComplete(ar -> RequestHandler.send(resp, ar.succeeded() ? e : Gateway.auditUnavailable()));
    }

    private Future<Void> settleFailure(int status, String code) {
        if (finished) {
            return Future.succeededFuture(); // recorded already
        }
        finished = true;
        cancelDeadline();
        gw.limits.release(admission);
        return audit(RequestHandler.record(
                id, caller, at, chat.model(), "-", "-", Usage.ZERO, 0, startNanos, status, code, attempts));
    }

    /** Settles the reservation and records the request; the future completes once the record is durable. */
    private Future<Void> settle(Usage reported, int status, String code) {
        if (finished) {
            return Future.succeededFuture(); // recorded already
        }
        finished = true;
        cancelDeadline();
        Usage u = reported.promptTokens() == 0
                ? new Usage(admission.promptTokens(), reported.completionTokens())
                : reported;
        long cost = serving.price().costMicros(u);
        gw.limits.settle(admission, u, cost);
        return audit(RequestHandler.record(
                id,
                caller,
                at,
                chat.model(),
                serving.name(),
                serving.provider(),
                u,
                cost,
                startNanos,
                status,
                code,
                attempts));
    }
}
