package dev.whereabouts.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.openapi.OpenApiContract;
import org.junit.jupiter.api.Test;

/**
 * The ingest API's routes and the OpenAPI document it serves cannot drift. Serving the document and
 * listing the routes publish nothing, so the emitter sends into Kafka's {@code MockProducer}.
 */
class IngestApiOpenApiTest {

    @Test
    void shouldServeAnOpenApiDocumentNamingExactlyItsRoutesWithExamplesThatMatchTheirSchemas() throws Exception {
        // Given the ingest API serving on a free port
        try (OfflineIngestApi ingest = new OfflineIngestApi()) {

            // When its served document is checked against its routes
            OpenApiContract contract = OpenApiContract.of(OpenApiContract.served(ingest.url()));

            // Then every route is documented, every documented operation is routed, every example matches
            assertThat(contract.violations(ingest.api().routes())).isEmpty();
            assertThat(contract.exampleCount()).isGreaterThan(3);
        }
    }
}
