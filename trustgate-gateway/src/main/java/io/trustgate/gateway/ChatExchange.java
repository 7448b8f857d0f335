package io.trustgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.api.ErrorKind;
import io.trustgate.api.Price;
import io.trustgate.api.TrustgateException;
import io.trustgate.api.Usage;
import io.trustgate.policy.Admission;
import io.trustgate.registry.ModelEntry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One chat completion through the gateway: validation, model and tier checks, admission (limits and budget
 * reservation), then the route: the requested model and its fallbacks, each tried with retries and jittered
 * backoff while its circuit breaker allows, until one starts answering. Fallback is possible only until the first
 * byte reaches the client; after that a failure ends the stream with an error event. A client that goes away
 * cancels the upstream call. Whatever happens, the reservation is settled exactly once and one usage record
 * is written. Confined to one event loop: no locking.
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

    private ChatRequest chat;
    private Admission admission;
    private List<ModelEntry> route;
    private int routeIndex;
    private int attemptOfModel;
    private int attempts;
    private TrustgateException lastFailure;
    private ChatStream activeStream;
    private Cancellation activeCall = new Cancellation();
    private long totalTimer = -1;
    private boolean clientGone;
    private boolean finished;
    private ModelEntry serving;
    private Firewalls.Policy firewall = Firewalls.Policy.NONE;
    private final io.trustgate.firewall.RedactionSession redactions = new io.trustgate.firewall.RedactionSession();
    private io.trustgate.api.ScanContext outputContext = io.trustgate.api.ScanContext.NONE;

    ChatExchange(
            Gateway gw, HttpServerRequest req, String id, Authenticator.Caller caller, long startNanos, Instant at) {
        this.gw = gw;
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
            refused(e);
            throw e;
        }
        String encodingModel = route.get(0).upstreamModel();
        long chars = 0;
        for (String t : chat.texts()) {
            chars += t.length();
        }
        if (chars <= COUNT_OFF_LOOP_CHARS) {
            long tokens;
            try {
                tokens = screenAndCount(encodingModel);
            } catch (TrustgateException e) {
                refused(e);
                throw e;
            }
            admit(tokens, worst);
            return;
        }
        // A long prompt takes milliseconds to scan and tokenize: do it off the event loop so other requests are not
        // held.
        resp.closeHandler(v -> clientGone = true);
        gw.vertx().executeBlocking(() -> screenAndCount(encodingModel), false).onComplete(ar -> {
            if (clientGone) {
                refused(new TrustgateException(ErrorKind.INVALID_REQUEST, "client closed", "", "client_closed"));
                return;
            }
            try {
                if (ar.failed()) {
                    TrustgateException e = ErrorTable.from(ar.cause());
                    refused(e);
                    throw e;
                }
                admit(ar.result(), worst);
            } catch (RuntimeException e) {
                RequestHandler.send(resp, ErrorTable.from(e));
            }
        });
    }

    /**
     * The tier's input firewall (which may redact or anonymise the body), the canary, what the output firewall will
     * need to know, then the prompt's token count (of what goes upstream).
     */
    private long screenAndCount(String encodingModel) {
        firewall = gw.firewalls.forTier(caller.tier().name());
        List<io.trustgate.api.Finding> findings = InputScreen.screen(firewall.input(), chat.body(), redactions);
        List<String> canaries = List.of();
        if (firewall.canary()) {
            canaries = List.of(Canaries.add(chat.body()));
        }
        if (!firewall.output().isEmpty()) {
            outputContext = OutputScreen.context(chat.body(), canaries);
        }
        List<String> texts = findings.isEmpty() && canaries.isEmpty()
                ? chat.texts()
                : ChatRequest.parse(chat.body()).texts();
        return gw.tokens.countChat(encodingModel, texts);
    }

    private void admit(long promptTokens, Price worst) {
        try {
            admission = gw.limits.admit(caller.key(), caller.tier(), promptTokens, chat.maxTokens(), worst);
        } catch (TrustgateException e) {
            refused(e);
            throw e;
        }
        resp.closeHandler(v -> onClientGone());
        attempt();
    }

    /** Refused before any upstream call: still one usage record, so that refusals show per key. */
    private void refused(TrustgateException e) {
        finished = true;
        int status = ErrorTable.status(e.kind());
        String code = ErrorTable.code(e);
        if ("client_closed".equals(code)) {
            status = 499;
        }
        gw.record(RequestHandler.record(
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
        ModelEntry entry = gw.catalog.find(chat.model()).orElseThrow(() -> RequestHandler.unknownModel(chat.model()));
        if (!caller.tier().allows(entry.name())) {
            throw notAllowed(caller, entry.name());
        }
        if (entry.kind() != ModelEntry.Kind.CHAT) {
            throw TrustgateException.invalid(
                    "Model '" + entry.name() + "' is an embedding model; use /v1/embeddings.", "model");
        }
        route = new ArrayList<>();
        for (ModelEntry m : gw.catalog.route(entry.name())) {
            if (caller.tier().allows(m.name())) {
                route.add(m); // a fallback the tier forbids is skipped, never used behind the caller's back
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

    private void call(ModelEntry m, CircuitBreaker breaker) {
        attempts++;
        serving = m;
        ProviderConfig pc = gw.providerConfigs.get(m.provider());
        Provider p = gw.providers.get(m.provider());
        ObjectNode body = chat.body();
        body.put("model", m.upstreamModel());
        long cap = admission.capImposed() ? admission.maxCompletionTokens() : Long.MAX_VALUE;
        Cancellation cancellation = new Cancellation();
        activeCall = cancellation;
        ChatCall call = new ChatCall(id, body, chat.stream(), chat.includeUsage(), cap, cancellation);
        boolean[] timedOut = {false};
        totalTimer = gw.vertx().setTimer(pc.totalTimeout().toMillis(), t -> {
            timedOut[0] = true;
            onTotalTimeout(m);
        });
        p.chat(call).onComplete(ar -> {
            if (timedOut[0]) {
                if (ar.succeeded() && ar.result() instanceof ChatResponse.Streaming s) {
                    s.stream().cancel();
                }
                return;
            }
            if (clientGone) {
                cancelTimer();
                breaker.onIgnored();
                if (ar.succeeded() && ar.result() instanceof ChatResponse.Streaming s) {
                    s.stream().cancel();
                }
                settle(Usage.ZERO, 499, "client_closed");
                return;
            }
            if (ar.failed()) {
                cancelTimer();
                onAttemptFailed(m, pc, breaker, ErrorTable.from(ar.cause()));
                return;
            }
            switch (ar.result()) {
                case ChatResponse.Complete c -> {
                    cancelTimer();
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
            settle(reply.usage(), 200, ""); // recorded before the client can see the answer
            servedHeaders();
            RequestHandler.json(resp, 200, reply.body());
            return;
        }
        List<io.trustgate.api.Finding> found = new ArrayList<>();
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
        gw.vertx()
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

    private void answer(JsonReply reply, io.vertx.core.buffer.Buffer body) {
        settle(reply.usage(), 200, "");
        servedHeaders();
        RequestHandler.json(resp, 200, body);
    }

    /** The upstream answered but the answer may not be given: the tokens were spent, so they are still counted. */
    private void answerRefused(JsonReply reply, TrustgateException e) {
        settle(reply.usage(), ErrorTable.status(e.kind()), ErrorTable.code(e));
        servedHeaders();
        RequestHandler.send(resp, e);
    }

    /** Ends a stream the output firewall stopped: the upstream call is cancelled, the client gets an error event. */
    private void stopStream(ChatStream s, boolean started, StreamRewriter.Out.Stop stop) {
        cancelTimer();
        activeStream = null;
        s.cancel();
        TrustgateException e = OutputScreen.blocked(stop.cause(), stop.where());
        if (!started) {
            // Nothing was sent yet: a plain error answer, like a blocked request.
            settle(s.usageSoFar(), ErrorTable.status(e.kind()), ErrorTable.code(e));
            servedHeaders();
            RequestHandler.send(resp, e);
            return;
        }
        settle(s.usageSoFar(), 200, ErrorTable.code(e));
        if (stop.before().length() > 0) {
            resp.write(stop.before());
        }
        resp.write(ErrorTable.sseEvent(e));
        resp.end();
    }

    private void stream(ModelEntry m, ProviderConfig pc, CircuitBreaker breaker, ChatStream s) {
        activeStream = s;
        boolean[] started = {false};
        StreamRewriter rewriter = StreamRewriter.needed(firewall, redactions)
                ? new StreamRewriter(firewall, outputContext, redactions)
                : null;
        s.exceptionHandler(t -> {
            activeStream = null;
            TrustgateException e = ErrorTable.from(t);
            if (!started[0]) {
                cancelTimer();
                onAttemptFailed(m, pc, breaker, e);
            } else {
                cancelTimer();
                breaker.onFailure();
                settle(s.usageSoFar(), 200, ErrorTable.code(e));
                resp.write(ErrorTable.sseEvent(e));
                resp.end();
            }
        });
        s.endHandler(u -> {
            cancelTimer();
            activeStream = null;
            breaker.onSuccess();
            io.vertx.core.buffer.Buffer last = null;
            if (rewriter != null) {
                switch (rewriter.finish()) {
                    case StreamRewriter.Out.Send send -> last = send.bytes();
                    case StreamRewriter.Out.Stop stop -> {
                        stopStream(s, started[0], stop);
                        return;
                    }
                }
            }
            if (!started[0]) {
                startStream();
            }
            settle(u, 200, "");
            if (last != null && last.length() > 0) {
                resp.write(last);
            }
            resp.end();
        });
        s.handler(raw -> {
            io.vertx.core.buffer.Buffer buf = raw;
            if (rewriter != null) {
                switch (rewriter.rewrite(raw)) {
                    case StreamRewriter.Out.Send send -> buf = send.bytes();
                    case StreamRewriter.Out.Stop stop -> {
                        breaker.onSuccess();
                        stopStream(s, started[0], stop);
                        return;
                    }
                }
            }
            if (!started[0]) {
                started[0] = true;
                breaker.onSuccess();
                startStream();
            }
            if (buf.length() == 0) {
                return;
            }
            resp.write(buf);
            if (resp.writeQueueFull()) {
                s.pause();
                resp.drainHandler(v -> s.resume());
            }
        });
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

    private void onAttemptFailed(ModelEntry m, ProviderConfig pc, CircuitBreaker breaker, TrustgateException e) {
        lastFailure = e;
        if (!UpstreamFailure.retryable(e)) {
            breaker.onSuccess(); // the provider answered; the request was at fault
            finishWithError(e);
            return;
        }
        breaker.onFailure();
        if (attemptOfModel < pc.maxRetries() && !clientGone) {
            attemptOfModel++;
            long delay = backoff(pc, attemptOfModel, e.retryAfter());
            gw.vertx().setTimer(Math.max(1, delay), t -> attempt());
            return;
        }
        nextModel();
        attempt();
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
            activeStream = null;
            gw.breakers.get(m.provider()).onFailure();
            settle(s.usageSoFar(), 200, ErrorTable.code(e));
            resp.write(ErrorTable.sseEvent(e));
            resp.end();
            return;
        }
        if (s != null) {
            s.cancel();
            activeStream = null;
        }
        activeCall.cancel();
        onAttemptFailed(m, gw.providerConfigs.get(m.provider()), gw.breakers.get(m.provider()), e);
    }

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
        settleFailure(ErrorTable.status(e.kind()), ErrorTable.code(e));
        RequestHandler.send(resp, e);
    }

    private void settleFailure(int status, String code) {
        if (finished) {
            return;
        }
        finished = true;
        gw.limits.release(admission);
        gw.record(RequestHandler.record(
                id, caller, at, chat.model(), "-", "-", Usage.ZERO, 0, startNanos, status, code, attempts));
    }

    private void settle(Usage reported, int status, String code) {
        if (finished) {
            return;
        }
        finished = true;
        Usage u = reported.promptTokens() == 0
                ? new Usage(admission.promptTokens(), reported.completionTokens())
                : reported;
        long cost = serving.price().costMicros(u);
        gw.limits.settle(admission, u, cost);
        gw.record(RequestHandler.record(
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
