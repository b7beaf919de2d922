package dev.whereabouts.streams.dsr;

import dev.whereabouts.model.catalog.Holder;
import dev.whereabouts.model.dsr.Deadlines;
import dev.whereabouts.model.dsr.HolderTask;
import dev.whereabouts.model.dsr.TaskType;
import dev.whereabouts.model.time.IsoPeriod;
import dev.whereabouts.streams.catalog.TopologyCatalog;
import dev.whereabouts.streams.state.Payloads;
import dev.whereabouts.streams.state.RequestRecord;
import dev.whereabouts.streams.state.TaskRecord;
import java.time.Instant;

/**
 * A tracked task as the holder receives it on {@code whereabouts.dsr.tasks.v1}: the subject step
 * sends it when it plans the request, the request step sends it again (a reminder, or a new
 * deadline after an extension).
 */
public final class HolderTasks {

    private HolderTasks() {}

    /** When the holder should answer a task issued now: its catalog answer time, capped a week before the deadline. */
    public static long answerBy(TopologyCatalog catalog, String holder, long issuedAt, long deadline) {
        IsoPeriod answerTime = catalog.holder(holder)
                .map(Holder::getAnswerTime)
                .filter(IsoPeriod::isValid)
                .map(IsoPeriod::parse)
                .orElse(Deadlines.DEFAULT_ANSWER_TIME);
        return Deadlines.answerBy(Instant.ofEpochMilli(issuedAt), answerTime, Instant.ofEpochMilli(deadline))
                .toEpochMilli();
    }

    /** The task of a tracked request, with the request's deadline in force; {@code reminder} 0 for the first delivery. */
    public static HolderTask of(RequestRecord request, TaskRecord task, int reminder) {
        String note = null;
        if (TaskType.RECTIFY.name().equals(task.getType()) && request.getPayload() != null) {
            note = Payloads.request(request.getPayload()).getNote();
        }
        return HolderTask.newBuilder()
                .setTaskId(task.getTaskId())
                .setRequestId(request.getRequestId())
                .setSubjectId(request.getSubjectId())
                .setIdentifiers(Payloads.contract(request.getIdentifiers()))
                .setHolder(task.getHolder())
                .setType(TaskType.valueOf(task.getType()))
                .setCategories(task.getCategories())
                .setReason(task.getReason())
                .setLegalReference(task.getLegalReference())
                .setIssuedAt(Instant.ofEpochMilli(request.getIssuedAt()))
                .setDeadline(Instant.ofEpochMilli(request.getDeadline()))
                .setExpiresAt(task.getExpiresAt() == null ? null : Instant.ofEpochMilli(task.getExpiresAt()))
                .setAnswerBy(task.getAnswerBy() == null ? null : Instant.ofEpochMilli(task.getAnswerBy()))
                .setReminder(reminder)
                .setNote(note)
                .build();
    }
}
