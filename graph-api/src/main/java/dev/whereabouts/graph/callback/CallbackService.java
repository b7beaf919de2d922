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
        try {
            publisher.recordOutcome(verdict.outcome());
        } catch (RuntimeException e) {
            rules.release(call, verdict);
            throw e;
        }
        audit(ANSWER, verdict, "accepted");
        return new Accepted(
                verdict.request().requestId(),
                verdict.task().taskId(),
                verdict.task().holder(),
                verdict.outcome().getOutcome().name());
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
