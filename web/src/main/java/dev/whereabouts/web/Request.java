package dev.whereabouts.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as a resource sees it: path parameters, query, headers, a bounded body, the caller.
 * The body has already arrived when a resource runs ({@link BodyReader}), so reading it never blocks.
 */
public final class Request {

    private final org.eclipse.jetty.server.Request exchange;
    private final Map<String, String> pathParameters;
    private final Map<String, String> query;
    private final Caller caller;
    private final ObjectMapper json;
    private final BodyReader.Body body;

    Request(
            org.eclipse.jetty.server.Request exchange,
            Map<String, String> pathParameters,
            Caller caller,
            ObjectMapper json,
            BodyReader.Body body) {
        this.exchange = exchange;
        this.pathParameters = Map.copyOf(pathParameters);
        this.query = parseQuery(exchange.getHttpURI().getQuery());
        this.caller = caller;
        this.json = json;
        this.body = body;
    }

    public String method() {
        return exchange.getMethod();
    }

    /** The percent-decoded path. */
    public String path() {
        return exchange.getHttpURI().getDecodedPath();
    }

    public Caller caller() {
        return caller;
    }

    /** A {@code {name}} segment of the route's path template. */
    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no path parameter " + name);
        }
        return value;
    }

    public Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /** An integer query parameter within [min, max], or the default; 400 naming the parameter otherwise. */
    public int queryInt(String name, int defaultValue, int min, int max) {
        Optional<String> raw = query(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min || value > max) {
                throw ProblemException.badParameter(name, "must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ProblemException.badParameter(name, "must be an integer");
        }
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(exchange.getHeaders().get(name));
    }

    /** The body, at most {@code maxBytes} (and at most the service's {@link Limits#maxBodyBytes()}); 413 when larger. */
    public byte[] body(int maxBytes) {
        int limit = Math.min(maxBytes, body.retainLimit());
        String declared = exchange.getHeaders().get("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > limit) {
                    throw ProblemException.tooLarge(
                            "body of " + declared.trim() + " bytes exceeds the limit of " + limit + " bytes",
                            List.of(new FieldError("Content-Length", "at most " + limit + " bytes")));
                }
            } catch (NumberFormatException e) {
                throw ProblemException.badParameter("Content-Length", "must be a number");
            }
        }
        if (body.length() > limit) {
            throw ProblemException.tooLarge(
                    "body exceeds the limit of " + limit + " bytes",
                    List.of(new FieldError("body", "at most " + limit + " bytes")));
        }
        return body.bytes();
    }

    /**
     * The body as an HTML form posts it ({@code application/x-www-form-urlencoded}); 415 when declared
     * as anything else.
     */
    public FormBody formBody(int maxBytes) {
        String contentType = header("Content-Type").orElse("");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw ProblemException.unsupportedMediaType(contentType);
        }
        return FormBody.parse(body(maxBytes));
    }

    /** The value of cookie {@code name}, when the client sent it. */
    public Optional<String> cookie(String name) {
        List<org.eclipse.jetty.http.HttpCookie> cookies = org.eclipse.jetty.server.Request.getCookies(exchange);
        for (org.eclipse.jetty.http.HttpCookie cookie : cookies) {
            if (cookie.getName().equals(name)) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    /** The address the connection came from (a proxy's, when behind one). */
    public String remoteAddress() {
        return org.eclipse.jetty.server.Request.getRemoteAddr(exchange);
    }

    /** True when the client reached us over TLS, directly or through a proxy that says so. */
    public boolean isSecure() {
        return exchange.isSecure()
                || "https".equalsIgnoreCase(header("X-Forwarded-Proto").orElse(""));
    }

    /** The body parsed as JSON; 415 when not declared as JSON, 400 with line and column when malformed. */
    public JsonNode jsonBody(int maxBytes) {
        String contentType = header("Content-Type").orElse("");
        if (!contentType.isEmpty() && !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw ProblemException.unsupportedMediaType(contentType);
        }
        byte[] bytes = body(maxBytes);
        if (bytes.length == 0) {
            throw ProblemException.malformed(
                    "the body is empty; expected a JSON document", List.of(new FieldError("body", "empty")));
        }
        try {
            return json.readTree(bytes);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            throw ProblemException.malformed(
                    "the body is not valid JSON" + where + ": " + e.getOriginalMessage(),
                    List.of(new FieldError("body", "not valid JSON" + where)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            query.putIfAbsent(
                    decodeQuery(eq < 0 ? pair : pair.substring(0, eq)),
                    eq < 0 ? "" : decodeQuery(pair.substring(eq + 1)));
        }
        return query;
    }

    private static String decodeQuery(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.malformed(
                    "bad percent-encoding in the query", List.of(new FieldError("query", "bad percent-encoding")));
        }
    }
}
