package dev.whereabouts.emitter;

import static dev.whereabouts.emitter.MockKafka.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.whereabouts.emitter.FailedEvent.Reason;
import dev.whereabouts.model.common.LegalBasis;
import dev.whereabouts.model.serde.SchemaRegistryConnectionException;
import dev.whereabouts.model.serde.SchemaRegistryException;
import dev.whereabouts.model.sharing.SharingEvent;
import dev.whereabouts.model.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** Broker and registry trouble never reaches the caller: it is buffered, bounded, and reported. */
class DeliveryFailureTest {

    private static final String TOPIC = Topics.SHARING_EVENTS.name();

    private static TimeoutException noMetadata() {
        return new TimeoutException("Topic " + TOPIC + " not present in metadata after 50 ms.");
    }

    private static EmitResult mail(WhereaboutsEmitter emitter, String account) {
        return emitter.shared(Subject.accountId(account))
                .categories("user.contact.email")
                .to("postmark")
                .purpose("transactional-mail")
                .legalBasis(LegalBasis.CONTRACT)
                .emit();
    }

    @Test
    void shouldRejectEventsBeyondMaxPendingAndAcceptAgainOnceSomeAreAcknowledged() {
        // Given a broker that has not answered yet and room for two pending events
        MockKafka kafka = new MockKafka(false);
        try (WhereaboutsEmitter emitter = kafka.emitter().maxPendingEvents(2).build()) {
            EmitResult first = mail(emitter, "a-1");
            EmitResult second = mail(emitter, "a-2");

            // When a third event arrives
            EmitResult third = mail(emitter, "a-3");

            // Then it is rejected at once, without blocking or throwing, and reported with its pseudonymised event
            FailedEvent rejection = third.failure().orElseThrow();
            assertThat(rejection.reason()).isEqualTo(Reason.REJECTED_BUFFER_FULL);
            assertThat(rejection.message())
                    .contains("2 events (max.pending.events) are already waiting for the broker");
            assertThat(rejection.event()).map(SharingEvent::getHolder).contains("postmark");
            assertThat(kafka.failures).containsExactly(rejection);
            assertThat(emitter.metrics().rejectedBufferFull()).isEqualTo(1);
            assertThat(emitter.metrics().pending()).isEqualTo(2);

            // And once the broker acknowledges one, there is room again
            kafka.awaitSent(2);
            kafka.producer.completeNext();
            assertThat(first.isAcknowledged()).isTrue();
            EmitResult fourth = mail(emitter, "a-4");
            assertThat(fourth.isDone()).isFalse();
            assertThat(second.isDone()).isFalse();
            assertThat(emitter.metrics().accepted()).isEqualTo(3);
        }
    }

    @Test
    void shouldReportABrokerErrorThroughTheStageTheCallbackAndAMetric() {
        // Given a broker that refuses the record
        MockKafka kafka = new MockKafka(false);
        try (WhereaboutsEmitter emitter = kafka.emitter().build()) {
            EmitResult result = mail(emitter, "a-1");
            kafka.awaitSent(1);

            // When the producer reports the error
            kafka.producer.errorNext(new RecordTooLargeException("The message is 2000000 bytes"));

            // Then the stage fails with SEND_FAILED, the callback has it and the metric counts it
            FailedEvent failure = result.failure().orElseThrow();
            assertThat(failure.reason()).isEqualTo(Reason.SEND_FAILED);
            assertThat(failure.message()).contains("was refused by Kafka").contains("RecordTooLargeException");
            assertThat(failure.cause()).containsInstanceOf(RecordTooLargeException.class);
            assertThat(failure.event()).isPresent();
            assertThat(kafka.failures).containsExactly(failure);
            assertThat(emitter.metrics()).isEqualTo(new EmitterMetrics(1, 1, 0, 1, 0, 0, 0, 0));
        }
    }

    @Test
    void shouldReportAProducerDeliveryTimeoutAsTimedOut() {
        MockKafka kafka = new MockKafka(false);
        try (WhereaboutsEmitter emitter = kafka.emitter().build()) {
            EmitResult result = mail(emitter, "a-1");
            kafka.awaitSent(1);

            kafka.producer.errorNext(
                    new TimeoutException("Expiring 1 record(s) for " + TOPIC + "-0: 120001 ms has passed"));

            assertThat(result.failure().orElseThrow().reason()).isEqualTo(Reason.TIMED_OUT);
            assertThat(result.failure().orElseThrow().message())
                    .contains("was not acknowledged within delivery.timeout.ms=120000 ms");
        }
    }

    @Test
    void shouldHoldEventsWhileTheBrokerIsUnreachableAndSendThemInOrderWhenItAnswers() throws Exception {
        // Given a broker that gives no metadata for the topic (down at start-up)
        MockKafka kafka = new MockKafka(true);
        kafka.producer.partitionsForException = noMetadata();
        try (WhereaboutsEmitter emitter = kafka.emitter().build()) {

            // When events are emitted meanwhile
            List<EmitResult> results = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                results.add(mail(emitter, "acct-" + i));
            }

            // Then they return at once and wait, nothing is sent
            assertThat(results).noneMatch(EmitResult::isDone);
            Thread.sleep(200);
            assertThat(kafka.producer.history()).isEmpty();
            assertThat(emitter.metrics().pending()).isEqualTo(5);

            // And when the broker is back, all are delivered in the order they were emitted
            kafka.producer.partitionsForException = null;
            for (EmitResult result : results) {
                result.acknowledged().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            assertThat(kafka.sentEvents())
                    .extracting(SharingEvent::getEventId)
                    .containsExactlyElementsOf(
                            results.stream().map(r -> r.eventId().value()).toList());
        }
    }

    @Test
    void shouldFailHeldEventsOnceTheirDeliveryTimeoutHasPassed() {
        // Given a broker that never becomes reachable and a short delivery timeout
        MockKafka kafka = new MockKafka(true);
        kafka.producer.partitionsForException = noMetadata();
        try (WhereaboutsEmitter emitter = kafka.emitter()
                .deliveryTimeout(Duration.ofMillis(400))
                .set(EmitterConfig.REQUEST_TIMEOUT_MS, 300)
                .build()) {

            // When an event is emitted
            EmitResult result = mail(emitter, "a-1");

            // Then it fails as TIMED_OUT through callback and stage, naming the cause, and nothing was sent
            eventually("the held event timed out", result::isDone);
            FailedEvent failure = result.failure().orElseThrow();
            assertThat(failure.reason()).isEqualTo(Reason.TIMED_OUT);
            assertThat(failure.message())
                    .contains("could not be handed to Kafka within delivery.timeout.ms=400 ms")
                    .contains("no metadata for topic " + TOPIC);
            assertThat(kafka.failures).containsExactly(failure);
            assertThat(kafka.producer.history()).isEmpty();
            assertThat(emitter.metrics()).isEqualTo(new EmitterMetrics(1, 0, 0, 1, 0, 0, 0, 0));
        }
    }

    @Test
    void shouldWaitForTheRegistryAndDeliverOnceItAnswers() throws Exception {
        // Given a registry that is down before the schema id was ever fetched
        MockKafka kafka = new MockKafka(true);
        kafka.registry.down(true);
        try (WhereaboutsEmitter emitter = kafka.emitter().build()) {

            // When an event is emitted
            EmitResult result = assertReturnsWithoutThrowing(() -> mail(emitter, "a-1"));
            eventually("the registry was tried", () -> kafka.registry.calls() > 0);
            assertThat(result.isDone()).isFalse();

            // Then it is delivered as soon as the registry answers
            kafka.registry.down(false);
            assertThat(result.acknowledged().toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .isEqualTo(result.eventId());
            assertThat(kafka.failures).isEmpty();
        }
    }

    @Test
    void shouldReportTheFirstEventWhenTheRegistryStaysDownPastTheDeliveryTimeout() {
        MockKafka kafka = new MockKafka(true);
        kafka.registry.down(true);
        try (WhereaboutsEmitter emitter = kafka.emitter()
                .deliveryTimeout(Duration.ofMillis(400))
                .set(EmitterConfig.REQUEST_TIMEOUT_MS, 300)
                .build()) {

            EmitResult result = assertReturnsWithoutThrowing(() -> mail(emitter, "a-1"));

            eventually("the event timed out", result::isDone);
            FailedEvent failure = result.failure().orElseThrow();
            assertThat(failure.reason()).isEqualTo(Reason.TIMED_OUT);
            assertThat(failure.message()).contains("the schema registry did not answer");
            assertThat(failure.cause()).containsInstanceOf(SchemaRegistryConnectionException.class);
            assertThat(kafka.failures).containsExactly(failure);
        }
    }

    @Test
    void shouldKeepSendingWithTheCachedSchemaIdWhileTheRegistryIsDown() throws Exception {
        // Given an emitter that has sent once, so the schema id is cached
        MockKafka kafka = new MockKafka(true);
        try (WhereaboutsEmitter emitter = kafka.emitter().build()) {
            mail(emitter, "a-1").acknowledged().toCompletableFuture().get(10, TimeUnit.SECONDS);
            int callsWhileUp = kafka.registry.calls();

            // When the registry goes down
            kafka.registry.down(true);

            // Then later events still go out, without asking the registry
            for (int i = 2; i <= 4; i++) {
                mail(emitter, "a-" + i).acknowledged().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            assertThat(kafka.registry.calls()).isEqualTo(callsWhileUp);
            assertThat(emitter.metrics().acked()).isEqualTo(4);
        }
    }

    @Test
    void shouldFailAtOnceWhenTheRegistryRefusesTheSchema() {
        // Given a registry that answers but refuses the schema as incompatible
        MockKafka kafka = new MockKafka(true);
        kafka.registry.refuseWith(new SchemaRegistryException(
                "Schema being registered is incompatible with an earlier schema",
                409,
                SchemaRegistryException.INCOMPATIBLE_SCHEMA));
        try (WhereaboutsEmitter emitter = kafka.emitter().build()) {

            EmitResult result = mail(emitter, "a-1");

            // Then waiting would not help: the event fails at once as SEND_FAILED, with the registry's reason
            eventually("the event failed", result::isDone);
            FailedEvent failure = result.failure().orElseThrow();
            assertThat(failure.reason()).isEqualTo(Reason.SEND_FAILED);
            assertThat(failure.message())
                    .contains("could not be serialized or sent")
                    .contains("incompatible");
            assertThat(emitter.metrics().sent()).isZero();
        }
    }

    @Test
    void shouldReportAConnectionFailureFromTheProducerWithoutThrowing() {
        MockKafka kafka = new MockKafka(false);
        try (WhereaboutsEmitter emitter = kafka.emitter().build()) {
            EmitResult result = mail(emitter, "a-1");
            kafka.awaitSent(1);

            assertThatCode(() ->
                            kafka.producer.errorNext(new NetworkException("Connection to node 1 was disconnected")))
                    .doesNotThrowAnyException();

            assertThat(result.failure().orElseThrow().reason()).isEqualTo(Reason.SEND_FAILED);
            assertThat(emitter.metrics().failed()).isEqualTo(1);
            assertThat(emitter.metrics().pending()).isZero();
        }
    }

    private static EmitResult assertReturnsWithoutThrowing(java.util.function.Supplier<EmitResult> emit) {
        EmitResult[] result = new EmitResult[1];
        assertThatCode(() -> result[0] = emit.get()).doesNotThrowAnyException();
        return result[0];
    }
}
