package dev.whereabouts.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.catalog.DataCategories;
import dev.whereabouts.emitter.WhereaboutsEmitter;
import dev.whereabouts.ingest.validation.EventValidator;
import dev.whereabouts.model.identity.PseudonymisationKeys;
import dev.whereabouts.model.identity.Pseudonymiser;
import dev.whereabouts.openapi.OpenApiContract;
import dev.whereabouts.web.Authenticator;
import dev.whereabouts.web.HttpService;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.Test;

/**
 * The ingest API's routes and the OpenAPI document it serves cannot drift. Serving the document and
 * listing the routes publish nothing, so the emitter sends into Kafka's {@code MockProducer}.
 */
class IngestApiOpenApiTest {

    @Test
    void shouldServeAnOpenApiDocumentNamingExactlyItsRoutesWithExamplesThatMatchTheirSchemas() throws Exception {
        // Given the ingest API serving on a free port
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
            IngestApi api = new IngestApi(
                    service,
                    pseudonymiser,
                    () -> new IngestApi.Readiness(true, Map.of()),
                    IngestMetrics.registry(service, emitter::metrics, Map::of),
                    json);
            try (HttpService http =
                    HttpService.start("ingest", "127.0.0.1", 0, 2, api.routes(), Authenticator.demo(), json)) {

                // When its served document is checked against its routes
                OpenApiContract contract = OpenApiContract.of(OpenApiContract.served(http.url()));

                // Then every route is documented, every documented operation is routed, every example matches
                assertThat(contract.violations(api.routes())).isEmpty();
                assertThat(contract.exampleCount()).isGreaterThan(3);
            }
        }
    }
}
