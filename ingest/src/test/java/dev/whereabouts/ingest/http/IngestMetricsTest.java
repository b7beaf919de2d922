package dev.whereabouts.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.catalog.DataCategories;
import dev.whereabouts.emitter.WhereaboutsEmitter;
import dev.whereabouts.ingest.validation.EventValidator;
import dev.whereabouts.model.identity.PseudonymisationKeys;
import dev.whereabouts.model.identity.Pseudonymiser;
import dev.whereabouts.web.Authenticator;
import dev.whereabouts.web.HttpService;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.Test;

/** {@code /metrics} over HTTP: the names, types and values a scraper of the ingest service reads. */
class IngestMetricsTest {

    @Test
    void shouldExposeEveryIngestCounterUnderItsNameWithTheValueItsOwnerCounted() throws Exception {
        // Given the ingest API, its emitter on Kafka's MockProducer and no catalog loaded yet
        Pseudonymiser pseudonymiser = new Pseudonymiser(PseudonymisationKeys.demo());
        try (WhereaboutsEmitter emitter = WhereaboutsEmitter.builder()
                .sourceSystem("ingest-http")
                .pseudonymiser(pseudonymiser)
                .producer(new MockProducer<>())
                .build()) {
            IngestService service = new IngestService(
                    emitter,
                    Optional::empty,
                    new EventValidator(DataCategories.fideslang()),
                    10,
                    Duration.ofSeconds(1));
            ObjectMapper json = new ObjectMapper();
            HttpService[] started = new HttpService[1];
            IngestApi api = new IngestApi(
                    service,
                    pseudonymiser,
                    () -> new IngestApi.Readiness(true, Map.of()),
                    IngestMetrics.registry(service, emitter::metrics, () -> started[0].responseCounts()),
                    json);
            try (HttpService http =
                    HttpService.start("ingest", "127.0.0.1", 0, 2, api.routes(), Authenticator.demo(), json)) {
                started[0] = http;

                // When a probe is answered, a malformed event refused and /metrics scraped
                HttpResponse<String> live =
                        send(HttpRequest.newBuilder(http.url().resolve("/health/live")));
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
                List<String> samples = metrics.body()
                        .lines()
                        .filter(line -> !line.startsWith("#"))
                        .toList();
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
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
