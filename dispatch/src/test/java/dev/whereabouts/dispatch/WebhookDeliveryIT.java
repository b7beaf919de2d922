package dev.whereabouts.dispatch;

import static dev.whereabouts.dispatch.DispatchProbe.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.dispatch.HolderWebhookServer.Call;
import dev.whereabouts.model.deadletter.DeadLetter;
import dev.whereabouts.model.deadletter.FailureStage;
import dev.whereabouts.model.dsr.HolderOutcome;
import dev.whereabouts.model.dsr.HolderTask;
import dev.whereabouts.model.dsr.OutcomeType;
import dev.whereabouts.model.dsr.TaskType;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.stack.junit.EmbeddedStackExtension;
import dev.whereabouts.stack.junit.StackFixture;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dispatcher on the real embedded stack against a real HTTP server playing the holders: postmark
 * answers at once, zendesk fails once, hirefire is always down, heroku has no secret configured,
 * vimeo refuses with 404; smarttrackers-app stays on Kafka.
 */
@ExtendWith(EmbeddedStackExtension.class)
class WebhookDeliveryIT {

    private static final Map<String, String> SECRETS = Map.of(
            "postmark", "postmark-webhook-secret-0123",
            "zendesk", "zendesk-webhook-secret-0123",
            "hirefire", "hirefire-webhook-secret-0123",
            "vimeo", "vimeo-webhook-secret-01234567");

    private DispatchProbe probe;
    private HolderWebhookServer holders;
    private DispatcherApp dispatcher;

    @BeforeEach
    void publishTheCatalogAndStartTheHolders(StackFixture stack) throws Exception {
        probe = new DispatchProbe(stack);
        holders = new HolderWebhookServer(SECRETS, TaskFixtures.tokens())
                .answer("zendesk", 200, 500)
                .answer("hirefire", 500)
                .answer("vimeo", 404);
        probe.publishCatalog(Map.of(
                "postmark", DispatchProbe.webhook(holders.url("postmark")),
                "zendesk", DispatchProbe.webhook(holders.url("zendesk")),
                "hirefire", DispatchProbe.webhook(holders.url("hirefire")),
                "heroku", DispatchProbe.webhook(holders.url("heroku")),
                "vimeo", DispatchProbe.webhook(holders.url("vimeo"))));
        dispatcher = DispatcherApp.start(settings());
    }

    private dev.whereabouts.model.config.Settings settings() {
        String secrets = String.join(
                ",",
                SECRETS.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .toList());
        return probe.settings(TaskFixtures.CALLBACK, secrets);
    }

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        holders.close();
        probe.close();
    }

    @Test
    void shouldPostASignedTaskWithItsCallbackTokenToTheHoldersWebhookAndCommitIt() throws Exception {
        // Given a task for a WEBHOOK holder and one for a KAFKA holder
        HolderTask task = TaskFixtures.anEraseTask("postmark").build();
        probe.produceTask(TaskFixtures.anEraseTask("smarttrackers-app").build());
        probe.produceTask(task);

        // When the dispatcher has read both
        eventually("both tasks committed", 30, () -> probe.committedTasks() == 2);

        // Then the webhook got exactly one call, signed with its secret, carrying the task's own token
        List<Call> calls = holders.calls("postmark");
        assertThat(calls).hasSize(1);
        Call call = calls.get(0);
        assertThat(call.signatureProblem()).isEmpty();
        assertThat(call.tokenMatches()).isTrue();
        assertThat(call.contentType()).startsWith("application/json");
        assertThat(UUID.fromString(call.deliveryId())).isNotNull();
        assertThat(call.taskIdHeader()).isEqualTo(task.getTaskId());
        assertThat(call.json().get("taskId").asText()).isEqualTo(task.getTaskId());
        assertThat(call.json().get("type").asText()).isEqualTo("ERASE");
        assertThat(call.json().at("/callback/url").asText())
                .isEqualTo(TaskFixtures.CALLBACK + "/v1/callbacks/tasks/" + TaskFixtures.REQUEST_ID + "%2Fpostmark");
        assertThat(call.json().at("/callback/tokenHeader").asText()).isEqualTo(CallbackLinks.TOKEN_HEADER);

        // And nothing else: the KAFKA holder reads its own tasks, nothing failed
        assertThat(holders.calls()).hasSize(1);
        assertThat(probe.deadLetters()).isEmpty();
        assertThat(probe.outcomes()).isEmpty();
        assertThat(dispatcher.dispatcher().delivered()).isEqualTo(1);
    }

    @Test
    void shouldRetryAHolderThatAnswers500AndDeliverItOnce() throws Exception {
        // Given zendesk answers 500 to its first call
        HolderTask task = TaskFixtures.anEraseTask("zendesk").build();

        // When
        probe.produceTask(task);

        // Then the second try is delivered, with a new delivery id and a fresh signature, and is the last
        eventually("the task committed", 30, () -> probe.committedTasks() == 1);
        List<Call> calls = holders.calls("zendesk");
        assertThat(calls).extracting(Call::answered).containsExactly(500, 200);
        assertThat(calls).allSatisfy(c -> assertThat(c.signatureProblem()).isEmpty());
        assertThat(calls.get(0).deliveryId()).isNotEqualTo(calls.get(1).deliveryId());
        assertThat(calls.get(0).json()).isEqualTo(calls.get(1).json());
        assertThat(dispatcher.dispatcher().retried()).isEqualTo(1);
        Thread.sleep(1_000);
        assertThat(holders.calls("zendesk")).hasSize(2);
        assertThat(probe.deadLetters()).isEmpty();
        assertThat(probe.outcomes()).isEmpty();
    }

    @Test
    void shouldDeadLetterAndReportFailedAfterTheLastTryWithoutHoldingBackTheOtherHolders() throws Exception {
        // Given hirefire is down; its task comes first, postmark's after it
        HolderTask down = TaskFixtures.anEraseTask("hirefire").build();
        byte[] downBytes = probe.produceTask(down);
        HolderTask fine = TaskFixtures.anEraseTask("postmark").build();
        probe.produceTask(fine);

        // When hirefire has had its three tries
        eventually("hirefire given up", 30, () -> dispatcher.dispatcher().givenUp() == 1);

        // Then postmark was served while hirefire was still failing
        assertThat(holders.calls("hirefire")).hasSize(3);
        assertThat(holders.calls("postmark")).hasSize(1);
        assertThat(holders.calls("postmark").get(0).at())
                .isBefore(holders.calls("hirefire").get(2).at());

        // And the task is dead-lettered with its original bytes and the reason
        String reason = "delivery failed after 3 tries: the webhook answered 500";
        List<DeadLetter> deadLetters = probe.deadLetters();
        assertThat(deadLetters).hasSize(1);
        DeadLetter deadLetter = deadLetters.get(0);
        assertThat(deadLetter.getSourceTopic()).isEqualTo(Topics.DSR_TASKS.name());
        assertThat(deadLetter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(downBytes));
        assertThat(deadLetter.getOriginalKey()).isEqualTo(ByteBuffer.wrap("hirefire".getBytes(StandardCharsets.UTF_8)));
        assertThat(deadLetter.getStage()).isEqualTo(FailureStage.SINK);
        assertThat(deadLetter.getErrorClass()).isEqualTo("webhook-status");
        assertThat(deadLetter.getReason()).isEqualTo(reason);
        assertThat(deadLetter.getApplication()).isEqualTo("whereabouts-dispatcher");

        // And the request shows the failure: FAILED, keyed by the request id
        Map<String, List<HolderOutcome>> outcomes = probe.outcomesByKey();
        assertThat(outcomes).containsOnlyKeys(TaskFixtures.REQUEST_ID);
        HolderOutcome outcome = outcomes.get(TaskFixtures.REQUEST_ID).get(0);
        assertThat(outcome.getTaskId()).isEqualTo(down.getTaskId());
        assertThat(outcome.getHolder()).isEqualTo("hirefire");
        assertThat(outcome.getOutcome()).isEqualTo(OutcomeType.FAILED);
        assertThat(outcome.getEvidence()).isEqualTo(reason);
        assertThat(outcome.getReportedBy()).isEqualTo("dispatcher");

        // And both offsets are committed
        eventually("both tasks committed", 30, () -> probe.committedTasks() == 2);
    }

    @Test
    void shouldDeadLetterAnExpiresNoticeItCannotDeliverWithoutReportingFailed() throws Exception {
        HolderTask notice = TaskFixtures.aTask(TaskFixtures.REQUEST_ID, "hirefire", TaskType.EXPIRES)
                .setExpiresAt(java.time.Instant.parse("2027-02-01T00:00:00Z"))
                .build();

        probe.produceTask(notice);

        eventually("the notice given up", 30, () -> dispatcher.dispatcher().givenUp() == 1);
        assertThat(holders.calls("hirefire")).hasSize(3);
        assertThat(holders.calls("hirefire").get(0).json().get("answerRequired").asBoolean())
                .isFalse();
        assertThat(probe.deadLetters()).hasSize(1);
        assertThat(probe.outcomes()).isEmpty();
    }

    @Test
    void shouldGiveUpAtOnceOnAHolderWithoutASecretAndOnAWebhookThatRefusesTheTask() throws Exception {
        // Given heroku has no secret, vimeo answers 404
        HolderTask unsigned = TaskFixtures.anEraseTask("heroku").build();
        HolderTask refused = TaskFixtures.anEraseTask("vimeo").build();

        // When
        probe.produceTask(unsigned);
        probe.produceTask(refused);

        // Then neither is retried: heroku is never called, vimeo once
        eventually("both given up", 30, () -> dispatcher.dispatcher().givenUp() == 2);
        assertThat(holders.calls("heroku")).isEmpty();
        assertThat(holders.calls("vimeo")).hasSize(1);
        assertThat(probe.deadLetters())
                .extracting(DeadLetter::getErrorClass, DeadLetter::getReason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "webhook-secret-missing",
                                "delivery failed after 0 tries: no webhook secret is configured for holder heroku"
                                        + " (delivery.webhook.secrets)"),
                        org.assertj.core.groups.Tuple.tuple(
                                "webhook-status",
                                "delivery failed after 1 try: the webhook refused the task with 404"));
        assertThat(probe.outcomes())
                .extracting(HolderOutcome::getHolder, HolderOutcome::getOutcome)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("heroku", OutcomeType.FAILED),
                        org.assertj.core.groups.Tuple.tuple("vimeo", OutcomeType.FAILED));
        assertThat(dispatcher.dispatcher().retried()).isZero();
    }

    @Test
    void shouldDeliverAfterARestartATaskThatWasStillBeingRetried() throws Exception {
        // Given a patient dispatcher retrying hirefire, which is down
        dispatcher.close();
        dispatcher = DispatcherApp.start(settings().with(DispatchSettings.RETRY_TRIES, 100));
        HolderTask task = TaskFixtures.anEraseTask("hirefire").build();
        probe.produceTask(task);
        eventually("hirefire tried twice", 30, () -> holders.calls("hirefire").size() >= 2);

        // When the dispatcher stops in the middle, hirefire comes back, and a new dispatcher starts
        dispatcher.close();
        assertThat(probe.committedTasks()).isZero();
        holders.answer("hirefire", 200);
        dispatcher = DispatcherApp.start(settings());

        // Then the task is delivered by the new instance: nothing is lost, nothing given up
        eventually("the task committed", 30, () -> probe.committedTasks() == 1);
        List<Call> calls = holders.calls("hirefire");
        assertThat(calls.get(calls.size() - 1).answered()).isEqualTo(200);
        assertThat(calls.get(calls.size() - 1).json().get("taskId").asText()).isEqualTo(task.getTaskId());
        assertThat(dispatcher.dispatcher().delivered()).isEqualTo(1);
        assertThat(probe.deadLetters()).isEmpty();
        assertThat(probe.outcomes()).isEmpty();
    }

    @Test
    void shouldDeadLetterBytesThatAreNoTaskWithTheOriginalBytes() throws Exception {
        byte[] poison = {0, 0, 0, 0, 99, 1, 2, 3};

        probe.produce(Topics.DSR_TASKS, "postmark", poison);

        eventually("the record dead-lettered", 30, () -> dispatcher.dispatcher().givenUp() == 1);
        DeadLetter deadLetter = probe.deadLetters().get(0);
        assertThat(deadLetter.getStage()).isEqualTo(FailureStage.DESERIALIZATION);
        assertThat(deadLetter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(poison));
        assertThat(holders.calls()).isEmpty();
        assertThat(probe.outcomes()).isEmpty();
        eventually("the record committed", 30, () -> probe.committedTasks() == 1);
    }
}
