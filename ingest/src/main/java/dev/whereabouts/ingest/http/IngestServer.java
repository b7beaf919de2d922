package dev.whereabouts.ingest.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.catalog.Catalog;
import dev.whereabouts.catalog.DataCategories;
import dev.whereabouts.catalog.LiveCatalog;
import dev.whereabouts.emitter.WhereaboutsEmitter;
import dev.whereabouts.ingest.validation.EventValidator;
import dev.whereabouts.model.config.CommonSettings;
import dev.whereabouts.model.config.KafkaClientSettings;
import dev.whereabouts.model.config.Settings;
import dev.whereabouts.model.identity.Pseudonymiser;
import dev.whereabouts.model.serde.CachingSchemaRegistryClient;
import dev.whereabouts.model.serde.RestSchemaRegistryClient;
import dev.whereabouts.model.serde.SchemaRegistryClient;
import dev.whereabouts.model.serde.SerdeConfig;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.web.Authenticator;
import dev.whereabouts.web.HttpService;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The HTTP ingest service, wired: live catalog from Kafka, the emitter (which pseudonymises), the
 * validator and the routes on the shared {@code web} layer. {@link IngestApp} runs it on its own; the
 * launcher runs it inside the embedded platform.
 */
public final class IngestServer implements AutoCloseable {

    private final SchemaRegistryClient registry;
    private final LiveCatalog catalog;
    private final WhereaboutsEmitter emitter;
    private final Admin admin;
    private final HttpService http;
    private volatile Readiness lastReadiness;

    private record Readiness(IngestApi.Readiness state, long checkedAtNanos) {}

    private IngestServer(
            SchemaRegistryClient registry,
            LiveCatalog catalog,
            Admin admin,
            WhereaboutsEmitter emitter,
            Settings settings,
            Authenticator authenticator,
            Pseudonymiser pseudonymiser,
            Duration ackTimeout)
            throws IOException {
        this.registry = registry;
        this.catalog = catalog;
        this.admin = admin;
        this.emitter = emitter;
        IngestService service = new IngestService(
                emitter,
                this::loadedCatalog,
                new EventValidator(DataCategories.fideslang()),
                settings.get(IngestSettings.REMEMBERED_EVENT_IDS),
                ackTimeout);
        ObjectMapper json = new ObjectMapper();
        IngestApi api = new IngestApi(
                service,
                pseudonymiser,
                this::readiness,
                IngestMetrics.registry(service, emitter::metrics, this::responseCounts),
                json);
        this.http = HttpService.start(
                "ingest",
                settings.get(IngestSettings.HOST),
                settings.get(IngestSettings.PORT),
                settings.get(IngestSettings.THREADS),
                api.routes(),
                authenticator,
                json);
    }

    /**
     * Starts the service.
     *
     * @param settings      {@link IngestSettings} and the shared Kafka and registry keys
     * @param authenticator who may publish (ENGINEER tokens, or the demo's anonymous caller)
     */
    public static IngestServer start(Settings settings, Authenticator authenticator, Pseudonymiser pseudonymiser)
            throws IOException {
        String registryUrl = settings.get(CommonSettings.REGISTRY_URL);
        Duration ackTimeout = Duration.ofSeconds(settings.get(IngestSettings.ACK_TIMEOUT_SECONDS));
        Map<String, Object> kafka = KafkaClientSettings.clientProperties(settings);
        SerdeConfig serdeConfig = SerdeConfig.fromMap(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl));
        List<AutoCloseable> started = new ArrayList<>();
        try {
            SchemaRegistryClient registry =
                    track(started, new CachingSchemaRegistryClient(new RestSchemaRegistryClient(serdeConfig)));
            WhereaboutsEmitter emitter = track(
                    started,
                    WhereaboutsEmitter.builder()
                            .kafkaClient(kafka)
                            .schemaRegistry(registry)
                            .sourceSystem("ingest-http")
                            .pseudonymiser(pseudonymiser)
                            .maxPendingEvents(settings.get(IngestSettings.MAX_PENDING_EVENTS))
                            // A request answers 503 after ackTimeout; Kafka gives up on the send not much later.
                            .set("request.timeout.ms", (int) Math.min(ackTimeout.toMillis(), 10_000))
                            .deliveryTimeout(ackTimeout.plusSeconds(5))
                            .build());
            LiveCatalog catalog = track(started, LiveCatalog.start(kafka, new TopicSerdes(registry, serdeConfig)));
            Admin admin = track(
                    started,
                    Admin.create(KafkaClientSettings.clientProperties(
                            settings,
                            Map.of(
                                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                                    3000,
                                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                                    2000))));
            return new IngestServer(
                    registry, catalog, admin, emitter, settings, authenticator, pseudonymiser, ackTimeout);
        } catch (IOException | RuntimeException e) {
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    started.get(i).close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static <T extends AutoCloseable> T track(List<AutoCloseable> started, T resource) {
        started.add(resource);
        return resource;
    }

    public URI url() {
        return http.url();
    }

    /** Waits until the catalog has been read from Kafka; false when it did not happen in time. */
    public boolean awaitCatalog(Duration timeout) throws InterruptedException {
        return catalog.awaitLoaded(timeout);
    }

    @Override
    public void close() {
        http.close();
        emitter.close(Duration.ofSeconds(10));
        catalog.close();
        admin.close(Duration.ofSeconds(2));
        registry.close();
    }

    private Optional<Catalog> loadedCatalog() {
        return catalog.isLoaded() ? Optional.of(catalog.current()) : Optional.empty();
    }

    /** Zero until the server has started: the registry is built before the server it counts. */
    private Map<Integer, Long> responseCounts() {
        return http == null ? Map.of() : http.responseCounts();
    }

    /** Checked at most once a second: readiness probes must not hammer Kafka and the registry. */
    private IngestApi.Readiness readiness() {
        Readiness cached = lastReadiness;
        if (cached != null && System.nanoTime() - cached.checkedAtNanos() < TimeUnit.SECONDS.toNanos(1)) {
            return cached.state();
        }
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put(
                "catalog",
                catalog.isLoaded() ? "loaded (" + catalog.current().holders().size() + " holders)" : "not loaded yet");
        try {
            admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
            checks.put("kafka", "ok");
        } catch (Exception e) {
            checks.put("kafka", "unreachable: " + e.getClass().getSimpleName());
        }
        try {
            registry.subjects();
            checks.put("registry", "ok");
        } catch (RuntimeException e) {
            checks.put("registry", "unreachable: " + e.getMessage());
        }
        boolean ready = checks.values().stream().allMatch(v -> v.equals("ok") || v.startsWith("loaded"));
        IngestApi.Readiness state = new IngestApi.Readiness(ready, checks);
        lastReadiness = new Readiness(state, System.nanoTime());
        return state;
    }
}
