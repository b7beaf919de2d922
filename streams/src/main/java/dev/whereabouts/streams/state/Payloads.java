package dev.whereabouts.streams.state;

import dev.whereabouts.model.common.IdentifierType;
import dev.whereabouts.model.common.SubjectIdentifier;
import dev.whereabouts.model.dsr.DataSubjectRequest;
import dev.whereabouts.model.dsr.HolderOutcome;
import dev.whereabouts.model.dsr.RequestDecision;
import dev.whereabouts.model.sharing.SharingEvent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Contract records carried inside {@link Route} messages, as Avro single-object bytes: the
 * routing topic is the application's own, so it needs no registry round trip per hop.
 */
public final class Payloads {

    private static final StateSerde<SharingEvent> EVENTS =
            StateSerde.of(SharingEvent::toByteBuffer, SharingEvent::fromByteBuffer);
    private static final StateSerde<DataSubjectRequest> REQUESTS = StateSerde.of(
            DataSubjectRequest::toByteBuffer, DataSubjectRequest.createDecoder(StateSchemaHistory.store())::decode);
    private static final StateSerde<RequestDecision> DECISIONS =
            StateSerde.of(RequestDecision::toByteBuffer, RequestDecision::fromByteBuffer);
    private static final StateSerde<HolderOutcome> OUTCOMES =
            StateSerde.of(HolderOutcome::toByteBuffer, HolderOutcome::fromByteBuffer);

    private Payloads() {}

    public static ByteBuffer of(SharingEvent event) {
        return ByteBuffer.wrap(EVENTS.toBytes(event));
    }

    public static ByteBuffer of(DataSubjectRequest request) {
        return ByteBuffer.wrap(REQUESTS.toBytes(request));
    }

    public static ByteBuffer of(RequestDecision decision) {
        return ByteBuffer.wrap(DECISIONS.toBytes(decision));
    }

    public static RequestDecision decision(Route route) {
        return DECISIONS.fromBytes(route.getPayload());
    }

    public static DataSubjectRequest request(ByteBuffer payload) {
        return REQUESTS.fromBytes(payload);
    }

    public static ByteBuffer of(HolderOutcome outcome) {
        return ByteBuffer.wrap(OUTCOMES.toBytes(outcome));
    }

    public static SharingEvent event(Route route) {
        return EVENTS.fromBytes(route.getPayload());
    }

    public static DataSubjectRequest request(Route route) {
        return REQUESTS.fromBytes(route.getPayload());
    }

    public static HolderOutcome outcome(Route route) {
        return OUTCOMES.fromBytes(route.getPayload());
    }

    /** The contract's identifiers as state identifiers, one per pseudonym, first occurrence wins. */
    public static List<Identifier> identifiers(List<SubjectIdentifier> identifiers) {
        Map<String, Identifier> unique = new LinkedHashMap<>();
        for (SubjectIdentifier id : identifiers) {
            unique.putIfAbsent(
                    id.getPseudonym(), new Identifier(id.getType().name(), id.getPseudonym(), id.getKeyId()));
        }
        return new ArrayList<>(unique.values());
    }

    /** State identifiers back as the contract's. */
    public static List<SubjectIdentifier> contract(List<Identifier> identifiers) {
        List<SubjectIdentifier> out = new ArrayList<>(identifiers.size());
        for (Identifier id : identifiers) {
            IdentifierType type;
            try {
                type = IdentifierType.valueOf(id.getType());
            } catch (IllegalArgumentException e) {
                type = IdentifierType.OTHER;
            }
            out.add(new SubjectIdentifier(type, id.getPseudonym(), id.getKeyId()));
        }
        return out;
    }
}
