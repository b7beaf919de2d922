package dev.whereabouts.streams.dsr;

import dev.whereabouts.model.dsr.InformationRequest;
import dev.whereabouts.model.dsr.Refusal;
import dev.whereabouts.model.dsr.RefusalGround;
import dev.whereabouts.model.dsr.RequestState;
import dev.whereabouts.model.dsr.RequestStatus;
import dev.whereabouts.model.dsr.RequestType;
import dev.whereabouts.model.dsr.TaskState;
import dev.whereabouts.model.dsr.TaskStatus;
import dev.whereabouts.model.dsr.TaskType;
import dev.whereabouts.model.dsr.VerificationRecord;
import dev.whereabouts.streams.state.RequestRecord;
import dev.whereabouts.streams.state.TaskRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Request and task lifecycle after fan-out, and the contract's view of a tracked request. */
public final class RequestStatuses {

    /** States whose value follows from the tasks (the request has been fanned out). */
    private static final Set<RequestState> FOLLOWS_TASKS = EnumSet.of(
            RequestState.IN_PROGRESS,
            RequestState.COMPLETED,
            RequestState.PARTIALLY_COMPLETED,
            RequestState.NO_DATA_HELD,
            RequestState.FAILED,
            RequestState.OVERDUE);

    private RequestStatuses() {}

    /** Every task state but PENDING (and 0.1.0's OVERDUE) is terminal. */
    public static boolean terminal(String taskState) {
        return !TaskState.PENDING.name().equals(taskState)
                && !TaskState.OVERDUE.name().equals(taskState);
    }

    /** Settled: terminal, or an EXPIRES task waiting for its date (the answer is the date). */
    public static boolean settled(TaskRecord task) {
        return terminal(task.getState()) || TaskType.EXPIRES.name().equals(task.getType());
    }

    /**
     * Recomputes a fanned-out request's state from its tasks: NO_DATA_HELD without tasks; once every
     * task is settled COMPLETED, or PARTIALLY_COMPLETED if a holder reported FAILED (a later success
     * from that holder completes it); else IN_PROGRESS. Other states are decisions' and stay.
     */
    public static void recompute(RequestRecord request, long now) {
        if (!FOLLOWS_TASKS.contains(RequestState.valueOf(request.getState()))) {
            return;
        }
        if (request.getTasks().isEmpty()) {
            request.setState(RequestState.NO_DATA_HELD.name());
            if (request.getCompletedAt() == null) {
                request.setCompletedAt(now);
            }
            return;
        }
        if (request.getTasks().stream().allMatch(RequestStatuses::settled)) {
            request.setState(
                    failedHolders(request).isEmpty()
                            ? RequestState.COMPLETED.name()
                            : RequestState.PARTIALLY_COMPLETED.name());
            if (request.getCompletedAt() == null) {
                request.setCompletedAt(now);
            }
        } else {
            request.setCompletedAt(null);
            request.setState(RequestState.IN_PROGRESS.name());
        }
    }

    static List<String> failedHolders(RequestRecord request) {
        return request.getTasks().stream()
                .filter(t -> TaskState.FAILED.name().equals(t.getState()))
                .map(TaskRecord::getHolder)
                .toList();
    }

    public static RequestStatus toStatus(RequestRecord request) {
        List<TaskStatus> tasks = new ArrayList<>();
        List<String> escalated = new ArrayList<>();
        for (TaskRecord task : request.getTasks()) {
            boolean open = TaskState.PENDING.name().equals(task.getState())
                    && !TaskType.EXPIRES.name().equals(task.getType());
            if (task.getEscalated() && open) {
                escalated.add(task.getTaskId());
            }
            tasks.add(TaskStatus.newBuilder()
                    .setTaskId(task.getTaskId())
                    .setHolder(task.getHolder())
                    .setType(TaskType.valueOf(task.getType()))
                    .setCategories(task.getCategories())
                    .setState(TaskState.valueOf(task.getState()))
                    .setReason(task.getReason())
                    .setEvidence(task.getEvidence())
                    .setUpdatedAt(Instant.ofEpochMilli(task.getUpdatedAt()))
                    .setOverdue(open && request.getOverdue())
                    .setEscalated(task.getEscalated())
                    .setAnswerBy(instant(task.getAnswerBy()))
                    .setRemindedAt(instant(task.getRemindedAt()))
                    .setExpiresAt(instant(task.getExpiresAt()))
                    .build());
        }
        long paused = request.getPausedMillis();
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
                .setCompletedAt(instant(request.getCompletedAt()))
                .setStatutoryDeadline(
                        request.getStatutoryDeadline() == null
                                ? null
                                : Instant.ofEpochMilli(request.getStatutoryDeadline() + paused))
                .setPromisedDeadline(
                        request.getPromisedDeadline() == null
                                ? null
                                : Instant.ofEpochMilli(request.getPromisedDeadline() + paused))
                .setDeadlineBasis(request.getDeadlineBasis())
                .setOverdue(request.getOverdue())
                .setVerificationMethod(request.getVerificationMethod())
                .setVerification(
                        request.getVerified() == null
                                ? null
                                : VerificationRecord.newBuilder()
                                        .setMethod(request.getVerificationMethod())
                                        .setVerified(request.getVerified())
                                        .setDecidedBy(request.getVerifiedBy())
                                        .setDecidedAt(Instant.ofEpochMilli(request.getVerifiedAt()))
                                        .setNote(request.getVerificationNote())
                                        .build())
                .setInformationRequest(
                        request.getInfoAskedAt() == null
                                ? null
                                : InformationRequest.newBuilder()
                                        .setAskedAt(Instant.ofEpochMilli(request.getInfoAskedAt()))
                                        .setAskedBy(request.getInfoAskedBy())
                                        .setNote(request.getInfoNote())
                                        .setAnsweredAt(instant(request.getInfoAnsweredAt()))
                                        .setPausedMillis(paused)
                                        .build())
                .setRefusal(
                        request.getRefusalGround() == null
                                ? null
                                : Refusal.newBuilder()
                                        .setGround(RefusalGround.valueOf(request.getRefusalGround()))
                                        .setReason(request.getRefusalReason())
                                        .setNotice(request.getRefusalNotice())
                                        .setDecidedBy(request.getRefusedBy())
                                        .setDecidedAt(Instant.ofEpochMilli(request.getRefusedAt()))
                                        .build())
                .setFailedHolders(failedHolders(request))
                .setEscalatedTasks(escalated)
                .setAnswer(request.getAnswer())
                .build();
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
