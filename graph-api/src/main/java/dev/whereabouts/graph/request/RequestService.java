package dev.whereabouts.graph.request;

import dev.whereabouts.graph.audit.AuditEntry;
import dev.whereabouts.graph.audit.AuditRepository;
import dev.whereabouts.graph.lookup.RawIdentifiers;
import dev.whereabouts.graph.lookup.SubjectRepository;
import dev.whereabouts.graph.schema.GraphTransactions;
import dev.whereabouts.model.catalog.ControllerPolicy;
import dev.whereabouts.model.catalog.VerificationPolicy;
import dev.whereabouts.model.common.IdentifierType;
import dev.whereabouts.model.common.SubjectIdentifier;
import dev.whereabouts.model.dsr.DataSubjectRequest;
import dev.whereabouts.model.dsr.Deadlines;
import dev.whereabouts.model.dsr.HolderOutcome;
import dev.whereabouts.model.dsr.OutcomeRules;
import dev.whereabouts.model.dsr.OutcomeType;
import dev.whereabouts.model.dsr.RequestType;
import dev.whereabouts.model.dsr.TaskType;
import dev.whereabouts.model.time.IsoPeriod;
import dev.whereabouts.web.Caller;
import dev.whereabouts.web.FieldError;
import dev.whereabouts.web.Problem;
import dev.whereabouts.web.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.neo4j.driver.SimpleQueryRunner;

/**
 * Files data-subject requests and records outcomes for holders that cannot report over Kafka.
 * Requests and outcomes go to Kafka (the topology owns fan-out and status); the graph gets what only
 * the API knows (who filed it, scope, note) and the audit entry.
 */
public final class RequestService {

    /** Channels whose holders report their own outcomes; the DPO records outcomes only for the others. */
    static final Set<String> SELF_REPORTING_CHANNELS = Set.of("KAFKA", "WEBHOOK");

    /**
     * A request to file.
     *
     * @param requestId  idempotency key chosen by the client, or a new UUID
     * @param type       what the person asks for
     * @param subject    whom it is about
     * @param scope      categories the request is limited to; empty = all
     * @param receivedAt when the controller received it
     * @param note       free text for the file; must not contain raw identifiers
     */
    public record FileCommand(
            Optional<String> requestId,
            RequestType type,
            RequestSubject subject,
            List<String> scope,
            Instant receivedAt,
            String note) {}

    /**
     * Whom a request is about. Either way the request carries the person's identifier pseudonyms, which
     * is how the topology finds the subject (it resolves each pseudonym in its identity index).
     */
    public sealed interface RequestSubject permits GivenIdentifiers, KnownSubject {}

    /**
     * The identifiers the person gave (the REST API), pseudonymised: the request carries every pseudonym
     * under every configured key, so it finds the person across a key rotation.
     */
    public record GivenIdentifiers(RawIdentifiers.Pseudonymised identifiers) implements RequestSubject {}

    /**
     * A subject the graph knows, by pseudonymous id (the console, where the DPO opened the person): the
     * request carries the pseudonyms of the identifiers linked to that subject and to the subjects merged
     * into it, with the key each was made with, as the topology linked them. 404 when the graph does not
     * know the subject; 409 when no identifier is linked to it any more.
     */
    public record KnownSubject(String subjectId) implements RequestSubject {}

    /** Whom a request resolved to when filed: the subject ids known now and the identifiers it carries. */
    private record Resolved(List<String> subjectIds, List<SubjectIdentifier> identifiers) {}

    /**
     * What filing answers.
     *
     * @param requestId          the id
     * @param type               what the person asks for
     * @param receivedAt         when the controller received it
     * @param deadline           the deadline in force: the earlier of the statutory and the promised one
     * @param deadlineBasis      which of the two it is: STATUTORY or PROMISE
     * @param statutoryDeadline  one calendar month after receipt (Art. 12(3))
     * @param promisedDeadline   receipt plus the controller's promised answer time; null when it promises none
     * @param verificationMethod how the identity must be verified before any holder is asked; null when not
     * @param subjectId          the subject, when the identifiers already resolve to exactly one
     * @param auditId            the audit entry of the filing
     */
    public record Filed(
            String requestId,
            String type,
            Instant receivedAt,
            Instant deadline,
            String deadlineBasis,
            Instant statutoryDeadline,
            Instant promisedDeadline,
            String verificationMethod,
            String subjectId,
            String auditId) {}

    /** What recording an outcome answers. */
    public record Recorded(String requestId, String taskId, String holder, String outcome, Instant reportedAt) {}

    private final GraphTransactions graph;
    private final RequestPublisher publisher;
    private final ControllerPolicySource policies;
    private final RequestRepository store;
    private final SubjectRepository lookups = new SubjectRepository();
    private final AuditRepository audit = new AuditRepository();
    private final Clock clock;

    public RequestService(
            GraphTransactions graph, RequestPublisher publisher, ControllerPolicySource policies, Clock clock) {
        this.graph = graph;
        this.publisher = publisher;
        this.policies = policies;
        this.store = new RequestRepository(clock);
        this.clock = clock;
    }

    public RequestRepository repository() {
        return store;
    }

    /**
     * Files a request: its deadlines by the one rule ({@link Deadlines}) from the controller's
     * promise, the verification the controller's policy asks for its type; 503 while the policy is
     * not loaded.
     */
    public Filed file(Caller caller, FileCommand command) {
        ControllerPolicy policy = policies.current().orElseThrow(RequestDecisions::policyNotLoaded);
        String requestId = command.requestId().orElseGet(() -> UUID.randomUUID().toString());
        Instant statutory = Deadlines.statutory(command.receivedAt());
        Optional<Instant> promised = Deadlines.promised(command.receivedAt(), promise(policy));
        Deadlines.InForce inForce = Deadlines.inForce(statutory, promised);
        String verificationMethod = verificationMethod(policy, command.type()).orElse(null);
        Resolved resolved = graph.read(tx -> resolve(tx, command.subject()));
        List<String> subjectIds = resolved.subjectIds();
        String subjectId = subjectIds.size() == 1 ? subjectIds.get(0) : null;
        DataSubjectRequest request = DataSubjectRequest.newBuilder()
                .setRequestId(requestId)
                .setType(command.type())
                .setIdentifiers(resolved.identifiers())
                .setScope(command.scope())
                .setReceivedAt(command.receivedAt())
                .setDeadline(inForce.deadline())
                .setStatutoryDeadline(statutory)
                .setPromisedDeadline(promised.orElse(null))
                .setVerificationMethod(verificationMethod)
                .setRequestedBy(caller.name())
                .setNote(command.note())
                .build();
        publisher.file(request);
        String auditId = UUID.randomUUID().toString();
        graph.write(tx -> {
            store.file(tx, new RequestRepository.Filing(request, inForce, subjectId));
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
        return new Filed(
                requestId,
                command.type().name(),
                command.receivedAt(),
                inForce.deadline(),
                inForce.basis().name(),
                statutory,
                promised.orElse(null),
                verificationMethod,
                subjectId,
                auditId);
    }

    private Resolved resolve(SimpleQueryRunner tx, RequestSubject subject) {
        if (subject instanceof GivenIdentifiers given) {
            return new Resolved(
                    lookups.resolve(tx, given.identifiers().pseudonyms()),
                    given.identifiers().allKeys().stream().distinct().toList());
        }
        List<String> subjectIds = lookups.resolveSubject(tx, ((KnownSubject) subject).subjectId());
        if (subjectIds.isEmpty()) {
            throw ProblemException.notFound("no subject with this id is known");
        }
        List<SubjectIdentifier> identifiers = new ArrayList<>();
        for (Map<String, Object> identifier : lookups.identifiers(tx, subjectIds)) {
            identifiers.add(SubjectIdentifier.newBuilder()
                    .setType(IdentifierType.valueOf((String) identifier.get("type")))
                    .setPseudonym((String) identifier.get("pseudonym"))
                    .setKeyId((String) identifier.get("keyId"))
                    .build());
        }
        if (identifiers.isEmpty()) {
            throw conflict(
                    "no identifier is linked to this subject any more, so no holder could be asked about it",
                    "subjectId");
        }
        return new Resolved(subjectIds, identifiers);
    }

    /** The controller's promised answer time; a policy the catalog validated always parses. */
    static Optional<IsoPeriod> promise(ControllerPolicy policy) {
        return Optional.ofNullable(policy.getDsrResponseTime()).map(IsoPeriod::parse);
    }

    /** The method of the first verification policy naming this request type; empty when none does. */
    static Optional<String> verificationMethod(ControllerPolicy policy, RequestType type) {
        for (VerificationPolicy verification : policy.getVerification()) {
            if (verification.getRequestTypes().contains(type.name())) {
                return Optional.of(verification.getMethod());
            }
        }
        return Optional.empty();
    }

    public RequestView get(String requestId) {
        return graph.read(tx -> store.find(tx, requestId))
                .orElseThrow(() -> ProblemException.notFound("no request with id " + requestId));
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
        if (!isReportedByDpo(task)) {
            throw conflict(
                    "holder '" + holder + "' reports its own outcomes over " + task.erasureChannel()
                            + "; only EMAIL and MANUAL holders' outcomes are recorded by the DPO",
                    "/holder");
        }
        if (!task.isOpen()) {
            throw conflict("the task of '" + holder + "' is already " + task.state(), "/holder");
        }
        Optional<String> misfit = OutcomeRules.problem(TaskType.valueOf(task.type()), outcome);
        if (misfit.isPresent()) {
            throw ProblemException.invalid(
                    "the outcome does not fit the task", List.of(new FieldError("/outcome", misfit.get())));
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

    /**
     * Whether the DPO records this task's outcome: its holder is reached by EMAIL or MANUAL, not a
     * channel on which the holder reports itself (KAFKA, WEBHOOK).
     */
    public static boolean isReportedByDpo(RequestView.TaskView task) {
        return task.erasureChannel() == null || !SELF_REPORTING_CHANNELS.contains(task.erasureChannel());
    }

    static ProblemException conflict(String detail, String field) {
        return new ProblemException(
                Problem.of("conflict", "Conflict", 409, detail, List.of(new FieldError(field, detail))));
    }
}
