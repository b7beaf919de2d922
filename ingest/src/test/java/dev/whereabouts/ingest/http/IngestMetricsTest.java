package dev.whereabouts.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /metrics} over HTTP: the names, types and values a scraper of the ingest service reads. */
class IngestMetricsTest {

    @Test
    void shouldExposeEveryIngestCounterUnderItsNameWithTheValueItsOwnerCounted() throws Exception {
        // Given the ingest API, its emitter on Kafka's MockProducer and no catalog loaded yet
        try (OfflineIngestApi http = new OfflineIngestApi()) {

            // When a probe is answered, a malformed event refused and /metrics scraped
            HttpResponse<String> live = send(HttpRequest.newBuilder(http.url().resolve("/health/live")));
            HttpResponse<String> refused =
                    send(HttpRequest.newBuilder(http.url().resolve("/v1/events"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{")));
            HttpResponse<String> metrics =
                    send(HttpRequest.newBuilder(http.url().resolve("/metrics")));

            // Then the scrape shows the names ingest always exposed, typed, with the counted values
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
            List<String> samples =
                    metrics.body().lines().filter(line -> !line.startsWith("#")).toList();
            assertThat(samples)
                    .containsExactlyInAnyOrder(
                            "whereabouts_ingest_emitter_acked_total 0.0",
                            "whereabouts_ingest_emitter_failed_total 0.0",
                            "whereabouts_ingest_emitter_pending 0.0",
                            "whereabouts_ingest_events_accepted_total 0.0",
                            "whereabouts_ingest_events_duplicate_total 0.0",
                            "whereabouts_ingest_events_failed_total 0.0",
                            "whereabouts_ingest_events_rejected_total 0.0",
                            "whereabouts_ingest_http_responses_2xx_total 1.0",
                            "whereabouts_ingest_http_responses_4xx_total 1.0",
                            "whereabouts_ingest_http_responses_5xx_total 0.0");
            assertThat(metrics.body())
                    .contains("# TYPE whereabouts_ingest_emitter_pending gauge\n")
                    .contains("# TYPE whereabouts_ingest_events_accepted_total counter\n");
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
