package dev.whereabouts.streams.dsr;

import dev.whereabouts.model.deadletter.DeadLetter;
import dev.whereabouts.model.deadletter.DeadLetters;
import dev.whereabouts.model.deadletter.FailureStage;
import dev.whereabouts.model.dsr.DataSubjectRequest;
import dev.whereabouts.model.dsr.HolderOutcome;
import dev.whereabouts.model.dsr.RequestState;
import dev.whereabouts.model.dsr.RequestStatus;
import dev.whereabouts.model.dsr.RequestType;
import dev.whereabouts.model.dsr.TaskState;
import dev.whereabouts.model.lineage.LineageStatus;
import dev.whereabouts.model.time.IsoPeriod;
import dev.whereabouts.model.topic.Topic;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.streams.routing.RouteSender;
import dev.whereabouts.streams.state.Payloads;
import dev.whereabouts.streams.state.RequestRecord;
import dev.whereabouts.streams.state.Route;
import dev.whereabouts.streams.state.RouteKind;
import dev.whereabouts.streams.state.TaskRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Tracks every data-subject request, partitioned by request id: its tasks, holders' outcomes,
 * the deadline and its one extension, and publishes the {@link RequestStatus} on every change.
 *
 * <ul>
 *   <li><b>Issued</b>: a request with tasks is IN_PROGRESS; one without is NO_DATA_HELD.</li>
 *   <li><b>Outcome</b>: sets the holder's task state; the request is recomputed
 *       ({@link RequestStatuses#recompute}). An ERASED or RESTRICTED outcome of an erasure,
 *       restriction or objection marks that holder's edges ERASED or RESTRICTED in the lineage.
 *       An outcome for an unknown request or task goes to the outcomes dead-letter topic.</li>
 *   <li><b>Extension</b>: the same request id filed again with a later deadline and a note
 *       extends the deadline once, to at most receipt plus one month plus the configured maximum
 *       extension (Art. 12(3): two months); the note becomes the recorded reason. Any other
 *       re-filing with a different deadline is dead-lettered with the reason; an identical
 *       re-filing is a harmless duplicate.</li>
 *   <li><b>Deadline</b>: a wall-clock punctuator marks requests still open at their deadline
 *       OVERDUE, with their pending tasks.</li>
 * </ul>
 */
public final class RequestProcessor implements Processor<String, Route, Object, Object> {

    public static final String REQUESTS_STORE = "dsr-requests";
    public static final String DEADLINE_INDEX_STORE = "dsr-deadline-index";

    private final RouteSender router;
    private final String statusSink;
    private final String requestDeadLetterSink;
    private final String outcomeDeadLetterSink;
    private final Serializer<DataSubjectRequest> requestSerializer;
    private final Serializer<HolderOutcome> outcomeSerializer;
    private final Duration scanInterval;
    private final int sliceSize;
    private final String maxExtension;
    private final DeadLetters deadLetters;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, RequestRecord> requests;
    private KeyValueStore<String, String> deadlines;

    public RequestProcessor(
            RouteSender router,
            String statusSink,
            String requestDeadLetterSink,
            String outcomeDeadLetterSink,
            Serializer<DataSubjectRequest> requestSerializer,
            Serializer<HolderOutcome> outcomeSerializer,
            Duration scanInterval,
            int sliceSize,
            String maxExtension,
            String application) {
        this.router = router;
        this.statusSink = statusSink;
        this.requestDeadLetterSink = requestDeadLetterSink;
        this.outcomeDeadLetterSink = outcomeDeadLetterSink;
        this.requestSerializer = requestSerializer;
        this.outcomeSerializer = outcomeSerializer;
        this.scanInterval = scanInterval;
        this.sliceSize = sliceSize;
        this.maxExtension = maxExtension;
        this.deadLetters = new DeadLetters(application, Clock.systemUTC());
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.requests = context.getStateStore(REQUESTS_STORE);
        this.deadlines = context.getStateStore(DEADLINE_INDEX_STORE);
        context.schedule(scanInterval, PunctuationType.WALL_CLOCK_TIME, this::markOverdue);
    }

    @Override
    public void process(Record<String, Route> record) {
        Route route = record.value();
        switch (RouteKind.valueOf(route.getKind())) {
            case REQUEST_ISSUED -> issued(record);
            case OUTCOME -> outcome(record);
            default -> throw new IllegalStateException("request step cannot handle " + route.getKind());
        }
    }

    private void issued(Record<String, Route> record) {
        Route route = record.value();
        RequestRecord existing = requests.get(record.key());
        if (existing == null) {
            RequestRecord fresh = RequestRecord.newBuilder(route.getRequest()).build();
            fresh.setUpdatedAt(route.getOccurredAt());
            RequestStatuses.recompute(fresh, route.getOccurredAt());
            if (!RequestStatuses.closed(fresh.getState())) {
                index(fresh);
            }
            save(fresh, record.timestamp());
            return;
        }
        DataSubjectRequest filed = Payloads.request(route);
        long deadline = filed.getDeadline().toEpochMilli();
        if (deadline == existing.getDeadline()) {
            return;
        }
        String problem = extensionProblem(existing, filed);
        if (problem != null) {
            byte[] value = requestSerializer.serialize(Topics.DSR_REQUESTS.name(), filed);
            deadLetter(
                    requestDeadLetterSink,
                    Topics.DSR_REQUESTS,
                    filed.getRequestId(),
                    value,
                    problem,
                    record.timestamp());
            return;
        }
        existing.setDeadline(deadline);
        existing.setExtensionReason(filed.getNote());
        existing.setUpdatedAt(filed.getReceivedAt().toEpochMilli());
        long now = context.currentSystemTimeMs();
        if (deadline > now) {
            for (TaskRecord task : existing.getTasks()) {
                if (TaskState.OVERDUE.name().equals(task.getState())) {
                    task.setState(TaskState.PENDING.name());
                    task.setUpdatedAt(existing.getUpdatedAt());
                }
            }
        }
        RequestStatuses.recompute(existing, existing.getUpdatedAt());
        if (!RequestStatuses.closed(existing.getState())) {
            index(existing);
        }
        save(existing, record.timestamp());
    }

    private String extensionProblem(RequestRecord existing, DataSubjectRequest filed) {
        long limit = IsoPeriod.parse(maxExtension).addTo(IsoPeriod.parse("P1M").addTo(existing.getReceivedAt()));
        if (existing.getExtensionReason() != null) {
            return "request " + existing.getRequestId() + ": deadline already extended once ("
                    + existing.getExtensionReason() + "); a second extension is not allowed";
        }
        if (filed.getDeadline().toEpochMilli() < existing.getDeadline()) {
            return "request " + existing.getRequestId() + ": deadline " + filed.getDeadline()
                    + " is earlier than the current deadline; only extensions are accepted";
        }
        if (filed.getDeadline().toEpochMilli() > limit) {
            return "request " + existing.getRequestId() + ": extended deadline " + filed.getDeadline()
                    + " is more than one month plus " + maxExtension + " after receipt";
        }
        if (filed.getNote() == null || filed.getNote().isBlank()) {
            return "request " + existing.getRequestId() + ": an extension needs its reason in the note field";
        }
        return null;
    }

    private void outcome(Record<String, Route> record) {
        HolderOutcome outcome = Payloads.outcome(record.value());
        RequestRecord request = requests.get(record.key());
        TaskRecord task = request == null
                ? null
                : request.getTasks().stream()
                        .filter(t -> t.getTaskId().equals(outcome.getTaskId()))
                        .findFirst()
                        .orElseGet(() -> request.getTasks().stream()
                                .filter(t -> t.getHolder().equals(outcome.getHolder()))
                                .findFirst()
                                .orElse(null));
        if (task == null) {
            String reason = request == null
                    ? "outcome for unknown request " + outcome.getRequestId()
                    : "request " + outcome.getRequestId() + " has no task " + outcome.getTaskId() + " for holder "
                            + outcome.getHolder();
            byte[] value = outcomeSerializer.serialize(Topics.DSR_OUTCOMES.name(), outcome);
            deadLetter(
                    outcomeDeadLetterSink,
                    Topics.DSR_OUTCOMES,
                    outcome.getRequestId(),
                    value,
                    reason,
                    record.timestamp());
            return;
        }
        String state = TaskState.valueOf(outcome.getOutcome().name()).name();
        if (state.equals(task.getState()) && Objects.equals(outcome.getEvidence(), task.getEvidence())) {
            return;
        }
        long at = outcome.getReportedAt().toEpochMilli();
        task.setState(state);
        task.setEvidence(outcome.getEvidence());
        task.setUpdatedAt(at);
        request.setUpdatedAt(at);
        RequestStatuses.recompute(request, at);
        save(request, record.timestamp());
        markLineage(request, task, at, record.timestamp());
    }

    private void markLineage(RequestRecord request, TaskRecord task, long at, long timestamp) {
        RequestType type = RequestType.valueOf(request.getType());
        if (request.getSubjectId() == null || type == RequestType.ACCESS || type == RequestType.PORTABILITY) {
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

    private void markOverdue(long now) {
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, String> it =
                deadlines.range(String.format("%013d/", 0), String.format("%013d/~", now))) {
            while (it.hasNext() && due.size() < sliceSize) {
                due.add(it.next().key);
            }
        }
        for (String key : due) {
            deadlines.delete(key);
            long at = Long.parseLong(key.substring(0, 13));
            RequestRecord request = requests.get(key.substring(14));
            if (request == null || request.getDeadlineIndexedAt() == null || request.getDeadlineIndexedAt() != at) {
                continue;
            }
            request.setDeadlineIndexedAt(null);
            if (RequestStatuses.closed(request.getState()) || request.getDeadline() > now) {
                if (!RequestStatuses.closed(request.getState())) {
                    index(request);
                    requests.put(request.getRequestId(), request);
                }
                continue;
            }
            for (TaskRecord task : request.getTasks()) {
                if (TaskState.PENDING.name().equals(task.getState())) {
                    task.setState(TaskState.OVERDUE.name());
                    task.setUpdatedAt(now);
                }
            }
            request.setUpdatedAt(now);
            request.setState(RequestState.OVERDUE.name());
            save(request, now);
        }
    }

    private void index(RequestRecord request) {
        if (request.getDeadlineIndexedAt() != null && request.getDeadlineIndexedAt() == request.getDeadline()) {
            return;
        }
        deadlines.put(String.format("%013d/%s", request.getDeadline(), request.getRequestId()), "");
        request.setDeadlineIndexedAt(request.getDeadline());
    }

    private void save(RequestRecord request, long timestamp) {
        requests.put(request.getRequestId(), request);
        context.forward(
                new Record<Object, Object>(request.getRequestId(), RequestStatuses.toStatus(request), timestamp),
                statusSink);
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
