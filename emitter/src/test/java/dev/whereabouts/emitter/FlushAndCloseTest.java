package dev.whereabouts.emitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.whereabouts.emitter.FailedEvent.Reason;
import dev.whereabouts.model.common.LegalBasis;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** flush() waits for what was emitted before it; close() delivers what it can in time and reports the rest. */
class FlushAndCloseTest {

    private static EmitResult mail(WhereaboutsEmitter emitter, String account) {
        return emitter.shared(Subject.accountId(account))
                .categories("user.contact.email")
                .to("postmark")
                .purpose("transactional-mail")
                .legalBasis(LegalBasis.CONTRACT)
                .emit();
    }

    @Test
    void shouldFlushByWaitingUntilEveryEarlierEventIsAcknowledgedOrFailed() throws Exception {
        // Given two events the broker has not answered yet
        MockKafka kafka = new MockKafka(false);
        try (WhereaboutsEmitter emitter = kafka.emitter().build()) {
            EmitResult first = mail(emitter, "a-1");
            EmitResult second = mail(emitter, "a-2");
            kafka.awaitSent(2);

            // When one thread flushes while the broker answers the first and refuses the second
            CompletableFuture<Boolean> flushed =
                    CompletableFuture.supplyAsync(() -> emitter.flush(Duration.ofSeconds(10)));
            Thread.sleep(50);
            assertThat(flushed).isNotDone();
            kafka.producer.completeNext();
            kafka.producer.errorNext(
                    new org.apache.kafka.common.errors.NotEnoughReplicasException("not enough replicas"));

            // Then flush returns true once both have ended, whichever way
            assertThat(flushed.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(first.isAcknowledged()).isTrue();
            assertThat(second.failure()).map(FailedEvent::reason).contains(Reason.SEND_FAILED);
        }
    }

    @Test
    void shouldReturnFalseFromFlushWhenTheBrokerDoesNotAnswerInTime() {
        MockKafka kafka = new MockKafka(false);
        try (WhereaboutsEmitter emitter = kafka.emitter().build()) {
            mail(emitter, "a-1");

            assertThat(emitter.flush(Duration.ofMillis(100))).isFalse();
            assertThat(emitter.metrics().pending()).isEqualTo(1);
        }
    }

    @Test
    void shouldFlushImmediatelyWhenNothingIsPending() {
        MockKafka kafka = new MockKafka(true);
        try (WhereaboutsEmitter emitter = kafka.emitter().build()) {
            assertThat(emitter.flush(Duration.ZERO)).isTrue();
        }
    }

    @Test
    void shouldDeliverEverythingQueuedBeforeCloseReturns() {
        // Given a healthy broker and a burst of events
        MockKafka kafka = new MockKafka(true);
        WhereaboutsEmitter emitter = kafka.emitter().build();
        EmitResult[] results = new EmitResult[200];
        for (int i = 0; i < results.length; i++) {
            results[i] = mail(emitter, "acct-" + i);
        }

        // When the emitter is closed
        emitter.close(Duration.ofSeconds(10));

        // Then every event was acknowledged and the producer is closed
        assertThat(results).allMatch(EmitResult::isAcknowledged);
        assertThat(kafka.producer.history()).hasSize(200);
        assertThat(kafka.producer.closed()).isTrue();
        assertThat(emitter.metrics().acked()).isEqualTo(200);
    }

    @Test
    void shouldReportEventsStillUnacknowledgedAtCloseAsClosed() {
        // Given an event the broker never answers
        MockKafka kafka = new MockKafka(false);
        WhereaboutsEmitter emitter = kafka.emitter().build();
        EmitResult result = mail(emitter, "a-1");
        kafka.awaitSent(1);

        // When the emitter is closed with a short timeout
        assertThatCode(() -> emitter.close(Duration.ofMillis(100))).doesNotThrowAnyException();

        // Then the event is reported CLOSED, with advice that re-emitting is harmless
        FailedEvent failure = result.failure().orElseThrow();
        assertThat(failure.reason()).isEqualTo(Reason.CLOSED);
        assertThat(failure.message())
                .contains("was not acknowledged before the emitter closed")
                .contains("re-emitting it with the same event id is harmless");
        assertThat(kafka.failures).containsExactly(failure);
        assertThat(emitter.metrics()).isEqualTo(new EmitterMetrics(1, 1, 0, 1, 0, 0, 0, 0));

        // And a late answer from the broker changes nothing
        kafka.producer.completeNext();
        assertThat(result.isAcknowledged()).isFalse();
        assertThat(emitter.metrics().acked()).isZero();
    }

    @Test
    void shouldReportEventsHeldDuringAnOutageAsClosedWhenClosing() {
        // Given a broker that is unreachable, so the event is still held by the emitter
        MockKafka kafka = new MockKafka(true);
        kafka.producer.partitionsForException = new org.apache.kafka.common.errors.TimeoutException("no metadata");
        WhereaboutsEmitter emitter = kafka.emitter().build();
        EmitResult result = mail(emitter, "a-1");

        // When the emitter closes
        emitter.close(Duration.ofMillis(100));

        // Then the held event is reported, not dropped
        assertThat(result.failure()).map(FailedEvent::reason).contains(Reason.CLOSED);
        assertThat(emitter.metrics().pending()).isZero();
    }

    @Test
    void shouldRejectEventsEmittedAfterClose() {
        MockKafka kafka = new MockKafka(true);
        WhereaboutsEmitter emitter = kafka.emitter().build();
        emitter.close();

        EmitResult late = mail(emitter, "a-1");

        assertThat(late.failure().orElseThrow().reason()).isEqualTo(Reason.REJECTED_CLOSED);
        assertThat(late.failure().orElseThrow().message()).contains("the emitter is closed");
        assertThat(emitter.metrics().rejectedClosed()).isEqualTo(1);
        assertThat(kafka.producer.history()).isEmpty();
    }

    @Test
    void shouldTolerateClosingTwice() {
        MockKafka kafka = new MockKafka(true);
        WhereaboutsEmitter emitter = kafka.emitter().build();

        emitter.close(Duration.ofSeconds(1));

        assertThatCode(emitter::close).doesNotThrowAnyException();
    }

    @Test
    void shouldAccountForEveryEventFromManyThreads() throws Exception {
        // Given a small buffer and a broker that answers only after the burst
        MockKafka kafka = new MockKafka(false);
        try (WhereaboutsEmitter emitter = kafka.emitter().maxPendingEvents(50).build()) {
            Thread[] threads = new Thread[4];
            for (int t = 0; t < threads.length; t++) {
                int thread = t;
                threads[t] = new Thread(() -> {
                    for (int i = 0; i < 100; i++) {
                        mail(emitter, "t" + thread + "-" + i);
                    }
                });
                threads[t].start();
            }
            for (Thread thread : threads) {
                thread.join();
            }

            // When the broker then acknowledges everything it was given
            kafka.awaitSent(50);
            while (kafka.producer.completeNext()) {
                // acknowledge one by one
            }

            // Then every one of the 400 events is accounted for: 50 acknowledged, 350 rejected and reported
            EmitterMetrics metrics = emitter.metrics();
            assertThat(metrics.accepted() + metrics.rejectedBufferFull()).isEqualTo(400);
            assertThat(metrics.accepted()).isEqualTo(50);
            assertThat(metrics.acked()).isEqualTo(50);
            assertThat(metrics.pending()).isZero();
            assertThat(kafka.failures).hasSize(350);
        }
    }
}
