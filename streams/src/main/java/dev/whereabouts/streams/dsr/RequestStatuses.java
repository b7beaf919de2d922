package dev.whereabouts.streams.dsr;

import dev.whereabouts.model.dsr.RequestState;
import dev.whereabouts.model.dsr.RequestStatus;
import dev.whereabouts.model.dsr.RequestType;
import dev.whereabouts.model.dsr.TaskState;
import dev.whereabouts.model.dsr.TaskStatus;
import dev.whereabouts.model.dsr.TaskType;
import dev.whereabouts.streams.state.RequestRecord;
import dev.whereabouts.streams.state.TaskRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Request and task lifecycle rules, and the contract's view of a tracked request. */
public final class RequestStatuses {

    private RequestStatuses() {}

    /** Every task state but PENDING and OVERDUE is terminal. */
    public static boolean terminal(String taskState) {
        return !TaskState.PENDING.name().equals(taskState)
                && !TaskState.OVERDUE.name().equals(taskState);
    }

    /** COMPLETED, NO_DATA_HELD and FAILED are final for a request (FAILED until a holder retries). */
    public static boolean closed(String requestState) {
        return RequestState.COMPLETED.name().equals(requestState)
                || RequestState.NO_DATA_HELD.name().equals(requestState)
                || RequestState.FAILED.name().equals(requestState);
    }

    /**
     * Recomputes the request state from its tasks: once every task is terminal the request is
     * COMPLETED, or FAILED if any holder reported FAILED (a later success from that holder
     * reopens the computation); while tasks are open it is OVERDUE past the deadline, else
     * IN_PROGRESS.
     */
    public static void recompute(RequestRecord request, long now) {
        if (request.getTasks().isEmpty()) {
            request.setState(RequestState.NO_DATA_HELD.name());
            if (request.getCompletedAt() == null) {
                request.setCompletedAt(now);
            }
            return;
        }
        boolean allTerminal = request.getTasks().stream().allMatch(t -> terminal(t.getState()));
        if (allTerminal) {
            boolean failed = request.getTasks().stream()
                    .anyMatch(t -> TaskState.FAILED.name().equals(t.getState()));
            request.setState(failed ? RequestState.FAILED.name() : RequestState.COMPLETED.name());
            if (request.getCompletedAt() == null) {
                request.setCompletedAt(now);
            }
        } else {
            request.setCompletedAt(null);
            request.setState(
                    request.getTasks().stream()
                                    .anyMatch(t -> TaskState.OVERDUE.name().equals(t.getState()))
                            ? RequestState.OVERDUE.name()
                            : RequestState.IN_PROGRESS.name());
        }
    }

    public static RequestStatus toStatus(RequestRecord request) {
        List<TaskStatus> tasks = new ArrayList<>();
        for (TaskRecord task : request.getTasks()) {
            tasks.add(TaskStatus.newBuilder()
                    .setTaskId(task.getTaskId())
                    .setHolder(task.getHolder())
                    .setType(TaskType.valueOf(task.getType()))
                    .setCategories(task.getCategories())
                    .setState(TaskState.valueOf(task.getState()))
                    .setReason(task.getReason())
                    .setEvidence(task.getEvidence())
                    .setUpdatedAt(Instant.ofEpochMilli(task.getUpdatedAt()))
                    .build());
        }
        return RequestStatus.newBuilder()
                .setRequestId(request.getRequestId())
                .setType(RequestType.valueOf(request.getType()))
                .setSubjectId(request.getSubjectId())
                .setState(RequestState.valueOf(request.getState()))
                .setReceivedAt(Instant.ofEpochMilli(request.getReceivedAt()))
                .setDeadline(Instant.ofEpochMilli(request.getDeadline()))
                .setExtensionReason(request.getExtensionReason())
                .setTasks(tasks)
                .setUpdatedAt(Instant.ofEpochMilli(request.getUpdatedAt()))
                .setCompletedAt(
                        request.getCompletedAt() == null ? null : Instant.ofEpochMilli(request.getCompletedAt()))
                .build();
    }
}
