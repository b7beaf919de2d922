package dev.whereabouts.graph.callback;

import dev.whereabouts.graph.api.Bodies;
import dev.whereabouts.graph.request.RequestView;
import dev.whereabouts.model.dsr.DeliveryKeys;
import dev.whereabouts.model.dsr.HolderOutcome;
import dev.whereabouts.model.dsr.OutcomeRules;
import dev.whereabouts.model.dsr.OutcomeType;
import dev.whereabouts.model.dsr.TaskType;
import dev.whereabouts.model.dsr.WebhookSignature;
import dev.whereabouts.model.id.HolderId;
import dev.whereabouts.model.id.RequestId;
import dev.whereabouts.web.FieldError;
import dev.whereabouts.web.JsonFields;
import dev.whereabouts.web.Problem;
import dev.whereabouts.web.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Whether a holder's answer on the callback URL is accepted, in this order: the task token (401),
 * the task (404), for a WEBHOOK holder the signature and a delivery id not seen before (401), the
 * task still open (409), the fields and the outcome fitting the task ({@link OutcomeRules}, 422).
 * Every 401 says the same, whichever check failed: a caller learns nothing about which secret is
 * wrong. Each verdict carries the precise reason for the audit trail. No I/O: {@link
 * CallbackService} finds the task, publishes and audits.
 */
public final class CallbackRules {

    /** The header that carries the task token. */
    public static final String TOKEN_HEADER = dev.whereabouts.model.dsr.TaskTokens.HEADER;

    /** Fields of an answer, JSON or form; {@code token} is the form's way to send the token. */
    static final Set<String> FIELDS = Set.of("token", "outcome", "evidence", "reportedAt");

    /** Longest evidence kept. */
    static final int MAX_EVIDENCE = 2_000;

    /** What every 401 of a callback says. */
    static final String UNAUTHENTICATED = "the callback could not be authenticated: the task token, the webhook"
            + " signature or the delivery id is missing, wrong, expired or used before";

    /**
     * One call on the callback URL.
     *
     * @param taskId     the task named in the URL
     * @param token      the task token (header, else form field or query parameter); null when none
     * @param signature  the {@code Whereabouts-Signature} header; null when none
     * @param deliveryId the {@code Whereabouts-Delivery} header; null when none
     * @param body       the body's exact bytes, as signed
     * @param fields     the body's fields (JSON or form); null for the form page (GET)
     */
    public record Call(
            String taskId, String token, String signature, String deliveryId, byte[] body, JsonFields fields) {}

    /**
     * The verdict on a call.
     *
     * @param request     the request the task belongs to, once the token let the call find it
     * @param task        the task, once found
     * @param outcome     the outcome to publish, when accepted
     * @param refusal     why not, as the caller gets it; null when accepted
     * @param auditReason what the audit trail records: the precise reason (never a secret)
     */
    public record Verdict(
            RequestView request,
            RequestView.TaskView task,
            HolderOutcome outcome,
            ProblemException refusal,
            String auditReason) {

        public boolean accepted() {
            return refusal == null;
        }

        /** Who the audit trail names: the holder once its token was right, else an anonymous caller. */
        public String actor() {
            return task == null ? "callback" : reportedBy(task.holder());
        }
    }

    private final DeliveryKeys keys;
    private final DeliveryMemory deliveries;

    public CallbackRules(DeliveryKeys keys, DeliveryMemory deliveries) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
    }

    /** {@code reportedBy} of an outcome answered on the callback URL. */
    public static String reportedBy(String holder) {
        return "holder " + holder + " via callback";
    }

    /**
     * The token and the task: what the form page (GET) and an answer (POST) both need.
     *
     * @param find the request holding the task, as the graph shows it (empty when none does); asked
     *                only once the token is right, so a wrong token probes nothing
     */
    public Verdict admit(Call call, Supplier<Optional<RequestView>> find) {
        if (!keys.tokens().matches(call.taskId(), call.token())) {
            return refused(
                    null,
                    null,
                    unauthenticated(),
                    (call.token() == null ? "no task token" : "wrong task token") + " for " + describe(call.taskId()));
        }
        Optional<RequestView> request = find.get();
        Optional<RequestView.TaskView> task = request.flatMap(r ->
                r.tasks().stream().filter(t -> t.taskId().equals(call.taskId())).findFirst());
        if (task.isEmpty()) {
            return refused(
                    null,
                    null,
                    ProblemException.notFound("no task with this id"),
                    "no task " + describe(call.taskId()));
        }
        return new Verdict(request.get(), task.get(), null, null, "task " + call.taskId());
    }

    /**
     * The verdict on an answer (POST).
     *
     * @param find the request holding the task, as {@link #admit} asks for it
     * @param now  the time the call arrived
     */
    public Verdict answer(Call call, Supplier<Optional<RequestView>> find, Instant now) {
        Verdict admitted = admit(call, find);
        if (!admitted.accepted()) {
            return admitted;
        }
        RequestView found = admitted.request();
        RequestView.TaskView task = admitted.task();
        if ("WEBHOOK".equals(task.erasureChannel())) {
            Optional<WebhookSignature> secret = keys.webhook(task.holder());
            if (secret.isEmpty()) {
                return refused(found, task, unauthenticated(), "no webhook secret is configured for the holder");
            }
            Optional<String> signature = secret.get().problem(call.signature(), call.body(), now);
            if (signature.isPresent()) {
                return refused(found, task, unauthenticated(), signature.get());
            }
            if (call.deliveryId() == null || call.deliveryId().isBlank()) {
                return refused(found, task, unauthenticated(), WebhookSignature.DELIVERY_HEADER + " header is missing");
            }
            if (!deliveries.claim(task.holder(), call.deliveryId(), now)) {
                return refused(
                        found,
                        task,
                        unauthenticated(),
                        "replayed delivery: " + WebhookSignature.DELIVERY_HEADER + " seen within the replay window");
            }
        }
        Verdict verdict = decide(call, found, task, now);
        if (!verdict.accepted()) {
            // Only an accepted answer uses its delivery id up: the holder may correct and send again.
            release(call, verdict);
        }
        return verdict;
    }

    private Verdict decide(Call call, RequestView found, RequestView.TaskView task, Instant now) {
        if (!task.isOpen()) {
            return refused(found, task, closed(task), "the task is already " + task.state());
        }
        JsonFields fields = call.fields();
        fields.onlyKnown(FIELDS);
        OutcomeType outcome = fields.enumValue("outcome", OutcomeType.class, List.of(OutcomeType.values()), true, true);
        String evidence = Bodies.freeText(fields, "evidence", MAX_EVIDENCE, true);
        Instant reportedAt = fields.optionalInstant("reportedAt").orElse(now);
        if (reportedAt.isAfter(now.plus(Duration.ofMinutes(5)))) {
            fields.reject(fields.pointer("reportedAt"), "must not be in the future");
        }
        if (outcome != null && task.type() != null) {
            OutcomeRules.problem(TaskType.valueOf(task.type()), outcome)
                    .ifPresent(misfit -> fields.reject(fields.pointer("outcome"), misfit));
        }
        if (fields.errorCount() > 0) {
            ProblemException invalid =
                    ProblemException.invalid("the answer is not valid", List.copyOf(fields.errors()));
            return refused(
                    found,
                    task,
                    invalid,
                    "invalid answer: "
                            + fields.errors().stream().map(FieldError::field).toList());
        }
        HolderOutcome record = HolderOutcome.newBuilder()
                .setTaskId(task.taskId())
                .setRequestId(found.requestId())
                .setHolder(task.holder())
                .setOutcome(outcome)
                .setEvidence(evidence)
                .setReportedAt(reportedAt)
                .setReportedBy(reportedBy(task.holder()))
                .build();
        return new Verdict(found, task, record, null, "outcome " + outcome + " of " + task.holder());
    }

    /** Gives back the delivery id a verdict claimed, when its outcome could not be published. */
    public void release(Call call, Verdict verdict) {
        if (verdict.task() != null && "WEBHOOK".equals(verdict.task().erasureChannel()) && call.deliveryId() != null) {
            deliveries.release(verdict.task().holder(), call.deliveryId());
        }
    }

    /** 409: a closed task takes no second answer, whatever the token. */
    static ProblemException closed(RequestView.TaskView task) {
        String detail = "the task is already " + task.state() + "; a task is answered once";
        return new ProblemException(
                Problem.of("conflict", "Conflict", 409, detail, List.of(new FieldError("taskId", detail))));
    }

    private static ProblemException unauthenticated() {
        return ProblemException.unauthorized(UNAUTHENTICATED);
    }

    private static Verdict refused(
            RequestView request, RequestView.TaskView task, ProblemException problem, String reason) {
        return new Verdict(request, task, null, problem, reason);
    }

    /** A task id for the audit trail: as it is when it has the platform's shape, else not at all. */
    static String describe(String taskId) {
        int slash = taskId == null ? -1 : taskId.indexOf('/');
        boolean wellFormed = slash > 0
                && RequestId.isValid(taskId.substring(0, slash))
                && HolderId.isValid(taskId.substring(slash + 1));
        return wellFormed ? "task " + taskId : "a task id of another shape";
    }
}
