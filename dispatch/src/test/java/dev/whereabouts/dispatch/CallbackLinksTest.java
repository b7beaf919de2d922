package dev.whereabouts.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallbackLinksTest {

    @Test
    void shouldPutTheTaskIdIntoOnePathSegmentWithItsSlashEncoded() {
        CallbackLinks links = new CallbackLinks("https://dpo.example.test/", TaskFixtures.tokens());

        assertThat(links.answerUrl(TaskFixtures.REQUEST_ID + "/postmark"))
                .hasToString("https://dpo.example.test/v1/callbacks/tasks/" + TaskFixtures.REQUEST_ID + "%2Fpostmark");
    }

    @Test
    void shouldCarryTheTasksOwnTokenInTheFormLink() {
        CallbackLinks links = TaskFixtures.links();
        String taskId = TaskFixtures.REQUEST_ID + "/postmark";

        String form = links.formUrl(taskId).toString();

        assertThat(form).startsWith(links.answerUrl(taskId) + "?token=");
        String token = form.substring(form.indexOf("?token=") + 7);
        assertThat(TaskFixtures.tokens().matches(taskId, token)).isTrue();
        assertThat(links.token(taskId)).isEqualTo(token);
        assertThat(TaskFixtures.tokens().matches(TaskFixtures.REQUEST_ID + "/zendesk", token))
                .isFalse();
    }
}
