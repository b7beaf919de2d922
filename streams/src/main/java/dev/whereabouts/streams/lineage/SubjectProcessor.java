package dev.whereabouts.streams.lineage;

import dev.whereabouts.model.catalog.DeclaredFlow;
import dev.whereabouts.model.dsr.DataSubjectRequest;
import dev.whereabouts.model.dsr.RequestState;
import dev.whereabouts.model.dsr.TaskState;
import dev.whereabouts.model.dsr.TaskType;
import dev.whereabouts.model.lineage.LineageKey;
import dev.whereabouts.model.lineage.LineageStatus;
import dev.whereabouts.model.lineage.SubjectMerge;
import dev.whereabouts.model.retention.FindingKind;
import dev.whereabouts.model.sharing.SharingAction;
import dev.whereabouts.model.sharing.SharingEvent;
import dev.whereabouts.streams.catalog.CatalogCache;
import dev.whereabouts.streams.catalog.Categories;
import dev.whereabouts.streams.catalog.TopologyCatalog;
import dev.whereabouts.streams.dsr.HolderTasks;
import dev.whereabouts.streams.dsr.TaskPlanner;
import dev.whereabouts.streams.retention.RetentionIndex;
import dev.whereabouts.streams.routing.RouteSender;
import dev.whereabouts.streams.state.Edge;
import dev.whereabouts.streams.state.HolderEdges;
import dev.whereabouts.streams.state.Identifier;
import dev.whereabouts.streams.state.Payloads;
import dev.whereabouts.streams.state.RequestRecord;
import dev.whereabouts.streams.state.Route;
import dev.whereabouts.streams.state.RouteKind;
import dev.whereabouts.streams.state.SubjectMeta;
import dev.whereabouts.streams.state.TaskRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Lineage per subject, partitioned by subject id: applies resolved sharing events (direct and
 * onward holders), fans requests out into holder tasks, hands a merged subject's state to its
 * survivor, marks edges erased or restricted after outcomes, and emits retention findings.
 *
 * <p>State is one small {@link HolderEdges} record per (subject, holder), keyed
 * {@code subjectId/holder}: an event touches the record of its holder and of each onward holder,
 * and everything a subject has is one prefix scan (for requests and merges). Onward holders come
 * from the catalog's declared flows, transitively, with the path and the flow's own retention.
 * Which changes emit a lineage record is defined in {@link Edges}.
 */
public final class SubjectProcessor implements Processor<String, Route, Object, Object> {

    public static final String META_STORE = "subject-meta";
    public static final String EDGES_STORE = "subject-holder-edges";

    private static final StringSerializer KEYS = new StringSerializer();

    /** Names of the sinks this processor writes to. */
    public record Sinks(String lineage, String merges, String tasks, String findings) {}

    private final RouteSender router;
    private final Sinks sinks;
    private final CatalogCache catalog;
    private final String backupPromise;
    private final Duration scanInterval;
    private final int sliceSize;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, SubjectMeta> metas;
    private KeyValueStore<String, HolderEdges> edges;
    private KeyValueStore<String, String> retentionIndex;

    public SubjectProcessor(
            RouteSender router,
            Sinks sinks,
            CatalogCache catalog,
            String backupPromise,
            Duration scanInterval,
            int sliceSize) {
        this.router = router;
        this.sinks = sinks;
        this.catalog = catalog;
        this.backupPromise = backupPromise;
        this.scanInterval = scanInterval;
        this.sliceSize = sliceSize;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.metas = context.getStateStore(META_STORE);
        this.edges = context.getStateStore(EDGES_STORE);
        this.retentionIndex = context.getStateStore(RetentionIndex.STORE);
        context.schedule(scanInterval, PunctuationType.WALL_CLOCK_TIME, this::scanRetention);
    }

    @Override
    public void process(Record<String, Route> record) {
        Route route = record.value();
        RouteKind kind = RouteKind.valueOf(route.getKind());
        if (kind == RouteKind.MERGE_INTO) {
            mergeInto(record);
            return;
        }
        SubjectMeta meta = metas.get(record.key());
        if (meta != null && meta.getMergedInto() != null) {
            // Merged away while this was in flight: the survivor owns it now.
            Route forwarded =
                    Route.newBuilder(route).setSubjectId(meta.getMergedInto()).build();
            send(meta.getMergedInto(), forwarded, record.timestamp());
            return;
        }
        switch (kind) {
            case EVENT -> event(record.key(), meta, route, record.timestamp());
            case REQUEST -> request(record.key(), meta, route, record.timestamp());
            case ADOPT -> adopt(record.key(), meta, route, record.timestamp());
            case MARK_EDGES -> mark(record.key(), route, record.timestamp());
            default -> throw new IllegalStateException("subject step cannot handle " + route.getKind());
        }
    }

    // ---- sharing events -------------------------------------------------------------------------

    private void event(String subject, SubjectMeta meta, Route route, long timestamp) {
        rememberIdentifiers(subject, meta, route.getIdentifiers());
        SharingEvent event = Payloads.event(route);
        if (event.getAction() == SharingAction.DELETED_BY_HOLDER) {
            deletedByHolder(subject, event, timestamp);
            return;
        }
        TopologyCatalog view = catalog.view(context);
        Touched touched = new Touched(subject);
        long at = event.getOccurredAt().toEpochMilli();
        HolderEdges direct = touched.bucket(event.getHolder());
        boolean backupHolder = view.isBackupHolder(event.getHolder());
        for (String category : event.getCategories()) {
            Edge edge = touched.edge(direct, category, true, List.of(), at, event.getEventId());
            boolean latest = at >= edge.getLastSharedAt();
            shared(edge, event, at);
            Edges.addPurpose(edge, event.getPurpose());
            if (!edge.getDirect()) {
                edge.setDirect(true);
                edge.setPath(List.of());
            }
            if (latest || edge.getRetention() == null) {
                TopologyCatalog.Retention retention = event.getRetention() != null
                        ? new TopologyCatalog.Retention(event.getRetention(), "agreed in the sharing event")
                        : view.defaultRetention(event.getHolder(), category).orElse(null);
                Edges.retention(
                        edge,
                        retention == null ? null : retention.period(),
                        retention == null ? null : retention.source());
            }
            edge.setBackup(edge.getBackup() || backupHolder);
        }
        for (TopologyCatalog.Onward onward : view.onward(event.getHolder(), event.getCategories())) {
            HolderEdges bucket = touched.bucket(onward.holder());
            Edge edge = touched.edge(bucket, onward.category(), false, onward.path(), at, event.getEventId());
            boolean latest = at >= edge.getLastSharedAt();
            DeclaredFlow flow = onward.flow();
            shared(edge, event, at);
            Edges.addPurpose(edge, flow.getPurpose());
            if (!edge.getDirect() && (latest || edge.getRetention() == null)) {
                TopologyCatalog.Retention retention = flow.getRetention() != null
                        ? new TopologyCatalog.Retention(flow.getRetention(), "declared flow " + flow.getId())
                        : view.defaultRetention(onward.holder(), onward.category())
                                .orElse(null);
                Edges.retention(
                        edge,
                        retention == null ? null : retention.period(),
                        retention == null ? null : retention.source());
            }
            edge.setBackup(
                    edge.getBackup() || TopologyCatalog.isBackupFlow(flow) || view.isBackupHolder(onward.holder()));
        }
        touched.finish(timestamp);
    }

    /** What a share changes on any edge it reaches, direct or onward. */
    private static void shared(Edge edge, SharingEvent event, long at) {
        Edges.addLegalBasis(edge, event.getLegalBasis().name());
        Edges.addSourceSystem(edge, event.getSourceSystem());
        if (at < edge.getFirstSharedAt()) {
            edge.setFirstSharedAt(at);
        }
        if (at > edge.getLastSharedAt()) {
            edge.setLastSharedAt(at);
            Edges.retention(edge, edge.getRetention(), edge.getRetentionSource());
        }
        // A share after a deletion or erasure means the holder has the data again; a late-arriving
        // older share never undoes a newer status change.
        if (!LineageStatus.HELD.name().equals(edge.getStatus()) && at > edge.getStatusAt()) {
            edge.setStatus(LineageStatus.HELD.name());
            edge.setStatusReason(null);
            edge.setStatusAt(at);
        }
        if (at >= edge.getUpdatedAt()) {
            edge.setUpdatedAt(at);
            edge.setLastEventId(event.getEventId());
        }
    }

    private void deletedByHolder(String subject, SharingEvent event, long timestamp) {
        HolderEdges bucket = edges.get(bucketKey(subject, event.getHolder()));
        if (bucket == null) {
            return;
        }
        long at = event.getOccurredAt().toEpochMilli();
        boolean dirty = false;
        for (Edge edge : bucket.getEdges()) {
            if (!Categories.coveredByAny(event.getCategories(), edge.getCategory())
                    || at < edge.getLastSharedAt()
                    || at < edge.getStatusAt()
                    || LineageStatus.DELETED_BY_HOLDER.name().equals(edge.getStatus())) {
                continue;
            }
            edge.setStatus(LineageStatus.DELETED_BY_HOLDER.name());
            edge.setStatusReason("deleted by the holder, confirmed by event " + event.getEventId());
            edge.setStatusAt(at);
            edge.setUpdatedAt(at);
            edge.setLastEventId(event.getEventId());
            resolveFindings(subject, bucket.getHolder(), edge, timestamp);
            emitIfChanged(subject, bucket.getHolder(), edge, timestamp);
            dirty = true;
        }
        if (dirty) {
            edges.put(bucketKey(subject, event.getHolder()), bucket);
        }
    }

    private void rememberIdentifiers(String subject, SubjectMeta meta, List<Identifier> identifiers) {
        SubjectMeta current = meta != null
                ? meta
                : SubjectMeta.newBuilder()
                        .setSubjectId(subject)
                        .setIdentifiers(new ArrayList<>())
                        .setMergedInto(null)
                        .setHandledRequests(new ArrayList<>())
                        .build();
        List<Identifier> known = new ArrayList<>(current.getIdentifiers());
        boolean added = meta == null;
        for (Identifier id : identifiers) {
            if (known.stream().noneMatch(k -> k.getPseudonym().equals(id.getPseudonym()))) {
                known.add(id);
                added = true;
            }
        }
        if (added) {
            current.setIdentifiers(known);
            metas.put(subject, current);
        }
    }

    // ---- requests -------------------------------------------------------------------------------

    private void request(String subject, SubjectMeta meta, Route route, long timestamp) {
        DataSubjectRequest request = Payloads.request(route);
        RequestRecord record = RequestRecord.newBuilder()
                .setRequestId(request.getRequestId())
                .setType(request.getType().name())
                .setSubjectId(subject)
                .setState(RequestState.RECEIVED.name())
                .setReceivedAt(request.getReceivedAt().toEpochMilli())
                .setDeadline(request.getDeadline().toEpochMilli())
                .setTasks(new ArrayList<>())
                .setUpdatedAt(route.getOccurredAt())
                .build();
        boolean handled = meta != null && meta.getHandledRequests().contains(request.getRequestId());
        if (!handled) {
            List<HolderEdges> buckets = new ArrayList<>();
            for (KeyValue<String, HolderEdges> entry : scan(subject)) {
                buckets.add(entry.value);
            }
            List<Identifier> identifiers = meta == null ? route.getIdentifiers() : meta.getIdentifiers();
            TopologyCatalog view = catalog.view(context);
            long issuedAt = context.currentSystemTimeMs();
            record.setIssuedAt(issuedAt);
            record.setStatutoryDeadline(
                    request.getStatutoryDeadline() == null
                            ? null
                            : request.getStatutoryDeadline().toEpochMilli());
            record.setPromisedDeadline(
                    request.getPromisedDeadline() == null
                            ? null
                            : request.getPromisedDeadline().toEpochMilli());
            record.setVerificationMethod(request.getVerificationMethod());
            record.setPayload(route.getPayload());
            record.setIdentifiers(new ArrayList<>(identifiers));
            for (TaskPlanner.Planned planned : TaskPlanner.plan(request, buckets, view, backupPromise)) {
                TaskRecord task = TaskRecord.newBuilder()
                        .setTaskId(TaskPlanner.taskId(request.getRequestId(), planned.holder()))
                        .setHolder(planned.holder())
                        .setType(planned.type().name())
                        .setCategories(planned.categories())
                        .setState(TaskState.PENDING.name())
                        .setReason(planned.reason())
                        .setLegalReference(planned.legalReference())
                        .setExpiresAt(planned.expiresAt())
                        .setAnswerBy(
                                planned.type() == TaskType.EXPIRES
                                        ? null
                                        : HolderTasks.answerBy(
                                                view,
                                                planned.holder(),
                                                issuedAt,
                                                request.getDeadline().toEpochMilli()))
                        .setUpdatedAt(route.getOccurredAt())
                        .build();
                record.getTasks().add(task);
                // Sent here, where the request was planned; the request step records it and
                // sends it again as a reminder or with an extended deadline.
                context.forward(
                        new Record<Object, Object>(planned.holder(), HolderTasks.of(record, task, 0), timestamp),
                        sinks.tasks());
            }
            SubjectMeta updated = meta != null
                    ? meta
                    : SubjectMeta.newBuilder()
                            .setSubjectId(subject)
                            .setIdentifiers(new ArrayList<>(route.getIdentifiers()))
                            .setHandledRequests(new ArrayList<>())
                            .build();
            List<String> requests = new ArrayList<>(updated.getHandledRequests());
            requests.add(request.getRequestId());
            updated.setHandledRequests(requests);
            metas.put(subject, updated);
        }
        Route issued = Route.newBuilder()
                .setKind(RouteKind.REQUEST_ISSUED.name())
                .setEventId(request.getRequestId())
                .setPayload(route.getPayload())
                .setRequest(record)
                .setSubjectId(subject)
                .setOccurredAt(route.getOccurredAt())
                .build();
        send(request.getRequestId(), issued, timestamp);
    }

    // ---- merges ---------------------------------------------------------------------------------

    private void mergeInto(Record<String, Route> record) {
        String loser = record.key();
        Route route = record.value();
        String survivor = route.getSurvivorId();
        if (loser.equals(survivor)) {
            return;
        }
        SubjectMeta meta = metas.get(loser);
        if (meta != null && meta.getMergedInto() != null) {
            if (!meta.getMergedInto().equals(survivor)) {
                // Already merged into another subject: those two are one person too.
                String a = meta.getMergedInto();
                String low = a.compareTo(survivor) < 0 ? a : survivor;
                String high = low.equals(a) ? survivor : a;
                Route merge = Route.newBuilder(route)
                        .setSubjectId(high)
                        .setSurvivorId(low)
                        .build();
                send(high, merge, record.timestamp());
            }
            return;
        }
        List<HolderEdges> buckets = new ArrayList<>();
        for (KeyValue<String, HolderEdges> entry : scan(loser)) {
            buckets.add(entry.value);
            edges.delete(entry.key);
        }
        List<Identifier> identifiers = meta == null ? List.of() : meta.getIdentifiers();
        List<String> handled = meta == null ? List.of() : meta.getHandledRequests();
        metas.put(
                loser,
                SubjectMeta.newBuilder()
                        .setSubjectId(loser)
                        .setIdentifiers(new ArrayList<>(identifiers))
                        .setMergedInto(survivor)
                        .setHandledRequests(new ArrayList<>())
                        .build());
        Route adopt = Route.newBuilder()
                .setKind(RouteKind.ADOPT.name())
                .setEventId(route.getEventId())
                .setSubjectId(loser)
                .setSurvivorId(survivor)
                .setIdentifiers(new ArrayList<>(identifiers))
                .setBuckets(buckets)
                .setHandledRequests(new ArrayList<>(handled))
                .setOccurredAt(route.getOccurredAt())
                .build();
        send(survivor, adopt, record.timestamp());
        for (Identifier id : identifiers) {
            Route assign = Route.newBuilder()
                    .setKind(RouteKind.ASSIGN.name())
                    .setEventId(route.getEventId())
                    .setIdentifiers(List.of(id))
                    .setSubjectId(survivor)
                    .setOccurredAt(route.getOccurredAt())
                    .build();
            send(id.getPseudonym(), assign, record.timestamp());
        }
    }

    private void adopt(String survivor, SubjectMeta meta, Route route, long timestamp) {
        SubjectMeta current = meta != null
                ? meta
                : SubjectMeta.newBuilder()
                        .setSubjectId(survivor)
                        .setIdentifiers(new ArrayList<>())
                        .setHandledRequests(new ArrayList<>())
                        .build();
        List<Identifier> identifiers = new ArrayList<>(current.getIdentifiers());
        for (Identifier id : route.getIdentifiers()) {
            if (identifiers.stream().noneMatch(k -> k.getPseudonym().equals(id.getPseudonym()))) {
                identifiers.add(id);
            }
        }
        current.setIdentifiers(identifiers);
        current.setHandledRequests(Edges.union(current.getHandledRequests(), route.getHandledRequests()));
        metas.put(survivor, current);
        for (HolderEdges incoming : route.getBuckets()) {
            String key = bucketKey(survivor, incoming.getHolder());
            HolderEdges mine = edges.get(key);
            if (mine == null) {
                mine = HolderEdges.newBuilder()
                        .setHolder(incoming.getHolder())
                        .setEdges(new ArrayList<>())
                        .build();
            }
            List<Edge> combined = new ArrayList<>(mine.getEdges());
            for (Edge edge : incoming.getEdges()) {
                Edge existing = Edges.find(mine, edge.getCategory());
                Edge result = existing == null ? Edge.newBuilder(edge).build() : Edges.combine(existing, edge);
                Edges.forgetEmitted(result);
                result.setRetentionIndexedAt(null);
                result.setBackupIndexedAt(null);
                RetentionIndex.schedule(retentionIndex, survivor, incoming.getHolder(), result, backupPromise);
                emitIfChanged(survivor, incoming.getHolder(), result, timestamp);
                if (existing == null) {
                    combined.add(result);
                } else {
                    combined.set(combined.indexOf(existing), result);
                }
            }
            mine.setEdges(combined);
            edges.put(key, mine);
        }
        SubjectMerge merge = SubjectMerge.newBuilder()
                .setMergedSubjectId(route.getSubjectId())
                .setSurvivingSubjectId(survivor)
                .setIdentifiers(Payloads.contract(identifiers))
                .setCausedByEventId(String.valueOf(route.getEventId()))
                .setMergedAt(Instant.ofEpochMilli(route.getOccurredAt()))
                .build();
        context.forward(new Record<Object, Object>(route.getSubjectId(), merge, timestamp), sinks.merges());
    }

    // ---- outcomes -------------------------------------------------------------------------------

    private void mark(String subject, Route route, long timestamp) {
        String key = bucketKey(subject, route.getHolder());
        HolderEdges bucket = edges.get(key);
        if (bucket == null) {
            return;
        }
        boolean dirty = false;
        for (Edge edge : bucket.getEdges()) {
            if (!Categories.coveredByAny(route.getCategories(), edge.getCategory())
                    || (route.getStatus().equals(edge.getStatus())
                            && Objects.equals(route.getReason(), edge.getStatusReason()))
                    || route.getOccurredAt() < edge.getStatusAt()) {
                continue;
            }
            edge.setStatus(route.getStatus());
            edge.setStatusReason(route.getReason());
            edge.setStatusAt(route.getOccurredAt());
            edge.setUpdatedAt(Math.max(edge.getUpdatedAt(), route.getOccurredAt()));
            edge.setLastEventId(route.getEventId());
            if (LineageStatus.ERASED.name().equals(route.getStatus())) {
                resolveFindings(subject, bucket.getHolder(), edge, timestamp);
            }
            emitIfChanged(subject, bucket.getHolder(), edge, timestamp);
            dirty = true;
        }
        if (dirty) {
            edges.put(key, bucket);
        }
    }

    // ---- retention ------------------------------------------------------------------------------

    private void scanRetention(long now) {
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, String> it =
                retentionIndex.range(RetentionIndex.FIRST, RetentionIndex.upTo(now))) {
            while (it.hasNext() && due.size() < sliceSize) {
                due.add(it.next().key);
            }
        }
        for (String key : due) {
            retentionIndex.delete(key);
            RetentionIndex.Entry entry = RetentionIndex.parse(key);
            String bucketKey = bucketKey(entry.subjectId(), entry.holder());
            HolderEdges bucket = edges.get(bucketKey);
            Edge edge = bucket == null ? null : Edges.find(bucket, entry.category());
            if (edge == null || !Objects.equals(RetentionIndex.indexedAt(edge, entry.kind()), entry.due())) {
                continue;
            }
            RetentionIndex.setIndexedAt(edge, entry.kind(), null);
            Long actual = RetentionIndex.due(edge, entry.kind(), backupPromise);
            if (actual != null && actual > now) {
                RetentionIndex.schedule(retentionIndex, entry.subjectId(), entry.holder(), edge, backupPromise);
            } else if (actual != null) {
                Edges.addOpenFinding(edge, entry.kind().name());
                context.forward(
                        new Record<Object, Object>(
                                RetentionIndex.findingId(
                                        entry.subjectId(), edge.getCategory(), entry.holder(), entry.kind()),
                                RetentionIndex.finding(
                                        entry.subjectId(),
                                        entry.holder(),
                                        edge,
                                        entry.kind(),
                                        actual,
                                        now,
                                        false,
                                        backupPromise),
                                now),
                        sinks.findings());
            }
            edges.put(bucketKey, bucket);
        }
    }

    private void resolveFindings(String subject, String holder, Edge edge, long timestamp) {
        for (String kindName : edge.getOpenFindings()) {
            FindingKind kind = FindingKind.valueOf(kindName);
            long due = RetentionIndex.dueWhenHeld(edge, kind, backupPromise);
            context.forward(
                    new Record<Object, Object>(
                            RetentionIndex.findingId(subject, edge.getCategory(), holder, kind),
                            RetentionIndex.finding(
                                    subject, holder, edge, kind, due, edge.getStatusAt(), true, backupPromise),
                            timestamp),
                    sinks.findings());
        }
        edge.setOpenFindings(new ArrayList<>());
    }

    // ---- helpers --------------------------------------------------------------------------------

    private void emitIfChanged(String subject, String holder, Edge edge, long timestamp) {
        if (Edges.markEmitted(edge)) {
            context.forward(
                    new Record<Object, Object>(
                            new LineageKey(subject, edge.getCategory(), holder),
                            Edges.toRecord(subject, holder, edge),
                            timestamp),
                    sinks.lineage());
        }
    }

    private List<KeyValue<String, HolderEdges>> scan(String subject) {
        List<KeyValue<String, HolderEdges>> out = new ArrayList<>();
        try (KeyValueIterator<String, HolderEdges> it = edges.prefixScan(subject + "/", KEYS)) {
            while (it.hasNext()) {
                out.add(it.next());
            }
        }
        return out;
    }

    private void send(String key, Route route, long timestamp) {
        router.send(key, route, timestamp);
    }

    static String bucketKey(String subject, String holder) {
        return subject + "/" + holder;
    }

    /** The buckets and edges one event touches, loaded once, written once. */
    private final class Touched {
        private final String subject;
        private final Map<String, HolderEdges> buckets = new LinkedHashMap<>();
        private final Map<String, Map<Edge, Edges.Stored>> touchedEdges = new LinkedHashMap<>();

        Touched(String subject) {
            this.subject = subject;
        }

        HolderEdges bucket(String holder) {
            return buckets.computeIfAbsent(holder, h -> {
                HolderEdges loaded = edges.get(bucketKey(subject, h));
                return loaded != null
                        ? loaded
                        : HolderEdges.newBuilder()
                                .setHolder(h)
                                .setEdges(new ArrayList<>())
                                .build();
            });
        }

        Edge edge(HolderEdges bucket, String category, boolean direct, List<String> path, long at, String eventId) {
            Edge edge = Edges.find(bucket, category);
            Edges.Stored stored = edge == null ? null : Edges.stored(edge);
            if (edge == null) {
                edge = Edges.fresh(category, direct, path, at, eventId);
                bucket.getEdges().add(edge);
            }
            // Identity, not equality: Avro records hash their content, which changes as the edge is updated.
            Map<Edge, Edges.Stored> edgesOfHolder =
                    touchedEdges.computeIfAbsent(bucket.getHolder(), h -> new IdentityHashMap<>());
            if (!edgesOfHolder.containsKey(edge)) {
                edgesOfHolder.put(edge, stored);
            }
            return edge;
        }

        void finish(long timestamp) {
            for (Map.Entry<String, HolderEdges> entry : buckets.entrySet()) {
                HolderEdges bucket = entry.getValue();
                boolean changed = false;
                for (Map.Entry<Edge, Edges.Stored> touched :
                        touchedEdges.getOrDefault(entry.getKey(), Map.of()).entrySet()) {
                    Edge edge = touched.getKey();
                    RetentionIndex.schedule(retentionIndex, subject, entry.getKey(), edge, backupPromise);
                    emitIfChanged(subject, entry.getKey(), edge, timestamp);
                    changed |= !Edges.stored(edge).equals(touched.getValue());
                }
                // A repeated share that only moved lastSharedAt within the day it was stored is not written:
                // the state is exact to the day there, like the lineage records (see Edges.Stored).
                if (changed) {
                    edges.put(bucketKey(subject, entry.getKey()), bucket);
                }
            }
        }
    }
}
