package dev.whereabouts.graph.api;

import dev.whereabouts.catalog.LiveCatalog;
import dev.whereabouts.graph.fixture.SeedScenario;
import dev.whereabouts.graph.fixture.StackClients;
import dev.whereabouts.graph.request.KafkaRequestPublisher;
import dev.whereabouts.graph.schema.GraphSchema;
import dev.whereabouts.graph.schema.GraphTransactions;
import dev.whereabouts.graph.writer.GraphWriter;
import dev.whereabouts.model.dsr.DeliveryKeys;
import dev.whereabouts.model.dsr.TaskTokens;
import dev.whereabouts.stack.junit.StackFixture;
import dev.whereabouts.web.Authenticator;
import dev.whereabouts.web.HttpService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The DPO API on a free port over the embedded stack, with a graph writer driven by the test and the
 * seed's controller policy read from its topic by the live catalog, as the service does. Callback tokens come from {@link #TOKEN_KEY}; webhook
 * holders sign with their demo secret ({@link DeliveryKeys#demoWebhookSecret}).
 */
public final class RunningApi implements AutoCloseable {

    public static final String TOKEN_KEY = "running-api-callback-token-key";

    public final StackClients clients;
    public final GraphWriter writer;
    public final ApiClient client;
    public final TaskTokens tokens = new TaskTokens(TOKEN_KEY);
    private final KafkaRequestPublisher publisher;
    private final LiveCatalog catalog;
    private final HttpService http;

    public RunningApi(StackFixture stack) {
        this(stack, Clock.systemUTC());
    }

    /** The same with the API on {@code clock} (e.g. one a test moves ahead). */
    public RunningApi(StackFixture stack, Clock clock) {
        clients = new StackClients(stack);
        GraphSchema.ensure(stack.driver());
        writer = clients.newWriter();
        publisher = KafkaRequestPublisher.create(stack.bootstrapServers(), clients.serdes());
        clients.produceControllerPolicy();
        catalog = LiveCatalog.start(
                Map.<String, Object>of("bootstrap.servers", stack.bootstrapServers()), clients.serdes());
        awaitPolicy();
        GraphTransactions graph = new GraphTransactions(stack.driver());
        DpoApi api = new DpoApi(
                graph,
                publisher,
                catalog::controllerPolicy,
                new DeliveryKeys(tokens, Map.of(), true),
                SeedScenario.PSEUDONYMISER,
                "SmartTrackers B.V.",
                clock);
        try {
            http = api.start("127.0.0.1", 0, 4, Authenticator.fromSpec(ApiClient.TOKENS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        client = new ApiClient(http.url());
    }

    /** Lets the writer write everything produced so far. */
    public void catchUp() {
        writer.catchUp(Duration.ofSeconds(60));
    }

    private void awaitPolicy() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (catalog.controllerPolicy().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the controller policy did not arrive within 60 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Where the API and the console listen. */
    public java.net.URI url() {
        return http.url();
    }

    @Override
    public void close() {
        http.close();
        catalog.close();
        publisher.close();
        clients.close();
    }
}
