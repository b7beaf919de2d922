package dev.whereabouts.graph.request;

import java.time.Instant;
import java.util.List;

/**
 * A data-subject request as the DPO follows it.
 *
 * @param requestId        id
 * @param type             ACCESS, PORTABILITY, ERASURE, RESTRICTION or OBJECTION
 * @param state            RECEIVED until the topology reports, then its state
 * @param subjectId        pseudonymous subject id, once resolved
 * @param receivedAt       when received
 * @param deadline         the deadline in force (after any extension)
 * @param originalDeadline one calendar month after receipt
 * @param extensionReason  why it was extended; null when not
 * @param overdue          past the deadline in force and not finished
 * @param completedAt      when every task became terminal
 * @param filedBy          who filed it
 * @param tasks            one per holder
 */
public record RequestView(
        String requestId,
        String type,
        String state,
        String subjectId,
        Instant receivedAt,
        Instant deadline,
        Instant originalDeadline,
        String extensionReason,
        boolean overdue,
        Instant completedAt,
        String filedBy,
        List<TaskView> tasks) {

    /**
     * One holder's task.
     *
     * @param taskId         id
     * @param holder         catalog id of the holder
     * @param erasureChannel how the holder receives tasks and reports outcomes (KAFKA, WEBHOOK, EMAIL, MANUAL)
     * @param type           ERASE, RESTRICT or EXPORT
     * @param categories     categories concerned
     * @param state          PENDING, ERASED, RESTRICTED, EXPORTED, NOT_FOUND, FAILED or OVERDUE
     * @param reason         the legal hold behind a RESTRICT task
     * @param evidence       the holder's evidence, once reported
     * @param updatedAt      last change
     */
    public record TaskView(
            String taskId,
            String holder,
            String erasureChannel,
            String type,
            List<String> categories,
            String state,
            String reason,
            String evidence,
            Instant updatedAt) {

        public boolean isOpen() {
            return "PENDING".equals(state) || "OVERDUE".equals(state);
        }
    }

    /** States in which a request is finished. */
    public static final List<String> FINISHED_STATES = List.of("COMPLETED", "NO_DATA_HELD", "FAILED");

    public boolean isFinished() {
        return FINISHED_STATES.contains(state);
    }
}
