package dev.whereabouts.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One HTTP request as a resource sees it: path parameters, query, headers, a bounded body, the caller. */
public final class Request {

    /** Beyond this, a refused body is not drained: the connection is closed instead. */
    static final long MAX_DRAIN_BYTES = 32L * 1024 * 1024;

    private final HttpExchange exchange;
    private final Map<String, String> pathParameters;
    private final Map<String, String> query;
    private final Caller caller;
    private final ObjectMapper json;

    Request(HttpExchange exchange, Map<String, String> pathParameters, Caller caller, ObjectMapper json) {
        this.exchange = exchange;
        this.pathParameters = Map.copyOf(pathParameters);
        this.query = parseQuery(exchange.getRequestURI().getRawQuery());
        this.caller = caller;
        this.json = json;
    }

    public String method() {
        return exchange.getRequestMethod();
    }

    public String path() {
        return exchange.getRequestURI().getPath();
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
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
    }

    /** The body, at most {@code maxBytes}; 413 when larger (checked before and while reading). */
    public byte[] body(int maxBytes) {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > maxBytes) {
                    drainBody();
                    throw ProblemException.tooLarge(
                            "body of " + declared.trim() + " bytes exceeds the limit of " + maxBytes + " bytes",
                            List.of(new FieldError("Content-Length", "at most " + maxBytes + " bytes")));
                }
            } catch (NumberFormatException e) {
                throw ProblemException.badParameter("Content-Length", "must be a number");
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                drainBody();
                throw ProblemException.tooLarge(
                        "body exceeds the limit of " + maxBytes + " bytes",
                        List.of(new FieldError("body", "at most " + maxBytes + " bytes")));
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the request body", e);
        }
    }

    /**
     * Reads and discards what is left of a refused body (up to {@value #MAX_DRAIN_BYTES} bytes): a
     * client still sending would otherwise see the connection reset instead of our 413.
     */
    private void drainBody() {
        try {
            InputStream in = exchange.getRequestBody();
            byte[] sink = new byte[64 * 1024];
            long drained = 0;
            int read;
            while (drained < MAX_DRAIN_BYTES && (read = in.read(sink)) != -1) {
                drained += read;
            }
        } catch (IOException ignored) {
            // the client gave up; the 413 is still the right answer
        }
    }

    /** The body parsed as JSON; 415 when not declared as JSON, 400 with line and column when malformed. */
    public JsonNode jsonBody(int maxBytes) {
        String contentType = header("Content-Type").orElse("");
        if (!contentType.isEmpty()
                && !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw ProblemException.unsupportedMediaType(contentType);
        }
        byte[] body = body(maxBytes);
        if (body.length == 0) {
            throw ProblemException.malformed(
                    "the body is empty; expected a JSON document", List.of(new FieldError("body", "empty")));
        }
        try {
            return json.readTree(body);
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
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(name, value);
        }
        return query;
    }
}
