package dev.whereabouts.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whereabouts.model.common.SubjectIdentifier;
import dev.whereabouts.model.dsr.HolderTask;
import dev.whereabouts.model.dsr.OutcomeRules;
import dev.whereabouts.model.dsr.OutcomeType;
import dev.whereabouts.model.dsr.TaskType;
import java.time.Instant;

/**
 * The JSON body of a webhook call: the task as the holder needs it and how to answer it. The schema
 * (docs/channels.md) is a contract with holders' systems: fields are only ever added.
 *
 * <pre>{@code
 * {"taskId": "<requestId>/<holder>", "requestId": "...", "holder": "postmark", "type": "ERASE",
 *  "categories": ["user.contact.email"], "subjectId": "s-...",
 *  "identifiers": [{"type": "EMAIL", "pseudonym": "<hex>", "keyId": "k1"}],
 *  "reason": null, "legalReference": null,
 *  "issuedAt": "2026-12-07T10:00:00Z", "deadline": "...", "answerBy": "...", "expiresAt": null,
 *  "reminder": 0, "note": null,
 *  "answerRequired": true, "outcomes": ["ERASED", "NOT_FOUND", "FAILED", "RESTRICTED"],
 *  "callback": {"url": "https://dpo.example/v1/callbacks/tasks/<requestId>%2F<holder>",
 *               "tokenHeader": "Whereabouts-Task-Token", "token": "..."}}
 * }</pre>
 *
 * Instants are ISO-8601 UTC; absent optional values are {@code null}. An EXPIRES task is a notice:
 * {@code answerRequired} is false (the holder may still confirm ERASED or NOT_FOUND).
 */
public final class WebhookPayload {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookPayload() {}

    /** The body bytes, exactly as they are signed and sent. */
    public static byte[] render(HolderTask task, CallbackLinks links) {
        try {
            return JSON.writeValueAsBytes(tree(task, links));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a task payload could not be written", e);
        }
    }

    static ObjectNode tree(HolderTask task, CallbackLinks links) {
        ObjectNode body = JSON.createObjectNode();
        body.put("taskId", task.getTaskId());
        body.put("requestId", task.getRequestId());
        body.put("holder", task.getHolder());
        body.put("type", task.getType().name());
        ArrayNode categories = body.putArray("categories");
        task.getCategories().forEach(categories::add);
        body.put("subjectId", task.getSubjectId());
        ArrayNode identifiers = body.putArray("identifiers");
        for (SubjectIdentifier identifier : task.getIdentifiers()) {
            identifiers
                    .addObject()
                    .put("type", identifier.getType().name())
                    .put("pseudonym", identifier.getPseudonym())
                    .put("keyId", identifier.getKeyId());
        }
        body.put("reason", task.getReason());
        body.put("legalReference", task.getLegalReference());
        body.put("issuedAt", iso(task.getIssuedAt()));
        body.put("deadline", iso(task.getDeadline()));
        body.put("answerBy", iso(task.getAnswerBy()));
        body.put("expiresAt", iso(task.getExpiresAt()));
        body.put("reminder", task.getReminder());
        body.put("note", task.getNote());
        body.put("answerRequired", answerRequired(task.getType()));
        ArrayNode outcomes = body.putArray("outcomes");
        for (OutcomeType outcome : OutcomeRules.allowed(task.getType())) {
            outcomes.add(outcome.name());
        }
        body.putObject("callback")
                .put("url", links.answerUrl(task.getTaskId()).toString())
                .put("tokenHeader", CallbackLinks.TOKEN_HEADER)
                .put("token", links.token(task.getTaskId()));
        return body;
    }

    /** An EXPIRES task tells the holder its copy is gone by itself; it asks for nothing. */
    static boolean answerRequired(TaskType type) {
        return type != TaskType.EXPIRES;
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
