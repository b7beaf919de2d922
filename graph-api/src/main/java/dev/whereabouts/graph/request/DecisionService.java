package dev.whereabouts.graph.request;

import dev.whereabouts.graph.audit.AuditEntry;
import dev.whereabouts.graph.audit.AuditRepository;
import dev.whereabouts.graph.schema.GraphTransactions;
import dev.whereabouts.model.dsr.DecisionKind;
import dev.whereabouts.model.dsr.RequestDecision;
import dev.whereabouts.web.Caller;
import dev.whereabouts.web.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Takes the controller's decisions on a request: reads the request from the graph, checks the
 * decision with {@link RequestDecisions}, publishes it on {@code whereabouts.dsr.decisions.v1} for
 * the topology (which applies it to the status, the one truth of the request) and audits it. Nothing
 * about the decision is written to the graph here: it shows once the topology's status arrives.
 */
public final class DecisionService {

    /** The audit action of each kind of decision. */
    static final Map<DecisionKind, String> ACTIONS = Map.of(
            DecisionKind.VERIFY, "request.verify",
            DecisionKind.REJECT, "request.reject",
            DecisionKind.REQUEST_INFORMATION, "request.ask-information",
            DecisionKind.INFORMATION_RECEIVED, "request.information-received",
            DecisionKind.REFUSE, "request.refuse",
            DecisionKind.EXTEND, "request.extend");

    /**
     * What a decision answers: it is on Kafka; the topology applies it.
     *
     * @param decisionId       the decision's id
     * @param requestId        the request
     * @param kind             what was decided
     * @param decidedBy        who
     * @param decidedAt        when
     * @param extendedDeadline EXTEND: the new deadline
     * @param notice           REFUSE and REJECT: the Art. 12(4) notice for the person
     */
    public record Decided(
            String decisionId,
            String requestId,
            String kind,
            String decidedBy,
            Instant decidedAt,
            Instant extendedDeadline,
            String notice) {}

    private final GraphTransactions graph;
    private final RequestPublisher publisher;
    private final ControllerPolicySource policies;
    private final RequestRepository store;
    private final AuditRepository audit = new AuditRepository();
    private final Clock clock;

    public DecisionService(
            GraphTransactions graph, RequestPublisher publisher, ControllerPolicySource policies, Clock clock) {
        this.graph = graph;
        this.publisher = publisher;
        this.policies = policies;
        this.store = new RequestRepository(clock);
        this.clock = clock;
    }

    /** Checks, publishes and audits one decision on request {@code requestId}. */
    public Decided decide(Caller caller, String requestId, RequestDecisions.Command command) {
        RequestView request = graph.read(tx -> store.find(tx, requestId))
                .orElseThrow(() -> ProblemException.notFound("no request with id " + requestId));
        RequestDecision decision =
                RequestDecisions.decide(request, command, caller.name(), policies.current(), clock.instant());
        publisher.decide(decision);
        graph.write(tx -> {
            audit.record(
                    tx,
                    new AuditEntry(
                            UUID.randomUUID().toString(),
                            clock.instant(),
                            caller.name(),
                            ACTIONS.get(decision.getKind()),
                            request.subjectId() == null ? List.of() : List.of(request.subjectId()),
                            decision.getNote() == null ? decision.getKind().name() : decision.getNote(),
                            requestId,
                            "accepted"));
            return null;
        });
        return new Decided(
                decision.getDecisionId(),
                requestId,
                decision.getKind().name(),
                decision.getDecidedBy(),
                decision.getDecidedAt(),
                decision.getExtendedDeadline(),
                decision.getNotice());
    }
}
