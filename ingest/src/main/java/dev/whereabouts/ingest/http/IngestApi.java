package dev.whereabouts.ingest.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.ingest.validation.IncomingEvent;
import dev.whereabouts.web.Endpoint;
import dev.whereabouts.web.PrometheusEndpoint;
import dev.whereabouts.web.Response;
import dev.whereabouts.web.Role;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The routes of the ingest service (documented in {@code openapi/ingest.yaml}, served at
 * {@code /openapi.yaml}): publishing single events and batches, health, metrics.
 */
public final class IngestApi {

    /** Largest single-event body. */
    public static final int MAX_EVENT_BYTES = 64 * 1024;
    /** Largest batch body. */
    public static final int MAX_BATCH_BYTES = 5 * 1024 * 1024;
    /** Most events in one batch. */
    public static final int MAX_BATCH_EVENTS = 1000;

    private final IngestService service;
    private final EventJson eventJson;
    private final Supplier<Readiness> readiness;
    private final PrometheusRegistry metrics;
    private final ObjectMapper json;
    private final byte[] openApi;

    /** What {@code /health/ready} reports. */
    public record Readiness(boolean ready, Map<String, String> checks) {}

    public IngestApi(
            IngestService service,
            dev.whereabouts.model.identity.Pseudonymiser pseudonymiser,
            Supplier<Readiness> readiness,
            PrometheusRegistry metrics,
            ObjectMapper json) {
        this.service = service;
        this.eventJson = new EventJson(pseudonymiser, java.time.Clock.systemUTC());
        this.readiness = readiness;
        this.metrics = metrics;
        this.json = json;
        try (InputStream in = IngestApi.class.getResourceAsStream("/openapi/ingest.yaml")) {
            this.openApi = in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("openapi/ingest.yaml missing from the classpath", e);
        }
    }

    public List<Endpoint> routes() {
        return List.of(
                Endpoint.forRole(Role.ENGINEER, "POST", "/v1/events", request -> {
                    List<IncomingEvent> events = eventJson.single(request.jsonBody(MAX_EVENT_BYTES));
                    return accepted(service.publish(events));
                }),
                Endpoint.forRole(Role.ENGINEER, "POST", "/v1/events/batch", request -> {
                    List<IncomingEvent> events = eventJson.batch(request.jsonBody(MAX_BATCH_BYTES), MAX_BATCH_EVENTS);
                    return accepted(service.publish(events));
                }),
                Endpoint.open("GET", "/health/live", request -> Response.json(200, Map.of("live", true), json)),
                Endpoint.open("GET", "/health/ready", request -> {
                    Readiness state = readiness.get();
                    return Response.json(state.ready() ? 200 : 503, state, json);
                }),
                PrometheusEndpoint.at("/metrics", metrics),
                Endpoint.open("GET", "/openapi.yaml", request -> Response.bytes(200, "application/yaml", openApi)));
    }

    private Response accepted(List<IngestService.Accepted> accepted) {
        return Response.json(202, Map.of("accepted", accepted), json);
    }
}
