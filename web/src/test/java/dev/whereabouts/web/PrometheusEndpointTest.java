package dev.whereabouts.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PrometheusEndpointTest {

    private static final String TOKEN = "engineer-token-0123456789";

    @Test
    void shouldServeTheRegistryAsPrometheusTextToCallersWithoutAToken() throws Exception {
        // Given a registry with a counter, a counter and a gauge read from values kept elsewhere
        PrometheusRegistry registry = new PrometheusRegistry();
        Counter requests = Counter.builder()
                .name("demo_requests_total")
                .help("Requests handled")
                .labelNames("outcome")
                .register(registry);
        requests.labelValues("ok").inc(3);
        AtomicLong sent = new AtomicLong(12_345);
        CounterWithCallback.builder()
                .name("demo_sent_total")
                .help("Messages sent")
                .callback(callback -> callback.call(sent.get()))
                .register(registry);
        GaugeWithCallback.builder()
                .name("demo_pending")
                .help("Messages waiting")
                .callback(callback -> callback.call(2))
                .register(registry);

        try (HttpService service = HttpService.start(
                "metrics-test",
                "127.0.0.1",
                0,
                2,
                List.of(PrometheusEndpoint.at("/metrics", registry)),
                Authenticator.fromSpec(TOKEN + "=checkout-service:ENGINEER"),
                new ObjectMapper())) {
            // When it is scraped twice, the source value moving in between
            HttpResponse<String> first = scrape(service);
            sent.incrementAndGet();
            HttpResponse<String> second = scrape(service);

            // Then every scrape reads the current values, counters keep their _total name exactly once
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
            assertThat(first.body()).isEqualTo("""
                            # HELP demo_pending Messages waiting
                            # TYPE demo_pending gauge
                            demo_pending 2.0
                            # HELP demo_requests_total Requests handled
                            # TYPE demo_requests_total counter
                            demo_requests_total{outcome="ok"} 3.0
                            # HELP demo_sent_total Messages sent
                            # TYPE demo_sent_total counter
                            demo_sent_total 12345.0
                            """);
            assertThat(second.body()).contains("\ndemo_sent_total 12346.0\n");
        }
    }

    private static HttpResponse<String> scrape(HttpService service) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(service.url().resolve("/metrics"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
