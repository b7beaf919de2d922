package dev.whereabouts.graph.api;

import dev.whereabouts.graph.fixture.SeedScenario;
import dev.whereabouts.graph.request.ControllerPolicySource;
import dev.whereabouts.graph.request.KafkaRequestPublisher;
import dev.whereabouts.graph.schema.GraphTransactions;
import dev.whereabouts.model.catalog.ControllerPolicy;
import dev.whereabouts.model.dsr.DeliveryKeys;
import dev.whereabouts.model.dsr.TaskTokens;
import dev.whereabouts.web.Authenticator;
import dev.whereabouts.web.HttpService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.MockProducer;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/**
 * The DPO API on a free port with nothing behind it: the Neo4j driver points nowhere and the
 * publisher sends into Kafka's {@code MockProducer}. For what the API answers before it reads the
 * graph or waits for Kafka: its routes and document, and every body, parameter and credential it
 * refuses at the door.
 */
final class OfflineApi implements AutoCloseable {

    static final String TOKEN_KEY = "offline-api-callback-token-key";

    final DpoApi api;
    final HttpService http;
    final ApiClient client;
    final TaskTokens tokens = new TaskTokens(TOKEN_KEY);
    private final Driver nowhere = GraphDatabase.driver("bolt://127.0.0.1:1", AuthTokens.none());
    private final KafkaRequestPublisher publisher =
            new KafkaRequestPublisher(new MockProducer<>(), new MockProducer<>(), new MockProducer<>());

    /** With the seed's controller policy loaded, or none ({@code Optional.empty()}: not loaded yet). */
    OfflineApi(Optional<ControllerPolicy> policy, Authenticator authenticator) {
        GraphTransactions graph = new GraphTransactions(nowhere);
        ControllerPolicySource policies = () -> policy;
        api = new DpoApi(
                graph,
                publisher,
                policies,
                new DeliveryKeys(tokens, Map.of(), true),
                SeedScenario.PSEUDONYMISER,
                "SmartTrackers B.V.",
                Clock.systemUTC());
        try {
            http = api.start("127.0.0.1", 0, 2, authenticator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        client = new ApiClient(http.url());
    }

    OfflineApi() {
        this(Optional.of(SeedScenario.controllerPolicy()), Authenticator.fromSpec(ApiClient.TOKENS));
    }

    @Override
    public void close() {
        http.close();
        publisher.close();
        nowhere.close();
    }
}
