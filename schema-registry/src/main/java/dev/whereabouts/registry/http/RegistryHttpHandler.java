package dev.whereabouts.registry.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.whereabouts.registry.ErrorCode;
import dev.whereabouts.registry.RegistryException;
import dev.whereabouts.registry.store.SchemaStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's HTTP front: decodes the request, routes it, and is the one place where failures
 * become Confluent-style error responses ({@code {"error_code":N,"message":"..."}}).
 *
 * <p>Every response, errors included, is {@code application/vnd.schemaregistry.v1+json}.
 */
public final class RegistryHttpHandler implements HttpHandler {

    /** Content type of every response. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    /** Request content types accepted, as Confluent's serdes and curl users send them. */
    static final Set<String> ACCEPTED_CONTENT_TYPES =
            Set.of(CONTENT_TYPE, "application/vnd.schemaregistry+json", "application/json", "application/octet-stream");

    /** Largest request body read; Avro schemas are kilobytes, so this only stops abuse. */
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);

    private final Router router;

    RegistryHttpHandler(Router router) {
        this.router = router;
    }

    /** A handler serving the full registry API over {@code store}. */
    public static RegistryHttpHandler forStore(SchemaStore store) {
        Router router = new Router().add("GET", "/", request -> Response.ok(Json.object()));
        new SubjectsResource(store).addTo(router);
        new SchemasResource(store).addTo(router);
        new ConfigResource(store).addTo(router);
        new CompatibilityResource(store).addTo(router);
        return new RegistryHttpHandler(router);
    }

    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
            Response response;
            try {
                response = dispatch(exchange);
            } catch (RegistryException e) {
                response = error(exchange, e);
            } catch (IOException | RuntimeException e) {
                response = error(exchange, RegistryException.storeError("Internal server error", e));
            }
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        } catch (IOException e) {
            LOG.debug("Could not send the response to {}", exchange.getRemoteAddress(), e);
        }
    }

    private Response dispatch(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        List<String> segments = pathSegments(exchange.getRequestURI().getRawPath());
        Router.Match match = router.match(method, segments).orElseThrow(() -> {
            Set<String> allowed = router.allowedMethods(segments);
            if (allowed.isEmpty()) {
                return new RegistryException(ErrorCode.NOT_FOUND, "HTTP 404 Not Found");
            }
            exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
            return new RegistryException(ErrorCode.METHOD_NOT_ALLOWED, "HTTP 405 Method Not Allowed");
        });
        checkContentType(exchange.getRequestHeaders().getFirst("Content-Type"));
        Request request = new Request(
                method,
                match.pathParameters(),
                queryParameters(exchange.getRequestURI().getRawQuery()),
                readBody(exchange));
        return match.endpoint().handle(request);
    }

    private static Response error(HttpExchange exchange, RegistryException e) {
        ErrorCode code = e.code();
        if (code.httpStatus() >= 500) {
            LOG.error(
                    "{} {} failed: {}",
                    exchange.getRequestMethod(),
                    exchange.getRequestURI(),
                    e.getMessage(),
                    e.getCause() == null ? e : e.getCause());
        } else {
            LOG.debug("{} {} rejected: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.getMessage());
        }
        return Response.json(code.httpStatus(), Json.error(code.errorCode(), e.getMessage()));
    }

    // A missing Content-Type is accepted: GETs and DELETEs have no body to describe.
    private static void checkContentType(String header) {
        if (header == null || header.isBlank()) {
            return;
        }
        String mediaType = header.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!ACCEPTED_CONTENT_TYPES.contains(mediaType)) {
            throw new RegistryException(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE, "HTTP 415 Unsupported Media Type: " + mediaType);
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new RegistryException(
                        ErrorCode.PAYLOAD_TOO_LARGE, "Request body larger than " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        }
    }

    /** Splits a raw path and percent-decodes each segment, so {@code %2F} stays inside a name. */
    static List<String> pathSegments(String rawPath) {
        List<String> segments = new ArrayList<>();
        if (rawPath == null) {
            return segments;
        }
        for (String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                segments.add(decode(raw.replace("+", "%2B"))); // '+' is literal in a path
            }
        }
        return segments;
    }

    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.putIfAbsent(name, value);
        }
        return query;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw RegistryException.malformedRequest("bad percent-encoding in '" + text + "'");
        }
    }
}
