package dev.whereabouts.streams;

import dev.whereabouts.model.catalog.DeclaredFlow;
import dev.whereabouts.model.catalog.Holder;
import dev.whereabouts.model.deadletter.DeadLetter;
import dev.whereabouts.model.dsr.DataSubjectRequest;
import dev.whereabouts.model.dsr.HolderOutcome;
import dev.whereabouts.model.sharing.SharingEvent;
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
import dev.whereabouts.streams.state.Route;
import dev.whereabouts.streams.state.RouteKind;
import dev.whereabouts.streams.state.StateSerde;
import java.time.Duration;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The Whereabouts Streams topology, as a pure function of its configuration.
 *
 * <pre>
 *  sharing-events ─▶ intake (decode, validate, dedupe) ─┐            ┌─▶ lineage
 *  dsr.requests  ─▶ intake (decode, validate)         ──┼─▶ route ─▶ │   subject-merges
 *  dsr.outcomes  ─▶ intake (decode)                   ──┘    ▲       │   dsr.tasks, dsr.status
 *                                                            │       │   retention-findings
 *           identity (by pseudonym) / subjects (by subject id) /    │
 *           requests (by request id) ── route (loop) ◀──────────────┘
 *  catalog.holders, catalog.flows ─▶ global stores (every instance sees the whole catalog)
 * </pre>
 *
 * Poison and invalid input records go to their topic's dead-letter twin from inside the topology,
 * in the same transaction as everything else. See {@code docs/streams.md} and ADR 0003.
 */
public final class LineageTopology {

    /** Processor and sink names, as they appear in the rendered topology description. */
    static final String ROUTE_SOURCE = "route";
    static final String DISPATCH = "dispatch";
    static final String IDENTITY = "identity";
    static final String SUBJECTS = "subjects";
    static final String REQUESTS = "requests";
    static final String DEDUPE_STORE = "sharing-event-ids";

    private LineageTopology() {
    }

    public static Topology build(TopologyConfig config) {
        TopicSerdes serdes = config.serdes();
        Topology topology = new Topology();
        CatalogCache catalog = new CatalogCache();
        String route = config.routeTopic();
        StringSerializer strings = new StringSerializer();
        Serde<Route> routes = StateSerde.ROUTE;

        // ---- catalog: global, so every instance sees every holder and flow ----------------------
        topology.addGlobalStore(globalStore(CatalogCache.HOLDERS_STORE, serdes.valueSerde(Topics.CATALOG_HOLDERS)),
                "catalog-holders-source", new StringDeserializer(), serdes.valueSerde(Topics.CATALOG_HOLDERS).deserializer(),
                Topics.CATALOG_HOLDERS.name(), "catalog-holders-updater",
                () -> new CatalogStoreUpdater<Holder>(CatalogCache.HOLDERS_STORE, catalog));
        topology.addGlobalStore(globalStore(CatalogCache.FLOWS_STORE, serdes.valueSerde(Topics.CATALOG_FLOWS)),
                "catalog-flows-source", new StringDeserializer(), serdes.valueSerde(Topics.CATALOG_FLOWS).deserializer(),
                Topics.CATALOG_FLOWS.name(), "catalog-flows-updater",
                () -> new CatalogStoreUpdater<DeclaredFlow>(CatalogCache.FLOWS_STORE, catalog));

        // ---- intake: one sub-topology per input topic -------------------------------------------
        intake(topology, config, Topics.SHARING_EVENTS, () -> new IntakeProcessor<SharingEvent>(
                serdes.valueSerde(Topics.SHARING_EVENTS).deserializer(), IntakeSpecs.sharingEvents(catalog),
                "sharing-events-to-route", "sharing-events-dead-letters", DEDUPE_STORE, config.dedupeWindow(),
                config.applicationId()), "sharing-events");
        topology.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(DEDUPE_STORE, config.dedupeWindow().multipliedBy(2), config.dedupeWindow(), false),
                Serdes.String(), Serdes.Long()), "sharing-events-intake");
        intake(topology, config, Topics.DSR_REQUESTS, () -> new IntakeProcessor<DataSubjectRequest>(
                serdes.valueSerde(Topics.DSR_REQUESTS).deserializer(), IntakeSpecs.requests(),
                "dsr-requests-to-route", "dsr-requests-dead-letters", null, Duration.ZERO, config.applicationId()),
                "dsr-requests");
        intake(topology, config, Topics.DSR_OUTCOMES, () -> new IntakeProcessor<HolderOutcome>(
                serdes.valueSerde(Topics.DSR_OUTCOMES).deserializer(), IntakeSpecs.outcomes(),
                "dsr-outcomes-to-route", "dsr-outcomes-dead-letters", null, Duration.ZERO, config.applicationId()),
                "dsr-outcomes");

        // ---- routing: identity, subjects and requests on the application's own loop topic --------
        topology.addSource(ROUTE_SOURCE, new StringDeserializer(), routes.deserializer(), route);
        topology.addProcessor(DISPATCH, Dispatch::new, ROUTE_SOURCE);
        topology.addProcessor(IDENTITY, () -> new IdentityProcessor("identity-to-route", "subject-identities"), DISPATCH);
        SubjectProcessor.Sinks subjectSinks = new SubjectProcessor.Sinks("subjects-to-route", "lineage", "subject-merges",
                "dsr-tasks", "retention-findings");
        topology.addProcessor(SUBJECTS, () -> new SubjectProcessor(subjectSinks, catalog, config.backupPromise(),
                config.retentionScanInterval(), config.scanSliceSize()), DISPATCH);
        topology.addProcessor(REQUESTS, () -> new RequestProcessor("requests-to-route", "dsr-status",
                "dsr-requests-rejected", "dsr-outcomes-rejected",
                serdes.valueSerde(Topics.DSR_REQUESTS).serializer(), serdes.valueSerde(Topics.DSR_OUTCOMES).serializer(),
                config.deadlineScanInterval(), config.scanSliceSize(), config.maxExtension(), config.applicationId()),
                DISPATCH);

        topology.addStateStore(kv(IdentityProcessor.INDEX_STORE, Serdes.String()), IDENTITY);
        topology.addStateStore(kv(SubjectProcessor.META_STORE, StateSerde.SUBJECT_META), SUBJECTS);
        topology.addStateStore(kv(SubjectProcessor.EDGES_STORE, StateSerde.HOLDER_EDGES), SUBJECTS);
        topology.addStateStore(kv(RetentionIndex.STORE, Serdes.String()), SUBJECTS);
        topology.addStateStore(kv(RequestProcessor.REQUESTS_STORE, StateSerde.REQUEST), REQUESTS);
        topology.addStateStore(kv(RequestProcessor.DEADLINE_INDEX_STORE, Serdes.String()), REQUESTS);

        topology.addSink("identity-to-route", route, strings, routes.serializer(), IDENTITY);
        topology.addSink("subjects-to-route", route, strings, routes.serializer(), SUBJECTS);
        topology.addSink("requests-to-route", route, strings, routes.serializer(), REQUESTS);
        sink(topology, "subject-identities", Topics.SUBJECT_IDENTITIES, serdes, IDENTITY);
        sink(topology, "lineage", Topics.LINEAGE, serdes, SUBJECTS);
        sink(topology, "subject-merges", Topics.SUBJECT_MERGES, serdes, SUBJECTS);
        sink(topology, "dsr-tasks", Topics.DSR_TASKS, serdes, SUBJECTS);
        sink(topology, "retention-findings", Topics.RETENTION_FINDINGS, serdes, SUBJECTS);
        sink(topology, "dsr-status", Topics.DSR_STATUS, serdes, REQUESTS);
        sink(topology, "dsr-requests-rejected", Topics.DSR_REQUESTS.deadLetters().orElseThrow(), serdes, REQUESTS);
        sink(topology, "dsr-outcomes-rejected", Topics.DSR_OUTCOMES.deadLetters().orElseThrow(), serdes, REQUESTS);
        return topology;
    }

    private static void intake(Topology topology, TopologyConfig config, Topic<String, ?> topic,
                               org.apache.kafka.streams.processor.api.ProcessorSupplier<byte[], byte[], Object, Object> supplier,
                               String prefix) {
        Topic<byte[], DeadLetter> deadLetters = topic.deadLetters().orElseThrow();
        String source = prefix + "-source";
        String processor = prefix + "-intake";
        // Read as bytes: decoding happens in the intake processor, so a poison record is routed to
        // the dead-letter topic transactionally instead of through the handler's own producer.
        topology.addSource(source, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topic.name());
        topology.addProcessor(processor, supplier, source);
        topology.addSink(prefix + "-to-route", config.routeTopic(), new StringSerializer(), StateSerde.ROUTE.serializer(),
                processor);
        sink(topology, prefix + "-dead-letters", deadLetters, config.serdes(), processor);
    }

    private static <K, V> void sink(Topology topology, String name, Topic<K, V> topic, TopicSerdes serdes, String parent) {
        topology.addSink(name, topic.name(), serdes.keySerde(topic).serializer(), serdes.valueSerde(topic).serializer(), parent);
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> kv(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values);
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> globalStore(String name, Serde<V> values) {
        // Global stores are restored from their topic byte for byte, so the store serde must be
        // the topic's; and they need no changelog of their own.
        return kv(name, values).withLoggingDisabled();
    }

    /** Hands each routing message to the processor of its stage. */
    private static final class Dispatch implements Processor<String, Route, String, Route> {
        private ProcessorContext<String, Route> context;

        @Override
        public void init(ProcessorContext<String, Route> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, Route> record) {
            RouteKind kind = RouteKind.valueOf(record.value().getKind());
            String child = switch (kind.stage()) {
                case IDENTITY -> IDENTITY;
                case SUBJECT -> SUBJECTS;
                case REQUEST -> REQUESTS;
            };
            context.forward(record, child);
        }
    }
}
