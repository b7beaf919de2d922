package dev.whereabouts.launcher;

import dev.whereabouts.catalog.CatalogLoader;
import dev.whereabouts.catalog.CatalogPublisher;
import dev.whereabouts.catalog.PublishResult;
import dev.whereabouts.dispatch.DispatchSettings;
import dev.whereabouts.dispatch.DispatcherApp;
import dev.whereabouts.emitter.WhereaboutsEmitter;
import dev.whereabouts.graph.api.ApiConfig;
import dev.whereabouts.graph.api.ApiSettings;
import dev.whereabouts.graph.api.GraphApiApp;
import dev.whereabouts.ingest.http.IngestApp;
import dev.whereabouts.ingest.http.IngestServer;
import dev.whereabouts.ingest.http.IngestSettings;
import dev.whereabouts.launcher.demo.DemoData;
import dev.whereabouts.launcher.demo.DemoWebhookHolder;
import dev.whereabouts.model.config.CommonSettings;
import dev.whereabouts.model.config.DeliverySettings;
import dev.whereabouts.model.config.KafkaClientSettings;
import dev.whereabouts.model.config.Settings;
import dev.whereabouts.model.serde.CachingSchemaRegistryClient;
import dev.whereabouts.model.serde.RestSchemaRegistryClient;
import dev.whereabouts.model.serde.SchemaRegistryClient;
import dev.whereabouts.model.serde.SerdeConfig;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.stack.StackConfig;
import dev.whereabouts.streams.app.StreamsApp;
import dev.whereabouts.streams.app.StreamsSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Time;

/**
 * The whole platform on one machine: the embedded stack, the seed catalog published to its topics,
 * and the services (lineage topology, HTTP ingest, graph writer and DPO API, task dispatcher), with the
 * demo webhook holder beside them. This is the embedded demo: without
 * {@code WHEREABOUTS_API_TOKENS} anonymous callers may publish, and without
 * {@code WHEREABOUTS_PSEUDONYM_KEYS} the public demo key pseudonymises.
 */
public final class Platform implements AutoCloseable {

    /** Application id of the lineage topology in the embedded platform (its consumer group and state). */
    public static final String LINEAGE_APPLICATION_ID = "whereabouts-lineage";

    private final Infrastructure stack;
    private final StreamsApp lineage;
    private final IngestServer ingest;
    private final GraphApiApp dpo;
    private final DispatcherApp dispatcher;
    private final DemoWebhookHolder demoHolder;
    private volatile int demoPeople;
    private final long startedNanos;
    private final long readyNanos;

    private Platform(
            Infrastructure stack,
            StreamsApp lineage,
            IngestServer ingest,
            GraphApiApp dpo,
            DispatcherApp dispatcher,
            DemoWebhookHolder demoHolder,
            long startedNanos) {
        this.stack = stack;
        this.lineage = lineage;
        this.ingest = ingest;
        this.dpo = dpo;
        this.dispatcher = dispatcher;
        this.demoHolder = demoHolder;
        this.startedNanos = startedNanos;
        this.readyNanos = System.nanoTime();
    }

    /** Starts the platform on the embedded stack {@code config} describes (also used by the benchmark). */
    public static Platform start(StackConfig config, PlatformOptions options, PrintStream progress) {
        return start(config, options, Optional.empty(), Settings.fromProcess(), progress);
    }

    /** With {@code external} present, the services run against those instead of an embedded stack. */
    static Platform start(
            StackConfig config, PlatformOptions options, Optional<ExternalEndpoints> external, PrintStream progress) {
        return start(config, options, external, Settings.fromProcess(), progress);
    }

    /**
     * As above; {@code settings} carries every service's keys (the command line on top of the environment);
     * the platform sets only what it decides itself: where Kafka, the registry and Neo4j are, the
     * ports in {@code options} and the demo switch.
     */
    static Platform start(
            StackConfig config,
            PlatformOptions options,
            Optional<ExternalEndpoints> external,
            Settings settings,
            PrintStream progress) {
        return start(config, options, external, settings, progress, Time.SYSTEM);
    }

    /**
     * As above, the lineage topology's wall clock (overdue flags, reminders, expiry) being {@code
     * lineageClock}: the system clock, or in tests one moved weeks ahead.
     */
    static Platform start(
            StackConfig config,
            PlatformOptions options,
            Optional<ExternalEndpoints> external,
            Settings settings,
            PrintStream progress,
            Time lineageClock) {
        long started = System.nanoTime();
        Infrastructure stack = external.map(Infrastructure::external).orElseGet(() -> Infrastructure.embedded(config));
        progress.println("  " + (external.isPresent() ? "external services" : "stack ready") + ": Kafka "
                + stack.bootstrapServers() + ", registry " + stack.registryUrl() + ", Neo4j " + stack.boltUri());
        try {
            Settings connected = settings.with(CommonSettings.KAFKA_BOOTSTRAP_SERVERS, stack.bootstrapServers())
                    .with(CommonSettings.REGISTRY_URL, stack.registryUrl());
            Settings ingestSettings = connected
                    .with(CommonSettings.DEMO, options.demoAccess())
                    .with(IngestSettings.PORT, options.ingestPort());
            // The graph side (schema, writer, DPO API) needs nothing the Kafka side starts, so it
            // starts alongside it: on a slow machine that is seconds off the time to a serving API.
            CompletableFuture<GraphApiApp> graphSide = CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return startDpoApi(stack, options, connected);
                        } catch (IOException e) {
                            throw new UncheckedIOException("could not start the DPO API: " + e.getMessage(), e);
                        }
                    },
                    task -> {
                        Thread thread = new Thread(task, "start-dpo-api");
                        thread.setDaemon(true);
                        thread.start();
                    });
            StreamsApp lineage = null;
            IngestServer ingest;
            try {
                publishSeedCatalog(stack, connected, progress);
                lineage = startLineage(stack, config, connected, lineageClock);
                progress.println("  lineage topology started (application " + LINEAGE_APPLICATION_ID + ")");
                ingest = IngestServer.start(
                        ingestSettings,
                        IngestApp.authenticator(ingestSettings),
                        IngestApp.pseudonymiser(ingestSettings));
                if (!ingest.awaitCatalog(Duration.ofSeconds(30))) {
                    ingest.close();
                    throw new IllegalStateException(
                            "the ingest service did not load the catalog from Kafka within 30 s");
                }
            } catch (IOException | RuntimeException e) {
                closeOnceStarted(graphSide);
                if (lineage != null) {
                    lineage.close();
                }
                throw e;
            }
            progress.println("  ingest serving " + ingest.url());
            GraphApiApp dpo;
            try {
                dpo = graphSide.join();
            } catch (CompletionException e) {
                ingest.close();
                lineage.close();
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
            progress.println("  graph writer and DPO API serving " + dpo.url());
            // The dispatcher needs the catalog (published above) and the DPO API's address for the
            // callback links; the demo holder must listen before the first webhook goes out.
            DemoWebhookHolder demoHolder = options.demoAccess() ? startDemoHolder(options, progress) : null;
            DispatcherApp dispatcher;
            try {
                dispatcher = startDispatcher(config, options, connected, dpo);
            } catch (RuntimeException e) {
                if (demoHolder != null) {
                    demoHolder.close();
                }
                dpo.close();
                ingest.close();
                lineage.close();
                throw e;
            }
            progress.println("  task dispatcher started; e-mail to holders goes to the "
                    + dispatcher.mail().describe());
            Platform platform = new Platform(stack, lineage, ingest, dpo, dispatcher, demoHolder, started);
            try {
                platform.loadDemo(options.demoPeople(), ingestSettings, progress);
            } catch (RuntimeException e) {
                platform.close();
                throw e;
            }
            return platform;
        } catch (IOException e) {
            stack.close();
            throw new UncheckedIOException("could not start the ingest service: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stack.close();
            throw new IllegalStateException("interrupted while starting", e);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** Waits for the graph side's start to end, and closes it if it started. */
    private static void closeOnceStarted(CompletableFuture<GraphApiApp> graphSide) {
        graphSide
                .handle((app, error) -> {
                    if (app != null) {
                        app.close();
                    }
                    return null;
                })
                .join();
    }

    /**
     * Streams keeps its state under the data directory, so a restart resumes where it stopped. The
     * application id, state directory and replication factor are the platform's unless set.
     */
    private static StreamsApp startLineage(Infrastructure stack, StackConfig config, Settings settings, Time clock) {
        Settings lineage = settings;
        if (!settings.isSet(StreamsSettings.APPLICATION_ID)) {
            lineage = lineage.with(StreamsSettings.APPLICATION_ID, LINEAGE_APPLICATION_ID);
        }
        if (!settings.isSet(StreamsSettings.STATE_DIR)) {
            lineage = lineage.with(
                    StreamsSettings.STATE_DIR, config.dataDirectory().resolve("streams"));
        }
        if (!settings.isSet(StreamsSettings.REPLICATION_FACTOR)) {
            lineage = lineage.with(StreamsSettings.REPLICATION_FACTOR, stack.replicationFactor());
        }
        return new StreamsApp(new StreamsSettings(lineage), clock).start();
    }

    /** The graph writer and the DPO API in this process; anonymous demo access unless tokens are configured. */
    private static GraphApiApp startDpoApi(Infrastructure stack, PlatformOptions options, Settings settings)
            throws IOException {
        Settings api = settings.with(
                        CommonSettings.DEMO, options.demoAccess() && !settings.isSet(CommonSettings.API_TOKENS))
                .with(ApiSettings.BOLT_URI, stack.boltUri())
                .with(ApiSettings.PORT, options.apiPort());
        return GraphApiApp.start(ApiConfig.from(api));
    }

    /**
     * The task dispatcher: callback links point at this DPO API and e-mail goes to {@code <data
     * dir>/outbox}, unless set; the demo keys exactly when the DPO API uses them.
     */
    private static DispatcherApp startDispatcher(
            StackConfig config, PlatformOptions options, Settings settings, GraphApiApp dpo) {
        Settings dispatch =
                settings.with(CommonSettings.DEMO, options.demoAccess() && !settings.isSet(CommonSettings.API_TOKENS));
        if (!settings.isSet(DeliverySettings.CALLBACK_URL)) {
            dispatch = dispatch.with(DeliverySettings.CALLBACK_URL, dpo.url().toString());
        }
        if (!settings.isSet(DispatchSettings.OUTBOX_DIR)) {
            dispatch = dispatch.with(
                    DispatchSettings.OUTBOX_DIR, config.dataDirectory().resolve("outbox"));
        }
        return DispatcherApp.start(dispatch);
    }

    /**
     * The demo's webhook holder on 127.0.0.1; a port in use (another platform on this machine) only
     * costs the demo its answers, so it is reported and the platform goes on.
     */
    private static DemoWebhookHolder startDemoHolder(PlatformOptions options, PrintStream progress) {
        try {
            DemoWebhookHolder holder = DemoWebhookHolder.start(
                    "127.0.0.1", options.demoHolderPort(), Clock.systemUTC(), Duration.ofSeconds(2));
            progress.println("  demo webhook holder listening on " + holder.url());
            return holder;
        } catch (IOException e) {
            progress.println("  demo webhook holder not started: port " + options.demoHolderPort() + " is not free ("
                    + e.getMessage() + ")");
            return null;
        }
    }

    private static void publishSeedCatalog(Infrastructure stack, Settings settings, PrintStream progress) {
        SerdeConfig serdeConfig = SerdeConfig.fromMap(
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, stack.registryUrl().toString()));
        try (SchemaRegistryClient registry =
                        new CachingSchemaRegistryClient(new RestSchemaRegistryClient(serdeConfig));
                CatalogPublisher publisher = new CatalogPublisher(
                        KafkaClientSettings.clientProperties(settings), new TopicSerdes(registry, serdeConfig))) {
            PublishResult result = publisher.publish(CatalogLoader.seed());
            progress.println("  seed catalog (SmartTrackers B.V.): " + result);
        }
    }

    /**
     * Loads the synthetic demo people into a platform that has no sharing events yet; a restart
     * keeps what the first start loaded and adds nothing.
     */
    private void loadDemo(int people, Settings settings, PrintStream progress) {
        if (people == 0) {
            return;
        }
        if (sharingEventsPublished(settings) > 0) {
            progress.println("  demo data already loaded (the data directory is reused)");
            return;
        }
        try (SchemaRegistryClient registry = new CachingSchemaRegistryClient(
                        new RestSchemaRegistryClient(stack.registryUrl().toString()));
                WhereaboutsEmitter emitter = WhereaboutsEmitter.builder()
                        .kafkaClient(KafkaClientSettings.clientProperties(settings))
                        .schemaRegistry(registry)
                        .sourceSystem("smarttrackers-app")
                        .pseudonymiser(IngestApp.pseudonymiser(settings))
                        .maxPendingEvents(100_000)
                        .build()) {
            int events = new DemoData(CatalogLoader.seed(), 2022_01_17L)
                    .publish(emitter, people, java.time.Instant.now(), progress);
            demoPeople = people;
            progress.println("  demo data: " + events + " sharing events of " + people + " people published");
        }
    }

    private long sharingEventsPublished(Settings settings) {
        try (Admin admin = Admin.create(KafkaClientSettings.clientProperties(settings))) {
            var partitions = admin
                    .describeTopics(List.of(Topics.SHARING_EVENTS.name()))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(Topics.SHARING_EVENTS.name())
                    .partitions()
                    .stream()
                    .collect(java.util.stream.Collectors.toMap(
                            p -> new TopicPartition(Topics.SHARING_EVENTS.name(), p.partition()),
                            p -> OffsetSpec.latest()));
            return admin.listOffsets(partitions).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
                    .sum();
        } catch (Exception e) {
            throw new IllegalStateException("could not read the sharing-events offsets: " + e.getMessage(), e);
        }
    }

    /** How many demo people this start loaded; 0 when none or when a previous start did. */
    int demoPeopleLoaded() {
        return demoPeople;
    }

    Infrastructure infrastructure() {
        return stack;
    }

    public String bootstrapServers() {
        return stack.bootstrapServers();
    }

    public URI registryUrl() {
        return stack.registryUrl();
    }

    public URI boltUri() {
        return stack.boltUri();
    }

    public Duration startupTime() {
        return Duration.ofNanos(readyNanos - startedNanos);
    }

    public URI ingestUrl() {
        return ingest.url();
    }

    public URI dpoUrl() {
        return dpo.url();
    }

    /** The task dispatcher running in this platform. */
    public DispatcherApp dispatcher() {
        return dispatcher;
    }

    /** The demo webhook holder, when it runs. */
    Optional<DemoWebhookHolder> demoHolder() {
        return Optional.ofNullable(demoHolder);
    }

    Map<String, String> endpoints() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put(
                "DPO console",
                dpo.url() + "/console  (open it in a browser"
                        + (demoHolder != null
                                ? "; the demo signs you in as the demo DPO)"
                                : "; sign in with a DPO token)"));
        endpoints.put("DPO API", dpo.url() + "  (OpenAPI: " + dpo.url() + "/openapi.yaml)");
        endpoints.put("Ingest API", ingest.url() + "  (OpenAPI: " + ingest.url() + "/openapi.yaml)");
        endpoints.put("Task e-mail", dispatcher.mail().describe());
        if (demoHolder != null) {
            endpoints.put(
                    "Demo holder",
                    demoHolder.url() + "/holders/{holder}/tasks  (answers webhook tasks of catalog holders pointed"
                            + " at it)");
        }
        endpoints.putAll(stack.endpoints());
        return endpoints;
    }

    @Override
    public void close() {
        dispatcher.close();
        if (demoHolder != null) {
            demoHolder.close();
        }
        dpo.close();
        ingest.close();
        lineage.close();
        stack.close();
    }
}
