package dev.whereabouts.ingest.http;

import dev.whereabouts.emitter.EmitterMetrics;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the ingest service shows at {@code /metrics}. Each value stays counted where it happens (the
 * service, the emitter, the HTTP layer) and is read when Prometheus scrapes, so the exposition is the
 * library's and the counting is ours. Names are given with their {@code _total} suffix: the library
 * strips it from a counter's name and writes it back once, so what is exposed is exactly the name here.
 */
final class IngestMetrics {

    private static final String PREFIX = "whereabouts_ingest_";

    private IngestMetrics() {}

    /**
     * @param responses responses answered so far by status class (2, 4, 5), read at every scrape
     */
    static PrometheusRegistry registry(
            IngestService service, Supplier<EmitterMetrics> emitter, Supplier<Map<Integer, Long>> responses) {
        PrometheusRegistry registry = new PrometheusRegistry();
        serviceCounter(registry, service, "events_accepted_total", "Events Kafka acknowledged");
        serviceCounter(registry, service, "events_duplicate_total", "Events skipped as already accepted");
        serviceCounter(registry, service, "events_rejected_total", "Events refused as not matching the catalog");
        serviceCounter(registry, service, "events_failed_total", "Events Kafka did not acknowledge in time");
        GaugeWithCallback.builder()
                .name(PREFIX + "emitter_pending")
                .help("Events handed to the emitter and not yet acknowledged or failed")
                .callback(callback -> callback.call(emitter.get().pending()))
                .register(registry);
        counter(
                registry,
                "emitter_acked_total",
                "Events the broker acknowledged to the emitter",
                () -> emitter.get().acked());
        counter(
                registry,
                "emitter_failed_total",
                "Events the emitter could not deliver",
                () -> emitter.get().failed());
        for (int statusClass : new int[] {2, 4, 5}) {
            counter(
                    registry,
                    "http_responses_" + statusClass + "xx_total",
                    "HTTP responses with a " + statusClass + "xx status",
                    () -> responses.get().getOrDefault(statusClass, 0L));
        }
        return registry;
    }

    private static void serviceCounter(PrometheusRegistry registry, IngestService service, String name, String help) {
        counter(registry, name, help, () -> service.counters().get(name));
    }

    private static void counter(PrometheusRegistry registry, String name, String help, LongSupplier value) {
        CounterWithCallback.builder()
                .name(PREFIX + name)
                .help(help)
                .callback(callback -> callback.call(value.getAsLong()))
                .register(registry);
    }
}
