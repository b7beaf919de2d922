package dev.whereabouts.emitter;

import dev.whereabouts.model.id.EventId;
import dev.whereabouts.model.sharing.SharingEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * An accepted event between {@code emit()} and its end (acknowledged or failed). Also the
 * producer callback for its record. Ends exactly once, whichever of the broker, the sender's
 * deadline check and {@code close()} gets there first.
 */
final class PendingEvent implements Callback {

    private static final AtomicIntegerFieldUpdater<PendingEvent> ENDED =
            AtomicIntegerFieldUpdater.newUpdater(PendingEvent.class, "ended");

    final KafkaEmitter emitter;
    final EventId eventId;
    final ProducerRecord<String, SharingEvent> record;
    final long deadlineNanos;
    final CompletableFuture<EventId> future = new CompletableFuture<>();
    private volatile int ended;

    PendingEvent(
            KafkaEmitter emitter, EventId eventId, ProducerRecord<String, SharingEvent> record, long deadlineNanos) {
        this.emitter = emitter;
        this.eventId = eventId;
        this.record = record;
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * An already-ended marker that only wakes the sender from waiting on an empty queue; the
     * sender drops ended entries, so it is never sent or reported.
     */
    static PendingEvent wakeUp() {
        PendingEvent marker = new PendingEvent(null, null, null, 0);
        marker.end();
        return marker;
    }

    /** Claims the right to end this event; true for exactly one caller. */
    boolean end() {
        return ENDED.compareAndSet(this, 0, 1);
    }

    boolean hasEnded() {
        return ended != 0;
    }

    boolean isOverdue(long nowNanos) {
        return nowNanos - deadlineNanos >= 0;
    }

    String holder() {
        return record.value().getHolder();
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        emitter.onProducerCompletion(this, exception);
    }
}
