package dev.whereabouts.dispatch;

import dev.whereabouts.model.common.SubjectIdentifier;
import dev.whereabouts.model.dsr.HolderTask;
import dev.whereabouts.model.dsr.OutcomeRules;
import dev.whereabouts.model.dsr.OutcomeType;
import dev.whereabouts.model.dsr.TaskType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The e-mail an EMAIL holder (a person at the holder) gets for a task: a subject naming the task type,
 * the holder, the request and the answer-by date, and a plain-text body that says what to do, for which
 * data, by when, how to recognise the person (pseudonymous identifiers only), and how to answer: the
 * form link with the task's token, or the same answer as JSON.
 *
 * @param subject the subject line
 * @param body    the plain-text body
 */
public record TaskEmail(String subject, String body) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    public TaskEmail {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }

    /**
     * @param task        the task
     * @param holderName  the holder's display name from the catalog
     * @param links       where the holder answers
     */
    public static TaskEmail render(HolderTask task, String holderName, CallbackLinks links) {
        return new TaskEmail(subject(task, holderName), body(task, holderName, links));
    }

    static String subject(HolderTask task, String holderName) {
        StringBuilder subject = new StringBuilder();
        if (task.getReminder() > 0) {
            subject.append("Reminder ").append(task.getReminder()).append(": ");
        }
        subject.append(task.getType().name())
                .append(" task for ")
                .append(holderName)
                .append(" (")
                .append(task.getHolder())
                .append("), request ")
                .append(task.getRequestId());
        if (task.getType() == TaskType.EXPIRES) {
            subject.append(": no answer needed");
        } else {
            subject.append(": answer by ").append(DAY.format(answerBy(task)));
        }
        return subject.toString();
    }

    static String body(HolderTask task, String holderName, CallbackLinks links) {
        String taskId = task.getTaskId();
        StringBuilder body = new StringBuilder();
        body.append("Hello ").append(holderName).append(",\n\n");
        if (task.getReminder() > 0) {
            body.append("Reminder ")
                    .append(task.getReminder())
                    .append(": we sent you this task on ")
                    .append(DAY.format(task.getIssuedAt()))
                    .append(" and have no answer yet.\n\n");
        }
        body.append("A person has made a data-subject request (GDPR) that concerns personal data you hold for us.\n");
        body.append(whatToDo(task)).append("\n\n");

        body.append("Task:              ").append(task.getType().name()).append('\n');
        body.append("Task id:           ").append(taskId).append('\n');
        body.append("Request:           ").append(task.getRequestId()).append('\n');
        body.append("Categories:        ")
                .append(String.join(", ", task.getCategories()))
                .append('\n');
        if (task.getReason() != null) {
            body.append("Reason:            ").append(task.getReason()).append('\n');
        }
        if (task.getLegalReference() != null) {
            body.append("Legal reference:   ").append(task.getLegalReference()).append('\n');
        }
        if (task.getNote() != null) {
            body.append("Note:              ").append(task.getNote()).append('\n');
        }
        if (task.getType() == TaskType.EXPIRES) {
            if (task.getExpiresAt() != null) {
                body.append("Your copy expires: ").append(task.getExpiresAt()).append('\n');
            }
        } else {
            body.append("Answer by:         ").append(answerBy(task)).append('\n');
        }
        body.append("Deadline:          ").append(task.getDeadline()).append(" (the request's legal deadline)\n\n");

        body.append("The person, by pseudonymous identifiers (keyed HMAC-SHA256 of the normalised value; match them\n");
        body.append("against the pseudonyms of your own records, we never send the values themselves):\n");
        body.append("  subject id: ").append(task.getSubjectId()).append('\n');
        for (SubjectIdentifier identifier : task.getIdentifiers()) {
            body.append("  ")
                    .append(identifier.getType().name().toLowerCase(java.util.Locale.ROOT))
                    .append(": ")
                    .append(identifier.getPseudonym())
                    .append(" (key ")
                    .append(identifier.getKeyId())
                    .append(")\n");
        }
        body.append('\n');

        List<OutcomeType> outcomes = OutcomeRules.allowed(task.getType());
        String outcomeNames = outcomes.stream().map(Enum::name).collect(Collectors.joining(", "));
        if (task.getType() == TaskType.EXPIRES) {
            body.append("No answer is needed. If you erase the copy earlier, or find none, you may tell us (")
                    .append(outcomeNames)
                    .append("):\n");
        } else {
            body.append("How to answer (").append(outcomeNames).append("), once the task is done:\n");
        }
        body.append("  Open this link, choose the outcome and add your evidence (no account needed):\n");
        body.append("  ").append(links.formUrl(taskId)).append("\n\n");
        body.append("  Or from a system, POST the same answer as JSON:\n");
        body.append("  curl -X POST '").append(links.answerUrl(taskId)).append("' \\\n");
        body.append("    -H 'Content-Type: application/json' -H '")
                .append(CallbackLinks.TOKEN_HEADER)
                .append(": ")
                .append(links.token(taskId))
                .append("' \\\n");
        body.append("    -d '{\"outcome\": \"")
                .append(outcomes.get(0).name())
                .append("\", \"evidence\": \"what you did, e.g. a ticket or log reference\"}'\n\n");
        body.append("The link and the token answer this task only. Please do not reply with personal data.\n");
        return body.toString();
    }

    static String whatToDo(HolderTask task) {
        return switch (task.getType()) {
            case ERASE ->
                "Please erase every copy of the data below that you hold about this person. If a legal"
                        + " obligation makes you keep some of it, restrict it instead (keep it, stop using it) and"
                        + " answer RESTRICTED with the obligation as evidence.";
            case RESTRICT ->
                "Please restrict the data below: keep it, but stop processing it for any other purpose"
                        + " than storage until we tell you otherwise.";
            case EXPORT ->
                "Please export the data below that you hold about this person in a structured,"
                        + " machine-readable format and answer EXPORTED with where we can collect it. Do not"
                        + " send the data itself by e-mail.";
            case RECTIFY ->
                "Please correct the data below as the note says, wherever you hold it, and answer" + " RECTIFIED.";
            case EXPIRES ->
                "Nothing needs doing: your copy of the data below is gone by itself by the date"
                        + " given. This message is for your records.";
        };
    }

    /** The task's answer-by date; the request's deadline for tasks issued before there was one. */
    static Instant answerBy(HolderTask task) {
        return task.getAnswerBy() != null ? task.getAnswerBy() : task.getDeadline();
    }
}
