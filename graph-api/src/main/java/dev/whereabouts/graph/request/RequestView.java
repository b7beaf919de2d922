package dev.whereabouts.graph.request;

import dev.whereabouts.model.dsr.RequestLifecycle;
import dev.whereabouts.model.dsr.RequestState;
import java.time.Instant;
import java.util.List;

/**
 * A data-subject request as the DPO follows it: the topology's status once it reported, what the DPO
 * API filed before that.
 *
 * @param requestId          id
 * @param type               ACCESS, PORTABILITY, ERASURE, RESTRICTION, OBJECTION or RECTIFICATION
 * @param state              RECEIVED until the topology reports, then its state
 * @param subjectId          pseudonymous subject id, once resolved
 * @param receivedAt         when received
 * @param deadline           the deadline in force
 * @param deadlineBasis      which deadline binds: STATUTORY, PROMISE or EXTENSION
 * @param statutoryDeadline  one calendar month after receipt (Art. 12(3)), moved by any pause for information
 * @param promisedDeadline   the controller's promise from the catalog, moved likewise; null when it makes none
 * @param extensionReason    why the deadline was extended; null when it was not
 * @param overdue            open past the deadline in force
 * @param verificationMethod how the identity must be verified (the catalog's policy); null when not at all
 * @param verification       that the identity was verified or could not be, by whom, when, how
 * @param informationRequest the last information asked of the person, and when it came
 * @param refusal            why the request was refused or rejected, with the Art. 12(4) notice
 * @param failedHolders      holders whose task failed
 * @param escalatedTasks     tasks sent again because the holder did not answer in time
 * @param answer             what the person is told once the request is finished
 * @param completedAt        when every task became terminal
 * @param filedBy            who filed it
 * @param tasks              one per holder
 */
public record RequestView(
        String requestId,
        String type,
        String state,
        String subjectId,
        Instant receivedAt,
        Instant deadline,
        String deadlineBasis,
        Instant statutoryDeadline,
        Instant promisedDeadline,
        String extensionReason,
        boolean overdue,
        String verificationMethod,
        Verification verification,
        InformationRequest informationRequest,
        Refusal refusal,
        List<String> failedHolders,
        List<String> escalatedTasks,
        String answer,
        Instant completedAt,
        String filedBy,
        List<TaskView> tasks) {

    public RequestView {
        failedHolders = List.copyOf(failedHolders);
        escalatedTasks = List.copyOf(escalatedTasks);
        tasks = List.copyOf(tasks);
    }

    /**
     * The identity check: done (or failed), by whom, when and how; never the document.
     *
     * @param method     the method used, as the catalog names it
     * @param verified   false when the identity could not be established (REJECTED)
     * @param decidedBy  who checked
     * @param decidedAt  when
     * @param note       what was checked, naming no document content
     */
    public record Verification(String method, boolean verified, String decidedBy, Instant decidedAt, String note) {}

    /**
     * Information the controller asked the person for; the deadlines stand still while it is awaited.
     *
     * @param askedAt      when asked
     * @param askedBy      who asked
     * @param note         what was asked for
     * @param answeredAt   when it arrived; null while awaited
     * @param pausedMillis how long the deadlines have stood still for information, in total
     */
    public record InformationRequest(
            Instant askedAt, String askedBy, String note, Instant answeredAt, long pausedMillis) {}

    /**
     * Why the request is not acted on.
     *
     * @param ground    MANIFESTLY_UNFOUNDED, EXCESSIVE or IDENTITY_NOT_ESTABLISHED
     * @param reason    the controller's reasons
     * @param notice    the Art. 12(4) notice for the person
     * @param decidedBy who decided
     * @param decidedAt when
     */
    public record Refusal(String ground, String reason, String notice, String decidedBy, Instant decidedAt) {}

    /**
     * One holder's task.
     *
     * @param taskId         id
     * @param holder         catalog id of the holder
     * @param erasureChannel how the holder receives tasks and reports outcomes (KAFKA, WEBHOOK, EMAIL, MANUAL)
     * @param type           ERASE, RESTRICT, EXPORT, RECTIFY or EXPIRES
     * @param categories     categories concerned
     * @param state          PENDING or the outcome (ERASED, RESTRICTED, EXPORTED, RECTIFIED, NOT_FOUND, FAILED,
     *                       EXPIRED)
     * @param reason         the legal hold behind a RESTRICT task
     * @param evidence       the holder's evidence, once reported
     * @param updatedAt      last change
     * @param overdue        open past the request's deadline in force
     * @param escalated      sent again because the holder did not answer by {@code answerBy}
     * @param answerBy       when the holder should have answered
     * @param remindedAt     when the last reminder went out
     * @param expiresAt      EXPIRES tasks: when the holder's copy is gone by itself
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
            Instant updatedAt,
            boolean overdue,
            boolean escalated,
            Instant answerBy,
            Instant remindedAt,
            Instant expiresAt) {

        public TaskView {
            categories = List.copyOf(categories);
        }

        /** PENDING, or OVERDUE on a 0.1.0 status: the holder still has to answer. */
        public boolean isOpen() {
            return "PENDING".equals(state) || "OVERDUE".equals(state);
        }
    }

    /** The state as the lifecycle names it. */
    public RequestState requestState() {
        return RequestState.valueOf(state);
    }

    /** Finished: the person has their answer (or the request was refused or rejected). */
    public boolean isFinished() {
        return RequestLifecycle.isFinished(requestState());
    }

    /** The deadline was extended before (Art. 12(3) allows one extension). */
    public boolean isExtended() {
        return "EXTENSION".equals(deadlineBasis) || extensionReason != null;
    }

    /** The catalog asks for an identity check and none was recorded yet. */
    public boolean isVerificationPending() {
        return verificationMethod != null && verification == null;
    }
}
