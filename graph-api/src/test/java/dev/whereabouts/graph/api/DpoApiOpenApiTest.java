package dev.whereabouts.graph.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.graph.fixture.SeedScenario;
import dev.whereabouts.openapi.OpenApiContract;
import dev.whereabouts.web.Authenticator;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The DPO API's routes and the OpenAPI document it serves cannot drift. Serving the document and
 * listing the routes touch neither Neo4j nor Kafka ({@link OfflineApi}).
 */
class DpoApiOpenApiTest {

    @Test
    void shouldServeAnOpenApiDocumentNamingExactlyItsRoutesWithExamplesThatMatchTheirSchemas() {
        // Given the DPO API serving on a free port
        try (OfflineApi offline = new OfflineApi(Optional.of(SeedScenario.controllerPolicy()), Authenticator.demo())) {

            // When its served document is checked against its routes
            OpenApiContract contract = OpenApiContract.of(OpenApiContract.served(offline.http.url()));

            // Then every route is documented, every documented operation is routed, every example matches
            assertThat(contract.violations(offline.api.routes())).isEmpty();
            assertThat(contract.exampleCount()).isGreaterThan(5);
        }
    }
}
