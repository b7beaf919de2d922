package dev.whereabouts.streams;

import dev.whereabouts.model.catalog.DeclaredFlow;
import dev.whereabouts.model.catalog.Holder;
import dev.whereabouts.model.deadletter.DeadLetter;
import dev.whereabouts.model.dsr.DataSubjectRequest;
import dev.whereabouts.model.dsr.HolderOutcome;
import dev.whereabouts.model.dsr.RequestDecision;
import dev.whereabouts.model.lineage.LineageKey;
import dev.whereabouts.model.lineage.LineageRecord;
import dev.whereabouts.model.sharing.SharingEvent;
import dev.whereabouts.model.topic.LineagePartitions;
import dev.whereabouts.model.topic.Topic;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.streams.catalog.CatalogCache;
import dev.whereabouts.streams.catalog.CatalogStoreUpdater;
import dev.whereabouts.streams.dsr.RequestProcessor;
import dev.whereabouts.streams.identity.IdentityProcessor;
import dev.whereabouts.streams.intake.IntakeProcessor;
import dev.whereabouts.streams.intake.IntakeSpecs;
import dev.whereabouts.streams.lineage.SubjectProcessor;
import dev.whereabouts.streams.retention.RetentionIndex;
import dev.whereabouts.streams.routing.RoutePartitioning;
import dev.whereabouts.streams.routing.RoutingProcessor;
import dev.whereabouts.streams.state.Route;
import dev.whereabouts.streams.state.StateSerde;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The Whereabouts Streams topology, as a pure function of its configuration.
 *
 * <pre>
 *  sharing-events ─▶ intake (decode, validate, dedupe) ─┐
 *  dsr.requests  ─▶ intake (decode, validate)         ──┼─▶ routing stages ─▶ lineage, subject-identities,
 *  dsr.outcomes  ─▶ intake (decode)                   ──┘   identity       │  subject-merges, dsr.tasks,
 *                                          route (loop) ──▶  subjects       │  dsr.status, retention-findings
 *                                               ▲            requests       │
 *                                               └── keys another task owns ─┘
 *  catalog.holders, catalog.flows ─▶ global stores (every instance sees the whole catalog)
 * </pre>
 *
 * Everything runs in one sub-topology, so the task reading partition N of an input topic also owns
 * partition N of the routing topic: identity, subject and request work for keys this task owns is
 * done at once, in the same transaction; only work for another task's keys takes the routing topic
 * ({@link RoutingProcessor}, {@link RoutePartitioning}).
 *
 * Poison and invalid input records go to their topic's dead-letter twin from inside the topology,
 * in the same transaction as everything else. See {@code docs/streams.md} and ADR 0003.
 */
public final class LineageTopology {

    /** Processor and sink names, as they appear in the rendered topology description. */
    static final String ROUTE_SOURCE = "route";

    static final String STAGES = "routing-stages";
    static final String TO_ROUTE = "to-route";
    static final String DEDUPE_STORE = "sharing-event-ids";

    private LineageTopology() {}

    public static Topology build(TopologyConfig config) {
        TopicSerdes serdes = config.serdes();
        Topology topology = new Topology();
        CatalogCache catalog = new CatalogCache();
        String route = config.routeTopic();
        StringSerializer strings = new StringSerializer();
        Serde<Route> routes = StateSerde.ROUTE;

        // ---- catalog: global, so every instance sees every holder and flow ----------------------
        topology.addGlobalStore(
                globalStore(CatalogCache.HOLDERS_STORE, serdes.valueSerde(Topics.CATALOG_HOLDERS)),
                "catalog-holders-source",
                new StringDeserializer(),
                serdes.valueSerde(Topics.CATALOG_HOLDERS).deserializer(),
                Topics.CATALOG_HOLDERS.name(),
                "catalog-holders-updater",
                () -> new CatalogStoreUpdater<Holder>(CatalogCache.HOLDERS_STORE, catalog));
        topology.addGlobalStore(
                globalStore(CatalogCache.FLOWS_STORE, serdes.valueSerde(Topics.CATALOG_FLOWS)),
                "catalog-flows-source",
                new StringDeserializer(),
                serdes.valueSerde(Topics.CATALOG_FLOWS).deserializer(),
                Topics.CATALOG_FLOWS.name(),
                "catalog-flows-updater",
                () -> new CatalogStoreUpdater<DeclaredFlow>(CatalogCache.FLOWS_STORE, catalog));

        // ---- intake: decode, validate, dedupe; then straight into the routing stages ----------------
        intake(
                topology,
                Topics.SHARING_EVENTS,
                () -> new IntakeProcessor<SharingEvent>(
                        serdes.valueSerde(Topics.SHARING_EVENTS).deserializer(),
                        IntakeSpecs.sharingEvents(catalog),
                        STAGES,
                        "sharing-events-dead-letters",
                        DEDUPE_STORE,
                        config.dedupeWindow(),
                        config.applicationId()),
                "sharing-events",
                serdes);
        topology.addStateStore(
                Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(
                                DEDUPE_STORE, config.dedupeWindow().multipliedBy(2), config.dedupeWindow(), false),
                        Serdes.String(),
                        Serdes.Long()),
                "sharing-events-intake");
        intake(
                topology,
                Topics.DSR_REQUESTS,
                () -> new IntakeProcessor<DataSubjectRequest>(
                        serdes.valueSerde(Topics.DSR_REQUESTS).deserializer(),
                        IntakeSpecs.requests(),
                        STAGES,
                        "dsr-requests-dead-letters",
                        null,
                        Duration.ZERO,
                        config.applicationId()),
                "dsr-requests",
                serdes);
        intake(
                topology,
                Topics.DSR_OUTCOMES,
                () -> new IntakeProcessor<HolderOutcome>(
                        serdes.valueSerde(Topics.DSR_OUTCOMES).deserializer(),
                        IntakeSpecs.outcomes(),
                        STAGES,
                        "dsr-outcomes-dead-letters",
                        null,
                        Duration.ZERO,
                        config.applicationId()),
                "dsr-outcomes",
                serdes);

        intake(
                topology,
                Topics.DSR_DECISIONS,
                () -> new IntakeProcessor<RequestDecision>(
                        serdes.valueSerde(Topics.DSR_DECISIONS).deserializer(),
                        IntakeSpecs.decisions(),
                        STAGES,
                        "dsr-decisions-dead-letters",
                        null,
                        Duration.ZERO,
                        config.applicationId()),
                "dsr-decisions",
                serdes);

        // ---- routing stages: identity, subjects and requests in one processor per task ------------
        topology.addSource(ROUTE_SOURCE, new StringDeserializer(), routes.deserializer(), route);
        SubjectProcessor.Sinks subjectSinks =
                new SubjectProcessor.Sinks("lineage", "subject-merges", "dsr-tasks", "retention-findings");
        topology.addProcessor(
                STAGES,
                () -> new RoutingProcessor(
                        route,
                        TO_ROUTE,
                        config.routePartitions(),
                        router -> new IdentityProcessor(router, "subject-identities"),
                        router -> new SubjectProcessor(
                                router,
                                subjectSinks,
                                catalog,
                                config.backupPromise(),
                                config.retentionScanInterval(),
                                config.scanSliceSize()),
                        router -> new RequestProcessor(
                                router,
                                new RequestProcessor.Sinks(
                                        "dsr-status",
                                        "dsr-tasks",
                                        "dsr-requests-rejected",
                                        "dsr-outcomes-rejected",
                                        "dsr-decisions-rejected"),
                                catalog,
                                serdes,
                                config.deadlineScanInterval(),
                                config.scanSliceSize(),
                                config.applicationId())),
                "sharing-events-intake",
                "dsr-requests-intake",
                "dsr-outcomes-intake",
                "dsr-decisions-intake",
                ROUTE_SOURCE);

        topology.addStateStore(kv(IdentityProcessor.INDEX_STORE, StateSerde.IDENTITY), STAGES);
        topology.addStateStore(kv(SubjectProcessor.META_STORE, StateSerde.SUBJECT_META), STAGES);
        topology.addStateStore(kv(SubjectProcessor.EDGES_STORE, StateSerde.HOLDER_EDGES), STAGES);
        topology.addStateStore(kv(RetentionIndex.STORE, Serdes.String()), STAGES);
        topology.addStateStore(kv(RequestProcessor.REQUESTS_STORE, StateSerde.REQUEST), STAGES);
        topology.addStateStore(kv(RequestProcessor.DEADLINE_INDEX_STORE, Serdes.String()), STAGES);

        topology.addSink(TO_ROUTE, route, strings, routes.serializer(), new RoutePartitioning(), STAGES);
        sink(topology, "subject-identities", Topics.SUBJECT_IDENTITIES, serdes, STAGES);
        // Partitioned by subject, so one person's records reach the graph writer together.
        topology.addSink(
                "lineage",
                Topics.LINEAGE.name(),
                serdes.keySerde(Topics.LINEAGE).serializer(),
                serdes.valueSerde(Topics.LINEAGE).serializer(),
                (String topic, LineageKey key, LineageRecord value, int partitions) ->
                        Optional.of(Set.of(LineagePartitions.of(key.getSubjectId(), partitions))),
                STAGES);
        sink(topology, "subject-merges", Topics.SUBJECT_MERGES, serdes, STAGES);
        sink(topology, "dsr-tasks", Topics.DSR_TASKS, serdes, STAGES);
        sink(topology, "retention-findings", Topics.RETENTION_FINDINGS, serdes, STAGES);
        sink(topology, "dsr-status", Topics.DSR_STATUS, serdes, STAGES);
        sink(
                topology,
                "dsr-requests-rejected",
                Topics.DSR_REQUESTS.deadLetters().orElseThrow(),
                serdes,
                STAGES);
        sink(
                topology,
                "dsr-decisions-rejected",
                Topics.DSR_DECISIONS.deadLetters().orElseThrow(),
                serdes,
                STAGES);
        sink(
                topology,
                "dsr-outcomes-rejected",
                Topics.DSR_OUTCOMES.deadLetters().orElseThrow(),
                serdes,
                STAGES);
        return topology;
    }

    private static void intake(
            Topology topology,
            Topic<String, ?> topic,
            org.apache.kafka.streams.processor.api.ProcessorSupplier<byte[], byte[], Object, Object> supplier,
            String prefix,
            TopicSerdes serdes) {
        Topic<byte[], DeadLetter> deadLetters = topic.deadLetters().orElseThrow();
        String source = prefix + "-source";
        String processor = prefix + "-intake";
        // Read as bytes: decoding happens in the intake processor, so a poison record is routed to
        // the dead-letter topic transactionally instead of through the handler's own producer.
        topology.addSource(source, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topic.name());
        topology.addProcessor(processor, supplier, source);
        sink(topology, prefix + "-dead-letters", deadLetters, serdes, processor);
    }

    private static <K, V> void sink(
            Topology topology, String name, Topic<K, V> topic, TopicSerdes serdes, String parent) {
        topology.addSink(
                name,
                topic.name(),
                serdes.keySerde(topic).serializer(),
                serdes.valueSerde(topic).serializer(),
                parent);
    }

    /**
     * A RocksDB store with its changelog. No record cache: with hundreds of thousands of people a key
     * rarely repeats within a commit interval, and the cache's sorted map cost more CPU than it saved.
     */
    private static <V> StoreBuilder<KeyValueStore<String, V>> kv(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values);
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> globalStore(String name, Serde<V> values) {
        // Global stores are restored from their topic byte for byte, so the store serde must be
        // the topic's; and they need no changelog of their own.
        return kv(name, values).withLoggingDisabled();
    }
}
