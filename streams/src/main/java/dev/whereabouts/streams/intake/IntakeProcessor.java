package dev.whereabouts.streams.intake;

import dev.whereabouts.model.deadletter.DeadLetter;
import dev.whereabouts.model.deadletter.DeadLetters;
import dev.whereabouts.model.deadletter.FailureStage;
import dev.whereabouts.streams.state.Route;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * First step for every input topic: decodes the raw bytes, validates, drops re-sent duplicates and
 * hands the record to the routing stages. Records that cannot be decoded or are invalid go to the
 * topic's dead-letter twin with the original key, value and headers, inside the same transaction
 * as the offset commit (so a poison record is dead-lettered exactly once and never blocks the
 * partition).
 *
 * @param <T> the contract type of the input topic
 */
public final class IntakeProcessor<T> implements Processor<byte[], byte[], Object, Object> {

    /** What differs between input topics. */
    public interface Spec<T> {
        /** Empty when valid; otherwise the reason, naming the field. */
        Optional<String> validate(T value, ProcessorContext<?, ?> context);

        /** The idempotency key, or null when the topic needs no de-duplication here. */
        String idempotencyKey(T value);

        /** The routing message and its key. */
        Record<String, Route> route(T value, Record<byte[], byte[]> input);

        /** Every routing message, in the order they are handled; one ({@link #route}) unless a spec says otherwise. */
        default List<Record<String, Route>> routes(T value, Record<byte[], byte[]> input) {
            return List.of(route(value, input));
        }
    }

    private final Deserializer<T> deserializer;
    private final Spec<T> spec;
    private final String next;
    private final String deadLetterSink;
    private final String dedupeStore;
    private final Duration dedupeWindow;
    private final DeadLetters deadLetters;
    private ProcessorContext<Object, Object> context;
    private WindowStore<String, Long> dedupe;

    /**
     * @param next        the child processor valid records go to (the routing stages)
     * @param dedupeStore name of the window store remembering idempotency keys, or null for none
     */
    public IntakeProcessor(
            Deserializer<T> deserializer,
            Spec<T> spec,
            String next,
            String deadLetterSink,
            String dedupeStore,
            Duration dedupeWindow,
            String application) {
        this.deserializer = deserializer;
        this.spec = spec;
        this.next = next;
        this.deadLetterSink = deadLetterSink;
        this.dedupeStore = dedupeStore;
        this.dedupeWindow = dedupeWindow;
        this.deadLetters = new DeadLetters(application, Clock.systemUTC());
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        if (dedupeStore != null) {
            dedupe = context.getStateStore(dedupeStore);
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("unknown");
        T value;
        try {
            if (record.value() == null) {
                deadLetter(
                        record,
                        FailureStage.DESERIALIZATION,
                        "null-value",
                        "record has no value (a tombstone is not a valid " + topic + " record)");
                return;
            }
            value = deserializer.deserialize(topic, record.headers(), record.value());
        } catch (RuntimeException e) {
            deadLetter(record, FailureStage.DESERIALIZATION, e.getClass().getName(), DeadLetters.describe(e));
            return;
        }
        Optional<String> problem = spec.validate(value, context);
        if (problem.isPresent()) {
            deadLetter(record, FailureStage.VALIDATION, "invalid-record", problem.get());
            return;
        }
        String key = dedupe == null ? null : spec.idempotencyKey(value);
        if (key != null && seenBefore(key, record.timestamp())) {
            return;
        }
        for (Record<String, Route> route : spec.routes(value, record)) {
            context.forward(route, next);
        }
    }

    private boolean seenBefore(String key, long timestamp) {
        long window = dedupeWindow.toMillis();
        try (WindowStoreIterator<Long> seen = dedupe.fetch(key, timestamp - window, timestamp + window)) {
            if (seen.hasNext()) {
                return true;
            }
        }
        dedupe.put(key, timestamp, timestamp);
        return false;
    }

    private void deadLetter(Record<byte[], byte[]> record, FailureStage stage, String errorClass, String reason) {
        Optional<RecordMetadata> meta = context.recordMetadata();
        DeadLetter letter = deadLetters.of(
                meta.map(RecordMetadata::topic).orElse("unknown"),
                meta.map(RecordMetadata::partition).orElse(null),
                meta.map(RecordMetadata::offset).orElse(null),
                record.key(),
                record.value(),
                record.headers(),
                stage,
                errorClass,
                reason);
        context.forward(new Record<Object, Object>(record.key(), letter, record.timestamp()), deadLetterSink);
    }
}
