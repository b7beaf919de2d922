package dev.whereabouts.streams.intake;

import dev.whereabouts.model.dsr.DataSubjectRequest;
import dev.whereabouts.model.dsr.DecisionKind;
import dev.whereabouts.model.dsr.HolderOutcome;
import dev.whereabouts.model.dsr.RequestDecision;
import dev.whereabouts.model.dsr.RequestType;
import dev.whereabouts.model.sharing.SharingEvent;
import dev.whereabouts.model.time.IsoPeriod;
import dev.whereabouts.streams.catalog.CatalogCache;
import dev.whereabouts.streams.state.Identifier;
import dev.whereabouts.streams.state.Payloads;
import dev.whereabouts.streams.state.Route;
import dev.whereabouts.streams.state.RouteKind;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** The {@link IntakeProcessor.Spec}s of the input topics the topology reads. */
public final class IntakeSpecs {

    private IntakeSpecs() {}

    /**
     * Sharing events: need an identifier, a category and a holder the catalog knows; de-duplicated
     * by event id; routed to the identity step of their first identifier.
     */
    public static IntakeProcessor.Spec<SharingEvent> sharingEvents(CatalogCache catalog) {
        return new IntakeProcessor.Spec<>() {
            @Override
            public Optional<String> validate(SharingEvent event, ProcessorContext<?, ?> context) {
                if (event.getIdentifiers().isEmpty()) {
                    return Optional.of(
                            "identifiers: at least one identifier is required (event " + event.getEventId() + ")");
                }
                if (event.getCategories().isEmpty()) {
                    return Optional.of(
                            "categories: at least one category is required (event " + event.getEventId() + ")");
                }
                if (event.getRetention() != null && !IsoPeriod.isValid(event.getRetention())) {
                    return Optional.of("retention: '" + event.getRetention() + "' is not an ISO-8601 period (event "
                            + event.getEventId() + ")");
                }
                if (!catalog.view(context).knows(event.getHolder())) {
                    return Optional.of("holder: '" + event.getHolder() + "' is not in the catalog (event "
                            + event.getEventId() + ")");
                }
                return Optional.empty();
            }

            @Override
            public String idempotencyKey(SharingEvent event) {
                return event.getEventId();
            }

            @Override
            public Record<String, Route> route(SharingEvent event, Record<byte[], byte[]> input) {
                List<Identifier> ids = Payloads.identifiers(event.getIdentifiers());
                Route route = Route.newBuilder()
                        .setKind(RouteKind.RESOLVE_EVENT.name())
                        .setEventId(event.getEventId())
                        .setPayload(Payloads.of(event))
                        .setIdentifiers(ids)
                        .setOccurredAt(event.getOccurredAt().toEpochMilli())
                        .build();
                return new Record<>(ids.get(0).getPseudonym(), route, input.timestamp());
            }
        };
    }

    /**
     * Requests: need an identifier, a deadline after receipt, and for a rectification the categories
     * to correct. Routed to the request step, which tracks them from receipt; one that needs no
     * identity verification is also fanned out at once, through the identity step of its first
     * identifier (the task that read it), so its tasks go out without a trip through the routing
     * topic. A request to verify is fanned out by the request step once verified.
     */
    public static IntakeProcessor.Spec<DataSubjectRequest> requests() {
        return new IntakeProcessor.Spec<>() {
            @Override
            public Optional<String> validate(DataSubjectRequest request, ProcessorContext<?, ?> context) {
                if (request.getIdentifiers().isEmpty()) {
                    return Optional.of("identifiers: at least one identifier is required (request "
                            + request.getRequestId() + ")");
                }
                if (!request.getDeadline().isAfter(request.getReceivedAt())) {
                    return Optional.of("deadline: must be after receivedAt (request " + request.getRequestId() + ")");
                }
                if (request.getType() == RequestType.RECTIFICATION
                        && request.getScope().isEmpty()) {
                    return Optional.of("scope: a rectification names the categories to correct (request "
                            + request.getRequestId() + ")");
                }
                return Optional.empty();
            }

            @Override
            public String idempotencyKey(DataSubjectRequest request) {
                return null;
            }

            @Override
            public Record<String, Route> route(DataSubjectRequest request, Record<byte[], byte[]> input) {
                Route route = Route.newBuilder()
                        .setKind(RouteKind.REQUEST_RECEIVED.name())
                        .setEventId(request.getRequestId())
                        .setPayload(Payloads.of(request))
                        .setIdentifiers(Payloads.identifiers(request.getIdentifiers()))
                        .setOccurredAt(request.getReceivedAt().toEpochMilli())
                        .build();
                return new Record<>(request.getRequestId(), route, input.timestamp());
            }

            @Override
            public List<Record<String, Route>> routes(DataSubjectRequest request, Record<byte[], byte[]> input) {
                Record<String, Route> received = route(request, input);
                if (request.getVerificationMethod() != null) {
                    return List.of(received);
                }
                // Received first: the request step then always knows a request before its tasks.
                Route resolve = Route.newBuilder(received.value())
                        .setKind(RouteKind.RESOLVE_REQUEST.name())
                        .build();
                return List.of(
                        received,
                        new Record<>(resolve.getIdentifiers().get(0).getPseudonym(), resolve, input.timestamp()));
            }
        };
    }

    /** Decisions: need a request id and, but for INFORMATION_RECEIVED, a note; routed to the request step. */
    public static IntakeProcessor.Spec<RequestDecision> decisions() {
        return new IntakeProcessor.Spec<>() {
            @Override
            public Optional<String> validate(RequestDecision decision, ProcessorContext<?, ?> context) {
                if (decision.getRequestId().isBlank()) {
                    return Optional.of("requestId: must not be blank (decision " + decision.getDecisionId() + ")");
                }
                if (decision.getKind() != DecisionKind.INFORMATION_RECEIVED
                        && (decision.getNote() == null || decision.getNote().isBlank())) {
                    return Optional.of("note: a " + decision.getKind() + " decision records its reason (decision "
                            + decision.getDecisionId() + ")");
                }
                if (decision.getKind() == DecisionKind.EXTEND && decision.getExtendedDeadline() == null) {
                    return Optional.of("extendedDeadline: an EXTEND decision names the new deadline (decision "
                            + decision.getDecisionId() + ")");
                }
                if (decision.getKind() == DecisionKind.REFUSE && decision.getGround() == null) {
                    return Optional.of("ground: a REFUSE decision names its Art. 12(5) ground (decision "
                            + decision.getDecisionId() + ")");
                }
                return Optional.empty();
            }

            @Override
            public String idempotencyKey(RequestDecision decision) {
                return null;
            }

            @Override
            public Record<String, Route> route(RequestDecision decision, Record<byte[], byte[]> input) {
                Route route = Route.newBuilder()
                        .setKind(RouteKind.DECISION.name())
                        .setEventId(decision.getDecisionId())
                        .setPayload(Payloads.of(decision))
                        .setOccurredAt(decision.getDecidedAt().toEpochMilli())
                        .build();
                return new Record<>(decision.getRequestId(), route, input.timestamp());
            }
        };
    }

    /** Outcomes: routed to the request step, keyed by request id whatever key they arrived with. */
    public static IntakeProcessor.Spec<HolderOutcome> outcomes() {
        return new IntakeProcessor.Spec<>() {
            @Override
            public Optional<String> validate(HolderOutcome outcome, ProcessorContext<?, ?> context) {
                if (outcome.getRequestId().isBlank()) {
                    return Optional.of("requestId: must not be blank (task " + outcome.getTaskId() + ")");
                }
                return Optional.empty();
            }

            @Override
            public String idempotencyKey(HolderOutcome outcome) {
                return null;
            }

            @Override
            public Record<String, Route> route(HolderOutcome outcome, Record<byte[], byte[]> input) {
                Route route = Route.newBuilder()
                        .setKind(RouteKind.OUTCOME.name())
                        .setEventId(outcome.getTaskId())
                        .setPayload(Payloads.of(outcome))
                        .setOccurredAt(outcome.getReportedAt().toEpochMilli())
                        .build();
                return new Record<>(outcome.getRequestId(), route, input.timestamp());
            }
        };
    }
}
