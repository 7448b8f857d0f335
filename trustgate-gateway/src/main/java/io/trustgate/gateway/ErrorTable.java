package io.trustgate.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trustgate.api.ErrorKind;
import io.trustgate.api.TrustgateException;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The one table that maps an {@link ErrorKind} to an HTTP status and OpenAI's {@code error.type}, and renders the
 * OpenAI-style body {@code {"error":{"message","type","param","code"}}}. Nothing else in Trustgate decides a
 * status code, so clients (and the official SDKs, which dispatch on the status) see the same thing for the same
 * problem everywhere.
 */
public final class ErrorTable {
    private static final JsonFactory JSON = new JsonFactory();

    private ErrorTable() {}

    public static int status(ErrorKind kind) {
        return switch (kind) {
            case INVALID_REQUEST -> 400;
            case AUTHENTICATION -> 401;
            case PERMISSION_DENIED -> 403;
            case NOT_FOUND -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            case PAYLOAD_TOO_LARGE -> 413;
            case URI_TOO_LONG -> 414;
            case HEADERS_TOO_LARGE -> 431;
            case RATE_LIMITED -> 429;
            case UPSTREAM_FAILED -> 502;
            case UNAVAILABLE, OVERLOADED -> 503;
            case UPSTREAM_TIMEOUT -> 504;
            case INTERNAL -> 500;
        };
    }

    /** OpenAI's {@code error.type} values, as its API and SDKs use them. */
    public static String type(ErrorKind kind) {
        return switch (kind) {
            case INVALID_REQUEST, NOT_FOUND, METHOD_NOT_ALLOWED, PAYLOAD_TOO_LARGE, URI_TOO_LONG, HEADERS_TOO_LARGE ->
                "invalid_request_error";
            case AUTHENTICATION -> "authentication_error";
            case PERMISSION_DENIED -> "permission_error";
            case RATE_LIMITED -> "rate_limit_error";
            case UPSTREAM_FAILED, UPSTREAM_TIMEOUT, UNAVAILABLE -> "upstream_error";
            case INTERNAL, OVERLOADED -> "server_error";
        };
    }

    /** A default code for kinds whose exception carries none. */
    static String defaultCode(ErrorKind kind) {
        return switch (kind) {
            case INVALID_REQUEST -> "invalid_request";
            case AUTHENTICATION -> "invalid_api_key";
            case PERMISSION_DENIED -> "model_not_allowed";
            case NOT_FOUND -> "model_not_found";
            case METHOD_NOT_ALLOWED -> "method_not_allowed";
            case PAYLOAD_TOO_LARGE -> "request_too_large";
            case URI_TOO_LONG -> "uri_too_long";
            case HEADERS_TOO_LARGE -> "headers_too_large";
            case RATE_LIMITED -> "rate_limit_exceeded";
            case UPSTREAM_FAILED -> "upstream_error";
            case UPSTREAM_TIMEOUT -> "upstream_timeout";
            case UNAVAILABLE -> "service_unavailable";
            case OVERLOADED -> "server_overloaded";
            case INTERNAL -> "internal_error";
        };
    }

    /** Converts anything thrown on the request path; unknown throwables become INTERNAL with a safe message. */
    public static TrustgateException from(Throwable t) {
        if (t instanceof TrustgateException te) {
            return te;
        }
        if (t.getCause() instanceof TrustgateException te) {
            return te;
        }
        return new TrustgateException(
                ErrorKind.INTERNAL, "Internal error; the gateway log has details under this request's id.");
    }

    public static String code(TrustgateException e) {
        return e.code().orElse(defaultCode(e.kind()));
    }

    /** The JSON error body. */
    public static Buffer body(TrustgateException e) {
        return Buffer.buffer(json(e));
    }

    static String json(TrustgateException e) {
        StringWriter w = new StringWriter(160);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("message", e.getMessage());
            g.writeStringField("type", type(e.kind()));
            if (e.param().isPresent()) {
                g.writeStringField("param", e.param().get());
            } else {
                g.writeNullField("param");
            }
            g.writeStringField("code", code(e));
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
        return w.toString();
    }

    /** The same error as one server-sent event, for a stream that fails after it started. */
    public static Buffer sseEvent(TrustgateException e) {
        return Buffer.buffer("data: " + json(e) + "\n\n");
    }
}
