package dev.whereabouts.streams.identity;

import dev.whereabouts.model.common.SubjectIdentifier;
import dev.whereabouts.model.lineage.IdentityLink;

import dev.whereabouts.streams.state.Identifier;
import dev.whereabouts.streams.state.RequestRecord;
import dev.whereabouts.streams.state.Route;
import dev.whereabouts.streams.state.RouteKind;
import dev.whereabouts.streams.state.Payloads;
import dev.whereabouts.model.dsr.DataSubjectRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The identifier index: pseudonym to subject id, partitioned by pseudonym, so each identifier has
 * exactly one owner task and concurrent claims on it are serialised there. See ADR 0003.
 *
 * <p>A sharing event visits the owner of each of its identifiers in turn (one routing hop per
 * extra identifier), collecting the subjects they point at. At the last identifier the subject is
 * decided: the smallest subject seen, or a fresh id derived from the identifiers if none was seen.
 * Identifiers that pointed elsewhere or nowhere are (re)assigned with {@link RouteKind#ASSIGN};
 * subjects that lost are merged with {@link RouteKind#MERGE_INTO}. An assignment that finds its
 * identifier already taken by another subject keeps the smaller id and merges the larger into
 * it, so whatever order concurrent claims arrive in, every identifier converges to the smallest
 * subject id of its connected component.
 */
public final class IdentityProcessor implements Processor<String, Route, Object, Object> {

    /** Store name of the identifier index. */
    public static final String INDEX_STORE = "identity-index";

    private static final String NONE = "";

    private final String routeSink;
    private final String identitiesSink;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, String> index;

    /**
     * @param routeSink      sink of the routing loop topic
     * @param identitiesSink sink of {@code Topics.SUBJECT_IDENTITIES}: every identifier's current subject,
     *                       so a lookup by any identifier finds the person
     */
    public IdentityProcessor(String routeSink, String identitiesSink) {
        this.routeSink = routeSink;
        this.identitiesSink = identitiesSink;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.index = context.getStateStore(INDEX_STORE);
    }

    @Override
    public void process(Record<String, Route> record) {
        Route route = record.value();
        switch (RouteKind.valueOf(route.getKind())) {
            case RESOLVE_EVENT, RESOLVE_REQUEST -> resolve(record);
            case ASSIGN -> assign(route.getIdentifiers().isEmpty() ? null : route.getIdentifiers().get(0), record.key(),
                    route.getSubjectId(), route.getEventId(), route.getOccurredAt(), record.timestamp());
            default -> throw new IllegalStateException("identity step cannot handle " + route.getKind());
        }
    }

    private void resolve(Record<String, Route> record) {
        Route route = record.value();
        List<Identifier> ids = route.getIdentifiers();
        int hop = route.getHop();
        String seen = index.get(ids.get(hop).getPseudonym());
        List<String> observed = new ArrayList<>(route.getObserved());
        observed.add(seen == null ? NONE : seen);
        if (hop + 1 < ids.size()) {
            Route next = Route.newBuilder(route).setHop(hop + 1).setObserved(observed).build();
            send(ids.get(hop + 1).getPseudonym(), next, record.timestamp());
            return;
        }
        TreeSet<String> candidates = new TreeSet<>(observed);
        candidates.remove(NONE);
        if (RouteKind.valueOf(route.getKind()) == RouteKind.RESOLVE_REQUEST) {
            resolvedRequest(route, candidates, record.timestamp());
        } else {
            resolvedEvent(route, observed, candidates, record.timestamp());
        }
    }

    private void resolvedEvent(Route route, List<String> observed, TreeSet<String> candidates, long timestamp) {
        List<Identifier> ids = route.getIdentifiers();
        String subject = candidates.isEmpty() ? SubjectIds.fresh(ids) : candidates.first();
        int last = ids.size() - 1;
        for (int i = 0; i < last; i++) {
            if (!observed.get(i).equals(subject)) {
                Route assign = Route.newBuilder().setKind(RouteKind.ASSIGN.name()).setEventId(route.getEventId())
                        .setIdentifiers(List.of(ids.get(i)))
                        .setSubjectId(subject).setOccurredAt(route.getOccurredAt()).build();
                send(ids.get(i).getPseudonym(), assign, timestamp);
            }
        }
        // The last identifier is ours: assign it here, in this transaction.
        if (!observed.get(last).equals(subject)) {
            assign(ids.get(last), ids.get(last).getPseudonym(), subject, route.getEventId(), route.getOccurredAt(), timestamp);
        }
        Route event = Route.newBuilder().setKind(RouteKind.EVENT.name()).setEventId(route.getEventId())
                .setPayload(route.getPayload()).setIdentifiers(ids).setSubjectId(subject)
                .setOccurredAt(route.getOccurredAt()).build();
        send(subject, event, timestamp);
    }

    private void resolvedRequest(Route route, TreeSet<String> candidates, long timestamp) {
        if (candidates.isEmpty()) {
            DataSubjectRequest request = Payloads.request(route);
            RequestRecord nobody = RequestRecord.newBuilder().setRequestId(request.getRequestId())
                    .setType(request.getType().name()).setSubjectId(null).setState("RECEIVED")
                    .setReceivedAt(request.getReceivedAt().toEpochMilli()).setDeadline(request.getDeadline().toEpochMilli())
                    .setUpdatedAt(route.getOccurredAt()).build();
            Route issued = Route.newBuilder().setKind(RouteKind.REQUEST_ISSUED.name()).setEventId(route.getEventId())
                    .setPayload(route.getPayload()).setRequest(nobody).setOccurredAt(route.getOccurredAt()).build();
            send(request.getRequestId(), issued, timestamp);
            return;
        }
        // Identifiers of one request pointing at different subjects are not stitched (a request is
        // not evidence that identifiers belong together); it goes to the smallest, which is where a
        // later merge would put everything anyway.
        String subject = candidates.first();
        Route forward = Route.newBuilder().setKind(RouteKind.REQUEST.name()).setEventId(route.getEventId())
                .setPayload(route.getPayload()).setIdentifiers(route.getIdentifiers()).setSubjectId(subject)
                .setOccurredAt(route.getOccurredAt()).build();
        send(subject, forward, timestamp);
    }

    private void assign(Identifier identifier, String pseudonym, String subject, String cause, long occurredAt, long timestamp) {
        String current = index.get(pseudonym);
        if (current == null) {
            index.put(pseudonym, subject);
            link(identifier, subject, cause, occurredAt, timestamp);
        } else if (current.equals(subject)) {
            return;
        } else if (current.compareTo(subject) < 0) {
            merge(subject, current, cause, occurredAt, timestamp);
        } else {
            index.put(pseudonym, subject);
            link(identifier, subject, cause, occurredAt, timestamp);
            merge(current, subject, cause, occurredAt, timestamp);
        }
    }

    /** Publishes the identifier's subject; identifiers of a merged-away subject are found through the merge. */
    private void link(Identifier identifier, String subject, String cause, long occurredAt, long timestamp) {
        if (identifier == null) {
            // An assignment written before identifiers travelled with it: nothing to describe.
            return;
        }
        SubjectIdentifier contract = Payloads.contract(List.of(identifier)).get(0);
        IdentityLink link = new IdentityLink(contract, subject, java.time.Instant.ofEpochMilli(occurredAt),
                cause == null ? "" : cause);
        context.forward(new Record<Object, Object>(identifier.getPseudonym(), link, timestamp), identitiesSink);
    }

    private void merge(String loser, String survivor, String cause, long occurredAt, long timestamp) {
        Route merge = Route.newBuilder().setKind(RouteKind.MERGE_INTO.name()).setEventId(cause).setSubjectId(loser)
                .setSurvivorId(survivor).setOccurredAt(occurredAt).build();
        send(loser, merge, timestamp);
    }

    private void send(String key, Route route, long timestamp) {
        context.forward(new Record<Object, Object>(key, route, timestamp), routeSink);
    }
}
