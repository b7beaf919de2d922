package dev.whereabouts.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.model.dsr.HolderTask;
import dev.whereabouts.model.dsr.TaskType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TaskEmailTest {

    private final CallbackLinks links = TaskFixtures.links();

    @Test
    void shouldNameTheTaskTypeHolderRequestAndAnswerByDateInTheSubject() {
        HolderTask task = TaskFixtures.anEraseTask("postmark").build();

        TaskEmail email = TaskEmail.render(task, "Postmark", links);

        assertThat(email.subject())
                .isEqualTo("ERASE task for Postmark (postmark), request " + TaskFixtures.REQUEST_ID
                        + ": answer by 2026-12-21");
    }

    @Test
    void shouldSayWhatToDoForWhichDataByWhenAndHowToAnswer() {
        HolderTask task = TaskFixtures.anEraseTask("postmark").build();

        String body = TaskEmail.render(task, "Postmark", links).body();

        assertThat(body)
                .contains("Hello Postmark,")
                .contains("Please erase every copy")
                .contains("user.contact.email, user.name")
                .contains("Answer by:         2026-12-21T10:00:00Z")
                .contains("Deadline:          2027-01-04T10:00:00Z")
                .contains("subject id: s-")
                .contains("email: " + TaskFixtures.EMAIL_PSEUDONYM + " (key k1)")
                .contains(links.formUrl(task.getTaskId()).toString())
                .contains("curl -X POST '" + links.answerUrl(task.getTaskId()) + "'")
                .contains("Whereabouts-Task-Token: " + links.token(task.getTaskId()))
                .contains("{\"outcome\": \"ERASED\"")
                .contains("ERASED, RESTRICTED, NOT_FOUND, FAILED")
                .doesNotContain("Reminder");
    }

    @Test
    void shouldSayReminderNInSubjectAndBody() {
        HolderTask task = TaskFixtures.anEraseTask("postmark").setReminder(2).build();

        TaskEmail email = TaskEmail.render(task, "Postmark", links);

        assertThat(email.subject()).startsWith("Reminder 2: ERASE task for Postmark");
        assertThat(email.body()).contains("Reminder 2: we sent you this task on 2026-12-07 and have no answer yet.");
    }

    @Test
    void shouldTellTheHolderOfAnExpiringCopyThatNoAnswerIsNeeded() {
        HolderTask task = TaskFixtures.aTask(TaskFixtures.REQUEST_ID, "transip-vps-backups", TaskType.EXPIRES)
                .setExpiresAt(Instant.parse("2027-03-01T00:00:00Z"))
                .setAnswerBy(null)
                .build();

        TaskEmail email = TaskEmail.render(task, "TransIP", links);

        assertThat(email.subject()).endsWith(": no answer needed");
        assertThat(email.body())
                .contains("Nothing needs doing")
                .contains("Your copy expires: 2027-03-01T00:00:00Z")
                .contains("No answer is needed")
                .doesNotContain("Answer by:");
    }

    @Test
    void shouldAskForRectificationWithTheNoteAndTheLegalHoldReasonWhenThereIsOne() {
        HolderTask rectify = TaskFixtures.aTask(TaskFixtures.REQUEST_ID, "zendesk", TaskType.RECTIFY)
                .setNote("the person's name is spelled differently")
                .build();
        HolderTask restrict = TaskFixtures.aTask(TaskFixtures.REQUEST_ID, "moneybird", TaskType.RESTRICT)
                .setReason("invoices are kept 7 years")
                .setLegalReference("GDPR Art. 17(3)(b), AWR art. 52")
                .build();

        assertThat(TaskEmail.render(rectify, "Zendesk", links).body())
                .contains("Please correct the data")
                .contains("Note:              the person's name is spelled differently");
        assertThat(TaskEmail.render(restrict, "MoneyBird", links).body())
                .contains("Please restrict the data")
                .contains("Reason:            invoices are kept 7 years")
                .contains("Legal reference:   GDPR Art. 17(3)(b), AWR art. 52");
    }
}
