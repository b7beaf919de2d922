package dev.whereabouts.web;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The one scrape endpoint of every service: serves a {@link PrometheusRegistry} in the Prometheus
 * text format, formatted by the Prometheus client library. Open to every caller, as scrapers carry
 * no token. A service registers its metrics on its own registry, typically as callbacks on the
 * counters its classes already keep, so nothing is counted twice.
 */
public final class PrometheusEndpoint {

    /**
     * Always the classic text format (0.0.4), whatever the scraper's {@code Accept} asks for: it is
     * what every service has served since its first version, and every Prometheus reads it.
     */
    private static final PrometheusTextFormatWriter TEXT = PrometheusTextFormatWriter.create();

    private PrometheusEndpoint() {}

    /** {@code GET path} answering the registry's current values. */
    public static Endpoint at(String path, PrometheusRegistry registry) {
        return Endpoint.open("GET", path, request -> scrape(registry));
    }

    private static Response scrape(PrometheusRegistry registry) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        TEXT.write(body, registry.scrape());
        return Response.bytes(200, TEXT.getContentType(), body.toByteArray());
    }
}
