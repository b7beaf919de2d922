package dev.whereabouts.graph.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.graph.fixture.SeedScenario;
import dev.whereabouts.graph.request.KafkaRequestPublisher;
import dev.whereabouts.graph.request.RequestService;
import dev.whereabouts.graph.schema.GraphTransactions;
import dev.whereabouts.openapi.OpenApiContract;
import dev.whereabouts.web.Authenticator;
import dev.whereabouts.web.HttpService;
import java.time.Clock;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/**
 * The DPO API's routes and the OpenAPI document it serves cannot drift. Serving the document and
 * listing the routes touch neither Neo4j nor Kafka, so the driver points nowhere and the publisher
 * sends into Kafka's {@code MockProducer}.
 */
class DpoApiOpenApiTest {

    @Test
    void shouldServeAnOpenApiDocumentNamingExactlyItsRoutesWithExamplesThatMatchTheirSchemas() throws Exception {
        // Given the DPO API serving on a free port
        try (Driver unused = GraphDatabase.driver("bolt://127.0.0.1:1", AuthTokens.none());
                KafkaRequestPublisher publisher =
                        new KafkaRequestPublisher(new MockProducer<>(), new MockProducer<>())) {
            GraphTransactions graph = new GraphTransactions(unused);
            DpoApi api = new DpoApi(
                    graph,
                    new RequestService(graph, publisher, Clock.systemUTC()),
                    SeedScenario.PSEUDONYMISER,
                    "SmartTrackers B.V.",
                    Clock.systemUTC());
            try (HttpService http = api.start("127.0.0.1", 0, 2, Authenticator.demo())) {

                // When its served document is checked against its routes
                OpenApiContract contract = OpenApiContract.of(OpenApiContract.served(http.url()));

                // Then every route is documented, every documented operation is routed, every example matches
                assertThat(contract.violations(api.routes())).isEmpty();
                assertThat(contract.exampleCount()).isGreaterThan(5);
            }
        }
    }
}
