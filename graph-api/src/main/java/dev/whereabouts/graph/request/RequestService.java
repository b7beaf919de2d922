package dev.whereabouts.graph.request;

import dev.whereabouts.graph.audit.AuditEntry;
import dev.whereabouts.graph.audit.AuditRepository;
import dev.whereabouts.graph.lookup.RawIdentifiers;
import dev.whereabouts.graph.lookup.SubjectRepository;
import dev.whereabouts.graph.schema.GraphTransactions;
import dev.whereabouts.model.dsr.DataSubjectRequest;
import dev.whereabouts.model.dsr.HolderOutcome;
import dev.whereabouts.model.dsr.OutcomeType;
import dev.whereabouts.model.dsr.RequestType;
import dev.whereabouts.web.Caller;
import dev.whereabouts.web.FieldError;
import dev.whereabouts.web.Problem;
import dev.whereabouts.web.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Files data-subject requests, extends their deadlines and records outcomes for holders that cannot
 * report over Kafka. Requests and outcomes go to Kafka (the topology owns fan-out and status); the
 * graph gets what only the API knows (who filed it, the extension) and the audit entry.
 */
public final class RequestService {

    /** Channels whose holders report their own outcomes; the DPO records outcomes only for the others. */
    static final Set<String> SELF_REPORTING_CHANNELS = Set.of("KAFKA", "WEBHOOK");

    /**
     * A request to file.
     *
     * @param requestId   idempotency key chosen by the client, or a new UUID
     * @param type        what the person asks for
     * @param identifiers the person's identifiers, pseudonymised
     * @param scope       categories the request is limited to; empty = all
     * @param receivedAt  when the controller received it
     * @param note        free text for the file; must not contain raw identifiers
     */
    public record FileCommand(
            Optional<String> requestId,
            RequestType type,
            RawIdentifiers.Pseudonymised identifiers,
            List<String> scope,
            Instant receivedAt,
            String note) {}

    /** What filing answers: the id, the deadline and whether the subject is already known. */
    public record Filed(
            String requestId, String type, Instant receivedAt, Instant deadline, String subjectId, String auditId) {}

    /** What recording an outcome answers. */
    public record Recorded(String requestId, String taskId, String holder, String outcome, Instant reportedAt) {}

    private final GraphTransactions graph;
    private final RequestPublisher publisher;
    private final RequestRepository store;
    private final SubjectRepository lookups = new SubjectRepository();
    private final AuditRepository audit = new AuditRepository();
    private final Clock clock;

    public RequestService(GraphTransactions graph, RequestPublisher publisher, Clock clock) {
        this.graph = graph;
        this.publisher = publisher;
        this.store = new RequestRepository(clock);
        this.clock = clock;
    }

    public RequestRepository repository() {
        return store;
    }

    public Filed file(Caller caller, FileCommand command) {
        String requestId = command.requestId().orElseGet(() -> UUID.randomUUID().toString());
        Instant deadline = Deadlines.initial(command.receivedAt());
        List<String> subjectIds =
                graph.read(tx -> lookups.resolve(tx, command.identifiers().pseudonyms()));
        String subjectId = subjectIds.size() == 1 ? subjectIds.get(0) : null;
        DataSubjectRequest request = DataSubjectRequest.newBuilder()
                .setRequestId(requestId)
                .setType(command.type())
                .setIdentifiers(
                        command.identifiers().allKeys().stream().distinct().toList())
                .setScope(command.scope())
                .setReceivedAt(command.receivedAt())
                .setDeadline(deadline)
                .setRequestedBy(caller.name())
                .setNote(command.note())
                .build();
        publisher.file(request);
        String auditId = UUID.randomUUID().toString();
        graph.write(tx -> {
            store.file(
                    tx,
                    requestId,
                    command.type().name(),
                    command.receivedAt(),
                    deadline,
                    subjectId,
                    caller.name(),
                    command.scope(),
                    command.note());
            audit.record(
                    tx,
                    new AuditEntry(
                            auditId,
                            clock.instant(),
                            caller.name(),
                            "request.file",
                            subjectIds,
                            "data-subject request " + command.type(),
                            requestId,
                            "accepted"));
            return null;
        });
        return new Filed(requestId, command.type().name(), command.receivedAt(), deadline, subjectId, auditId);
    }

    public RequestView get(String requestId) {
        return graph.read(tx -> store.find(tx, requestId))
                .orElseThrow(() -> ProblemException.notFound("no request with id " + requestId));
    }

    /** Extends the deadline once, by {@code months} (1 or 2) beyond the original one, with a reason. */
    public RequestView extend(Caller caller, String requestId, int months, String reason) {
        RequestView request = get(requestId);
        if (request.isFinished()) {
            throw conflict(
                    "request " + requestId + " is " + request.state() + "; a finished request cannot be extended",
                    "requestId");
        }
        Instant deadline = Deadlines.extended(request.originalDeadline(), months);
        boolean extended = graph.write(tx -> {
            boolean done = store.extend(tx, requestId, deadline, reason, caller.name());
            if (done) {
                audit.record(
                        tx,
                        new AuditEntry(
                                UUID.randomUUID().toString(),
                                clock.instant(),
                                caller.name(),
                                "request.extend",
                                request.subjectId() == null ? List.of() : List.of(request.subjectId()),
                                reason,
                                requestId,
                                "extended"));
            }
            return done;
        });
        if (!extended) {
            throw conflict(
                    "the deadline of request " + requestId + " was extended before; Art. 12(3) allows one extension",
                    "requestId");
        }
        return get(requestId);
    }

    /** Records the outcome of an EMAIL or MANUAL holder's task, as the DPO received it. */
    public Recorded recordOutcome(
            Caller caller, String requestId, String holder, OutcomeType outcome, String evidence, Instant reportedAt) {
        RequestView request = get(requestId);
        if (request.tasks().isEmpty()) {
            throw conflict(
                    "request " + requestId + " has no tasks yet; outcomes can be recorded once tasks are issued",
                    "requestId");
        }
        RequestView.TaskView task = request.tasks().stream()
                .filter(t -> holder.equals(t.holder()))
                .findFirst()
                .orElseThrow(() -> ProblemException.invalid(
                        "request " + requestId + " has no task for this holder",
                        List.of(new FieldError(
                                "/holder",
                                "no task of request " + requestId + " is assigned to '" + holder
                                        + "'; holders with tasks: "
                                        + request.tasks().stream()
                                                .map(RequestView.TaskView::holder)
                                                .toList()))));
        if (task.erasureChannel() != null && SELF_REPORTING_CHANNELS.contains(task.erasureChannel())) {
            throw conflict(
                    "holder '" + holder + "' reports its own outcomes over " + task.erasureChannel()
                            + "; only EMAIL and MANUAL holders' outcomes are recorded by the DPO",
                    "/holder");
        }
        if (!task.isOpen()) {
            throw conflict("the task of '" + holder + "' is already " + task.state(), "/holder");
        }
        HolderOutcome record = HolderOutcome.newBuilder()
                .setTaskId(task.taskId())
                .setRequestId(requestId)
                .setHolder(holder)
                .setOutcome(outcome)
                .setEvidence(evidence)
                .setReportedAt(reportedAt)
                .setReportedBy(caller.name())
                .build();
        publisher.recordOutcome(record);
        graph.write(tx -> {
            audit.record(
                    tx,
                    new AuditEntry(
                            UUID.randomUUID().toString(),
                            clock.instant(),
                            caller.name(),
                            "request.outcome",
                            request.subjectId() == null ? List.of() : List.of(request.subjectId()),
                            "outcome " + outcome + " of " + holder,
                            requestId,
                            "accepted"));
            return null;
        });
        return new Recorded(requestId, task.taskId(), holder, outcome.name(), reportedAt);
    }

    static ProblemException conflict(String detail, String field) {
        return new ProblemException(
                Problem.of("conflict", "Conflict", 409, detail, List.of(new FieldError(field, detail))));
    }
}
