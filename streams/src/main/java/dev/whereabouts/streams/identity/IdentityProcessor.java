package dev.whereabouts.streams.identity;

import dev.whereabouts.model.common.SubjectIdentifier;
import dev.whereabouts.model.dsr.DataSubjectRequest;
import dev.whereabouts.model.lineage.IdentityLink;
import dev.whereabouts.streams.routing.RouteSender;
import dev.whereabouts.streams.state.Identifier;
import dev.whereabouts.streams.state.IdentityEntry;
import dev.whereabouts.streams.state.Payloads;
import dev.whereabouts.streams.state.RequestRecord;
import dev.whereabouts.streams.state.Route;
import dev.whereabouts.streams.state.RouteKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The identifier index: pseudonym to subject id, partitioned by pseudonym, so each identifier has
 * exactly one owner task and concurrent claims on it are serialised there. See ADR 0003.
 *
 * <p>A sharing event is resolved at the owner of its first identifier. When the index entry there
 * already lists every other identifier of the event as a companion (seen together before, so the
 * same person: subjects merge, they never split), the subject is decided on the spot. Otherwise the
 * event visits the owner of each of its identifiers in turn (one routing hop per extra identifier),
 * collecting the subjects they point at. At the last identifier the subject is decided: the
 * smallest subject seen, or a fresh id derived from the first identifier if none was seen. Every
 * earlier identifier is told with {@link RouteKind#ASSIGN} (carrying the event's identifiers as
 * companions); subjects that lost are merged with {@link RouteKind#MERGE_INTO}. An assignment
 * that finds its identifier already taken by another subject keeps the smaller id and merges the
 * larger into it, so whatever order concurrent claims arrive in, every identifier converges to
 * the smallest subject id of its connected component.
 */
public final class IdentityProcessor implements Processor<String, Route, Object, Object> {

    /** Store name of the identifier index. */
    public static final String INDEX_STORE = "identity-index";

    /** Companions remembered per identifier; an identifier beyond this is visited, which is always correct. */
    static final int MAX_COMPANIONS = 16;

    private static final String NONE = "";

    private final RouteSender router;
    private final String identitiesSink;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, IdentityEntry> index;

    /**
     * @param router         where routing messages go (this task or the routing topic)
     * @param identitiesSink sink of {@code Topics.SUBJECT_IDENTITIES}: every identifier's current subject,
     *                       so a lookup by any identifier finds the person
     */
    public IdentityProcessor(RouteSender router, String identitiesSink) {
        this.router = router;
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
            case ASSIGN ->
                assign(
                        route.getIdentifiers().isEmpty()
                                ? null
                                : route.getIdentifiers().get(0),
                        record.key(),
                        route.getSubjectId(),
                        route.getCompanions(),
                        route.getEventId(),
                        route.getOccurredAt(),
                        record.timestamp());
            default -> throw new IllegalStateException("identity step cannot handle " + route.getKind());
        }
    }

    private void resolve(Record<String, Route> record) {
        Route route = record.value();
        List<Identifier> ids = route.getIdentifiers();
        int hop = route.getHop();
        IdentityEntry entry = index.get(ids.get(hop).getPseudonym());
        boolean isRequest = RouteKind.valueOf(route.getKind()) == RouteKind.RESOLVE_REQUEST;
        if (hop == 0 && entry != null && knowsAll(entry, ids)) {
            // Every identifier of the event is a known companion: the same person, decided here.
            if (isRequest) {
                resolvedRequest(route, new TreeSet<>(List.of(entry.getSubjectId())), record.timestamp());
            } else {
                forwardEvent(route, entry.getSubjectId(), record.timestamp());
            }
            return;
        }
        List<String> observed = new ArrayList<>(route.getObserved());
        observed.add(entry == null ? NONE : entry.getSubjectId());
        if (hop + 1 < ids.size()) {
            Route next = Route.newBuilder(route)
                    .setHop(hop + 1)
                    .setObserved(observed)
                    .build();
            router.send(ids.get(hop + 1).getPseudonym(), next, record.timestamp());
            return;
        }
        TreeSet<String> candidates = new TreeSet<>(observed);
        candidates.remove(NONE);
        if (isRequest) {
            resolvedRequest(route, candidates, record.timestamp());
        } else {
            resolvedEvent(route, candidates, record.timestamp());
        }
    }

    private static boolean knowsAll(IdentityEntry entry, List<Identifier> ids) {
        for (int i = 1; i < ids.size(); i++) {
            if (!entry.getCompanions().contains(ids.get(i).getPseudonym())) {
                return false;
            }
        }
        return true;
    }

    private void resolvedEvent(Route route, TreeSet<String> candidates, long timestamp) {
        List<Identifier> ids = route.getIdentifiers();
        String subject = candidates.isEmpty() ? SubjectIds.fresh(ids) : candidates.first();
        List<String> companions = ids.size() > 1 ? pseudonyms(ids) : List.of();
        int last = ids.size() - 1;
        for (int i = 0; i < last; i++) {
            // Sent even when the identifier already points at the subject: it learns its companions.
            Route assign = Route.newBuilder()
                    .setKind(RouteKind.ASSIGN.name())
                    .setEventId(route.getEventId())
                    .setIdentifiers(List.of(ids.get(i)))
                    .setSubjectId(subject)
                    .setCompanions(companions)
                    .setOccurredAt(route.getOccurredAt())
                    .build();
            router.send(ids.get(i).getPseudonym(), assign, timestamp);
        }
        // The last identifier is ours: assign it here, in this transaction.
        assign(
                ids.get(last),
                ids.get(last).getPseudonym(),
                subject,
                companions,
                route.getEventId(),
                route.getOccurredAt(),
                timestamp);
        forwardEvent(route, subject, timestamp);
    }

    private void forwardEvent(Route route, String subject, long timestamp) {
        Route event = Route.newBuilder()
                .setKind(RouteKind.EVENT.name())
                .setEventId(route.getEventId())
                .setPayload(route.getPayload())
                .setIdentifiers(route.getIdentifiers())
                .setSubjectId(subject)
                .setOccurredAt(route.getOccurredAt())
                .build();
        router.send(subject, event, timestamp);
    }

    private void resolvedRequest(Route route, TreeSet<String> candidates, long timestamp) {
        if (candidates.isEmpty()) {
            DataSubjectRequest request = Payloads.request(route);
            RequestRecord nobody = RequestRecord.newBuilder()
                    .setRequestId(request.getRequestId())
                    .setType(request.getType().name())
                    .setSubjectId(null)
                    .setState("RECEIVED")
                    .setReceivedAt(request.getReceivedAt().toEpochMilli())
                    .setDeadline(request.getDeadline().toEpochMilli())
                    .setUpdatedAt(route.getOccurredAt())
                    .build();
            Route issued = Route.newBuilder()
                    .setKind(RouteKind.REQUEST_ISSUED.name())
                    .setEventId(route.getEventId())
                    .setPayload(route.getPayload())
                    .setRequest(nobody)
                    .setOccurredAt(route.getOccurredAt())
                    .build();
            router.send(request.getRequestId(), issued, timestamp);
            return;
        }
        // Identifiers of one request pointing at different subjects are not stitched (a request is
        // not evidence that identifiers belong together); it goes to the smallest, which is where a
        // later merge would put everything anyway.
        String subject = candidates.first();
        Route forward = Route.newBuilder()
                .setKind(RouteKind.REQUEST.name())
                .setEventId(route.getEventId())
                .setPayload(route.getPayload())
                .setIdentifiers(route.getIdentifiers())
                .setSubjectId(subject)
                .setOccurredAt(route.getOccurredAt())
                .build();
        router.send(subject, forward, timestamp);
    }

    private void assign(
            Identifier identifier,
            String pseudonym,
            String subject,
            List<String> companions,
            String cause,
            long occurredAt,
            long timestamp) {
        IdentityEntry entry = index.get(pseudonym);
        if (entry == null) {
            index.put(pseudonym, new IdentityEntry(subject, withCompanions(List.of(), companions, pseudonym)));
            link(identifier, subject, cause, occurredAt, timestamp);
            return;
        }
        String current = entry.getSubjectId();
        List<String> known = withCompanions(entry.getCompanions(), companions, pseudonym);
        if (current.equals(subject)) {
            if (known.size() != entry.getCompanions().size()) {
                index.put(pseudonym, new IdentityEntry(current, known));
            }
        } else if (current.compareTo(subject) < 0) {
            if (known.size() != entry.getCompanions().size()) {
                index.put(pseudonym, new IdentityEntry(current, known));
            }
            merge(subject, current, cause, occurredAt, timestamp);
        } else {
            index.put(pseudonym, new IdentityEntry(subject, known));
            link(identifier, subject, cause, occurredAt, timestamp);
            merge(current, subject, cause, occurredAt, timestamp);
        }
    }

    /** The known companions plus new ones (never the identifier itself), up to the bound. */
    private static List<String> withCompanions(List<String> known, List<String> more, String self) {
        if (more.isEmpty()) {
            return known;
        }
        Set<String> all = new LinkedHashSet<>(known);
        for (String pseudonym : more) {
            if (all.size() >= MAX_COMPANIONS) {
                break;
            }
            if (!pseudonym.equals(self)) {
                all.add(pseudonym);
            }
        }
        return all.size() == known.size() ? known : new ArrayList<>(all);
    }

    private static List<String> pseudonyms(List<Identifier> ids) {
        List<String> out = new ArrayList<>(ids.size());
        for (Identifier id : ids) {
            out.add(id.getPseudonym());
        }
        return out;
    }

    /** Publishes the identifier's subject; identifiers of a merged-away subject are found through the merge. */
    private void link(Identifier identifier, String subject, String cause, long occurredAt, long timestamp) {
        if (identifier == null) {
            // An assignment written before identifiers travelled with it: nothing to describe.
            return;
        }
        SubjectIdentifier contract = Payloads.contract(List.of(identifier)).get(0);
        IdentityLink link =
                new IdentityLink(contract, subject, Instant.ofEpochMilli(occurredAt), cause == null ? "" : cause);
        context.forward(new Record<Object, Object>(identifier.getPseudonym(), link, timestamp), identitiesSink);
    }

    private void merge(String loser, String survivor, String cause, long occurredAt, long timestamp) {
        Route merge = Route.newBuilder()
                .setKind(RouteKind.MERGE_INTO.name())
                .setEventId(cause)
                .setSubjectId(loser)
                .setSurvivorId(survivor)
                .setOccurredAt(occurredAt)
                .build();
        router.send(loser, merge, timestamp);
    }
}
