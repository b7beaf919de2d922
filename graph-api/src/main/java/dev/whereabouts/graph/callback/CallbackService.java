package dev.whereabouts.graph.callback;

import dev.whereabouts.graph.audit.AuditEntry;
import dev.whereabouts.graph.audit.AuditRepository;
import dev.whereabouts.graph.request.RequestPublisher;
import dev.whereabouts.graph.request.RequestRepository;
import dev.whereabouts.graph.request.RequestView;
import dev.whereabouts.graph.schema.GraphTransactions;
import dev.whereabouts.model.dsr.OutcomeRules;
import dev.whereabouts.model.dsr.OutcomeType;
import dev.whereabouts.model.dsr.TaskType;
import dev.whereabouts.web.FieldError;
import dev.whereabouts.web.Problem;
import dev.whereabouts.web.ProblemException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Holders' answers on the callback URL: finds the task in the graph, judges the call by {@link
 * CallbackRules}, publishes an accepted outcome on {@code whereabouts.dsr.outcomes.v1} (the topology
 * closes the task) and audits every call, accepted or not, and every view of the form.
 */
public final class CallbackService {

    /** The audit action of an answer. */
    static final String ANSWER = "task.callback";

    /** The audit action of a view of the form. */
    static final String FORM = "task.callback-form";

    /**
     * What an accepted answer answers.
     *
     * @param requestId the request
     * @param taskId    the task
     * @param holder    the holder that answered
     * @param outcome   what it reported
     */
    public record Accepted(String requestId, String taskId, String holder, String outcome) {}

    /**
     * What the form page shows.
     *
     * @param taskId   the task
     * @param token    its token, for the form to send back
     * @param task     the task as the graph shows it
     * @param outcomes the outcomes its type takes
     */
    public record FormPage(String taskId, String token, RequestView.TaskView task, List<OutcomeType> outcomes) {}

    private final GraphTransactions graph;
    private final RequestPublisher publisher;

    /**
     * Tasks answered on this instance, with the outcome, so a second use of a token gets its 409 at
     * once, before the topology's status closes the task in the graph (a FAILED answer may be
     * followed by a success). Bounded; the graph's closed task answers the rest.
     */
    private final java.util.Map<String, String> answered =
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());

    private static final int ANSWERED_CAPACITY = 100_000;
    private final CallbackRules rules;
    private final RequestRepository store;
    private final AuditRepository audit = new AuditRepository();
    private final Clock clock;

    public CallbackService(GraphTransactions graph, RequestPublisher publisher, CallbackRules rules, Clock clock) {
        this.graph = graph;
        this.publisher = publisher;
        this.rules = rules;
        this.store = new RequestRepository(clock);
        this.clock = clock;
    }

    /** Judges, publishes and audits one answer; throws the refusal as the caller gets it. */
    public Accepted answer(CallbackRules.Call call) {
        CallbackRules.Verdict verdict = rules.answer(call, () -> find(call), clock.instant());
        if (!verdict.accepted()) {
            audit(ANSWER, verdict, "refused");
            throw verdict.refusal();
        }
        String taskId = verdict.task().taskId();
        String previous =
                answered.putIfAbsent(taskId, verdict.outcome().getOutcome().name());
        if (previous != null && !previous.equals("FAILED")) {
            // Answered here before the topology's status reached the graph: the token is used up.
            rules.release(call, verdict);
            ProblemException reused = new ProblemException(Problem.of(
                    "conflict",
                    "Conflict",
                    409,
                    "the task was answered already (" + previous + "); its token answers it once",
                    List.of(new FieldError("taskId", "the task was answered already"))));
            audit(ANSWER, verdict, "refused");
            throw reused;
        }
        answered.put(taskId, verdict.outcome().getOutcome().name());
        forgetOldAnswers();
        try {
            publisher.recordOutcome(verdict.outcome());
        } catch (RuntimeException e) {
            rules.release(call, verdict);
            answered.remove(taskId);
            throw e;
        }
        audit(ANSWER, verdict, "accepted");
        return new Accepted(
                verdict.request().requestId(),
                verdict.task().taskId(),
                verdict.task().holder(),
                verdict.outcome().getOutcome().name());
    }

    private void forgetOldAnswers() {
        if (answered.size() > ANSWERED_CAPACITY) {
            synchronized (answered) {
                java.util.Iterator<String> oldest = answered.keySet().iterator();
                while (answered.size() > ANSWERED_CAPACITY && oldest.hasNext()) {
                    oldest.next();
                    oldest.remove();
                }
            }
        }
    }

    /** The form page of an open task; the same refusals as an answer for the token, the task and a closed task. */
    public FormPage form(CallbackRules.Call call) {
        CallbackRules.Verdict verdict = rules.admit(call, () -> find(call));
        if (verdict.accepted() && !verdict.task().isOpen()) {
            verdict = new CallbackRules.Verdict(
                    verdict.request(),
                    verdict.task(),
                    null,
                    CallbackRules.closed(verdict.task()),
                    "the task is already " + verdict.task().state());
        }
        if (!verdict.accepted()) {
            audit(FORM, verdict, "refused");
            throw verdict.refusal();
        }
        audit(FORM, verdict, "found");
        RequestView.TaskView task = verdict.task();
        List<OutcomeType> outcomes = task.type() == null
                ? List.of(OutcomeType.values())
                : OutcomeRules.allowed(TaskType.valueOf(task.type()));
        return new FormPage(task.taskId(), call.token(), task, outcomes);
    }

    private Optional<RequestView> find(CallbackRules.Call call) {
        return graph.read(tx -> store.findByTask(tx, call.taskId()));
    }

    private void audit(String action, CallbackRules.Verdict verdict, String outcome) {
        RequestView request = verdict.request();
        String auditOutcome =
                verdict.refusal() != null && verdict.refusal().problem().status() == 404 ? "not-found" : outcome;
        graph.write(tx -> {
            audit.record(
                    tx,
                    new AuditEntry(
                            UUID.randomUUID().toString(),
                            clock.instant(),
                            verdict.actor(),
                            action,
                            request == null || request.subjectId() == null ? List.of() : List.of(request.subjectId()),
                            verdict.auditReason(),
                            request == null ? null : request.requestId(),
                            auditOutcome));
            return null;
        });
    }
}
