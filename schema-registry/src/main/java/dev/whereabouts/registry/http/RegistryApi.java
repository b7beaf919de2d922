package dev.whereabouts.registry.http;

import dev.whereabouts.registry.ErrorCode;
import dev.whereabouts.registry.RegistryException;
import dev.whereabouts.registry.store.SchemaStore;
import dev.whereabouts.web.Endpoint;
import dev.whereabouts.web.ErrorRenderer;
import dev.whereabouts.web.Limits;
import dev.whereabouts.web.Problem;
import dev.whereabouts.web.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's HTTP API on the shared {@code web} layer: its routes, which accept Confluent's request
 * content types, and its {@link #errors() error renderer}, the one place where failures become
 * Confluent-style error responses ({@code {"error_code":N,"message":"..."}}).
 *
 * <p>Every response, errors included, is {@code application/vnd.schemaregistry.v1+json}.
 */
public final class RegistryApi {

    /** Content type of every response. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    /** Request content types accepted, as Confluent's serdes and curl users send them. */
    static final Set<String> ACCEPTED_CONTENT_TYPES =
            Set.of(CONTENT_TYPE, "application/vnd.schemaregistry+json", "application/json", "application/octet-stream");

    /** Largest request body read; Avro schemas are kilobytes, so this only stops abuse. */
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    /** The server's limits: the default ones, with bodies up to {@link #MAX_BODY_BYTES}. */
    public static final Limits LIMITS = Limits.DEFAULTS.withMaxBodyBytes(MAX_BODY_BYTES);

    private static final Logger LOG = LoggerFactory.getLogger(RegistryApi.class);

    private RegistryApi() {}

    /** The routes serving the full registry API over {@code store}. */
    public static List<Endpoint> routes(SchemaStore store) {
        List<Endpoint> routes = new ArrayList<>();
        routes.add(route("GET", "/", request -> RegistryJson.ok(RegistryJson.object())));
        new SubjectsResource(store).addTo(routes);
        new SchemasResource(store).addTo(routes);
        new ConfigResource(store).addTo(routes);
        new CompatibilityResource(store).addTo(routes);
        return List.copyOf(routes);
    }

    /** A route that first refuses request content types Confluent's registry does not read (415). */
    static Endpoint route(String method, String template, Endpoint.Handler handler) {
        return Endpoint.open(method, template, request -> {
            checkContentType(request.header("Content-Type").orElse(null));
            return handler.handle(request);
        });
    }

    /** Confluent's error body for every failure: the registry's own, routing, body limits and protocol errors. */
    public static ErrorRenderer errors() {
        return new ErrorRenderer() {
            @Override
            public Response render(Problem problem) {
                return switch (problem.status()) {
                    case 400 -> error(ErrorCode.MALFORMED_REQUEST, "Malformed request: " + problem.detail());
                    case 404 -> error(ErrorCode.NOT_FOUND, "HTTP 404 Not Found");
                    case 405 -> error(ErrorCode.METHOD_NOT_ALLOWED, "HTTP 405 Method Not Allowed");
                    case 413 ->
                        error(ErrorCode.PAYLOAD_TOO_LARGE, "Request body larger than " + MAX_BODY_BYTES + " bytes");
                    case 500 -> error(ErrorCode.STORE_ERROR, "Internal server error");
                    default ->
                        RegistryJson.json(
                                problem.status(),
                                RegistryJson.error(
                                        problem.status(),
                                        "HTTP " + problem.status() + " " + problem.title() + ": " + problem.detail()));
                };
            }

            @Override
            public Optional<Response> renderFailure(Exception failure) {
                if (!(failure instanceof RegistryException e)) {
                    return Optional.empty();
                }
                if (e.code().httpStatus() >= 500) {
                    LOG.error("Request failed: {}", e.getMessage(), e.getCause() == null ? e : e.getCause());
                } else {
                    LOG.debug("Request rejected: {}", e.getMessage());
                }
                return Optional.of(error(e.code(), e.getMessage()));
            }
        };
    }

    private static Response error(ErrorCode code, String message) {
        return RegistryJson.json(code.httpStatus(), RegistryJson.error(code.errorCode(), message));
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
}
