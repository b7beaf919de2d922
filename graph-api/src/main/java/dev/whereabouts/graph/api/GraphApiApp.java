package dev.whereabouts.graph.api;

import dev.whereabouts.catalog.LiveCatalog;
import dev.whereabouts.graph.request.KafkaRequestPublisher;
import dev.whereabouts.graph.schema.GraphSchema;
import dev.whereabouts.graph.schema.GraphTransactions;
import dev.whereabouts.graph.writer.GraphWriter;
import dev.whereabouts.graph.writer.GraphWriterSettings;
import dev.whereabouts.graph.writer.KafkaDeadLetterSink;
import dev.whereabouts.model.config.CommonSettings;
import dev.whereabouts.model.config.KafkaClientSettings;
import dev.whereabouts.model.config.Settings;
import dev.whereabouts.model.dsr.DeliveryKeys;
import dev.whereabouts.model.identity.Pseudonymiser;
import dev.whereabouts.model.lifecycle.StartedResources;
import dev.whereabouts.model.serde.CachingSchemaRegistryClient;
import dev.whereabouts.model.serde.RestSchemaRegistryClient;
import dev.whereabouts.model.serde.SchemaRegistryClient;
import dev.whereabouts.model.serde.SerdeConfig;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.web.Authenticator;
import dev.whereabouts.web.HttpService;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The graph-api service: the graph writer and the DPO API in one process, wired from {@link
 * ApiSettings} and the shared settings. {@link #start} returns a running instance; {@link #close} stops the API first (no new
 * work), then the writer (committing nothing unwritten), then the clients. {@code main} runs it until
 * SIGTERM.
 */
public final class GraphApiApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GraphApiApp.class);

    private final StartedResources resources;
    private final HttpService http;
    private final GraphWriter writer;

    private GraphApiApp(StartedResources resources, HttpService http, GraphWriter writer) {
        this.resources = resources;
        this.http = http;
        this.writer = writer;
    }

    public static void main(String[] args) throws Exception {
        ApiConfig config = ApiConfig.from(ApiConfig.COMMAND_LINE.parseOrExit(args));
        GraphApiApp app = start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            app.close();
                            stopped.countDown();
                        },
                        "graph-api-shutdown"));
        LOG.info("DPO API listening on {}", app.url());
        stopped.await();
    }

    /** Starts the writer (when enabled) and the API. */
    public static GraphApiApp start(ApiConfig config) throws IOException {
        StartedResources resources = new StartedResources();
        try {
            Driver driver = driver(config);
            resources.track(driver);
            GraphSchema.ensure(driver);
            SchemaRegistryClient registry = new CachingSchemaRegistryClient(
                    new RestSchemaRegistryClient(config.get(CommonSettings.REGISTRY_URL)));
            resources.track(registry);
            TopicSerdes serdes = new TopicSerdes(registry, SerdeConfig.defaults());
            Pseudonymiser pseudonymiser = pseudonymiser(config.settings());
            Map<String, Object> kafkaClient = KafkaClientSettings.clientProperties(config.settings());
            DeliveryKeys deliveryKeys = DeliveryKeys.fromSettings(config.settings());
            KafkaRequestPublisher publisher = KafkaRequestPublisher.create(kafkaClient, serdes);
            resources.track(publisher);
            // The controller's policy (deadlines, verification, supervisory authority) as the catalog publishes it.
            LiveCatalog catalog = LiveCatalog.start(kafkaClient, serdes);
            resources.track(catalog);
            GraphWriter writer = null;
            if (config.getBoolean(ApiSettings.WRITER_ENABLED)) {
                GraphWriterSettings settings = GraphWriterSettings.defaults(config.get(ApiSettings.WRITER_GROUP_ID))
                        .withMaxPollRecords(config.getInt(ApiSettings.WRITER_MAX_POLL_RECORDS));
                writer = GraphWriter.create(
                        kafkaClient,
                        driver,
                        serdes,
                        KafkaDeadLetterSink.create(Topics.GRAPH_WRITER_DEAD_LETTERS, kafkaClient, serdes),
                        settings);
                resources.track(writer);
                writer.start();
            }
            GraphTransactions graph = new GraphTransactions(driver);
            Clock clock = Clock.systemUTC();
            DpoApi api = new DpoApi(
                    graph,
                    publisher,
                    catalog::controllerPolicy,
                    deliveryKeys,
                    pseudonymiser,
                    config.get(ApiSettings.CONTROLLER),
                    clock);
            Authenticator authenticator = config.get(CommonSettings.API_TOKENS).isEmpty()
                    ? Authenticator.demo()
                    : Authenticator.fromSpec(config.get(CommonSettings.API_TOKENS));
            resources.track(api.startCopySweeper());
            resources.track(api.startConsoleCounts());
            HttpService http = api.start(
                    config.get(ApiSettings.HOST),
                    config.getInt(ApiSettings.PORT),
                    config.getInt(ApiSettings.HTTP_THREADS),
                    authenticator);
            resources.track(http);
            return new GraphApiApp(resources, http, writer);
        } catch (RuntimeException | IOException e) {
            resources.close();
            throw e;
        }
    }

    static Pseudonymiser pseudonymiser(Settings settings) {
        if (settings.get(CommonSettings.DEMO) && !settings.isSet(CommonSettings.PSEUDONYM_KEYS)) {
            LOG.warn("using the public demo pseudonymisation key: for the embedded demo only");
        }
        return Pseudonymiser.fromSettings(settings);
    }

    static Driver driver(ApiConfig config) {
        String user = config.get(ApiSettings.BOLT_USER);
        Config driverConfig = Config.builder()
                .withLogging(Logging.slf4j())
                .withMaxConnectionPoolSize(64)
                .build();
        return GraphDatabase.driver(
                URI.create(config.get(ApiSettings.BOLT_URI)),
                user.isEmpty() ? AuthTokens.none() : AuthTokens.basic(user, config.get(ApiSettings.BOLT_PASSWORD)),
                driverConfig);
    }

    public URI url() {
        return http.url();
    }

    /** The writer, when this instance runs one. */
    public java.util.Optional<GraphWriter> writer() {
        return java.util.Optional.ofNullable(writer);
    }

    @Override
    public void close() {
        resources.close();
    }

    /** How long a graceful stop may take, for supervisors. */
    public static Duration stopTimeout() {
        return Duration.ofSeconds(20);
    }
}
