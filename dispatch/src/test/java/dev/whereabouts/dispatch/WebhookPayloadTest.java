package dev.whereabouts.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.model.dsr.HolderTask;
import dev.whereabouts.model.dsr.TaskType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookPayloadTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldRenderEveryFieldOfTheTaskAndHowToAnswerIt() throws Exception {
        // Given
        HolderTask task = TaskFixtures.anEraseTask("postmark")
                .setReason("legal hold")
                .setLegalReference("GDPR Art. 17(3)(b)")
                .setNote("see ticket")
                .build();

        // When
        JsonNode body = json.readTree(WebhookPayload.render(task, TaskFixtures.links()));

        // Then
        assertThat(fieldNames(body))
                .containsExactly(
                        "taskId",
                        "requestId",
                        "holder",
                        "type",
                        "categories",
                        "subjectId",
                        "identifiers",
                        "reason",
                        "legalReference",
                        "issuedAt",
                        "deadline",
                        "answerBy",
                        "expiresAt",
                        "reminder",
                        "note",
                        "answerRequired",
                        "outcomes",
                        "callback");
        assertThat(body.get("taskId").asText()).isEqualTo(TaskFixtures.REQUEST_ID + "/postmark");
        assertThat(body.get("requestId").asText()).isEqualTo(TaskFixtures.REQUEST_ID);
        assertThat(body.get("holder").asText()).isEqualTo("postmark");
        assertThat(body.get("type").asText()).isEqualTo("ERASE");
        assertThat(body.get("categories").toString()).isEqualTo("[\"user.contact.email\",\"user.name\"]");
        assertThat(body.get("subjectId").asText()).startsWith("s-");
        assertThat(body.at("/identifiers/0/type").asText()).isEqualTo("EMAIL");
        assertThat(body.at("/identifiers/0/pseudonym").asText()).isEqualTo(TaskFixtures.EMAIL_PSEUDONYM);
        assertThat(body.at("/identifiers/0/keyId").asText()).isEqualTo("k1");
        assertThat(body.get("reason").asText()).isEqualTo("legal hold");
        assertThat(body.get("legalReference").asText()).isEqualTo("GDPR Art. 17(3)(b)");
        assertThat(body.get("issuedAt").asText()).isEqualTo("2026-12-07T10:00:00Z");
        assertThat(body.get("deadline").asText()).isEqualTo("2027-01-04T10:00:00Z");
        assertThat(body.get("answerBy").asText()).isEqualTo("2026-12-21T10:00:00Z");
        assertThat(body.get("expiresAt").isNull()).isTrue();
        assertThat(body.get("reminder").asInt()).isZero();
        assertThat(body.get("note").asText()).isEqualTo("see ticket");
        assertThat(body.get("answerRequired").asBoolean()).isTrue();
        assertThat(body.get("outcomes").toString()).isEqualTo("[\"ERASED\",\"RESTRICTED\",\"NOT_FOUND\",\"FAILED\"]");
        assertThat(body.at("/callback/url").asText())
                .isEqualTo(TaskFixtures.CALLBACK + "/v1/callbacks/tasks/" + TaskFixtures.REQUEST_ID + "%2Fpostmark");
        assertThat(body.at("/callback/tokenHeader").asText()).isEqualTo("Whereabouts-Task-Token");
        assertThat(TaskFixtures.tokens()
                        .matches(task.getTaskId(), body.at("/callback/token").asText()))
                .isTrue();
    }

    @Test
    void shouldMarkAnExpiresNoticeAsNeedingNoAnswer() throws Exception {
        HolderTask task = TaskFixtures.aTask(TaskFixtures.REQUEST_ID, "amazon-s3-database-backups", TaskType.EXPIRES)
                .setExpiresAt(Instant.parse("2027-03-01T00:00:00Z"))
                .setAnswerBy(null)
                .build();

        JsonNode body = json.readTree(WebhookPayload.render(task, TaskFixtures.links()));

        assertThat(body.get("type").asText()).isEqualTo("EXPIRES");
        assertThat(body.get("answerRequired").asBoolean()).isFalse();
        assertThat(body.get("expiresAt").asText()).isEqualTo("2027-03-01T00:00:00Z");
        assertThat(body.get("answerBy").isNull()).isTrue();
        assertThat(body.get("outcomes").toString()).isEqualTo("[\"ERASED\",\"NOT_FOUND\"]");
    }

    @Test
    void shouldCarryTheReminderNumber() throws Exception {
        HolderTask task = TaskFixtures.anEraseTask("postmark").setReminder(2).build();

        JsonNode body = json.readTree(WebhookPayload.render(task, TaskFixtures.links()));

        assertThat(body.get("reminder").asInt()).isEqualTo(2);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
