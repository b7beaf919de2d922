package dev.whereabouts.graph.api;

import dev.whereabouts.graph.fixture.SeedScenario;
import dev.whereabouts.graph.fixture.StackClients;
import dev.whereabouts.graph.request.KafkaRequestPublisher;
import dev.whereabouts.graph.request.RequestService;
import dev.whereabouts.graph.schema.GraphSchema;
import dev.whereabouts.graph.schema.GraphTransactions;
import dev.whereabouts.graph.writer.GraphWriter;
import dev.whereabouts.stack.junit.StackFixture;
import dev.whereabouts.web.Authenticator;
import dev.whereabouts.web.HttpService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;

/** The DPO API on a free port over the embedded stack, with a graph writer driven by the test. */
final class RunningApi implements AutoCloseable {

    final StackClients clients;
    final GraphWriter writer;
    final ApiClient client;
    private final KafkaRequestPublisher publisher;
    private final HttpService http;

    RunningApi(StackFixture stack) {
        clients = new StackClients(stack);
        GraphSchema.ensure(stack.driver());
        writer = clients.newWriter();
        publisher = KafkaRequestPublisher.create(stack.bootstrapServers(), clients.serdes());
        GraphTransactions graph = new GraphTransactions(stack.driver());
        DpoApi api = new DpoApi(
                graph,
                new RequestService(graph, publisher, Clock.systemUTC()),
                SeedScenario.PSEUDONYMISER,
                "SmartTrackers B.V.",
                Clock.systemUTC());
        try {
            http = api.start("127.0.0.1", 0, 4, Authenticator.fromSpec(ApiClient.TOKENS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        client = new ApiClient(http.url());
    }

    /** Lets the writer write everything produced so far. */
    void catchUp() {
        writer.catchUp(Duration.ofSeconds(60));
    }

    @Override
    public void close() {
        http.close();
        publisher.close();
        clients.close();
    }
}
