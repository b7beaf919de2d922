package dev.whereabouts.streams.dsr;

import dev.whereabouts.model.deadletter.DeadLetter;
import dev.whereabouts.model.deadletter.DeadLetters;
import dev.whereabouts.model.deadletter.FailureStage;
import dev.whereabouts.model.dsr.DataSubjectRequest;
import dev.whereabouts.model.dsr.Deadlines;
import dev.whereabouts.model.dsr.HolderOutcome;
import dev.whereabouts.model.dsr.OutcomeRules;
import dev.whereabouts.model.dsr.RefusalGround;
import dev.whereabouts.model.dsr.RequestDecision;
import dev.whereabouts.model.dsr.RequestLifecycle;
import dev.whereabouts.model.dsr.RequestState;
import dev.whereabouts.model.dsr.RequestType;
import dev.whereabouts.model.dsr.TaskState;
import dev.whereabouts.model.dsr.TaskType;
import dev.whereabouts.model.lineage.LineageStatus;
import dev.whereabouts.model.topic.Topic;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.streams.catalog.CatalogCache;
import dev.whereabouts.streams.catalog.TopologyCatalog;
import dev.whereabouts.streams.routing.RouteSender;
import dev.whereabouts.streams.state.Payloads;
import dev.whereabouts.streams.state.RequestRecord;
import dev.whereabouts.streams.state.Route;
import dev.whereabouts.streams.state.RouteKind;
import dev.whereabouts.streams.state.TaskRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Owns the lifecycle of every data-subject request (docs/requests.md), partitioned by request id,
 * and publishes its {@link dev.whereabouts.model.dsr.RequestStatus} on every change.
 *
 * <ul>
 *   <li><b>Received</b>: tracked from receipt with its statutory and promised deadlines. When the
 *       catalog's policy asks for identity verification it waits in AWAITING_VERIFICATION;
 *       otherwise it is fanned out at once (through the identity and subject steps, which plan one
 *       task per holder). Filing the same id again with other content is dead-lettered: a
 *       deadline changes only by an EXTEND decision.</li>
 *   <li><b>Decisions</b> ({@link RequestLifecycle}): VERIFY fans out, REJECT and REFUSE close with the
 *       Art. 12(4) notice, REQUEST_INFORMATION pauses the deadlines until INFORMATION_RECEIVED,
 *       EXTEND sets the one extension. One the state does not allow is dead-lettered with the
 *       reason.</li>
 *   <li><b>Issued</b>: the planned tasks are sent to {@code whereabouts.dsr.tasks.v1}, each with the
 *       deadline in force and the date the holder should answer by.</li>
 *   <li><b>Outcomes</b> must fit their task ({@link OutcomeRules}); a closed task takes no other
 *       outcome, except that a FAILED one may still succeed. ERASED and RESTRICTED outcomes mark the
 *       holder's lineage.</li>
 *   <li><b>Time</b>: a wall-clock punctuator flags open requests overdue past the deadline in
 *       force, sends a task again (escalated) when its holder has not answered by its answer date,
 *       and closes EXPIRES tasks as EXPIRED when their date passes.</li>
 * </ul>
 */
public final class RequestProcessor implements Processor<String, Route, Object, Object> {

    public static final String REQUESTS_STORE = "dsr-requests";
    public static final String DEADLINE_INDEX_STORE = "dsr-deadline-index";

    /** Decisions remembered per request to apply a re-sent one once. */
    private static final int REMEMBERED_DECISIONS = 64;

    /** Where the processor writes. */
    public record Sinks(
            String status, String tasks, String requestsRejected, String outcomesRejected, String decisionsRejected) {}

    private final RouteSender router;
    private final Sinks sinks;
    private final CatalogCache catalog;
    private final Serializer<DataSubjectRequest> requestSerializer;
    private final Serializer<HolderOutcome> outcomeSerializer;
    private final Serializer<RequestDecision> decisionSerializer;
    private final Duration scanInterval;
    private final int sliceSize;
    private final DeadLetters deadLetters;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, RequestRecord> requests;
    private KeyValueStore<String, String> dueIndex;

    public RequestProcessor(
            RouteSender router,
            Sinks sinks,
            CatalogCache catalog,
            TopicSerdes serdes,
            Duration scanInterval,
            int sliceSize,
            String application) {
        this.router = router;
        this.sinks = sinks;
        this.catalog = catalog;
        this.requestSerializer = serdes.valueSerde(Topics.DSR_REQUESTS).serializer();
        this.outcomeSerializer = serdes.valueSerde(Topics.DSR_OUTCOMES).serializer();
        this.decisionSerializer = serdes.valueSerde(Topics.DSR_DECISIONS).serializer();
        this.scanInterval = scanInterval;
        this.sliceSize = sliceSize;
        this.deadLetters = new DeadLetters(application, Clock.systemUTC());
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.requests = context.getStateStore(REQUESTS_STORE);
        this.dueIndex = context.getStateStore(DEADLINE_INDEX_STORE);
        context.schedule(scanInterval, PunctuationType.WALL_CLOCK_TIME, this::tick);
    }

    @Override
    public void process(Record<String, Route> record) {
        switch (RouteKind.valueOf(record.value().getKind())) {
            case REQUEST_RECEIVED -> received(record);
            case REQUEST_ISSUED -> issued(record);
            case DECISION -> decision(record);
            case OUTCOME -> outcome(record);
            default ->
                throw new IllegalStateException(
                        "request step cannot handle " + record.value().getKind());
        }
    }

    /** A tracked request; one stored by release 0.1.0 gets its statutory deadline (then always receipt + 1 month). */
    private RequestRecord load(String requestId) {
        RequestRecord request = requests.get(requestId);
        if (request != null && request.getStatutoryDeadline() == null) {
            request.setStatutoryDeadline(request.getDeadline());
            request.setDeadlineBasis(Deadlines.Basis.STATUTORY.name());
        }
        return request;
    }

    // ---- receipt ----------------------------------------------------------------------------------

    private void received(Record<String, Route> record) {
        Route route = record.value();
        DataSubjectRequest filed = Payloads.request(route);
        RequestRecord existing = load(record.key());
        if (existing != null) {
            boolean same = existing.getReceivedAt() == filed.getReceivedAt().toEpochMilli()
                    && existing.getType().equals(filed.getType().name())
                    && Objects.equals(existing.getStatutoryDeadline(), statutory(filed));
            if (!same) {
                deadLetter(
                        sinks.requestsRejected(),
                        Topics.DSR_REQUESTS,
                        filed.getRequestId(),
                        requestSerializer.serialize(Topics.DSR_REQUESTS.name(), filed),
                        "request " + filed.getRequestId() + " was filed before (" + existing.getState()
                                + "); filing it again with other content changes nothing: a deadline is extended"
                                + " by an EXTEND decision on " + Topics.DSR_DECISIONS.name(),
                        record.timestamp());
            }
            return;
        }
        long receivedAt = filed.getReceivedAt().toEpochMilli();
        RequestRecord request = RequestRecord.newBuilder()
                .setRequestId(filed.getRequestId())
                .setType(filed.getType().name())
                .setState(RequestState.RECEIVED.name())
                .setReceivedAt(receivedAt)
                .setDeadline(filed.getDeadline().toEpochMilli())
                .setStatutoryDeadline(statutory(filed))
                .setPromisedDeadline(
                        filed.getPromisedDeadline() == null
                                ? null
                                : filed.getPromisedDeadline().toEpochMilli())
                .setVerificationMethod(filed.getVerificationMethod())
                .setTasks(new ArrayList<>())
                .setIdentifiers(new ArrayList<>(route.getIdentifiers()))
                .setPayload(route.getPayload())
                .setUpdatedAt(receivedAt)
                .build();
        applyDeadlines(request);
        if (request.getVerificationMethod() != null) {
            request.setState(RequestState.AWAITING_VERIFICATION.name());
        }
        // Otherwise the intake fanned it out already, next to this message (IntakeSpecs.requests).
        finish(request, record.timestamp());
    }

    private static long statutory(DataSubjectRequest filed) {
        return filed.getStatutoryDeadline() != null
                ? filed.getStatutoryDeadline().toEpochMilli()
                : filed.getDeadline().toEpochMilli();
    }

    /** Sends the request through the identity and subject steps, which plan its tasks. */
    private void fanOut(RequestRecord request, long timestamp) {
        DataSubjectRequest filed = Payloads.request(request.getPayload());
        filed.setDeadline(Instant.ofEpochMilli(request.getDeadline()));
        Route resolve = Route.newBuilder()
                .setKind(RouteKind.RESOLVE_REQUEST.name())
                .setEventId(request.getRequestId())
                .setPayload(Payloads.of(filed))
                .setIdentifiers(new ArrayList<>(request.getIdentifiers()))
                .setOccurredAt(request.getReceivedAt())
                .build();
        router.send(request.getIdentifiers().get(0).getPseudonym(), resolve, timestamp);
    }

    // ---- tasks issued -----------------------------------------------------------------------------

    private void issued(Record<String, Route> record) {
        RequestRecord planned = record.value().getRequest();
        RequestRecord request = load(record.key());
        if (request == null) {
            // Planned by a build that tracked requests only from here: adopt the planned record.
            request = RequestRecord.newBuilder(planned)
                    .setTasks(new ArrayList<>())
                    .build();
            if (request.getStatutoryDeadline() == null) {
                request.setStatutoryDeadline(request.getDeadline());
            }
            applyDeadlines(request);
        }
        if (request.getIssuedAt() != null) {
            return; // planned before (a replay or a merge): the tasks are out already
        }
        // The subject step sent the tasks when it planned them; this records them.
        long now = context.currentSystemTimeMs();
        request.setIssuedAt(planned.getIssuedAt() == null ? now : planned.getIssuedAt());
        request.setSubjectId(planned.getSubjectId());
        if (!planned.getIdentifiers().isEmpty()) {
            request.setIdentifiers(new ArrayList<>(planned.getIdentifiers()));
        }
        TopologyCatalog view = catalog.view(context);
        List<TaskRecord> tasks = new ArrayList<>();
        for (TaskRecord task : planned.getTasks()) {
            TaskRecord issued = TaskRecord.newBuilder(task).build();
            if (issued.getAnswerBy() == null && !TaskType.EXPIRES.name().equals(task.getType())) {
                issued.setAnswerBy(
                        HolderTasks.answerBy(view, task.getHolder(), request.getIssuedAt(), request.getDeadline()));
            }
            tasks.add(issued);
        }
        request.setTasks(tasks);
        if (RequestState.AWAITING_INFORMATION.name().equals(request.getState())) {
            request.setResumeState(RequestState.IN_PROGRESS.name());
        } else {
            request.setState(RequestState.IN_PROGRESS.name());
        }
        finish(request, record.timestamp());
    }

    private void sendTask(RequestRecord request, TaskRecord task, int reminder, long timestamp) {
        context.forward(
                new Record<Object, Object>(task.getHolder(), HolderTasks.of(request, task, reminder), timestamp),
                sinks.tasks());
    }

    // ---- decisions --------------------------------------------------------------------------------

    private void decision(Record<String, Route> record) {
        RequestDecision decision = Payloads.decision(record.value());
        RequestRecord request = load(record.key());
        if (request != null && request.getDecisions().contains(decision.getDecisionId())) {
            return; // applied before
        }
        Optional<String> problem = request == null
                ? Optional.of("decision for unknown request " + decision.getRequestId())
                : decisionProblem(request, decision);
        if (problem.isPresent()) {
            deadLetter(
                    sinks.decisionsRejected(),
                    Topics.DSR_DECISIONS,
                    decision.getRequestId(),
                    decisionSerializer.serialize(Topics.DSR_DECISIONS.name(), decision),
                    "request " + decision.getRequestId() + ": " + problem.get(),
                    record.timestamp());
            return;
        }
        long at = decision.getDecidedAt().toEpochMilli();
        String by = decision.getDecidedBy();
        switch (decision.getKind()) {
            case VERIFY -> {
                recordVerification(request, true, decision);
                request.setState(RequestState.VERIFIED.name());
                fanOut(request, record.timestamp());
            }
            case REJECT -> {
                recordVerification(request, false, decision);
                close(
                        request,
                        RequestState.REJECTED,
                        decision.getGround() == null ? RefusalGround.IDENTITY_NOT_ESTABLISHED : decision.getGround(),
                        decision,
                        at);
            }
            case REFUSE -> close(request, RequestState.REFUSED, decision.getGround(), decision, at);
            case REQUEST_INFORMATION -> {
                request.setResumeState(request.getState());
                request.setInfoAskedAt(at);
                request.setInfoAskedBy(by);
                request.setInfoNote(decision.getNote());
                request.setInfoAnsweredAt(null);
                request.setState(RequestState.AWAITING_INFORMATION.name());
            }
            case INFORMATION_RECEIVED -> {
                long asked = request.getInfoAskedAt() == null ? at : request.getInfoAskedAt();
                request.setPausedMillis(request.getPausedMillis() + Math.max(0, at - asked));
                request.setInfoAnsweredAt(at);
                String resume =
                        request.getResumeState() == null ? RequestState.RECEIVED.name() : request.getResumeState();
                request.setResumeState(null);
                request.setState(resume);
                applyDeadlines(request);
                boolean verificationPending = request.getVerificationMethod() != null && request.getVerified() == null;
                if (RequestState.RECEIVED.name().equals(resume)
                        && !verificationPending
                        && request.getIssuedAt() == null) {
                    fanOut(request, record.timestamp());
                }
            }
            case EXTEND -> {
                request.setExtendedDeadline(decision.getExtendedDeadline().toEpochMilli());
                request.setExtensionReason(decision.getNote());
                applyDeadlines(request);
                reissueDeadline(request, record.timestamp());
            }
        }
        List<String> applied = new ArrayList<>(request.getDecisions());
        applied.add(decision.getDecisionId());
        if (applied.size() > REMEMBERED_DECISIONS) {
            applied = new ArrayList<>(applied.subList(applied.size() - REMEMBERED_DECISIONS, applied.size()));
        }
        request.setDecisions(applied);
        request.setUpdatedAt(Math.max(request.getUpdatedAt(), at));
        finish(request, record.timestamp());
    }

    private Optional<String> decisionProblem(RequestRecord request, RequestDecision decision) {
        RequestState state = RequestState.valueOf(request.getState());
        boolean verificationPending = request.getVerificationMethod() != null && request.getVerified() == null;
        Optional<String> problem = RequestLifecycle.problem(
                state,
                request.getOverdue(),
                request.getExtendedDeadline() != null,
                verificationPending,
                decision.getKind());
        if (problem.isPresent()) {
            return problem;
        }
        return switch (decision.getKind()) {
            case VERIFY, REJECT ->
                Objects.equals(decision.getMethod(), request.getVerificationMethod())
                        ? Optional.empty()
                        : Optional.of("method: the catalog's policy verifies this request by "
                                + request.getVerificationMethod());
            case REFUSE ->
                decision.getNotice() == null || decision.getNotice().isBlank()
                        ? Optional.of("notice: a refusal carries the Art. 12(4) notice for the person")
                        : Optional.empty();
            case EXTEND -> {
                long wanted = decision.getExtendedDeadline().toEpochMilli();
                Instant limit = Deadlines.extensionLimit(Instant.ofEpochMilli(request.getStatutoryDeadline()));
                if (wanted <= request.getDeadline()) {
                    yield Optional.of("extendedDeadline: must be after the deadline in force "
                            + Instant.ofEpochMilli(request.getDeadline()));
                }
                if (wanted > limit.toEpochMilli()) {
                    yield Optional.of("extendedDeadline: Art. 12(3) allows at most two further months, until " + limit);
                }
                yield Optional.empty();
            }
            default -> Optional.empty();
        };
    }

    private static void recordVerification(RequestRecord request, boolean verified, RequestDecision decision) {
        request.setVerified(verified);
        request.setVerifiedBy(decision.getDecidedBy());
        request.setVerifiedAt(decision.getDecidedAt().toEpochMilli());
        request.setVerificationNote(decision.getNote());
    }

    private static void close(
            RequestRecord request, RequestState state, RefusalGround ground, RequestDecision decision, long at) {
        request.setState(state.name());
        request.setRefusalGround(ground.name());
        request.setRefusalReason(decision.getNote());
        request.setRefusalNotice(
                decision.getNotice() == null || decision.getNotice().isBlank()
                        ? decision.getNote()
                        : decision.getNotice());
        request.setRefusedBy(decision.getDecidedBy());
        request.setRefusedAt(at);
        request.setCompletedAt(at);
    }

    /** After an extension, open tasks carry the new deadline; holders are not reminded earlier than before. */
    private void reissueDeadline(RequestRecord request, long timestamp) {
        for (TaskRecord task : request.getTasks()) {
            if (TaskState.PENDING.name().equals(task.getState())
                    && !TaskType.EXPIRES.name().equals(task.getType())) {
                sendTask(request, task, task.getEscalated() ? 1 : 0, timestamp);
            }
        }
    }

    // ---- outcomes ---------------------------------------------------------------------------------

    private void outcome(Record<String, Route> record) {
        HolderOutcome outcome = Payloads.outcome(record.value());
        RequestRecord request = load(record.key());
        TaskRecord task = request == null
                ? null
                : request.getTasks().stream()
                        .filter(t -> t.getTaskId().equals(outcome.getTaskId()))
                        .findFirst()
                        .orElseGet(() -> request.getTasks().stream()
                                .filter(t -> t.getHolder().equals(outcome.getHolder()))
                                .findFirst()
                                .orElse(null));
        String problem = null;
        if (task == null) {
            problem = request == null
                    ? "outcome for unknown request " + outcome.getRequestId()
                    : "request " + outcome.getRequestId() + " has no task " + outcome.getTaskId() + " for holder "
                            + outcome.getHolder();
        } else {
            String state = OutcomeRules.state(outcome.getOutcome()).name();
            if (state.equals(task.getState()) && Objects.equals(outcome.getEvidence(), task.getEvidence())) {
                return; // the same answer again
            }
            Optional<String> misfit = OutcomeRules.problem(TaskType.valueOf(task.getType()), outcome.getOutcome());
            if (misfit.isPresent()) {
                problem = "task " + task.getTaskId() + ": " + misfit.get();
            } else if (RequestStatuses.terminal(task.getState())
                    && !TaskState.FAILED.name().equals(task.getState())) {
                problem = "task " + task.getTaskId() + " is already closed as " + task.getState();
            }
        }
        if (problem != null) {
            deadLetter(
                    sinks.outcomesRejected(),
                    Topics.DSR_OUTCOMES,
                    outcome.getRequestId(),
                    outcomeSerializer.serialize(Topics.DSR_OUTCOMES.name(), outcome),
                    problem,
                    record.timestamp());
            return;
        }
        long at = outcome.getReportedAt().toEpochMilli();
        task.setState(OutcomeRules.state(outcome.getOutcome()).name());
        task.setEvidence(outcome.getEvidence());
        task.setUpdatedAt(at);
        request.setUpdatedAt(Math.max(request.getUpdatedAt(), at));
        finish(request, record.timestamp());
        markLineage(request, task, at, record.timestamp());
    }

    private void markLineage(RequestRecord request, TaskRecord task, long at, long timestamp) {
        RequestType type = RequestType.valueOf(request.getType());
        if (request.getSubjectId() == null
                || type == RequestType.ACCESS
                || type == RequestType.PORTABILITY
                || type == RequestType.RECTIFICATION) {
            return;
        }
        LineageStatus status;
        String reason;
        if (TaskState.ERASED.name().equals(task.getState())) {
            status = LineageStatus.ERASED;
            reason = "erased on request " + request.getRequestId();
        } else if (TaskState.RESTRICTED.name().equals(task.getState())) {
            status = LineageStatus.RESTRICTED;
            reason = "restricted on request " + request.getRequestId()
                    + (task.getReason() == null ? "" : ": " + task.getReason());
        } else {
            return;
        }
        Route mark = Route.newBuilder()
                .setKind(RouteKind.MARK_EDGES.name())
                .setEventId(request.getRequestId())
                .setSubjectId(request.getSubjectId())
                .setHolder(task.getHolder())
                .setCategories(task.getCategories())
                .setStatus(status.name())
                .setReason(reason)
                .setOccurredAt(at)
                .build();
        router.send(request.getSubjectId(), mark, timestamp);
    }

    // ---- time -------------------------------------------------------------------------------------

    private void tick(long now) {
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, String> it =
                dueIndex.range(String.format("%013d/", 0), String.format("%013d/~", now))) {
            while (it.hasNext() && due.size() < sliceSize) {
                due.add(it.next().key);
            }
        }
        for (String key : due) {
            dueIndex.delete(key);
            long at = Long.parseLong(key.substring(0, 13));
            RequestRecord request = load(key.substring(14));
            if (request == null || request.getDeadlineIndexedAt() == null || request.getDeadlineIndexedAt() != at) {
                continue;
            }
            request.setDeadlineIndexedAt(null);
            boolean changed = false;
            for (TaskRecord task : request.getTasks()) {
                if (!TaskState.PENDING.name().equals(task.getState())) {
                    continue;
                }
                if (TaskType.EXPIRES.name().equals(task.getType())) {
                    if (task.getExpiresAt() != null && task.getExpiresAt() <= now) {
                        task.setState(TaskState.EXPIRED.name());
                        task.setEvidence("expired by itself on " + Instant.ofEpochMilli(task.getExpiresAt()));
                        task.setUpdatedAt(now);
                        changed = true;
                    }
                } else if (!task.getEscalated() && task.getAnswerBy() != null && task.getAnswerBy() <= now) {
                    task.setEscalated(true);
                    task.setRemindedAt(now);
                    task.setUpdatedAt(now);
                    sendTask(request, task, 1, now);
                    changed = true;
                }
            }
            if (changed || request.getOverdue() != overdue(request, now)) {
                request.setUpdatedAt(Math.max(request.getUpdatedAt(), now));
                finish(request, now);
            } else {
                index(request, now);
                requests.put(request.getRequestId(), request);
            }
        }
    }

    /** Open (and not waiting for information the controller asked for) past the deadline in force. */
    private static boolean overdue(RequestRecord request, long now) {
        RequestState state = RequestState.valueOf(request.getState());
        return RequestLifecycle.isOpen(state)
                && state != RequestState.AWAITING_INFORMATION
                && now > request.getDeadline();
    }

    /** The deadline in force from the statutory, promised and extended ones and the time paused. */
    private static void applyDeadlines(RequestRecord request) {
        Deadlines.InForce inForce = Deadlines.inForce(
                Instant.ofEpochMilli(request.getStatutoryDeadline()),
                Optional.ofNullable(request.getPromisedDeadline()).map(Instant::ofEpochMilli),
                Optional.ofNullable(request.getExtendedDeadline()).map(Instant::ofEpochMilli),
                Duration.ofMillis(request.getPausedMillis()));
        request.setDeadline(inForce.deadline().toEpochMilli());
        request.setDeadlineBasis(inForce.basis().name());
    }

    /** The next time something happens to this request on its own, or null. */
    private static Long nextDue(RequestRecord request) {
        Long next = null;
        RequestState state = RequestState.valueOf(request.getState());
        if (RequestLifecycle.isOpen(state) && state != RequestState.AWAITING_INFORMATION && !request.getOverdue()) {
            next = request.getDeadline() + 1;
        }
        for (TaskRecord task : request.getTasks()) {
            if (!TaskState.PENDING.name().equals(task.getState())) {
                continue;
            }
            Long at = TaskType.EXPIRES.name().equals(task.getType())
                    ? task.getExpiresAt()
                    : task.getEscalated() ? null : task.getAnswerBy();
            if (at != null && (next == null || at < next)) {
                next = at;
            }
        }
        return next;
    }

    private void index(RequestRecord request, long now) {
        Long due = nextDue(request);
        if (due == null) {
            request.setDeadlineIndexedAt(null);
            return;
        }
        due = Math.max(due, now);
        if (request.getDeadlineIndexedAt() != null
                && request.getDeadlineIndexedAt().longValue() == due) {
            return;
        }
        dueIndex.put(String.format("%013d/%s", due, request.getRequestId()), "");
        request.setDeadlineIndexedAt(due);
    }

    /** Recomputes state, overdue flag and answer, schedules the next time step, stores and publishes. */
    private void finish(RequestRecord request, long timestamp) {
        long now = context.currentSystemTimeMs();
        RequestStatuses.recompute(request, Math.max(request.getUpdatedAt(), 0));
        request.setOverdue(overdue(request, now));
        request.setAnswer(RequestAnswers.compose(request, catalog.view(context)));
        index(request, now);
        requests.put(request.getRequestId(), request);
        context.forward(
                new Record<Object, Object>(request.getRequestId(), RequestStatuses.toStatus(request), timestamp),
                sinks.status());
    }

    private void deadLetter(
            String sink, Topic<String, ?> topic, String key, byte[] value, String reason, long timestamp) {
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        DeadLetter letter = deadLetters.of(
                topic.name(),
                null,
                null,
                keyBytes,
                value,
                null,
                FailureStage.PROCESSING,
                "rejected-by-request-tracking",
                reason);
        context.forward(new Record<Object, Object>(keyBytes, letter, timestamp), sink);
    }
}
